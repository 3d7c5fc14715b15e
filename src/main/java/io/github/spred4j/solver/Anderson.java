package io.github.spred4j.solver;

/**
 * Anderson acceleration of coordinate descent on a working set (squared loss), as celer and skglm do: every
 * {@link #K} sweeps the last K+1 iterates b_W are combined, with weights c (Σc = 1) that minimise ‖Σ c_k Δ_k‖ over
 * their differences Δ_k, into an extrapolated point that is kept only when it lowers the objective. On an
 * ill-conditioned working set (a near-OLS end of a path: |W| in the thousands, CD needing ~50 sweeps a λ) the
 * extrapolation follows the slow linear convergence of the sweeps in one step. Each try costs about two sweeps
 * (the residual of the candidate and its objective); the certificate of the next check decides as always.
 */
final class Anderson {
    static final int K = 5;
    /** Below this working-set size a sweep is cheap and plain CD is left alone. */
    static final int MIN_SET = 200;

    private Anderson() {
    }

    /** As {@link Inner#solve}: sweeps of W until the largest scaled move is below thr or the budget is spent. */
    static boolean solve(Inner st, Polish polish, int[] W, double la, double mu, double thr, long budget) {
        int m = W.length;
        long start = st.sweeps;
        double[][] hist = new double[K + 1][m];
        while (st.sweeps - start < budget) {
            take(st, W, hist[0]);
            for (int k = 1; k <= K; k++) {
                if (st.solve(W, la, mu, thr, 1)) return true;
                take(st, W, hist[k]);
                if (st.sweeps - start >= budget) return false;
            }
            extrapolate(st, polish, W, hist, la, mu);
        }
        return false;
    }

    private static void take(Inner st, int[] W, double[] into) {
        for (int a = 0; a < W.length; a++) into[a] = st.b[W[a]];
    }

    private static void extrapolate(Inner st, Polish polish, int[] W, double[][] hist, double la, double mu) {
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
        double[] b0 = st.b.clone(), bt = b0.clone();
        for (int a = 0; a < m; a++) {
            double v = 0;
            for (int k = 0; k < K; k++) v += z[k] / sum * hist[k + 1][a];
            bt[W[a]] = v;
        }
        double c0 = st.c;
        double f0 = polish.objective(st.eta(), b0, la, mu);
        st.setState(c0, bt);
        double f = polish.objective(st.eta(), st.b, la, mu);
        if (!(f < f0)) st.setState(c0, b0);
    }
}
