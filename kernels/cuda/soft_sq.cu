/*
 * soft_sq: Σ_j max(|t·g_j| − la, 0)² (the elastic net's dual term over all p columns, one scalar to the host).
 * Traffic per element: read g = 4 B (float32), 8 B (float64).
 * Two-phase and deterministic: each block writes the double sum of its grid-stride share to partial[blockIdx.x]
 * (fixed shuffle tree); the host adds the partials in block order (grid from n alone, CudaContext.reductionBlocks).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(soft_sq)(long long n, double *partial, const REAL *__restrict__ g, REAL t, REAL la)
{
    double acc = 0;
    for (long long j = spred_tid(); j < n; j += spred_stride()) {
        double e = fabs((double)t * (double)g[j]) - (double)la;
        e = e > 0 ? e : 0;
        acc += e * e;
    }
    double s = spred_block_sum(acc);
    if (threadIdx.x == 0) partial[blockIdx.x] = s;
}
