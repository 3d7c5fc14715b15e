/*
 * csc_mat_t_vec: out_j = Σ_k val_k·r[idx_k] over column j of a CSC matrix: Xᵀr as a deterministic gather.
 * Traffic: 8 B (float32) / 12 B (float64) per nonzero plus a gather of r; per column 8 B of offsets and the output.
 * One warp per column (as csr_residual's rows): lanes stride the column, double accumulation, fixed shuffle tree.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(csc_mat_t_vec)(int n, int p, REAL *out, const REAL *__restrict__ val,
                                                      const REAL *__restrict__ r, const long long *__restrict__ ptr,
                                                      const int *__restrict__ idx)
{
    (void)n;
    const int lane = threadIdx.x & 31;
    const long long warps = (long long)gridDim.x * (blockDim.x >> 5);
    for (long long j = spred_tid() >> 5; j < p; j += warps) {
        double s = 0;
        const long long end = ptr[j + 1];
        for (long long k = ptr[j] + lane; k < end; k += 32) s += (double)val[k] * (double)r[idx[k]];
        for (int o = 16; o > 0; o >>= 1) s += __shfl_down_sync(0xffffffffu, s, o);
        if (lane == 0) out[j] = (REAL)s;
    }
}
