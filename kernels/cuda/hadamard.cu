/*
 * hadamard: v = u ⊙ w.
 * Traffic per element: read u, w; write v = 12 B (float32), 24 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR (spred4j.cu includes this file once per precision).
 * Loads and stores are 16-byte vectors (cuMemAlloc'd buffers are 256-byte aligned); a scalar loop does the tail.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(hadamard)(long long n, REAL *v, const REAL *__restrict__ u, const REAL *__restrict__ w)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC a = ((const RVEC *)u)[j], b = ((const RVEC *)w)[j], c;
#pragma unroll
        for (int e = 0; e < VW; e++) c.v[e] = a.v[e] * b.v[e];
        ((RVEC *)v)[j] = c;
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) v[i] = u[i] * w[i];
}
