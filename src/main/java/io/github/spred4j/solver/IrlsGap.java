package io.github.spred4j.solver;

import io.github.spred4j.data.Log1p;

/**
 * The duality gaps of {@link IrlsCovariance}'s check: the arithmetic of {@link Certificates#compute} (uniform
 * centring) and {@link Certificates#computeWeighted} (curvature-weighted centring) for the LOGISTIC and POISSON
 * losses, with the conjugate's logarithms taken near μ instead of from scratch. Near the answer the dual point's
 * q_i = y_i − t·d_i lies within a few parts in 10⁸ of μ_i, whose logs the refresh already has (log μ = η for
 * Poisson; log μ and log(1 − μ) from the softplus for the logistic loss), so log q = log μ + log1p((q − μ)/μ) by
 * its series: no log call for such a row (the certificate's logs were a third of a breast_cancer CV). Rows further
 * from μ take the loss family's own formula. The same dual point, the same t, the same sums in the same order:
 * the value agrees with {@link Certificates}' to rounding (IrlsGapTest).
 */
final class IrlsGap {
    /** |x| below this: log1p(x) = x − x²/2 + x³/3 to within x⁴/4 < ulp(x)/2 (2^-18 ≈ 3.8e-6). */
    static final double SERIES = 0x1p-18;

    private IrlsGap() {
    }

    /** The rows' μ and the logs the refresh computed (logistic: also 1 − μ, accurately, and the softplus term). */
    static final class Rows {
        final boolean logistic;
        final double[] eta, mu, oneMinusMu, soft; // soft = log1p(e^−|η|) (logistic only)
        private final double[] d;                 // the dual direction's buffer, reused from check to check
        private double[] gd;                      // Zcᵀd/n's buffer (weighted centring), reused

        Rows(boolean logistic, double[] eta, double[] mu, double[] oneMinusMu, double[] soft) {
            this.logistic = logistic;
            this.eta = eta;
            this.mu = mu;
            this.oneMinusMu = oneMinusMu;
            this.soft = soft;
            d = new double[eta.length];
        }

        /**
         * The family's dual term at q = y − s for row i (LossFamily.dualTermAt), the logs taken near μ_i. Logistic:
         * q and 1 − q, and their distances to μ and 1 − μ, are formed from s and y − μ without cancellation (y ∈
         * {0, 1}), so a well-classified row keeps its digits.
         */
        double term(int i, double y, double s) {
            double m = mu[i], q = y - s;
            if (!logistic) return -(q > 0 ? q * logNear(q, m, eta[i]) - q : 0);
            double om = oneMinusMu[i], c = (1 - y) + s; // c = 1 − q
            double res = y == 1 ? om : y == 0 ? -m : y - m, dq = res - s; // y − μ accurately; q − μ = −(c − (1 − μ))
            double a = 0, b = 0;
            if (q > 0) {
                double x = dq / m;
                a = q * (m > 0 && Math.abs(x) < SERIES ? -(Math.max(-eta[i], 0) + soft[i]) + series(x)
                        : y == 1 ? Log1p.of(-s) : Math.log(q));
            }
            if (c > 0) {
                double x = -dq / om;
                b = c * (om > 0 && Math.abs(x) < SERIES ? -(Math.max(eta[i], 0) + soft[i]) + series(x)
                        : y == 0 ? Log1p.of(s) : Math.log(c));
            }
            return -(a + b);
        }
    }

    /** log q from the anchor m > 0 with log m = lm when q is within SERIES of it (relative), else Math.log(q). */
    static double logNear(double q, double m, double lm) {
        double x = (q - m) / m;
        return m > 0 && Math.abs(x) < SERIES ? lm + series(x) : Math.log(q);
    }

    /** log1p(x) for |x| < SERIES. */
    static double series(double x) {
        return x * (1 - x * (0.5 - x / 3));
    }

    /** As {@link Certificates#compute} for la > 0 or mu > 0, with P given (the refresh summed the losses). */
    static Certificates.Certificate uniform(Rows rows, double[] y, double[] r, double[] g, double la,
                                            double mu, boolean intercept, double lo, double hi, double P) {
        int n = y.length;
        double sr = 0;
        for (double v : r) sr += v;
        double rbar = intercept ? sr / n : 0;
        double[] d = rows.d;
        for (int i = 0; i < n; i++) d[i] = r[i] - rbar;
        return gap(rows, lo, hi, y, d, g, la, mu, P);
    }

    /**
     * As {@link Certificates#computeWeighted} (gw = Zcᵀw/n): the same dual point from
     * {@link Certificates#weightedCentre}, the rows' terms from here; d and g − a·gw in the rows' buffers (two fresh
     * arrays per check were the largest allocation left in a CV).
     */
    static Certificates.Certificate weighted(Rows rows, double[] y, double[] r, double[] g, double[] w, double[] gw,
                                             double la, double mu, double lo, double hi, double P) {
        double[] d = rows.d;
        double a = Certificates.weightedCentre(r, w, d);
        if (Double.isNaN(a)) return Certificates.noWeights();
        if (rows.gd == null || rows.gd.length != g.length) rows.gd = new double[g.length];
        double[] gd = rows.gd;
        for (int j = 0; j < g.length; j++) gd[j] = g[j] - a * gw[j];
        return gap(rows, lo, hi, y, d, gd, la, mu, P);
    }

    /**
     * {@link Certificates#gap} with the rows' terms called directly: its t ({@link Certificates#scale}), the same
     * clip, the same sums in the same order ({@link Certificates#close}). Through the DualTerms interface the per-row
     * call was a virtual call where the JIT saw more than two lambdas at gap's call site (the certificate's rows were
     * a third of a breast_cancer CV).
     */
    static Certificates.Certificate gap(Rows rows, double lo, double hi, double[] y, double[] d, double[] gd,
                                        double la, double mu, double P) {
        int n = y.length;
        Certificates.GradientSummary g = Certificates.GradientSummary.of(gd);
        double t = Certificates.scale(g, la, mu, lo, hi, y, d);
        double D = 0;
        for (int i = 0; i < n; i++) D += rows.term(i, y[i], Math.min(Math.max(t * d[i], y[i] - hi), y[i] - lo));
        return Certificates.close(D / n, g, t, la, mu, P);
    }
}
