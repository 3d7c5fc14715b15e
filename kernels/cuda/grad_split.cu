/*
 * grad_split: du = g⊙w + decay_u·u, dw = g⊙u + decay_w·w (decay_u = 2·penaltyU, decay_w = 2·penaltyW, from the
 * host), from the loss gradient g = ∂L/∂v.
 * Traffic per element: read g, u, w; write du, dw = 20 B (float32), 40 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(grad_split)(long long n, REAL *du, REAL *dw, const REAL *__restrict__ g,
                                             const REAL *__restrict__ u, const REAL *__restrict__ w, REAL decay_u, REAL decay_w)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC G = ((const RVEC *)g)[j], U = ((const RVEC *)u)[j], W = ((const RVEC *)w)[j], DU, DW;
#pragma unroll
        for (int e = 0; e < VW; e++) {
            DU.v[e] = G.v[e] * W.v[e] + decay_u * U.v[e];
            DW.v[e] = G.v[e] * U.v[e] + decay_w * W.v[e];
        }
        ((RVEC *)du)[j] = DU;
        ((RVEC *)dw)[j] = DW;
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) {
        REAL gi = g[i], ui = u[i], wi = w[i];
        du[i] = gi * wi + decay_u * ui;
        dw[i] = gi * ui + decay_w * wi;
    }
}
