package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.data.CscMatrix;

/**
 * The native (C, JNI) sweep of the sparse lockstep coordinate descent ({@code solver.SparseCd}, issue 14's sparse
 * CV) over the solver's own Java arrays: native/sparse_cd.c, bitwise the same as SparseCd.column over the same columns
 * (same summation order, no fused multiply-add), the k sets' lanes four at a time. One JNI call a sweep over a list of
 * columns, not a column: pinning the arrays costs about a microsecond, a column's work a fraction of that.
 * For the solver package (not a user API); the Java loops remain the reference and the fallback.
 */
public final class NativeSparseCd {
    private final long[] cp;
    private final int[] ri, own, nt;
    private final double[] xv, u, b, xm, s, a, cs, su, yv;
    private final boolean[] live;
    private final int p, w, k;

    private NativeSparseCd(CscMatrix x, int[] own, double[] u, int w, int k, double[] b, double[] xm, double[] s,
                           double[] a, double[] cs, int[] nt, double[] su, double[] yv, boolean[] live) {
        int n = x.rows();
        p = x.cols();
        if (k < 1 || (k == 1 ? w != 1 : w < k || w % 4 != 0))
            throw new IllegalArgumentException("sparse CD: " + w + " lanes for " + k + " sets");
        long pk = (long) p * k;
        if (own.length != n || u.length < (long) n * w || b.length < pk || xm.length < pk || s.length < pk
                || a.length < pk || cs.length < pk || nt.length < k || su.length < k || yv.length < k || live.length < k)
            throw new IllegalArgumentException("sparse CD: array lengths do not fit n=" + n + ", p=" + p + ", k=" + k);
        this.cp = x.colPtr();
        this.ri = x.rowIdx();
        this.xv = x.values();
        this.own = own;
        this.u = u;
        this.w = w;
        this.k = k;
        this.b = b;
        this.xm = xm;
        this.s = s;
        this.a = a;
        this.cs = cs;
        this.nt = nt;
        this.su = su;
        this.yv = yv;
        this.live = live;
    }

    /**
     * A sweeper over these arrays (held, not copied: the solver's later writes are seen), or null when the native
     * library is not loaded (then the caller keeps its Java loops). u is n×w with w = 1 for k = 1, else a multiple of
     * four ≥ k; b, xm, s, a, cs are p×k; nt, su, yv, live have k entries.
     */
    public static NativeSparseCd of(CscMatrix x, int[] own, double[] u, int w, int k, double[] b, double[] xm,
                                    double[] s, double[] a, double[] cs, int[] nt, double[] su, double[] yv,
                                    boolean[] live) {
        if (NativeLoader.load() != null) return null;
        return new NativeSparseCd(x, own, u, w, k, b, xm, s, a, cs, nt, su, yv, live);
    }

    /** Null when the native sweep can run, else why not (the library did not load). */
    public static String unavailable() {
        return NativeLoader.load();
    }

    /**
     * One coordinate step of every live set on each of cols[0..count), in order; returns the largest
     * a·Δb²/var(y) (NaN once one is NaN).
     */
    public double sweep(int[] cols, int count, double la, double mu) {
        if (count < 0 || count > cols.length)
            throw new IllegalArgumentException("sparse CD: " + count + " of " + cols.length + " columns");
        for (int q = 0; q < count; q++)
            if (cols[q] < 0 || cols[q] >= p)
                throw new IllegalArgumentException("sparse CD: column " + cols[q] + " outside 0.." + (p - 1));
        return NativeLib.sparseCdSweep(cols, count, cp, ri, xv, own, u, w, k, b, xm, s, a, cs, nt, su, yv, live, la, mu);
    }
}
