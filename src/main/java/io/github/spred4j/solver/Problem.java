package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import java.util.Arrays;

/**
 * A validated problem in the solver's internal coordinates, on the host in float64. Internal feature k is
 * original feature {@code perm[k]} (the identity except for GROUP, where features are sorted by group so each
 * group is contiguous). The solver's variable is {@code b = s ⊙ β} (s the glmnet scale, 1 without
 * standardisation) and the intercept is carried as {@code c} with {@code η = c + Xc·β} (Xc = X with the column
 * means x̄ removed; x̄ = 0 without intercept), so the original intercept is {@code b0 = c − x̄ᵀβ}.
 *
 * <p>The certificate ({@link #certificate}) is computed here in plain double arithmetic from the loss gradient
 * (for SQUARED and LOGISTIC by {@link Certificates#compute}); the groups (contiguous after the permutation; one
 * per feature outside GROUP) are read through {@link #gStart}, {@link #gEnd}, {@link #weight} and the helpers
 * after them. X itself is checked and converted by {@link HostX}.
 */
final class Problem {
    final Model model;
    final int n, p;
    final double[] x;        // internal row-major n×p (the caller's array when no permutation/densification)
    final double[] y;
    final double lambda, alpha; // λ and the elastic-net mix
    final boolean intercept, standardize;
    final int[] perm;
    final double[] xbar, scale, colNorm; // internal order; colNorm = ‖Xc_j‖/s_j/√n (the size of b_j's effect)
    final double ybar;
    final int[] offsets;     // groups (GROUP only): internal contiguous offsets, m+1
    final double[] weights;  // group weights √p_g
    final long started;      // System.nanoTime() when validation began: a fit's seconds count from here (upload,
                             // standardisation and λ_max included)

    private Problem(Model model, int n, int p, double[] x, double[] y, double lambda, double alpha, boolean intercept,
                    boolean standardize, int[] perm, int[] offsets, long started) {
        this.started = started;
        this.model = model;
        this.n = n;
        this.p = p;
        this.x = x;
        this.y = y;
        this.lambda = lambda;
        this.alpha = alpha;
        this.intercept = intercept;
        this.standardize = standardize;
        this.perm = perm;
        this.offsets = offsets;
        if (offsets != null) {
            weights = new double[offsets.length - 1];
            for (int g = 0; g < weights.length; g++) weights[g] = Math.sqrt(offsets[g + 1] - offsets[g]);
        } else weights = null;
        double ys = 0;
        for (double v : y) ys += v;
        ybar = intercept ? ys / n : 0;
        xbar = intercept ? columnMeans(x, n, p) : new double[p];
        double[] ss = sumSquaresAbout(x, n, p, xbar);
        // glmnet's sd is about the column mean even without an intercept (the model stays uncentred)
        scale = Certificates.scales(intercept || !standardize ? ss : sumSquaresAbout(x, n, p, columnMeans(x, n, p)), n, standardize);
        colNorm = new double[p];
        for (int j = 0; j < p; j++) colNorm[j] = Math.sqrt(ss[j] / Math.max(n, 1)) / scale[j];
    }

    private static double[] columnMeans(double[] x, int n, int p) {
        double[] m = new double[p];
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) m[j] += x[i * p + j];
        for (int j = 0; j < p; j++) m[j] /= Math.max(n, 1);
        return m;
    }

    /** Σ_i (x_ij − c_j)² of row-major x. */
    private static double[] sumSquaresAbout(double[] x, int n, int p, double[] c) {
        double[] ss = new double[p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) {
                double d = x[i * p + j] - c[j];
                ss[j] += d * d;
            }
        return ss;
    }

    /** Validates and prepares; λ may be NaN here (set later with {@link #withLambda}). */
    static Problem of(Dataset d, FitOptions o) {
        long started = System.nanoTime();
        if (d == null) throw new IllegalArgumentException("dataset is null");
        int n = d.n(), p = d.p();
        if (n < 1 || p < 0) throw new IllegalArgumentException("need n >= 1 and p >= 0, got n=" + n + ", p=" + p);
        double[] y = d.y();
        if (y == null || y.length != n) throw new IllegalArgumentException("y has length " + (y == null ? "null" : y.length) + ", expected n = " + n);
        for (int i = 0; i < n; i++)
            if (!Double.isFinite(y[i])) throw new IllegalArgumentException("y[" + i + "] is not finite: " + y[i]);
        Families.of(o.model()).validate(y);
        double[] dense = HostX.dense(d);
        int[] perm = new int[p];
        for (int j = 0; j < p; j++) perm[j] = j;
        int[] offsets = null;
        if (o.model() == Model.GROUP) {
            int[] g = o.groups();
            if (g == null) {          // no groups given: one group per feature (the lasso with weights 1)
                g = new int[p];
                for (int j = 0; j < p; j++) g[j] = j;
            }
            if (g.length != p) throw new IllegalArgumentException("groups has length " + g.length + ", expected p = " + p);
            final int[] gg = g;
            Integer[] order = new Integer[p];
            for (int j = 0; j < p; j++) order[j] = j;
            Arrays.sort(order, (a, b) -> Integer.compare(gg[a], gg[b])); // stable: keeps input order within a group
            int m = 0;
            for (int k = 0; k < p; k++) {
                perm[k] = order[k];
                if (k == 0 || g[order[k]] != g[order[k - 1]]) m++;
            }
            offsets = new int[m + 1];
            int gi = 0;
            for (int k = 0; k < p; k++) if (k == 0 || g[order[k]] != g[order[k - 1]]) offsets[gi++] = k;
            offsets[m] = p;
            boolean identity = true;
            for (int k = 0; k < p; k++) identity &= perm[k] == k;
            if (!identity) {
                double[] px = new double[n * p];
                for (int i = 0; i < n; i++) for (int k = 0; k < p; k++) px[i * p + k] = dense[i * p + perm[k]];
                dense = px;
            }
        }
        return new Problem(o.model(), n, p, dense, y, o.lambda(), o.alpha(), o.intercept(), o.standardize(), perm, offsets, started);
    }

    /** The same prepared data at another λ (no recomputation). */
    Problem withLambda(double lam) {
        Problem q = new Problem(this, lam);
        return q;
    }

    private Problem(Problem o, double lam) {
        this(o, lam, o.y, o.ybar);
    }

    private Problem(Problem o, double lam, double[] y, double ybar) {
        model = o.model; n = o.n; p = o.p; x = o.x; this.y = y; lambda = lam; alpha = o.alpha; intercept = o.intercept;
        standardize = o.standardize; perm = o.perm; xbar = o.xbar; scale = o.scale; colNorm = o.colNorm; this.ybar = ybar;
        offsets = o.offsets; weights = o.weights; started = o.started;
    }

    /**
     * The same prepared X with another response (validated as {@link #of} validates y): X's means and scales are
     * kept, ȳ is recomputed by the same sum, so every quantity equals that of {@link #of} on the new response.
     */
    Problem withY(double[] y) {
        if (y == null || y.length != n) throw new IllegalArgumentException("y has length " + (y == null ? "null" : y.length) + ", expected n = " + n);
        for (int i = 0; i < n; i++)
            if (!Double.isFinite(y[i])) throw new IllegalArgumentException("y[" + i + "] is not finite: " + y[i]);
        Families.of(model).validate(y);
        double ys = 0;
        for (double v : y) ys += v;
        return new Problem(this, lambda, y, intercept ? ys / n : 0);
    }

    int groupCount() {
        return offsets == null ? p : offsets.length - 1;
    }

    /** Penalty weight of group g (1 per coordinate for SQUARED/LOGISTIC). */
    double weight(int g) {
        return weights == null ? 1 : weights[g];
    }

    int gStart(int g) {
        return offsets == null ? g : offsets[g];
    }

    int gEnd(int g) {
        return offsets == null ? g + 1 : offsets[g + 1];
    }

    /** ‖b_g‖·(largest column scale in g): the size of the group's contribution to η. */
    double effect(double[] b, int g) {
        double s = 0, cn = 0;
        for (int i = gStart(g); i < gEnd(g); i++) {
            s += b[i] * b[i];
            cn = Math.max(cn, colNorm[i]);
        }
        return Math.sqrt(s) * Math.max(cn, 1e-300);
    }

    /** The largest column scale in group g. */
    double effectScale(int g) {
        double cn = 0;
        for (int i = gStart(g); i < gEnd(g); i++) cn = Math.max(cn, colNorm[i]);
        return cn;
    }

    /** The largest {@link #effect} over the groups. */
    double maxEffect(double[] b) {
        double m = 0;
        for (int g = 0; g < groupCount(); g++) m = Math.max(m, effect(b, g));
        return m;
    }

    /** The group of internal feature j. */
    int groupOf(int j) {
        if (offsets == null) return j;
        int lo = 0, hi = offsets.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= j) lo = mid;
            else hi = mid - 1;
        }
        return lo;
    }

    /** ‖b_g‖ of every group. */
    double[] groupNorms(double[] b) {
        double[] r = new double[groupCount()];
        for (int g = 0; g < r.length; g++) {
            double s = 0;
            for (int i = gStart(g); i < gEnd(g); i++) s += b[i] * b[i];
            r[g] = Math.sqrt(s);
        }
        return r;
    }

    /** λ_max of glmnet (for the elastic net: the L1 part must kill every coordinate, so divided by α). */
    double lambdaMax() {
        double[] r = new double[n];
        double c0 = nullIntercept();
        for (int i = 0; i < n; i++) r[i] = y[i] - mu(c0);
        double[] g = xcT(r);
        double m = 0;
        for (int gi = 0; gi < groupCount(); gi++) {
            double s = 0, big = 0;
            for (int j = gStart(gi); j < gEnd(gi); j++) {
                double t = g[j] / scale[j] / n;
                s += t * t;
                big = Math.max(big, Math.abs(t));
            }
            if (s == Double.POSITIVE_INFINITY) { // |t| beyond ~1e154: the norm from squares scaled by the largest
                double q = 0;                      // (exactly |t| for a one-column group, as sqrt(t*t) is)
                for (int j = gStart(gi); j < gEnd(gi); j++) {
                    double t = g[j] / scale[j] / n / big;
                    q += t * t;
                }
                m = Math.max(m, big * Math.sqrt(q) / weight(gi));
                continue;
            }
            m = Math.max(m, Math.sqrt(s) / weight(gi));
        }
        return m / alpha;
    }

    /** c at β = 0: ȳ (squared), logit(ȳ) (logistic) with intercept; 0 without. */
    double nullIntercept() {
        return intercept ? Families.of(model).nullIntercept(ybar) : 0;
    }

    double mu(double eta) {
        return Families.of(model).mean(eta);
    }

    /** Xcᵀr on the host (internal order). */
    double[] xcT(double[] r) {
        double[] g = new double[p];
        double sr = 0;
        for (int i = 0; i < n; i++) {
            double ri = r[i];
            sr += ri;
            int o = i * p;
            for (int j = 0; j < p; j++) g[j] += x[o + j] * ri;
        }
        for (int j = 0; j < p; j++) g[j] -= xbar[j] * sr;
        return g;
    }

    /** η = c + Xc·(b/s) on the host. */
    double[] eta(double c, double[] b) {
        double[] e = new double[n];
        double off = c;
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) {
            beta[j] = b[j] / scale[j];
            off -= xbar[j] * beta[j];
        }
        for (int i = 0; i < n; i++) {
            double s = off;
            int o = i * p;
            for (int j = 0; j < p; j++) s += x[o + j] * beta[j];
            e[i] = s;
        }
        return e;
    }

    /** The loss value from η. */
    double loss(double[] eta) {
        return Families.of(model).meanLoss(y, eta);
    }

    /** The penalty λ(α·Σ w_g‖b_g‖ + (1−α)/2‖b‖²). */
    double penalty(double[] b) {
        double l1 = 0, l2 = 0;
        for (int g = 0; g < groupCount(); g++) {
            double s = 0;
            for (int j = gStart(g); j < gEnd(g); j++) s += b[j] * b[j];
            l1 += weight(g) * Math.sqrt(s);
            l2 += s;
        }
        return lambda * (alpha * l1 + (1 - alpha) / 2 * l2);
    }

    /** The results of a float64 certificate: objective, certificate value, and the gradient G = ∂L/∂b. */
    record Cert(double objective, double certificate, double[] grad, double sumR) {
    }

    /**
     * The float64 certificate at (c, b), given η and r = y − μ(η) and xcTr = Xcᵀr (internal order).
     * SQUARED/LOGISTIC: relative duality gap (P − D)/|P| with the dual point ζ = s·(r − r̄)/n scaled into
     * the dual feasible set; GROUP: max KKT violation / λ (the intercept's optimality condition included).
     */
    Cert certificate(double[] b, double[] eta, double[] r, double[] xcTr) {
        double P = loss(eta) + penalty(b);
        double[] G = new double[p];
        for (int j = 0; j < p; j++) G[j] = -xcTr[j] / scale[j] / n;
        double sr = 0;
        for (double v : r) sr += v;
        double la = lambda * alpha, mu = lambda * (1 - alpha);
        if (model == Model.GROUP) {
            double viol = intercept ? Math.abs(sr / n) : 0;
            for (int g = 0; g < groupCount(); g++) {
                double nb = 0, ng = 0;
                for (int j = gStart(g); j < gEnd(g); j++) nb += b[j] * b[j];
                nb = Math.sqrt(nb);
                double s = 0;
                for (int j = gStart(g); j < gEnd(g); j++) {
                    double gj = G[j] + mu * b[j];
                    ng += gj * gj;
                    double t = gj + (nb > 0 ? la * weight(g) * b[j] / nb : 0);
                    s += t * t;
                }
                viol = Math.max(viol, nb > 0 ? Math.sqrt(s) : Math.max(0, Math.sqrt(ng) - la * weight(g)));
            }
            return new Cert(P, viol / (lambda > 0 ? lambda : 1), G, sr);
        }
        double gNull = la == 0 && mu == 0 ? lambdaMax() * alpha : 0; // only λ = 0 needs the null gradient
        double[] zcTr = new double[p];                                  // Zcᵀr/n = −G
        for (int j = 0; j < p; j++) zcTr[j] = -G[j];
        Certificates.Certificate c = Certificates.compute(Families.of(model), y, eta, r, zcTr, b, la, mu, intercept, gNull);
        return new Cert(c.objective(), c.value(), G, sr);
    }

    /** b0 = c − x̄ᵀβ and β on the original scale and order. */
    double[] originalBeta(double[] b) {
        double[] beta = new double[p];
        for (int k = 0; k < p; k++) beta[perm[k]] = b[k] == 0 ? 0 : b[k] / scale[k];
        return beta;
    }

    double originalIntercept(double c, double[] b) {
        double s = c;
        for (int j = 0; j < p; j++) if (b[j] != 0) s -= xbar[j] * b[j] / scale[j];
        return s;
    }
}
