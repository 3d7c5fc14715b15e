/*
 * csr_residual: η_i = offset + Σ_k val_k·b[idx_k] over row i of a CSR matrix, r_i = y_i − μ(η_i) (μ = spred_mean
 * of the loss), fused in one pass over the row.
 * Traffic: 8 B (float32) / 12 B (float64) per nonzero (value, index) plus a gather of b; per row 8 B of offsets and
 * y, η, r.
 * Row splitting: one warp per row (8 rows per block of 256), the row's entries strided over the 32 lanes, summed
 * in double and reduced by a fixed shuffle tree, so a row of 10⁴ entries is 313 steps per lane, not 10⁴ for one
 * thread, and the result never depends on scheduling (no atomics).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(csr_residual)(int n, int p, REAL *eta, REAL *r, const REAL *__restrict__ val,
                                                     const REAL *__restrict__ b, const REAL *__restrict__ y,
                                                     const long long *__restrict__ ptr, const int *__restrict__ idx,
                                                     REAL offset, int loss)
{
    (void)p;
    const int lane = threadIdx.x & 31;
    const long long warps = (long long)gridDim.x * (blockDim.x >> 5);
    for (long long i = spred_tid() >> 5; i < n; i += warps) {
        double s = 0;
        const long long end = ptr[i + 1];
        for (long long k = ptr[i] + lane; k < end; k += 32) s += (double)val[k] * (double)b[idx[k]];
        for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffffu, s, o);
        if (lane == 0) {
            const REAL e = (REAL)((double)offset + s);
            eta[i] = e;
            r[i] = y[i] - spred_mean(loss, e);
        }
    }
}
