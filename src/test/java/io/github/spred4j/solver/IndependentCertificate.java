package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

/**
 * The elastic-net certificate recomputed from scratch in the test, from the definitions only (nothing of the
 * solver's code): for 1/n Σ ℓ(y_i, b0 + x_iᵀβ) + λ(α‖Sβ‖₁ + (1−α)/2‖Sβ‖²), S = diag(population sd) when
 * standardising, the primal value P, a Fenchel dual value D at the residual point u = t(r − r̄)/n (r = y − μ,
 * centred so the free intercept drops out; t shrinks it into the dual's domain), the signed gap P − D (an upper
 * bound of P − P*: it is never negative unless something is wrong), and the KKT violation of the elastic-net
 * stationarity conditions with a bound on it that the gap implies.
 */
record IndependentCertificate(double primal, double dual, double relGap, double kkt, double kktAllowed) {

    /** Intercept always fitted. Dense data only. */
    static IndependentCertificate of(Dataset d, boolean logistic, double lambda, double alpha, boolean standardize,
                                     double b0, double[] beta) {
        int n = d.n(), p = d.p();
        double[] x = d.x(), y = d.y(), mean = new double[p], s = new double[p];
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) mean[j] += x[i * p + j] / n;
        for (int j = 0; j < p; j++) {
            double v = 0;
            for (int i = 0; i < n; i++) v += (x[i * p + j] - mean[j]) * (x[i * p + j] - mean[j]) / n;
            s[j] = standardize && v > 0 ? Math.sqrt(v) : 1;
        }
        double[] r = new double[n], w = new double[n];
        double P = 0, rbar = 0, wsum = 0;
        for (int i = 0; i < n; i++) {
            double e = b0;
            for (int j = 0; j < p; j++) e += x[i * p + j] * beta[j];
            if (logistic) {
                P += TestData.logisticLoss(y[i], e);
                double mu = 1 / (1 + Math.exp(-e));
                r[i] = y[i] - mu;
                w[i] = mu * (1 - mu);
            } else {
                P += (y[i] - e) * (y[i] - e) / 2;
                r[i] = y[i] - e;
                w[i] = 1;
            }
            rbar += r[i] / n;
            wsum += w[i];
        }
        // the dual point must sum to zero (free intercept): r − r̄ for squared; for logistic the tiny r̄ left by the
        // intercept is taken from each row in proportion to μ(1 − μ), which keeps y − c inside [0, 1] even where
        // μ is within rounding of 0 or 1 (subtracting it uniformly pushed such rows out of the domain: t = 0)
        double[] rc = new double[n];
        for (int i = 0; i < n; i++) rc[i] = r[i] - rbar * n * w[i] / wsum;
        P /= n;
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            b[j] = s[j] * beta[j];
            P += lambda * (alpha * Math.abs(b[j]) + (1 - alpha) / 2 * b[j] * b[j]);
        }
        // z_j = x_j / s_j; g = Zᵀ(r − r̄)/n is the negative loss gradient in b (at the optimal intercept r̄ = 0)
        double[] g = new double[p], gRaw = new double[p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) {
                g[j] += x[i * p + j] / s[j] * rc[i] / n;
                gRaw[j] += x[i * p + j] / s[j] * r[i] / n;
            }
        double t = 1;
        if (alpha == 1) { // the L1 conjugate is the indicator of |Zᵀu| ≤ λ
            double gmax = 0;
            for (double v : g) gmax = Math.max(gmax, Math.abs(v));
            if (gmax > lambda) t = lambda / gmax;
        }
        if (logistic) // q = y − t(r − r̄) must lie in [0, 1]
            for (int i = 0; i < n; i++) {
                double c = rc[i];
                if (c > 0 && y[i] - t * c < 0) t = y[i] / c;
                if (c < 0 && y[i] - t * c > 1) t = (y[i] - 1) / c;
            }
        double D = 0;
        for (int i = 0; i < n; i++) {
            double c = t * rc[i];
            if (logistic) {
                double q = y[i] - c;
                D -= xlogx(q) + xlogx(1 - q);
            } else D += c * y[i] - c * c / 2;
        }
        D /= n;
        if (alpha < 1)
            for (int j = 0; j < p; j++) {
                double e = Math.max(Math.abs(t * g[j]) - lambda * alpha, 0);
                D -= e * e / (2 * lambda * (1 - alpha));
            }
        double gapAbs = P - D;
        // KKT: intercept r̄ = 0; b_j ≠ 0: g_j − λ(1−α)b_j = λα sign b_j; b_j = 0: |g_j| ≤ λα
        double viol = Math.abs(rbar);
        for (int j = 0; j < p; j++) {
            double gj = gRaw[j] - lambda * (1 - alpha) * b[j];
            viol = Math.max(viol, b[j] != 0 ? Math.abs(gj - lambda * alpha * Math.signum(b[j])) : Math.max(Math.abs(gj) - lambda * alpha, 0));
        }
        // what the gap allows: with ε = P − D ≥ P − P*, the smooth part's gradient moves at most √(2Lε) and
        // ‖b − b*‖ ≤ √(2ε/μ) (μ = λ(1−α)); the subgradient condition of a coordinate can then be off by
        // L‖b − b*‖ + √(2Lε) + λα·[sign flips, only when |b_j| ≤ ‖b − b*‖]. L: the trace bound of the Hessian.
        double L = 1;
        for (int j = 0; j < p; j++) {
            double v = 0;
            for (int i = 0; i < n; i++) v += x[i * p + j] / s[j] * x[i * p + j] / s[j] / n;
            L += v;
        }
        if (logistic) L /= 4;
        L += lambda * (1 - alpha);
        double eps = Math.max(gapAbs, 0), dist = alpha < 1 ? Math.sqrt(2 * eps / (lambda * (1 - alpha))) : Double.POSITIVE_INFINITY;
        double allowed = L * dist + Math.sqrt(2 * L * eps);
        for (int j = 0; j < p; j++) if (b[j] != 0 && Math.abs(b[j]) <= dist) allowed = Math.max(allowed, L * dist + Math.sqrt(2 * L * eps) + 2 * lambda * alpha);
        // plus the rounding of the float64 sums above (n terms of g, relative 1e-12 of the largest)
        double gmaxAbs = 0;
        for (double v : gRaw) gmaxAbs = Math.max(gmaxAbs, Math.abs(v));
        allowed += 1e-12 * (gmaxAbs + lambda) * Math.sqrt(n);
        return new IndependentCertificate(P, D, gapAbs / Math.abs(P), viol / lambda, allowed / lambda);
    }

    static double xlogx(double q) {
        return q <= 0 ? 0 : q * Math.log(q);
    }
}
