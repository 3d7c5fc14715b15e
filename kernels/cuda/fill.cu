/*
 * fill: x_i ← value.   Traffic per element: write x = 4 B (float32), 8 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(fill)(long long n, REAL *x, REAL value)
{
    const long long nv = n / VW;
    RVEC X;
#pragma unroll
    for (int e = 0; e < VW; e++) X.v[e] = value;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) ((RVEC *)x)[j] = X;
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) x[i] = value;
}
