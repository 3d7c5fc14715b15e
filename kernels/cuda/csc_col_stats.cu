/*
 * csc_col_stats: sum_j = Σ_k val_k and sumsq_j = Σ_k val_k² over column j of a CSC matrix (means and norms for
 * implicit centring and scaling).
 * Traffic: 4 B (float32) / 8 B (float64) per nonzero; per column 8 B of offsets and two outputs.
 * One warp per column, double accumulation, fixed shuffle trees: deterministic.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(csc_col_stats)(int n, int p, REAL *sum, REAL *sumsq, const REAL *__restrict__ val,
                                                      const long long *__restrict__ ptr, const int *__restrict__ idx)
{
    (void)n;
    (void)idx;
    const int lane = threadIdx.x & 31;
    const long long warps = (long long)gridDim.x * (blockDim.x >> 5);
    for (long long j = spred_tid() >> 5; j < p; j += warps) {
        double s = 0, q = 0;
        const long long end = ptr[j + 1];
        for (long long k = ptr[j] + lane; k < end; k += 32) {
            const double v = (double)val[k];
            s += v;
            q += v * v;
        }
        for (int o = 16; o > 0; o >>= 1) {
            s += __shfl_down_sync(0xffffffffu, s, o);
            q += __shfl_down_sync(0xffffffffu, q, o);
        }
        if (lane == 0) {
            sum[j] = (REAL)s;
            sumsq[j] = (REAL)q;
        }
    }
}
