/*
 * max_abs: max |x_i|, NaN if any x_i is NaN (fmax would drop it; spred_max_nan keeps it).
 * Traffic per element: read x = 4 B (float32), 8 B (float64).
 * Two-phase: one partial per block (partial[blockIdx.x]), combined on the host; max is order-independent.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(max_abs)(long long n, double *partial, const REAL *__restrict__ x)
{
    const long long nv = n / VW;
    double m = 0;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC X = ((const RVEC *)x)[j];
#pragma unroll
        for (int e = 0; e < VW; e++) m = spred_max_nan(m, (double)fabs(X.v[e]));
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) m = spred_max_nan(m, (double)fabs(x[i]));
    double s = spred_block_max(m);
    if (threadIdx.x == 0) partial[blockIdx.x] = s;
}
