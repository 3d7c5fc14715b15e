/*
 * sgd_update: u ← u − lr·(g⊙w + decay_u·u), w ← w − lr·(g⊙u + decay_w·w), v ← u⊙w; both gradients from the old u, w.
 * Traffic per element: read u, w, g; write u, w, v = 24 B (float32), 48 B (float64).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

__device__ __forceinline__ void sgd_elem(REAL &u, REAL &w, REAL &v, REAL g, REAL lr, REAL decay_u, REAL decay_w)
{
    REAL un = u - lr * (g * w + decay_u * u);
    REAL wn = w - lr * (g * u + decay_w * w);
    u = un;
    w = wn;
    v = un * wn;
}

extern "C" __global__ void SPRED_ENTRY(sgd_update)(long long n, REAL *u, REAL *w, REAL *v, const REAL *__restrict__ g,
                                             REAL lr, REAL decay_u, REAL decay_w)
{
    const long long nv = n / VW;
    for (long long j = spred_tid(); j < nv; j += spred_stride()) {
        RVEC U = ((RVEC *)u)[j], W = ((RVEC *)w)[j], G = ((const RVEC *)g)[j], V;
#pragma unroll
        for (int e = 0; e < VW; e++) sgd_elem(U.v[e], W.v[e], V.v[e], G.v[e], lr, decay_u, decay_w);
        ((RVEC *)u)[j] = U;
        ((RVEC *)w)[j] = W;
        ((RVEC *)v)[j] = V;
    }
    for (long long i = nv * VW + spred_tid(); i < n; i += spred_stride()) {
        REAL ui = u[i], wi = w[i], vi;
        sgd_elem(ui, wi, vi, g[i], lr, decay_u, decay_w);
        u[i] = ui;
        w[i] = wi;
        v[i] = vi;
    }
}
