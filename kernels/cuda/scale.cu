/*
 * scale: x ← a·x.   Traffic per element: read x; write x = 8 B (float32), 16 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(scale)(long long n, REAL *x, REAL a)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC X = ((RVEC *)x)[j];
#pragma unroll
        for (int e = 0; e < VW; e++) X.v[e] = a * X.v[e];
        ((RVEC *)x)[j] = X;
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) x[i] = a * x[i];
}
