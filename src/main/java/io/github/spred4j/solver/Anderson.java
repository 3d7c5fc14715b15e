package io.github.spred4j.solver;

/**
 * Anderson acceleration of coordinate descent on a working set (squared loss), as celer and skglm do: every
 * {@link #K} sweeps the last K+1 iterates b_W are combined, with weights c (Σc = 1) that minimise ‖Σ c_k Δ_k‖ over
 * their differences Δ_k, into an extrapolated point that is kept only when it lowers the objective. On an
 * ill-conditioned working set (a near-OLS end of a path: |W| in the thousands, CD needing ~50 sweeps a λ) the
 * extrapolation follows the slow linear convergence of the sweeps in one step. Each try costs about half a sweep
 * (the residual change of the candidate, {@link ExactStep}); the certificate of the next check decides as always.
 */
final class Anderson {
    static final int K = 5;
    /** Below this working-set size a sweep is cheap and plain CD is left alone. */
    static final int MIN_SET = 200;

    private Anderson() {
    }

    /** As {@link Inner#solve}: sweeps of W until the largest scaled move is below thr or the budget is spent. */
    static boolean solve(Inner st, int[] W, double la, double mu, double thr, long budget) {
        return solve(st, W, la, mu, thr, budget, -1, 0);
    }

    /**
     * As {@link #solve(Inner, int[], double, double, double, long)}, and (lasso: mu = 0, la > 0) also stops once
     * the duality gap the last sweep's KKT violations imply is at most gapTarget (absolute; ≤ 0: never): with
     * the dual point ζ = t·r/n the gap is Σ_j (λ|b_j| − t·b_j·g_j) + (1 − t)²‖r‖²/(2n), t = λ/max|g|, so a
     * largest violation v bounds it by about 2v·‖b‖₁ + (v/λ)²·P. The moves a sweep makes (a_j·Δ² against thr)
     * say little about that at the near-least-squares end of a path, where the gap needs the KKT conditions to
     * ~1e-5·λ: stopping on thr alone made the engine tighten thr round by round, a pass over X each, and
     * overshoot the tolerance by 100×. An estimate, not a certificate: the engine's check decides.
     */
    static boolean solve(Inner st, int[] W, double la, double mu, double thr, long budget, double gapTarget,
                         double objective) {
        int m = W.length;
        long start = st.sweeps;
        double[][] hist = new double[K + 1][m];
        boolean estimate = gapTarget > 0 && mu == 0 && la > 0;
        while (st.sweeps - start < budget) {
            take(st, W, hist[0]);
            for (int k = 1; k <= K; k++) {
                if (st.solve(W, la, mu, thr, 1)) return true;
                take(st, W, hist[k]);
                if (estimate) {
                    double l1 = 0;
                    for (double v : hist[k]) l1 += Math.abs(v);
                    double v = st.sweepViolation, q = v / la;
                    if (2 * v * l1 + q * q * Math.abs(objective) <= gapTarget) return true;
                }
                if (st.sweeps - start >= budget) return false;
            }
            extrapolate(st, W, hist, la, mu);
        }
        return false;
    }

    private static void take(Inner st, int[] W, double[] into) {
        for (int a = 0; a < W.length; a++) into[a] = st.b[W[a]];
    }

    private static void extrapolate(Inner st, int[] W, double[][] hist, double la, double mu) {
        int m = W.length;
        double[][] d = new double[K][m];
        for (int k = 0; k < K; k++) for (int a = 0; a < m; a++) d[k][a] = hist[k + 1][a] - hist[k][a];
        double[] g = new double[K * K];
        double tr = 0;
        for (int i = 0; i < K; i++)
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int a = 0; a < m; a++) s += d[i][a] * d[j][a];
                g[i * K + j] = g[j * K + i] = s;
                if (i == j) tr += s;
            }
        if (!(tr > 0)) return;
        for (int i = 0; i < K; i++) g[i * K + i] += 1e-10 * tr / K; // the differences are nearly dependent by design
        double[] ones = new double[K];
        java.util.Arrays.fill(ones, 1);
        double[] z = Cholesky.solve(g, ones, K);
        if (z == null) return;
        double sum = 0;
        for (double v : z) sum += v;
        if (!(Math.abs(sum) > 0) || !Double.isFinite(sum)) return;
        double[] bt = new double[m];
        for (int a = 0; a < m; a++) {
            double v = 0;
            for (int k = 0; k < K; k++) v += z[k] / sum * hist[k + 1][a];
            bt[a] = v;
        }
        // kept only if P drops, the change computed from the step itself: near the optimum P(bt) − P(b) is below
        // float64's resolution of P, and a test on the two objectives rejected every late extrapolation
        ExactStep.take(st, W, bt, la, mu);
    }
}
