/*
 * momentum_update: per θ ∈ {u, w} with gradient g_θ (g⊙w + decay_u·u, g⊙u + decay_w·w, from the old u, w):
 * m ← momentum·m + g_θ, θ ← θ − lr·(nesterov ? g_θ + momentum·m : m); then v ← u⊙w. Formula: spred_momentum (spred_math.h).
 * Traffic per element: read u, w, g, m_u, m_w; write u, w, m_u, m_w, v = 40 B (float32), 80 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

__device__ __forceinline__ void momentum_elem(REAL &u, REAL &w, REAL &v, REAL &m_u, REAL &m_w, REAL g,
                                              REAL lr, REAL momentum, int nesterov, REAL decay_u, REAL decay_w)
{
    REAL gu = g * w + decay_u * u, gw = g * u + decay_w * w;
    REAL un = spred_momentum(u, gu, &m_u, lr, momentum, nesterov);
    REAL wn = spred_momentum(w, gw, &m_w, lr, momentum, nesterov);
    u = un;
    w = wn;
    v = un * wn;
}

extern "C" __global__ void SPRED_ENTRY(momentum_update)(long long n, REAL *u, REAL *w, REAL *v, REAL *m_u, REAL *m_w,
                                                  const REAL *__restrict__ g, REAL lr, REAL momentum, int nesterov,
                                                  REAL decay_u, REAL decay_w)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC U = ((RVEC *)u)[j], W = ((RVEC *)w)[j], MU = ((RVEC *)m_u)[j], MW = ((RVEC *)m_w)[j];
        RVEC G = ((const RVEC *)g)[j], V;
#pragma unroll
        for (int e = 0; e < VW; e++)
            momentum_elem(U.v[e], W.v[e], V.v[e], MU.v[e], MW.v[e], G.v[e], lr, momentum, nesterov, decay_u, decay_w);
        ((RVEC *)u)[j] = U;
        ((RVEC *)w)[j] = W;
        ((RVEC *)m_u)[j] = MU;
        ((RVEC *)m_w)[j] = MW;
        ((RVEC *)v)[j] = V;
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) {
        REAL ui = u[i], wi = w[i], mui = m_u[i], mwi = m_w[i], vi;
        momentum_elem(ui, wi, vi, mui, mwi, g[i], lr, momentum, nesterov, decay_u, decay_w);
        u[i] = ui;
        w[i] = wi;
        m_u[i] = mui;
        m_w[i] = mwi;
        v[i] = vi;
    }
}
