/*
 * centre_scale — g_j ← (g_j − x̄_j·sr)/s_j/nrows, in double: turns g = Xᵀr into the centred, scaled gradient
 * Zcᵀr/n = diag(1/s)(Xᵀr − x̄·Σr)/n on the device (sr = Σr, nrows = n), the same operations in the same order as
 * the host's Certificates.centred, so the engine's outer step keeps g on the device (issue 12 item 5).
 * Traffic per element (float32): read g, x̄, s, write g: 16 B.
 * Entry points: centre_scale_f32, centre_scale_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(centre_scale)(long n, REAL *restrict g, const REAL *restrict xbar, const REAL *restrict scale, double sr,
                              double nrows)
{
#pragma omp parallel for schedule(static) if (n >= SPRED_PAR_MIN)
    for (long j = 0; j < n; j++) g[j] = (REAL)(((double)g[j] - (double)xbar[j] * sr) / (double)scale[j] / nrows);
    return SPRED_OK;
}
