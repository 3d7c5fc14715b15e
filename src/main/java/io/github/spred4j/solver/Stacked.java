package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;

/**
 * The products of X with a block of k vectors, on the device through the op that fits k: the GEMM-shaped ops
 * ({@link Context#gemmXtR}, {@link Context#gemmXB}: X read once per tile of vectors, register-blocked) from
 * {@value #XTR_MIN_K} (Xᵀ·R) or {@value #XB_MIN_K} (X·B) vectors, the matrix-vector passes ({@link Context#matTVec},
 * {@link Context#matVec}) below. The crossovers are the CPU's (native, one thread, X 2000×500,
 * docs/perf/2026-12-02-gemm.txt, CPU time): gemm_xtr ÷ mat_t_vec 1.06 at k = 8, 1.7 at 64, 2.6 at 1000; gemm_xb ÷
 * mat_vec 0.36 at k = 8, 0.94 at 64, 1.15 at 1000 (mat_vec's row dot products reuse each row of X from L1 for all
 * k vectors, while gemm_xb must transpose X into its panels). On a GPU the GEMM ops should win from smaller k; that
 * is untested (no device was lent when this was measured).
 */
final class Stacked {
    /** The fewest vectors that take gemm_xtr. */
    static final int XTR_MIN_K = 8;
    /** The fewest vectors that take gemm_xb. */
    static final int XB_MIN_K = 128;

    private Stacked() {
    }

    /** {@code out_j = X·b_j} for j &lt; k ({@code out} n·k, {@code b} p·k, X row-major n×p). */
    static void xb(Context ctx, DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k) {
        if (k >= XB_MIN_K) ctx.gemmXB(out, x, n, p, b, k);
        else ctx.matVec(out, x, n, p, b, k);
    }

    /** {@code out_j = Xᵀ·r_j} for j &lt; k ({@code out} p·k, {@code r} n·k, X row-major n×p). */
    static void xtr(Context ctx, DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        if (k >= XTR_MIN_K) ctx.gemmXtR(out, x, n, p, r, k);
        else ctx.matTVec(out, x, n, p, r, k);
    }
}
