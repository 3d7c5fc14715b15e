/*
 * momentum_update: per θ ∈ {u, w} with gradient g_θ (g⊙w + a2·u, g⊙u + b2·w, from the old u, w):
 * m ← μ·m + g_θ, θ ← θ − lr·(nesterov ? g_θ + μ·m : m); then v ← u⊙w. Formula: spred_momentum (spred_math.h).
 * Traffic per element: read u, w, g, mu, mw; write u, w, mu, mw, v = 40 B (float32), 80 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

__device__ __forceinline__ void momentum_elem(REAL &u, REAL &w, REAL &v, REAL &mu, REAL &mw, REAL g,
                                              REAL lr, REAL mom, int nesterov, REAL a2, REAL b2)
{
    REAL gu = g * w + a2 * u, gw = g * u + b2 * w;
    REAL un = spred_momentum(u, gu, &mu, lr, mom, nesterov);
    REAL wn = spred_momentum(w, gw, &mw, lr, mom, nesterov);
    u = un;
    w = wn;
    v = un * wn;
}

extern "C" __global__ void SPRED_ENTRY(momentum_update)(long long n, REAL *u, REAL *w, REAL *v, REAL *mu, REAL *mw,
                                                  const REAL *__restrict__ g, REAL lr, REAL mom, int nesterov,
                                                  REAL a2, REAL b2)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC U = ((RVEC *)u)[j], W = ((RVEC *)w)[j], MU = ((RVEC *)mu)[j], MW = ((RVEC *)mw)[j];
        RVEC G = ((const RVEC *)g)[j], V;
#pragma unroll
        for (int e = 0; e < VW; e++)
            momentum_elem(U.v[e], W.v[e], V.v[e], MU.v[e], MW.v[e], G.v[e], lr, mom, nesterov, a2, b2);
        ((RVEC *)u)[j] = U;
        ((RVEC *)w)[j] = W;
        ((RVEC *)mu)[j] = MU;
        ((RVEC *)mw)[j] = MW;
        ((RVEC *)v)[j] = V;
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) {
        REAL ui = u[i], wi = w[i], mui = mu[i], mwi = mw[i], vi;
        momentum_elem(ui, wi, vi, mui, mwi, g[i], lr, mom, nesterov, a2, b2);
        u[i] = ui;
        w[i] = wi;
        mu[i] = mui;
        mw[i] = mwi;
        v[i] = vi;
    }
}
