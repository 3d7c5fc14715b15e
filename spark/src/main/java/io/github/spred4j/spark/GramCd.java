package io.github.spred4j.spark;

/**
 * Coordinate descent on a Gram matrix (glmnet's covariance mode): minimises
 * {@code ½bᵀQb − cᵀb + la·‖b‖₁ + mu/2·‖b‖²} over a working set, Q symmetric positive semi-definite (|W|×|W|, rows
 * as arrays). Each coordinate update costs O(|W|) (the gradient c − Qb is updated by one column); a full sweep
 * over W is followed by sweeps over the non-zeros until they settle, then a full sweep checks (the gradient is
 * recomputed exactly before it, so rounding does not accumulate). Exact zeros by soft-thresholding.
 */
final class GramCd {
    private GramCd() {
    }

    /**
     * Solves in place.
     *
     * @param Q         the Gram, Q[a][b]
     * @param c         the linear term
     * @param la        the L1 weight (λα)
     * @param mu        the ridge weight (λ(1−α))
     * @param b         the start point, overwritten by the answer
     * @param tol       stop when a full sweep changes no coordinate by more than Q_jj·δ² ≤ tol (an objective change)
     * @param maxSweeps a bound on sweeps (a safety net: convergence is monotone)
     * @return the number of sweeps made
     */
    static int solve(double[][] Q, double[] c, double la, double mu, double[] b, double tol, int maxSweeps) {
        int k = c.length;
        double[] g = new double[k];
        int[] active = new int[k];
        int sweeps = 0;
        while (sweeps < maxSweeps) {
            for (int a = 0; a < k; a++) { // g = c − Qb, exactly
                double s = c[a];
                double[] qa = Q[a];
                for (int m = 0; m < k; m++) s -= qa[m] * b[m];
                g[a] = s;
            }
            double full = 0;
            int na = 0;
            for (int j = 0; j < k; j++) {
                full = Math.max(full, update(Q, g, b, j, la, mu));
                if (b[j] != 0) active[na++] = j;
            }
            sweeps++;
            if (full <= tol) break;
            while (sweeps < maxSweeps) { // the non-zeros until they settle
                double ch = 0;
                for (int t = 0; t < na; t++) ch = Math.max(ch, update(Q, g, b, active[t], la, mu));
                sweeps++;
                if (ch <= tol) break;
            }
        }
        return sweeps;
    }

    /** One coordinate update; returns Q_jj·δ² (δ² when Q_jj is 0). */
    private static double update(double[][] Q, double[] g, double[] b, int j, double la, double mu) {
        double[] qj = Q[j];
        double d = qj[j];
        double z = g[j] + d * b[j];
        double den = d + mu;
        double nb = den > 0 ? Math.signum(z) * Math.max(Math.abs(z) - la, 0) / den : 0;
        double delta = nb - b[j];
        if (delta == 0) return 0;
        for (int m = 0; m < g.length; m++) g[m] -= delta * qj[m];
        b[j] = nb;
        return (d > 0 ? d : 1) * delta * delta;
    }
}
