package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;

/**
 * The products of X with a block of k vectors, on the device through the op that fits k: the GEMM-shaped ops
 * ({@link Context#gemmXB}, {@link Context#gemmXtR}: X read once per tile of vectors, register-blocked) for
 * {@value #GEMM_MIN_K} vectors or more, the matrix-vector passes ({@link Context#matVec}, {@link Context#matTVec})
 * below that, where a GEMM tile would be mostly padding and the pass is bound by reading X anyway
 * (docs/perf/2026-12-02-gemm.txt has the measured crossover on the CPU).
 */
final class Stacked {
    /** The fewest vectors that take the GEMM ops. */
    static final int GEMM_MIN_K = 3;

    private Stacked() {
    }

    /** {@code out_j = X·b_j} for j &lt; k ({@code out} n·k, {@code b} p·k, X row-major n×p). */
    static void xb(Context ctx, DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k) {
        if (k >= GEMM_MIN_K) ctx.gemmXB(out, x, n, p, b, k);
        else ctx.matVec(out, x, n, p, b, k);
    }

    /** {@code out_j = Xᵀ·r_j} for j &lt; k ({@code out} p·k, {@code r} n·k, X row-major n×p). */
    static void xtr(Context ctx, DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        if (k >= GEMM_MIN_K) ctx.gemmXtR(out, x, n, p, r, k);
        else ctx.matTVec(out, x, n, p, r, k);
    }
}
