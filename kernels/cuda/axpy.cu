/*
 * axpy: y ← y + a·x.   Traffic per element: read y, x; write y = 12 B (float32), 24 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(axpy)(long long n, REAL *y, const REAL *x, REAL a)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC Y = ((RVEC *)y)[j], X = ((const RVEC *)x)[j];
#pragma unroll
        for (int e = 0; e < VW; e++) Y.v[e] = Y.v[e] + a * X.v[e];
        ((RVEC *)y)[j] = Y;
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) y[i] = y[i] + a * x[i];
}
