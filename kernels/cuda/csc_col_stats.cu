/*
 * csc_col_stats: centred column statistics of a CSC matrix over all n rows, sum_j = Σ_i (x_ij − c_j) and
 * sumsq_j = Σ_i (x_ij − c_j)², the n − nnz_j implicit zeros added at once (−c_j and c_j² each): the means and
 * centred norms of implicit centring and scaling.
 * Traffic: 4 B (float32) / 8 B (float64) per nonzero; per column 8 B of offsets and two outputs.
 * One warp per column, double accumulation, fixed shuffle trees: deterministic.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(csc_col_stats)(int n, int p, REAL *sum, REAL *sumsq, const REAL *__restrict__ val,
                                                      const REAL *__restrict__ centre, const long long *__restrict__ ptr,
                                                      const int *__restrict__ idx)
{
    (void)idx;
    const int lane = threadIdx.x & 31;
    const long long warps = (long long)gridDim.x * (blockDim.x >> 5);
    for (long long j = spred_tid() >> 5; j < p; j += warps) {
        const double m = (double)centre[j];
        double s = 0, q = 0;
        const long long end = ptr[j + 1];
        for (long long k = ptr[j] + lane; k < end; k += 32) {
            const double v = (double)val[k] - m;
            s += v;
            q += v * v;
        }
        for (int o = 16; o > 0; o >>= 1) {
            s += __shfl_down_sync(0xffffffffu, s, o);
            q += __shfl_down_sync(0xffffffffu, q, o);
        }
        if (lane == 0) {
            const double zeros = (double)(n - (end - ptr[j]));
            sum[j] = (REAL)(s + zeros * -m);
            sumsq[j] = (REAL)(q + zeros * m * m);
        }
    }
}
