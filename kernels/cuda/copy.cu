/*
 * copy: dst ← src (same length and precision; dst != src, checked in Java).
 * Traffic per element: read src; write dst = 8 B (float32), 16 B (float64).
 * A kernel rather than cuMemcpyDtoD so that the operation has one code path per stem, like every other; the
 * benchmark (CudaBench) compares it with cuMemcpyDtoD.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(copy)(long long n, REAL *dst, const REAL *__restrict__ src)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) ((RVEC *)dst)[j] = ((const RVEC *)src)[j];
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) dst[i] = src[i];
}
