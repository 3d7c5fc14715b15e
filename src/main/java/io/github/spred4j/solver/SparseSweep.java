package io.github.spred4j.solver;

import io.github.spred4j.api.DeviceException;
import io.github.spred4j.backend.nativecpu.NativeSparseCd;
import io.github.spred4j.data.CscMatrix;

/**
 * One sweep of {@link SparseCd} over a list of columns: in C ({@link NativeSparseCd}: the lanes of a row four at a
 * time, bitwise the same results) where the native library is loaded, else the Java loops of
 * {@link SparseCd#column}, which stay the float64 reference. {@code -Dspred4j.sparseCd.native=false} keeps the
 * Java loops (A/B). The two lane loops (dots and residual updates) were ~73% of the sparse CV's CPU time in Java.
 */
final class SparseSweep {
    /** {@code -Dspred4j.sparseCd.native=false} keeps the Java sweeps even where the native library loads. */
    static final boolean NATIVE = !"false".equals(System.getProperty("spred4j.sparseCd.native"));

    private final SparseCd cd;
    private final CscMatrix x;
    private boolean fast;

    /** Sweeps of cd (whose X is x) in C when useNative and the library is loaded, else in Java. */
    SparseSweep(SparseCd cd, CscMatrix x, boolean useNative) {
        this.cd = cd;
        this.x = x;
        fast = useNative && NativeSparseCd.unavailable() == null;
    }

    /** Whether the sweeps run in C. */
    boolean isNative() {
        return fast;
    }

    /** The largest change measure of one sweep over cols[0..count) (Java's Math.max over {@link SparseCd#column}). */
    double run(int[] cols, int count, double la, double mu) {
        if (fast) {
            try { // the solver's current arrays, checked at every call
                double d = NativeSparseCd.sweep(cols, count, x, cd.own, cd.u, cd.w, cd.k, cd.b, cd.xm, cd.s, cd.a,
                        cd.cs, cd.nt, cd.su, cd.yv, cd.live, la, mu);
                cd.columnSweeps += count;
                return d;
            } catch (DeviceException e) { // cannot pin or allocate: nothing was changed; Java from now on
                fast = false;
            }
        }
        double d = 0;
        for (int q = 0; q < count; q++) d = Math.max(d, cd.column(cols[q], la, mu));
        return d;
    }
}
