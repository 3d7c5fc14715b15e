/*
 * adam_update: per θ ∈ {u, w} with loss gradient g⊙w (for u) or g⊙u (for w), from the old u, w, and decay
 * a2 = 2α (u) or b2 = 2β (w) inside the gradient (or decoupled, AdamW): spred_adam (spred_math.h) with
 * bc1 = 1/(1−β1^t), bc2 = 1/(1−β2^t) from the host; then v ← u⊙w.
 * Traffic per element: read u, w, g, mu, vu, mw, vw; write u, w, mu, vu, mw, vw, v = 56 B (float32), 112 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

__device__ __forceinline__ void adam_elem(REAL &u, REAL &w, REAL &v, REAL &mu, REAL &vu, REAL &mw, REAL &vw, REAL g,
                                          REAL lr, REAL b1, REAL b2, REAL eps, REAL bc1, REAL bc2,
                                          REAL du, REAL dw, int decoupled)
{
    REAL un = spred_adam(u, g * w, du, &mu, &vu, lr, b1, b2, eps, bc1, bc2, decoupled);
    REAL wn = spred_adam(w, g * u, dw, &mw, &vw, lr, b1, b2, eps, bc1, bc2, decoupled);
    u = un;
    w = wn;
    v = un * wn;
}

extern "C" __global__ void SPRED_ENTRY(adam_update)(long long n, REAL *u, REAL *w, REAL *v, REAL *mu, REAL *vu,
                                              REAL *mw, REAL *vw, const REAL *__restrict__ g,
                                              REAL lr, REAL b1, REAL b2, REAL eps, REAL bc1, REAL bc2,
                                              REAL a2, REAL b2decay, int decoupled)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC U = ((RVEC *)u)[j], W = ((RVEC *)w)[j], MU = ((RVEC *)mu)[j], VU = ((RVEC *)vu)[j];
        RVEC MW = ((RVEC *)mw)[j], VWv = ((RVEC *)vw)[j], G = ((const RVEC *)g)[j], V;
#pragma unroll
        for (int e = 0; e < VW; e++)
            adam_elem(U.v[e], W.v[e], V.v[e], MU.v[e], VU.v[e], MW.v[e], VWv.v[e], G.v[e],
                      lr, b1, b2, eps, bc1, bc2, a2, b2decay, decoupled);
        ((RVEC *)u)[j] = U;
        ((RVEC *)w)[j] = W;
        ((RVEC *)mu)[j] = MU;
        ((RVEC *)vu)[j] = VU;
        ((RVEC *)mw)[j] = MW;
        ((RVEC *)vw)[j] = VWv;
        ((RVEC *)v)[j] = V;
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) {
        REAL ui = u[i], wi = w[i], mui = mu[i], vui = vu[i], mwi = mw[i], vwi = vw[i], vi;
        adam_elem(ui, wi, vi, mui, vui, mwi, vwi, g[i], lr, b1, b2, eps, bc1, bc2, a2, b2decay, decoupled);
        u[i] = ui;
        w[i] = wi;
        mu[i] = mui;
        vu[i] = vui;
        mw[i] = mwi;
        vw[i] = vwi;
        v[i] = vi;
    }
}
