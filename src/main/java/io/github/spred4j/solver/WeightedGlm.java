package io.github.spred4j.solver;

import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;
import io.github.spred4j.data.MemoryBudget;

import java.util.Arrays;
import java.util.Locale;

/**
 * glmnet's weighted, penalty-factored problem where no exact transformation hands it to the engine: observation
 * weights or unpenalised features (factor 0) with the logistic and Poisson losses, and factors that differ among
 * the penalised features with α < 1 (any loss: the ridge part keeps f_j, so it does not fold into a column scale):
 *
 * <p>P(b0, v) = Σ a_i ℓ(y_i, b0 + u_iᵀv) + λ Σ_c f_c (α|v_c| + (1−α)/2 v_c²), u_c = x_c/s_c, v_c = s_c·β_c,
 * with a the weights over their sum, f the factors rescaled to sum to p, s the a-weighted sd ({@link GlmInputs},
 * {@link ColumnStats}). Solved on the host in float64 (whatever the context's backend), like glmnet: proximal
 * Newton steps (curvature a_i·μ'(η_i)) on a working set, each quadratic model solved exactly by {@link PenaltyModel},
 * a line search on P, then one pass over all columns for the KKT violators and the certificate
 * ({@link WeightedGap}: the duality gap of this very problem). State carries along a path (warm starts).
 * X is held as its kept columns, dense (n·m float64: sparse X is densified, refused in one line when it cannot be).
 */
final class WeightedGlm {
    final int n, p, m;       // m columns kept (penalised and unpenalised); coordinate m is the intercept
    final LossFamily fam;
    final double[] y, a;     // a: the weights over their sum
    final int[] kept;        // column c is feature kept[c]
    final double[] s, f;     // column scale and (rescaled) penalty factor of column c; f = 0: unpenalised
    final double[][] u;      // u[c] = x_kept[c] / s[c]; u[m] = 1 with an intercept
    final boolean intercept;
    final double alpha, tol;
    final int maxSteps;
    final int dim;           // m + (intercept ? 1 : 0)
    final double[] v;        // the coordinates' values (v[m] = b0)
    double[] eta;
    long steps;

    /** Whether options need this route instead of {@link Reweighted}'s transformations. */
    static boolean needed(FitOptions o) {
        if (!o.reweighted() || o.model() == Model.GROUP) return false;
        boolean weighted = !GlmInputs.uniform(o.weights()), free = false, mixed = false;
        double common = Double.NaN;
        if (o.penaltyFactor() != null)
            for (double x : o.penaltyFactor()) {
                free |= x == 0;
                if (x > 0 && x < Double.POSITIVE_INFINITY) {
                    if (Double.isNaN(common)) common = x;
                    else mixed |= x != common;
                }
            }
        return o.model() != Model.SQUARED && (weighted || free) || mixed && o.alpha() < 1;
    }

    WeightedGlm(Dataset d, FitOptions o) {
        n = d.n();
        p = d.p();
        y = d.y();
        if (y == null || y.length != n)
            throw new IllegalArgumentException("y has length " + (y == null ? "null" : y.length) + ", expected n = " + n);
        fam = Families.of(o.model());
        fam.validate(y);
        a = GlmInputs.weights(o.weights(), n);
        double[] pf = GlmInputs.factors(o.penaltyFactor(), p);
        ColumnStats st = ColumnStats.of(d, a);
        int[] k = new int[p];
        int c = 0;
        for (int j = 0; j < p; j++) if (!st.constant[j] && !Double.isInfinite(pf[j])) k[c++] = j;
        m = c;
        kept = Arrays.copyOf(k, m);
        if (d.isSparse()) {
            long bytes = 8L * n * m;
            String what = String.format(Locale.ROOT, "%dx%d sparse X: weights or penalty factors with the %s loss densify its %d kept columns (%s)",
                    n, p, fam.name(), m, MemoryBudget.human(bytes));
            String no = (long) n * m > MemoryBudget.MAX_ARRAY ? what + ", beyond one Java array" : MemoryBudget.shortfall(bytes, what);
            if (no != null) throw new IllegalArgumentException(no);
        }
        intercept = o.intercept();
        alpha = o.alpha();
        tol = o.tol();
        maxSteps = o.maxIter();
        dim = m + (intercept ? 1 : 0);
        s = new double[m];
        f = new double[m];
        u = new double[dim][];
        for (c = 0; c < m; c++) {
            int j = kept[c];
            s[c] = o.standardize() && st.sd[j] > 0 ? st.sd[j] : 1;
            f[c] = pf[j];
            u[c] = new double[n];
        }
        fill(d);
        if (intercept) {
            u[m] = new double[n];
            Arrays.fill(u[m], 1);
        }
        v = new double[dim];
        double ybar = 0;
        for (int i = 0; i < n; i++) ybar += a[i] * y[i];
        if (intercept) v[m] = fam.nullIntercept(ybar);
        eta = new double[n];
        Arrays.fill(eta, intercept ? v[m] : 0);
    }

    /** The kept columns, scaled, from dense or CSR X. */
    private void fill(Dataset d) {
        int[] to = new int[p];
        Arrays.fill(to, -1);
        for (int c = 0; c < m; c++) to[kept[c]] = c;
        if (!d.isSparse()) {
            double[] x = HostX.dense(d);
            for (int i = 0; i < n; i++)
                for (int c = 0; c < m; c++) u[c][i] = x[i * p + kept[c]] / s[c];
            return;
        }
        CsrMatrix x = HostX.csr(d);
        long[] rp = x.rowPtr();
        int[] ci = x.colIdx();
        double[] val = x.values();
        for (int i = 0; i < n; i++)
            for (int q = (int) rp[i]; q < rp[i + 1]; q++) {
                int c = to[ci[q]];
                if (c >= 0) u[c][i] = val[q] / s[c];
            }
    }

    boolean free(int c) {
        return c == m || f[c] == 0;
    }

    double la(int c, double lambda) {
        return c == m ? 0 : lambda * alpha * f[c];
    }

    double mu(int c, double lambda) {
        return c == m ? 0 : lambda * (1 - alpha) * f[c];
    }

    /** P at (η, values). */
    double objective(double[] e, double[] val, double lambda) {
        double loss = 0;
        for (int i = 0; i < n; i++) if (a[i] > 0) loss += a[i] * loss(y[i], e[i]);
        double pen = 0;
        for (int c = 0; c < m; c++) {
            double t = val[c];
            if (t != 0) pen += f[c] * (alpha * Math.abs(t) + (1 - alpha) / 2 * t * t);
        }
        return loss + lambda * pen;
    }

    /**
     * ℓ(y, η). The logistic loss as (1 − y)·η + log(1 + e^−η) for η > 0: the family's softplus(η) − y·η loses the
     * digits of a well-classified row there (η + log1p(e^−η) − η), which on separable data left P below the dual
     * bound (a negative gap of −2e-11 at λ = 1e-6).
     */
    double loss(double yi, double e) {
        if (fam == LossFamily.LOGISTIC && e > 0) return (1 - yi) * e + Math.log1p(Math.exp(-e));
        return fam.loss(yi, e);
    }

    /** θ = a∘(y − μ(η)): the negative loss gradient in η (and the dual point before its corrections). */
    double[] residual() {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = a[i] == 0 ? 0 : a[i] * (y[i] - fam.mean(eta[i]));
        return r;
    }

    /** u_cᵀr for every coordinate (the intercept's included): one pass over the kept columns. */
    double[] gradient(double[] r) {
        double[] g = new double[dim];
        for (int c = 0; c < dim; c++) {
            double t = 0;
            double[] col = u[c];
            for (int i = 0; i < n; i++) t += col[i] * r[i];
            g[c] = t;
        }
        return g;
    }

    /** The unpenalised fit (β of the penalised columns 0): intercept and free columns by Newton; glmnet's λ_max. */
    double lambdaMax() {
        Arrays.fill(v, 0);
        double ybar = 0;
        for (int i = 0; i < n; i++) ybar += a[i] * y[i];
        if (intercept) v[m] = fam.nullIntercept(ybar);
        Arrays.fill(eta, intercept ? v[m] : 0);
        int[] fr = freeSet();
        if (fr.length > 0) newton(fr, Double.POSITIVE_INFINITY, 1e-15);
        double[] g = gradient(residual());
        double lm = 0;
        for (int c = 0; c < m; c++) if (f[c] > 0) lm = Math.max(lm, Math.abs(g[c]) / f[c]);
        return lm / alpha;
    }

    int[] freeSet() {
        int[] fr = new int[dim];
        int k = 0;
        for (int c = 0; c < dim; c++) if (free(c)) fr[k++] = c;
        return Arrays.copyOf(fr, k);
    }

    /**
     * The fit at λ from the current state: Newton on W, violators join, until the gap is ≤ tol or no step helps.
     * Returns the certificate of the final state.
     */
    Certificates.Certificate fit(double lambda, double lambdaMax) {
        boolean[] inW = new boolean[dim];
        int[] W = new int[0];
        for (int c = 0; c < dim; c++) if (free(c) || v[c] != 0) inW[c] = true;
        W = members(inW);
        Certificates.Certificate cert = null;
        double lastP = Double.POSITIVE_INFINITY;
        // Newton stops once a step is below 1e-9 relative (quadratic convergence: the next would be ~1e-18); only a
        // gap that misses tol asks for steps down to rounding level
        double stepTol = 1e-9;
        for (int round = 0; round < 1000; round++) {
            if (W.length > 0) newton(W, lambda, stepTol);
            double[] r = residual(), g = gradient(r);
            int added = 0, cap = Math.max(10, W.length);
            // violators, worst first: |g_c| > la_c at v_c = 0 (the elastic net's ridge term vanishes there)
            Integer[] order = new Integer[m];
            int k = 0;
            for (int c = 0; c < m; c++)
                if (!inW[c] && Math.abs(g[c]) > la(c, lambda) * (1 + 1e-12)) order[k++] = c;
            Arrays.sort(order, 0, k, (x, z) -> Double.compare(Math.abs(g[z]) - la(z, lambda), Math.abs(g[x]) - la(x, lambda)));
            for (int q = 0; q < k && added < cap; q++, added++) inW[order[q]] = true;
            if (added > 0) {
                W = members(inW);
                continue;
            }
            cert = WeightedGap.of(this, lambda, lambdaMax, r, g);
            if (cert.value() <= tol || steps >= maxSteps) break;
            if (stepTol > 1e-15) {
                stepTol = 1e-15;
                continue;
            }
            double P = cert.objective();
            if (!(P < lastP)) break; // no step decreased P: this is the certificate that can be reached
            lastP = P;
        }
        return cert;
    }

    private static int[] members(boolean[] in) {
        int k = 0;
        for (boolean b : in) if (b) k++;
        int[] w = new int[k];
        k = 0;
        for (int c = 0; c < in.length; c++) if (in[c]) w[k++] = c;
        return w;
    }

    /** Proximal Newton steps on W (λ = +∞: only free coordinates move) until a step is below stepTol relative. */
    void newton(int[] W, double lambda, double stepTol) {
        int k = W.length;
        PenaltyModel md = new PenaltyModel(k);
        double lam = Double.isInfinite(lambda) ? 0 : lambda;
        double[] bW = new double[k];
        double P0 = objective(eta, v, lam);
        for (int it = 0; it < 200 && steps < maxSteps; it++) {
            steps++;
            double[] w = new double[n], r = new double[n];
            for (int i = 0; i < n; i++) {
                if (a[i] == 0) continue;
                double mean = fam.mean(eta[i]);
                w[i] = a[i] * fam.weightAt(eta[i], mean);
                r[i] = a[i] * (y[i] - mean);
            }
            for (int x = 0; x < k; x++) {
                double[] cx = u[W[x]];
                double gx = 0;
                for (int i = 0; i < n; i++) gx += cx[i] * r[i];
                md.g[x] = gx;
                for (int z = 0; z <= x; z++) {
                    double[] cz = u[W[z]];
                    double h = 0;
                    for (int i = 0; i < n; i++) h += w[i] * cx[i] * cz[i];
                    md.H[x * k + z] = h;
                    md.H[z * k + x] = h;
                }
                md.la[x] = la(W[x], lam);
                md.mu[x] = mu(W[x], lam);
                if (Double.isInfinite(lambda) && !free(W[x])) md.la[x] = Double.POSITIVE_INFINITY; // held at 0
                bW[x] = v[W[x]];
            }
            md.solve(bW, 1e-18 * Math.max(Math.abs(P0), 1e-300));
            double[] de = new double[n];
            boolean moved = false;
            for (int x = 0; x < k; x++) {
                double t = md.d[x];
                if (t == 0) continue;
                moved = true;
                double[] cx = u[W[x]];
                for (int i = 0; i < n; i++) de[i] += t * cx[i];
            }
            if (!moved) return;
            boolean taken = false;
            double stepMax = 0, valMax = 1;
            for (int x = 0; x < k; x++) {
                stepMax = Math.max(stepMax, Math.abs(md.d[x]));
                valMax = Math.max(valMax, Math.abs(bW[x]));
            }
            // a short full step is Newton's quadratic phase: taken without asking P (whose rounding, from sums of
            // large terms such as Poisson's e^η − yη, can exceed the step's true decrease, the gradient's square)
            boolean trusted = stepMax <= 1e-7 * valMax;
            double[] et = new double[n], vt = v.clone();
            for (int ls = 0; ls < 40 && !taken; ls++) {
                double t = Math.pow(0.5, ls);
                for (int i = 0; i < n; i++) et[i] = eta[i] + t * de[i];
                for (int x = 0; x < k; x++) {
                    double nb = bW[x] + t * md.d[x];
                    vt[W[x]] = ls == 0 && md.d[x] == -bW[x] ? 0 : nb; // a full step to zero lands on 0 exactly
                }
                double Pt = objective(et, vt, lam);
                // the full step is taken within P's rounding (near the optimum its true decrease, the gradient's
                // square, is below what P can resolve: requiring a strict decrease would stop Newton short)
                if (Pt <= P0 || ls == 0 && (trusted || Pt <= P0 + 1e-15 * Math.abs(P0))) {
                    taken = true;
                    System.arraycopy(et, 0, eta, 0, n);
                    System.arraycopy(vt, 0, v, 0, dim);
                    P0 = Pt;
                    // converged when the step is at rounding level (not when P stops decreasing: near the optimum
                    // P moves by the gradient's square, below rounding long before the gradient is exact)
                    double big = 0, vmax = 0;
                    for (int x = 0; x < k; x++) {
                        big = Math.max(big, Math.abs(t * md.d[x]));
                        vmax = Math.max(vmax, Math.abs(bW[x]));
                    }
                    if (big <= stepTol * Math.max(1, vmax)) return;
                }
            }
            if (!taken) return;
        }
    }

    /** Sets the state to (b0, β) on the original scale (for a certificate of a given answer). */
    void set(double b0, double[] beta) {
        Arrays.fill(v, 0);
        for (int c = 0; c < m; c++) v[c] = beta[kept[c]] * s[c];
        if (intercept) v[m] = b0;
        Arrays.fill(eta, intercept ? b0 : 0);
        for (int c = 0; c < m; c++) {
            if (v[c] == 0) continue;
            double t = v[c], col[] = u[c];
            for (int i = 0; i < n; i++) eta[i] += t * col[i];
        }
    }

    /** β on the original scale and order. */
    double[] beta() {
        double[] b = new double[p];
        for (int c = 0; c < m; c++) b[kept[c]] = v[c] == 0 ? 0 : v[c] / s[c];
        return b;
    }

    double intercept() {
        return intercept ? v[m] : 0;
    }
}
