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

    // ---- the same tests on a short list (j[k], g_j = v[k]) read back from the device (Checks.above): only the
    // columns whose |g_j| reaches the bound can pass them, so the other p − |list| never leave the device

    /** {@link #gapSafe(boolean[], double[], double[], int, double, double, double, double)} on the listed columns. */
    static int gapSafe(boolean[] safe, int[] j, double[] v, double[] h, int n, double t, double gapAbs, double la, double kappa) {
        if (!(kappa > 0) || !(gapAbs >= 0) || la <= 0) return 0;
        double radius = Math.sqrt(2 * gapAbs / (kappa * n));
        int m = 0;
        for (int k = 0; k < j.length; k++) {
            int c = j[k];
            if (!safe[c] && Math.abs(t * v[k]) + Math.sqrt(n * h[c]) * radius < la) {
                safe[c] = true;
                m++;
            }
        }
        return m;
    }

    /** {@link #violators(double[], double[], boolean[], boolean[], double, int)} among the listed columns. */
    static int[] violators(int[] j, double[] v, double[] b, boolean[] inW, boolean[] safe, double la, int limit) {
        int c = 0;
        int[] keep = new int[j.length];
        for (int k = 0; k < j.length; k++) {
            int col = j[k];
            if (b[col] == 0 && !inW[col] && !safe[col] && Math.abs(v[k]) > la * (1 + 1e-12)) keep[c++] = k;
        }
        return worstFirstOf(j, v, Arrays.copyOf(keep, c), limit);
    }

    /** {@link #strong(double[], double[], boolean[], double, double, int)} among the listed columns (|g_j| ≥ bound). */
    static int[] strong(int[] j, double[] v, double[] b, boolean[] safe, double bound, int limit) {
        int c = 0;
        int[] keep = new int[j.length];
        for (int k = 0; k < j.length; k++) {
            int col = j[k];
            if (b[col] == 0 && !safe[col] && Math.abs(v[k]) >= bound) keep[c++] = k;
        }
        return worstFirstOf(j, v, Arrays.copyOf(keep, c), limit);
    }

    /** The columns j[keep[i]] by |v[keep[i]]| descending, as {@link #worstFirst}. */
    private static int[] worstFirstOf(int[] j, double[] v, int[] keep, int limit) {
        int m = keep.length;
        int[] cols = new int[m];
        double[] g = new double[m];
        for (int i = 0; i < m; i++) {
            cols[i] = j[keep[i]];
            g[i] = v[keep[i]];
        }
        return order(cols, g, limit);
    }

    /**
     * The first {@code limit} of v ordered by |g| descending, ties in index order. Sorted as primitive longs (|g|
     * rounded to float in the high half, the complemented index in the low half; sorting boxed Integers with a
     * comparator cost a fit on 50000 columns more than its coordinate descent): values within float rounding of each
     * other (relative 6e-8) come in index order. Only the order in which columns join the working set depends on
     * it, never the answer. A limit below |v| selects the top keys first (quickselect, O(|v|)), then sorts those.
     */
    private static int[] worstFirst(int[] v, double[] g, int limit) {
        double[] gv = new double[v.length];
        for (int i = 0; i < v.length; i++) gv[i] = g[v[i]];
        return order(v, gv, limit);
    }

    /** The first {@code limit} of the columns v by |gv| descending (gv[i] belongs to v[i]), as {@link #worstFirst}. */
    private static int[] order(int[] v, double[] gv, int limit) {
        int m = v.length;
        long[] k = new long[m];
        for (int i = 0; i < m; i++)
            k[i] = ((long) Float.floatToIntBits((float) Math.abs(gv[i])) << 32) | (~v[i] & 0xFFFFFFFFL);
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
