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
        return violators(g, b, inW, safe, la, Integer.MAX_VALUE);
    }

    /** The {@code limit} worst of {@link #violators(double[], double[], boolean[], boolean[], double)}, in its order. */
    static int[] violators(double[] g, double[] b, boolean[] inW, boolean[] safe, double la, int limit) {
        int c = 0;
        int[] v = new int[g.length];
        for (int j = 0; j < g.length; j++)
            if (b[j] == 0 && !inW[j] && !safe[j] && Math.abs(g[j]) > la * (1 + 1e-12)) v[c++] = j;
        return worstFirst(Arrays.copyOf(v, c), g, limit);
    }

    /** The strong-rule candidates at λ from the gradient at λ_prev: |g_j| ≥ α(2λ − λ_prev), worst first. */
    static int[] strong(double[] g, double[] b, boolean[] safe, double laNew, double laPrev) {
        return strong(g, b, safe, laNew, laPrev, Integer.MAX_VALUE);
    }

    /**
     * The {@code limit} worst strong-rule candidates, in {@link #strong(double[], double[], boolean[], double, double)}'s
     * order (far from the previous λ every column is a candidate: 1.35M sorted for the 64 the engine takes).
     */
    static int[] strong(double[] g, double[] b, boolean[] safe, double laNew, double laPrev, int limit) {
        double bound = 2 * laNew - laPrev;
        int c = 0;
        int[] v = new int[g.length];
        for (int j = 0; j < g.length; j++)
            if (b[j] == 0 && !safe[j] && Math.abs(g[j]) >= bound) v[c++] = j;
        return worstFirst(Arrays.copyOf(v, c), g, limit);
    }

    /**
     * The first {@code limit} of v ordered by |g| descending, ties in index order. Sorted as primitive longs (|g|
     * rounded to float in the high half, the complemented index in the low half; sorting boxed Integers with a
     * comparator cost a fit on 50000 columns more than its coordinate descent): values within float rounding of each
     * other (relative 6e-8) come in index order. Only the order in which columns join the working set depends on
     * it, never the answer. A limit below |v| selects the top keys first (quickselect, O(|v|)), then sorts those.
     */
    private static int[] worstFirst(int[] v, double[] g, int limit) {
        int m = v.length;
        long[] k = new long[m];
        for (int i = 0; i < m; i++)
            k[i] = ((long) Float.floatToIntBits((float) Math.abs(g[v[i]])) << 32) | (~v[i] & 0xFFFFFFFFL);
        int from = 0;
        if (limit < m) {
            from = m - Math.max(limit, 0);
            select(k, from); // k[from..m) now holds the largest keys
        }
        Arrays.sort(k, from, m);
        int[] r = new int[m - from];
        for (int i = 0; i < r.length; i++) r[i] = ~(int) k[m - 1 - i];
        return r;
    }

    /** Reorders k so that k[t] is the key a full sort would put there, smaller keys before it, larger after. */
    static void select(long[] k, int t) {
        int lo = 0, hi = k.length - 1;
        while (hi > lo) {
            long pivot = median(k[lo], k[(lo + hi) >>> 1], k[hi]);
            int i = lo, j = hi;
            while (i <= j) {
                while (k[i] < pivot) i++;
                while (k[j] > pivot) j--;
                if (i <= j) {
                    long x = k[i];
                    k[i++] = k[j];
                    k[j--] = x;
                }
            }
            if (t <= j) hi = j;
            else if (t >= i) lo = i;
            else return;
        }
    }

    private static long median(long a, long b, long c) {
        return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
    }
}
