/*
 * adam_update.cl — fused Adam step on the spred objective (decay inside the gradient unless decoupled, AdamW):
 *   lg_u = g*w, lg_w = g*u (old u, w); per parameter spred_adam(theta, lg, decay_u or decay_w, ...) from
 *   kernels/spred_math.h with bias corrections bc1 = 1/(1-b1^t), bc2 = 1/(1-b2^t) computed on the host in double;
 *   v = u' * w'.
 * Traffic per element (float32): read u, w, g, m_u, v_u, m_w, v_w, write those six and v = 56 B.
 * Built at run time with the other kernel files (see common.cl).
 */
__kernel void SPRED_ENTRY(adam_update)(const ulong n, __global REAL *u, __global REAL *w, __global REAL *v,
                                       __global REAL *m_u, __global REAL *v_u, __global REAL *m_w, __global REAL *v_w,
                                       __global const REAL *g, const REAL lr, const REAL beta1, const REAL beta2,
                                       const REAL eps, const REAL bc1, const REAL bc2, const REAL decay_u,
                                       const REAL decay_w, const int decoupled)
{
    SPRED_FOR(i, n) {
        const REAL gi = g[i], ui = u[i], wi = w[i];
        REAL mui = m_u[i], vui = v_u[i], mwi = m_w[i], vwi = v_w[i];
        const REAL un = spred_adam(ui, gi * wi, decay_u, &mui, &vui, lr, beta1, beta2, eps, bc1, bc2, decoupled);
        const REAL wn = spred_adam(wi, gi * ui, decay_w, &mwi, &vwi, lr, beta1, beta2, eps, bc1, bc2, decoupled);
        u[i] = un;
        w[i] = wn;
        m_u[i] = mui;
        v_u[i] = vui;
        m_w[i] = mwi;
        v_w[i] = vwi;
        v[i] = un * wn;
    }
}
