package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;

import java.util.Arrays;

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
 * X is held as its kept columns, scaled ({@link WeightedColumns}: dense or CSC, never densified).
 *
 * <p>Why the host and float64 whatever the backend and {@link FitOptions#precision}: the route's work per Newton
 * step is the k×k curvature of the working set (n·k² for k ≲ 30 on the sets measured) and a k-dimensional model
 * solve, a few dozen microseconds that a device round trip would exceed; the result names the context's backend
 * and the device "host".
 */
final class WeightedGlm {
    final int n, p, m;       // m columns kept (penalised and unpenalised); coordinate m is the intercept
    final LossFamily fam;
    final double[] y, a;     // a: the weights over their sum
    final int[] kept;        // column c is feature kept[c]
    final double[] s, f;     // column scale and (rescaled) penalty factor of column c; f = 0: unpenalised
    final WeightedColumns cols; // u_c = x_kept[c] / s[c] for c < m, u_m = 1 with an intercept
    final boolean intercept;
    final double alpha, tol;
    final int maxSteps;
    final int dim;           // m + (intercept ? 1 : 0)
    final double[] v;        // the coordinates' values (v[m] = b0)
    double[] eta;
    final double[] w, r;     // at η (refresh): the curvature a·μ'(η) and θ0 = a∘(y − μ(η))
    private double lossSum;  // Σ a_i ℓ(y_i, η_i) at the last refresh
    private final double[] work, step, eta0; // newton's buffers (n each)
    private double[] gLast;  // u_cᵀr at the last check (the strong rule at the next λ)
    private double[] vPrev;  // the answer before the last (the path predictor) and its λ; the last answer's λ
    private double lamPrev2 = Double.NaN, lamLast = Double.NaN;
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
        intercept = o.intercept();
        alpha = o.alpha();
        tol = o.tol();
        maxSteps = o.maxIter();
        dim = m + (intercept ? 1 : 0);
        s = new double[m];
        f = new double[m];
        for (c = 0; c < m; c++) {
            int j = kept[c];
            s[c] = o.standardize() && st.sd[j] > 0 ? st.sd[j] : 1;
            f[c] = pf[j];
        }
        cols = new WeightedColumns(d, kept, s, intercept);
        v = new double[dim];
        double ybar = 0;
        for (int i = 0; i < n; i++) ybar += a[i] * y[i];
        if (intercept) v[m] = fam.nullIntercept(ybar);
        eta = new double[n];
        Arrays.fill(eta, intercept ? v[m] : 0);
        w = new double[n];
        r = new double[n];
        work = new double[n];
        step = new double[n];
        eta0 = new double[n];
        refresh();
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
        return loss + lambda * penalty(val);
    }

    /** Σ_c f_c (α|v_c| + (1−α)/2 v_c²) (λ not applied). */
    private double penalty(double[] val) {
        double pen = 0;
        for (int c = 0; c < m; c++) {
            double t = val[c];
            if (t != 0) pen += f[c] * (alpha * Math.abs(t) + (1 - alpha) / 2 * t * t);
        }
        return pen;
    }

    /** P at the current state, from the loss the last {@link #refresh} summed. */
    double objective(double lambda) {
        return lossSum + lambda * penalty(v);
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

    /**
     * From η: μ, the curvature w = a·μ'(η), θ0 = a∘(y − μ) and the weighted loss, in one pass (one exp per row
     * for the logistic and Poisson losses; the logistic loss as {@link #loss}, without its cancellation).
     */
    void refresh() {
        double s = 0;
        boolean logistic = fam == LossFamily.LOGISTIC, poisson = fam == LossFamily.POISSON;
        for (int i = 0; i < n; i++) {
            double ai = a[i];
            if (ai == 0) {
                w[i] = 0;
                r[i] = 0;
                continue;
            }
            double e = eta[i], mu, wi, li;
            if (logistic) {
                // y − μ from 1 − μ = t/(1 + t) for η ≥ 0: μ rounds to 1 there, and a row with y = 1 must keep its
                // tiny θ0 (a zero θ0 with w > 0 lets the dual point's projection push q past 1: a gap of 1)
                double t = Math.exp(-Math.abs(e)), id = 1 / (1 + t), sp = Math.log1p(t);
                w[i] = ai * (t * id * id);
                r[i] = ai * (e >= 0 ? (y[i] - 1) + t * id : y[i] - t * id);
                s += ai * (e > 0 ? (1 - y[i]) * e + sp : sp - y[i] * e);
                continue;
            } else if (poisson) {
                mu = Math.exp(e);
                wi = mu;
                li = fam.loss(y[i], e);
            } else {
                mu = fam.mean(e);
                wi = fam.weightAt(e, mu);
                li = fam.loss(y[i], e);
            }
            w[i] = ai * wi;
            r[i] = ai * (y[i] - mu);
            s += ai * li;
        }
        lossSum = s;
    }

    /** θ = a∘(y − μ(η)): the negative loss gradient in η (and the dual point before its corrections), refreshed. */
    double[] residual() {
        refresh();
        return r.clone();
    }

    /** The unpenalised fit (β of the penalised columns 0): intercept and free columns by Newton; glmnet's λ_max. */
    double lambdaMax() {
        Arrays.fill(v, 0);
        double ybar = 0;
        for (int i = 0; i < n; i++) ybar += a[i] * y[i];
        if (intercept) v[m] = fam.nullIntercept(ybar);
        Arrays.fill(eta, intercept ? v[m] : 0);
        refresh();
        int[] fr = freeSet();
        for (int it = 0; it < 200 && fr.length > 0 && steps < maxSteps; it++) {
            double[] st = newton(fr, Double.POSITIVE_INFINITY, 1e-18);
            if (st[1] == 0 || st[2] <= 1e-15) break; // a step at rounding level: converged
        }
        double[] g = cols.gradient(r);
        double lm = 0;
        for (int c = 0; c < m; c++) if (f[c] > 0) lm = Math.max(lm, Math.abs(g[c]) / f[c]);
        gLast = g; // the strong rule at the first λ, from λ_max
        vPrev = null;
        lamPrev2 = Double.NaN;
        lamLast = lm / alpha;
        return lm / alpha;
    }

    int[] freeSet() {
        int[] fr = new int[dim];
        int k = 0;
        for (int c = 0; c < dim; c++) if (free(c)) fr[k++] = c;
        return Arrays.copyOf(fr, k);
    }

    /**
     * The fit at λ from the current state (a warm start along a path), as the engine's covariance mode for the
     * unweighted losses ({@link IrlsCovariance}): the working set W starts afresh from the free coordinates, the
     * support and the strong-rule candidates (the last check's gradient); the start is extrapolated along the path
     * from the last two answers; proximal Newton steps on W until a step predicts a decrease ≤ tol·|P|, then one
     * pass over all columns gives the certificate and the KKT violators, which join W. Returns the certificate of
     * the final state (above tol only when no step can improve it, or at maxIter).
     */
    Certificates.Certificate fit(double lambda, double lambdaMax) {
        boolean[] inW = new boolean[dim];
        for (int c = 0; c < dim; c++) inW[c] = free(c) || v[c] != 0;
        if (gLast != null && !Double.isNaN(lamLast) && lamLast > 0)
            for (int c = 0; c < m; c++) // the strong rule: |g_c| ≥ 2·la_c(λ) − la_c(λ_prev)
                if (!inW[c] && Math.abs(gLast[c]) >= 2 * la(c, lambda) - la(c, lamLast)) inW[c] = true;
        double[] vIn = v.clone(); // the last λ's answer: with this λ's, the next λ's predictor
        if (predict(lambda)) {
            Arrays.fill(eta, 0);
            for (int c = 0; c < dim; c++) if (v[c] != 0) cols.axpy(c, v[c], eta);
            refresh();
        }
        int[] W = members(inW);
        Certificates.Certificate cert = null;
        // the model's CD threshold relative to |P| (as IrlsCovariance): CD only has to find the signs, the exact
        // solve on them does the rest; a model that cannot move is solved finer (1e-18 throughout cost thousands of
        // CD sweeps a step on breast_cancer's ill-conditioned curvature)
        double thr = 1e-3 * tol, P = objective(lambda);
        double lastGap = Double.POSITIVE_INFINITY;
        int stalled = 0;
        for (int round = 0; round < 1000; round++) {
            double[] st = W.length > 0 && steps < maxSteps ? newton(W, lambda, thr) : new double[]{0, 0, 0, 0};
            boolean moved = st[1] > 0;
            double pNew = objective(lambda);
            // check once the next step would be below tol: after a full step, Newton's next decrease is about the
            // square of this one's relative decrease (breast_cancer: 6e-3, 4e-6, 2e-11), so a relative decrease
            // below 0.1·√tol is checked at once (a Newton step fewer per λ); after a damped step, the decrease itself
            double rel = st[0] / Math.max(Math.abs(pNew), Double.MIN_NORMAL);
            boolean close = st[3] == 1 ? rel <= 0.1 * Math.sqrt(tol) : rel <= tol;
            if (moved && !close && pNew <= P) {
                P = pNew;
                continue; // still far: another Newton step before the pass over all columns
            }
            P = pNew;
            cert = check(lambda, lambdaMax);
            if (cert.value() <= tol || steps >= maxSteps) break;
            int added = addViolators(inW, lambda, Math.max(10, W.length));
            if (added > 0) {
                W = members(inW);
                continue;
            }
            if (!moved) { // the model, solved as it is, cannot move: solve it finer, down to rounding
                if (thr < 1e-16) break;
                thr = thr < 1e-14 ? 0 : thr / 100;
            }
            // steps within P's rounding that no longer improve the certificate: this is the one that can be reached
            stalled = cert.value() < lastGap ? 0 : stalled + 1;
            if (stalled >= 3) break;
            lastGap = Math.min(lastGap, cert.value());
        }
        lamPrev2 = lamLast;
        vPrev = vIn;
        lamLast = lambda;
        return cert;
    }

    /** The certificate at the current (refreshed) state; the gradient kept for the next λ's strong rule. */
    private Certificates.Certificate check(double lambda, double lambdaMax) {
        gLast = cols.gradient(r);
        return WeightedGap.of(this, lambda, lambdaMax, r, gLast);
    }

    /** The KKT violators outside W (|g_c| > la_c at v_c = 0), worst first, at most cap of them, join W. */
    private int addViolators(boolean[] inW, double lambda, int cap) {
        double[] g = gLast;
        Integer[] order = new Integer[m];
        int k = 0;
        for (int c = 0; c < m; c++)
            if (!inW[c] && Math.abs(g[c]) > la(c, lambda) * (1 + 1e-12)) order[k++] = c;
        Arrays.sort(order, 0, k, (x, z) -> Double.compare(Math.abs(g[z]) - la(z, lambda), Math.abs(g[x]) - la(x, lambda)));
        int added = 0;
        for (int q = 0; q < k && added < cap; q++, added++) inW[order[q]] = true;
        return added;
    }

    /**
     * The warm start moved along the path: v extrapolated linearly in log λ from the last two answers (a geometric
     * sequence: the same step), on the coordinates nonzero in both with the same sign and not crossing zero (free
     * coordinates move freely). The path is smooth between its kinks, so this leaves an O(Δ²) error where the plain
     * warm start leaves O(Δ): about a Newton step fewer per λ. Returns whether anything moved.
     */
    private boolean predict(double lambda) {
        if (vPrev == null || !(lamPrev2 > lamLast) || !(lambda < lamLast) || !(lambda > 0)) return false;
        double rho = Math.log(lambda / lamLast) / Math.log(lamLast / lamPrev2);
        if (!(rho > 0 && rho <= 2)) return false;
        boolean moved = false;
        for (int c = 0; c < dim; c++) {
            double x = v[c], o = vPrev[c];
            if (!free(c) && (x == 0 || o == 0 || (x > 0) != (o > 0))) continue;
            double nb = x + rho * (x - o);
            if (!free(c) && (nb == 0 || (nb > 0) != (x > 0))) continue;
            if (nb != x) {
                v[c] = nb;
                moved = true;
            }
        }
        return moved;
    }

    private static int[] members(boolean[] in) {
        int k = 0;
        for (boolean b : in) if (b) k++;
        int[] w = new int[k];
        k = 0;
        for (int c = 0; c < in.length; c++) if (in[c]) w[k++] = c;
        return w;
    }

    /**
     * One proximal Newton step on W from the current (refreshed) state (λ = +∞: only free coordinates move): the
     * model (curvature a_i·μ'(η_i)) solved exactly by {@link PenaltyModel} to the CD threshold thr·|P|, then a line
     * search on P. Returns {predicted decrease, 1 if the state moved else 0, the step's largest |Δv| relative to
     * max(1, |v|), the line search's step length (1: the full Newton step)}.
     */
    double[] newton(int[] W, double lambda, double thr) {
        int k = W.length;
        PenaltyModel md = new PenaltyModel(k);
        boolean held = Double.isInfinite(lambda);
        double lam = held ? 0 : lambda;
        double[] bW = new double[k];
        double P0 = objective(lam);
        steps++;
        double[] wc = work;
        for (int x = 0; x < k; x++) {
            cols.weighted(W[x], w, wc);
            md.g[x] = cols.dot(W[x], r);
            for (int z = 0; z <= x; z++) {
                double h = cols.dot(W[z], wc);
                md.H[x * k + z] = h;
                md.H[z * k + x] = h;
            }
            md.la[x] = la(W[x], lam);
            md.mu[x] = mu(W[x], lam);
            if (held && !free(W[x])) md.la[x] = Double.POSITIVE_INFINITY; // held at 0
            bW[x] = v[W[x]];
        }
        md.solve(bW, thr * Math.max(Math.abs(P0), 1e-300));
        double[] de = step;
        Arrays.fill(de, 0);
        boolean moves = false;
        double stepMax = 0, valMax = 1;
        for (int x = 0; x < k; x++) {
            double t = md.d[x];
            valMax = Math.max(valMax, Math.abs(bW[x]));
            if (t == 0) continue;
            moves = true;
            stepMax = Math.max(stepMax, Math.abs(t));
            cols.axpy(W[x], t, de);
        }
        if (!moves) return new double[]{0, 0, 0, 0};
        double pred = md.predicted(bW);
        // a short full step is Newton's quadratic phase: taken without asking P (whose rounding, from sums of
        // large terms such as Poisson's e^η − yη, can exceed the step's true decrease, the gradient's square)
        boolean trusted = stepMax <= 1e-7 * valMax;
        double[] e0 = eta0;
        System.arraycopy(eta, 0, e0, 0, n);
        for (int ls = 0; ls < 40; ls++) {
            double t = Math.pow(0.5, ls);
            for (int i = 0; i < n; i++) eta[i] = e0[i] + t * de[i];
            for (int x = 0; x < k; x++) // a full step to zero lands on 0 exactly
                v[W[x]] = ls == 0 && md.d[x] == -bW[x] ? 0 : bW[x] + t * md.d[x];
            refresh();
            double Pt = objective(lam);
            // the full step is taken within P's rounding (near the optimum its true decrease, the gradient's
            // square, is below what P can resolve: requiring a strict decrease would stop Newton short)
            if (Pt <= P0 || ls == 0 && (trusted || Pt <= P0 + 1e-15 * Math.abs(P0)))
                return new double[]{pred, 1, t * stepMax / valMax, t};
        }
        System.arraycopy(e0, 0, eta, 0, n);
        for (int x = 0; x < k; x++) v[W[x]] = bW[x];
        refresh();
        return new double[]{pred, 0, 0, 0};
    }

    /** Sets the state to (b0, β) on the original scale (for a certificate of a given answer). */
    void set(double b0, double[] beta) {
        Arrays.fill(v, 0);
        for (int c = 0; c < m; c++) v[c] = beta[kept[c]] * s[c];
        if (intercept) v[m] = b0;
        Arrays.fill(eta, intercept ? b0 : 0);
        for (int c = 0; c < m; c++) if (v[c] != 0) cols.axpy(c, v[c], eta);
        refresh();
        gLast = null;
        vPrev = null;
        lamLast = lamPrev2 = Double.NaN;
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
