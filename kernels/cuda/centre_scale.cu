/*
 * centre_scale: g_j ← (g_j − x̄_j·sr)/s_j/nrows in double (Xᵀr → the centred, scaled gradient Zcᵀr/n with sr = Σr,
 * nrows = n; the host's Certificates.centred on the device, so g stays there: issue 12 item 5).
 * Traffic per element: read g, x̄, s, write g = 16 B (float32), 32 B (float64). Grid-stride, coalesced.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(centre_scale)(long long n, REAL *g, const REAL *__restrict__ xbar,
                                                     const REAL *__restrict__ scale, REAL sr, REAL nrows)
{
    for (long long j = spred_tid(); j < n; j += spred_stride())
        g[j] = (REAL)(((double)g[j] - (double)xbar[j] * (double)sr) / (double)scale[j] / (double)nrows);
}
