package io.github.spred4j.spark;

/**
 * The certificate of a distributed fit from aggregated pass sums: the core's relative duality gap (dual point
 * ζ = t(r − r̄)/n, r = y − μ(η)), signed (a negative gap is a wrong dual, never hidden by a clamp). All in the
 * solver's b = s⊙β coordinates with the intercept and centring implicit (x̄, s from the first pass).
 */
final class DualGap {
    private DualGap() {
    }

    /** λ(α‖s⊙β‖₁ + (1−α)/2‖s⊙β‖²). */
    static double penalty(double[] beta, double[] sc, WorkingSetSolver.Options o) {
        double l1 = 0, l2 = 0;
        for (int j = 0; j < beta.length; j++) {
            if (beta[j] == 0) continue;
            double b = beta[j] * sc[j];
            l1 += Math.abs(b);
            l2 += b * b;
        }
        return o.lambda() * (o.alpha() * l1 + (1 - o.alpha()) / 2 * l2);
    }

    /** Xcᵀr / s / n: the negative gradient of the loss in b coordinates, the data centred implicitly. */
    static double[] gradient(PassSums s, double[] xbar, double[] sc) {
        double[] g = new double[xbar.length];
        for (int j = 0; j < g.length; j++) g[j] = (s.xtr[j] - xbar[j] * s.sumR) / sc[j] / s.wn;
        return g;
    }

    /** The dual point's scaling t (1 unless the elastic-net ridge is 0 and some |g_j| exceeds λα) and r̄. */
    static double[] scaling(PassSums s, double[] xbar, double[] sc, WorkingSetSolver.Options o) {
        double t = shrink(gradient(s, xbar, sc), o);
        return new double[]{t, o.intercept() ? s.sumR / s.wn : 0};
    }

    /** t ≤ 1 that brings max|g_j| within λα (1 when the elastic-net ridge is positive: no box to respect). */
    private static double shrink(double[] g, WorkingSetSolver.Options o) {
        double la = o.lambda() * o.alpha(), mu = o.lambda() * (1 - o.alpha());
        if (mu != 0) return 1;
        double m = 0;
        for (double v : g) m = Math.max(m, Math.abs(v));
        return m > la ? la / m : 1;
    }

    /** gd = g − r̄·gw/w̄ with gw = Zcᵀw/n: the scaled gradient of the weighted-centred residual r − r̄·w/w̄. */
    static double[] weightedGradient(PassSums s, double[] xbar, double[] sc) {
        double[] g = gradient(s, xbar, sc);
        double rbar = s.sumR / s.wn, wbar = s.sumW / s.wn;
        for (int j = 0; j < g.length; j++) g[j] -= rbar * ((s.xtw[j] - xbar[j] * s.sumW) / sc[j] / s.wn) / wbar;
        return g;
    }

    /**
     * {t2, wc} of the curvature-weighted dual point ζ = t2·(r − wc·w)/n, wc = r̄/w̄ (the core's
     * Certificates.computeWeighted): it keeps q = y − nζ inside the conjugate's domain where the uniform centring
     * cannot (μ_i ≈ 0 or 1 with r̄ ≠ 0). {0, 0} when Σw is 0.
     */
    static double[] weightedScaling(PassSums s, double[] xbar, double[] sc, WorkingSetSolver.Options o) {
        if (!(s.sumW > 0) || s.xtw == null) return new double[]{0, 0};
        double t = shrink(weightedGradient(s, xbar, sc), o);
        return new double[]{t, (s.sumR / s.wn) / (s.sumW / s.wn)};
    }

    /** {objective, relative gap} for the weighted dual point, from the conjugate sum {@code entropy2} of a pass. */
    static double[] ofWeighted(PassSums s, double[] beta, double[] xbar, double[] sc, WorkingSetSolver.Options o,
                               double entropy2, double t) {
        double n = s.wn;
        double P = s.loss / n + penalty(beta, sc, o);
        double la = o.lambda() * o.alpha(), mu = o.lambda() * (1 - o.alpha());
        double gstar = 0;
        if (mu > 0)
            for (double v : weightedGradient(s, xbar, sc)) {
                double e = Math.max(Math.abs(t * v) - la, 0);
                gstar += e * e / (2 * mu);
            }
        double D = -entropy2 / n - gstar;
        return new double[]{P, (P - D) / Math.max(Math.abs(P), Double.MIN_NORMAL)};
    }

    /**
     * {objective, relative duality gap} at the point of the pass s. The squared loss's dual is closed-form in
     * Σr, Σry, Σr², Σy; a GLM's needs the conjugate sum of a pass made with this t (at most {@link #scaling}'s,
     * smaller when the conjugate's domain requires) and r̄.
     */
    static double[] of(PassSums s, double[] beta, double[] xbar, double[] sc, double ybar, WorkingSetSolver.Options o,
                       double entropy, double t) {
        double n = s.wn;
        double P = s.loss / n + penalty(beta, sc, o);
        double la = o.lambda() * o.alpha(), mu = o.lambda() * (1 - o.alpha());
        double rbar = scaling(s, xbar, sc, o)[1];
        double gstar = 0;
        if (mu > 0)
            for (double v : gradient(s, xbar, sc)) {
                double e = Math.max(Math.abs(t * v) - la, 0);
                gstar += e * e / (2 * mu);
            }
        double D;
        if (!o.family().isQuadratic()) D = -entropy / n - gstar;
        else {
            double sumYc = s.sumY - n * ybar;
            double zy = t / n * (s.sumRY - ybar * s.sumR - rbar * sumYc);
            double zz = t * t / (n * n) * (s.sumR2 - 2 * rbar * s.sumR + n * rbar * rbar);
            D = zy - n / 2 * zz - gstar;
        }
        return new double[]{P, (P - D) / Math.max(Math.abs(P), Double.MIN_NORMAL)};
    }
}
