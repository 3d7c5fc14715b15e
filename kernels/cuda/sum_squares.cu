/*
 * sum_squares: Σ x_i².
 * Traffic per element: read x = 4 B (float32), 8 B (float64).
 * Two-phase and deterministic: each block writes the double sum of its grid-stride share to partial[blockIdx.x]
 * (per-thread double accumulation in a fixed order, then a fixed shuffle tree); the host adds the partial in
 * block order in double. The grid size is chosen from n alone (CudaContext.reductionBlocks), so the result
 * depends only on the inputs and n.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(sum_squares)(long long n, double *partial, const REAL *__restrict__ x)
{
    const long long nv = n / VW;
    double acc = 0;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC X = ((const RVEC *)x)[j];
#pragma unroll
        for (int e = 0; e < VW; e++) acc += (double)X.v[e] * (double)X.v[e];
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) acc += (double)x[i] * (double)x[i];
    double s = spred_block_sum(acc);
    if (threadIdx.x == 0) partial[blockIdx.x] = s;
}
