/*
 * logistic_loss: Σ log(1+e^η_i) − y_i·η_i (spred_logistic_loss, computed in REAL, summed in double).
 * Traffic per element: read eta, y = 8 B (float32), 16 B (float64).
 * Two-phase and deterministic: each block writes the double sum of its grid-stride share to partial[blockIdx.x]
 * (per-thread double accumulation in a fixed order, then a fixed shuffle tree); the host adds the partial in
 * block order in double. The grid size is chosen from n alone (CudaContext.reductionBlocks), so the result
 * depends only on the inputs and n.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(logistic_loss)(long long n, double *partial, const REAL *__restrict__ eta, const REAL *__restrict__ y)
{
    const long long nv = n / VW;
    double acc = 0;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC E = ((const RVEC *)eta)[j], Y = ((const RVEC *)y)[j];
#pragma unroll
        for (int e = 0; e < VW; e++) acc += (double)spred_logistic_loss(E.v[e], Y.v[e]);
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) acc += (double)spred_logistic_loss(eta[i], y[i]);
    double s = spred_block_sum(acc);
    if (threadIdx.x == 0) partial[blockIdx.x] = s;
}
