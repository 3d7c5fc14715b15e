/*
 * adam_update.cl — fused Adam step on the spred objective (decay inside the gradient unless decoupled, AdamW):
 *   lg_u = g*w, lg_w = g*u (old u, w); per parameter spred_adam(theta, lg, 2*alpha or 2*beta, ...) from
 *   kernels/spred_math.h with bias corrections bc1 = 1/(1-b1^t), bc2 = 1/(1-b2^t) computed on the host in double;
 *   v = u' * w'.
 * Traffic per element (float32): read u, w, g, mu, vu, mw, vw, write those six and v = 56 B.
 * Built at run time with the other kernel files (see common.cl).
 */
__kernel void SPRED_KERNEL(adam_update)(const ulong n, __global REAL *u, __global REAL *w, __global REAL *v,
                                        __global const REAL *g, __global REAL *mu, __global REAL *vu,
                                        __global REAL *mw, __global REAL *vw,
                                        const REAL lr, const REAL b1, const REAL b2, const REAL eps,
                                        const REAL bc1, const REAL bc2, const int decoupled,
                                        const REAL alpha2, const REAL beta2)
{
    SPRED_FOR(i, n) {
        const REAL gi = g[i], ui = u[i], wi = w[i];
        REAL mui = mu[i], vui = vu[i], mwi = mw[i], vwi = vw[i];
        const REAL un = spred_adam(ui, gi * wi, alpha2, &mui, &vui, lr, b1, b2, eps, bc1, bc2, decoupled);
        const REAL wn = spred_adam(wi, gi * ui, beta2, &mwi, &vwi, lr, b1, b2, eps, bc1, bc2, decoupled);
        u[i] = un;
        w[i] = wn;
        mu[i] = mui;
        vu[i] = vui;
        mw[i] = mwi;
        vw[i] = vwi;
        v[i] = un * wn;
    }
}
