package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.data.CscMatrix;

/**
 * The native (C, JNI) sweep of the sparse lockstep coordinate descent ({@code solver.SparseCd}, issue 14's sparse
 * CV) over the solver's own Java arrays: native/sparse_cd.c, bitwise the same as SparseCd.column over the same columns
 * (same summation order, no fused multiply-add), the k sets' lanes four at a time. One JNI call a sweep over a list of
 * columns, not a column: pinning the arrays costs about a microsecond, a column's work a fraction of that. The arrays
 * are passed (and their lengths checked) at every call, so a solver that replaces one is never swept on a stale copy.
 * For the solver package (not a user API); the Java loops remain the reference and the fallback.
 */
public final class NativeSparseCd {
    private NativeSparseCd() {
    }

    /** Null when the native sweep can run, else why not (the library did not load). */
    public static String unavailable() {
        return NativeLoader.load();
    }

    /**
     * One coordinate step of every live set on each of cols[0..count), in order, in place; returns the largest
     * a·Δb²/var(y) (NaN once one is NaN). u is n×w with w = 1 for k = 1, else a multiple of four ≥ k; b, xm, s, a, cs
     * are p×k; nt, su, yv, live have k entries; own[i] is row i's held-out set or −1. Call only when
     * {@link #unavailable} is null.
     */
    public static double sweep(int[] cols, int count, CscMatrix x, int[] own, double[] u, int w, int k, double[] b,
                               double[] xm, double[] s, double[] a, double[] cs, int[] nt, double[] su, double[] yv,
                               boolean[] live, double la, double mu) {
        int n = x.rows(), p = x.cols();
        if (k < 1 || (k == 1 ? w != 1 : w < k || w % 4 != 0))
            throw new IllegalArgumentException("sparse CD: " + w + " lanes for " + k + " sets");
        long pk = (long) p * k;
        if (own.length != n || u.length < (long) n * w || b.length < pk || xm.length < pk || s.length < pk
                || a.length < pk || cs.length < pk || nt.length < k || su.length < k || yv.length < k || live.length < k)
            throw new IllegalArgumentException("sparse CD: array lengths do not fit n=" + n + ", p=" + p + ", k=" + k);
        if (count < 0 || count > cols.length)
            throw new IllegalArgumentException("sparse CD: " + count + " of " + cols.length + " columns");
        for (int q = 0; q < count; q++)
            if (cols[q] < 0 || cols[q] >= p)
                throw new IllegalArgumentException("sparse CD: column " + cols[q] + " outside 0.." + (p - 1));
        return NativeLib.sparseCdSweep(cols, count, x.colPtr(), x.rowIdx(), x.values(), own, u, w, k, b, xm, s, a, cs,
                nt, su, yv, live, la, mu);
    }
}
