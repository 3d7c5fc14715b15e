package io.github.spred4j.solver;

import java.util.Arrays;

/**
 * Which columns the inner solve sees: the sequential strong rule (Tibshirani et al. 2012: keep j if
 * |g_j(λ_prev)| ≥ 2λ − λ_prev), Gap Safe screening (Fercoq, Gramfort, Salmon 2015: j is certainly zero if
 * |Zc_jᵀζ| + ‖Zc_j‖·radius < λα, radius from the duality gap and the dual's strong concavity), and the growth of the
 * working set from the KKT violators (celer's geometric growth: up to max(p0, |W|) new columns per outer step).
 */
final class Screening {
    /** The first working set's size bound (celer uses 10, skglm 10; the strong set usually decides). */
    static final int P0 = 32;

    private Screening() {
    }

    /**
     * Gap Safe: marks in {@code safe} the columns proved zero at the optimum. g = Zcᵀr/n at the current point,
     * t the dual scale used, gapAbs the absolute gap, kappa the dual's strong concavity per row (1 squared,
     * 4 logistic; 0 = no test, e.g. Poisson) — radius √(2·gap/(κ·n)) in ζ, column norm √(n·h_j).
     * Only for the pure L1 penalty. Returns how many are marked.
     */
    static int gapSafe(boolean[] safe, double[] g, double[] h, int n, double t, double gapAbs, double la, double kappa) {
        if (!(kappa > 0) || !(gapAbs >= 0) || la <= 0) return 0;
        double radius = Math.sqrt(2 * gapAbs / (kappa * n));
        int m = 0;
        for (int j = 0; j < g.length; j++) {
            if (safe[j]) {
                m++;
                continue;
            }
            if (Math.abs(t * g[j]) + Math.sqrt(n * h[j]) * radius < la) {
                safe[j] = true;
                m++;
            }
        }
        return m;
    }

    /**
     * The KKT violators outside the support (b_j = 0 and |g_j| > la·(1 + slack)), not in W, not screened,
     * worst first.
     */
    static int[] violators(double[] g, double[] b, boolean[] inW, boolean[] safe, double la) {
        int c = 0;
        int[] v = new int[g.length];
        for (int j = 0; j < g.length; j++)
            if (b[j] == 0 && !inW[j] && !safe[j] && Math.abs(g[j]) > la * (1 + 1e-12)) v[c++] = j;
        return worstFirst(Arrays.copyOf(v, c), g, la);
    }

    /** The strong-rule candidates at λ from the gradient at λ_prev: |g_j| ≥ α(2λ − λ_prev), worst first. */
    static int[] strong(double[] g, double[] b, boolean[] safe, double laNew, double laPrev) {
        double bound = 2 * laNew - laPrev;
        int c = 0;
        int[] v = new int[g.length];
        for (int j = 0; j < g.length; j++)
            if (b[j] == 0 && !safe[j] && Math.abs(g[j]) >= bound) v[c++] = j;
        return worstFirst(Arrays.copyOf(v, c), g, 0);
    }

    /**
     * v ordered by |g| descending, ties in index order. Sorted as primitive longs (|g| rounded to float in the
     * high half, the complemented index in the low half; sorting boxed Integers with a comparator cost a fit on
     * 50000 columns more than its coordinate descent): values within float rounding of each other (relative 6e-8)
     * come in index order. Only the order in which columns join the working set depends on it, never the answer.
     */
    private static int[] worstFirst(int[] v, double[] g, double la) {
        int m = v.length;
        long[] k = new long[m];
        for (int i = 0; i < m; i++)
            k[i] = ((long) Float.floatToIntBits((float) Math.abs(g[v[i]])) << 32) | (~v[i] & 0xFFFFFFFFL);
        java.util.Arrays.sort(k);
        int[] r = new int[m];
        for (int i = 0; i < m; i++) r[i] = ~(int) k[m - 1 - i];
        return r;
    }
}
