/*
 * mat_vec: out_j = X·b_j for j < k; X dense row-major n×p, b_j at b + j·p, out_j at out + j·n.
 * Traffic: X once (4·n·p B float32; the k passes over a row hit L1/L2), b from cache, out 4·n·k B.
 * One warp per row (grid-stride over rows): lanes stride the columns (coalesced), accumulate in double, then a
 * fixed shuffle tree: deterministic.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(mat_vec)(int n, int p, int k, REAL *out, const REAL *__restrict__ x,
                                          const REAL *__restrict__ b)
{
    const int lane = threadIdx.x & 31;
    const long long warps = spred_stride() >> 5;
    for (long long row = spred_tid() >> 5; row < n; row += warps) {
        const REAL *xr = x + row * (long long)p;
        for (int j = 0; j < k; j++) {
            const REAL *bj = b + (long long)j * p;
            double acc = 0;
            for (int c = lane; c < p; c += 32) acc += (double)xr[c] * (double)bj[c];
            acc = spred_warp_sum(acc);
            if (lane == 0) out[(long long)j * n + row] = (REAL)acc;
        }
    }
}
