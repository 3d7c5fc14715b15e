/*
 * adam_update: per θ ∈ {u, w} with loss gradient g⊙w (for u) or g⊙u (for w), from the old u, w, and decay
 * decay_u = 2·penaltyU (u) or decay_w = 2·penaltyW (w) inside the gradient (or decoupled, AdamW): spred_adam
 * (spred_math.h) with bc1 = 1/(1−β1^t), bc2 = 1/(1−β2^t) from the host (AdamParams); then v ← u⊙w.
 * Traffic per element: read u, w, g, m_u, v_u, m_w, v_w; write u, w, m_u, v_u, m_w, v_w, v = 56 B (float32), 112 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

__device__ __forceinline__ void adam_elem(REAL &u, REAL &w, REAL &v, REAL &m_u, REAL &v_u, REAL &m_w, REAL &v_w, REAL g,
                                          REAL lr, REAL beta1, REAL beta2, REAL eps, REAL bc1, REAL bc2,
                                          REAL du, REAL dw, int decoupled)
{
    REAL un = spred_adam(u, g * w, du, &m_u, &v_u, lr, beta1, beta2, eps, bc1, bc2, decoupled);
    REAL wn = spred_adam(w, g * u, dw, &m_w, &v_w, lr, beta1, beta2, eps, bc1, bc2, decoupled);
    u = un;
    w = wn;
    v = un * wn;
}

extern "C" __global__ void SPRED_ENTRY(adam_update)(long long n, REAL *u, REAL *w, REAL *v, REAL *m_u, REAL *v_u,
                                              REAL *m_w, REAL *v_w, const REAL *__restrict__ g,
                                              REAL lr, REAL beta1, REAL beta2, REAL eps, REAL bc1, REAL bc2,
                                              REAL decay_u, REAL decay_w, int decoupled)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC U = ((RVEC *)u)[j], W = ((RVEC *)w)[j], MU = ((RVEC *)m_u)[j], VU = ((RVEC *)v_u)[j];
        RVEC MW = ((RVEC *)m_w)[j], VWv = ((RVEC *)v_w)[j], G = ((const RVEC *)g)[j], V;
#pragma unroll
        for (int e = 0; e < VW; e++)
            adam_elem(U.v[e], W.v[e], V.v[e], MU.v[e], VU.v[e], MW.v[e], VWv.v[e], G.v[e],
                      lr, beta1, beta2, eps, bc1, bc2, decay_u, decay_w, decoupled);
        ((RVEC *)u)[j] = U;
        ((RVEC *)w)[j] = W;
        ((RVEC *)m_u)[j] = MU;
        ((RVEC *)v_u)[j] = VU;
        ((RVEC *)m_w)[j] = MW;
        ((RVEC *)v_w)[j] = VWv;
        ((RVEC *)v)[j] = V;
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) {
        REAL ui = u[i], wi = w[i], mui = m_u[i], vui = v_u[i], mwi = m_w[i], vwi = v_w[i], vi;
        adam_elem(ui, wi, vi, mui, vui, mwi, vwi, g[i], lr, beta1, beta2, eps, bc1, bc2, decay_u, decay_w, decoupled);
        u[i] = ui;
        w[i] = wi;
        m_u[i] = mui;
        v_u[i] = vui;
        m_w[i] = mwi;
        v_w[i] = vwi;
        v[i] = vi;
    }
}
