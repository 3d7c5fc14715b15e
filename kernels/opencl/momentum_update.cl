/*
 * momentum_update.cl — fused heavy-ball (optionally Nesterov) step on the spred objective:
 *   g_u = g*w + decay_u*u, g_w = g*u + decay_w*w (old u, w);  m = momentum*m + g_x;  x -= lr*(nesterov ? g_x + momentum*m : m);
 *   v = u' * w'.  The per-parameter formula is spred_momentum in kernels/spred_math.h.
 * Traffic per element (float32): read u, w, g, m_u, m_w, write u, w, m_u, m_w, v = 40 B.
 * Built at run time with the other kernel files (see common.cl).
 */
__kernel void SPRED_ENTRY(momentum_update)(const ulong n, __global REAL *u, __global REAL *w, __global REAL *v,
                                           __global REAL *m_u, __global REAL *m_w, __global const REAL *g,
                                           const REAL lr, const REAL momentum, const int nesterov,
                                           const REAL decay_u, const REAL decay_w)
{
    SPRED_FOR(i, n) {
        const REAL gi = g[i], ui = u[i], wi = w[i];
        REAL mui = m_u[i], mwi = m_w[i];
        const REAL un = spred_momentum(ui, gi * wi + decay_u * ui, &mui, lr, momentum, nesterov);
        const REAL wn = spred_momentum(wi, gi * ui + decay_w * wi, &mwi, lr, momentum, nesterov);
        u[i] = un;
        w[i] = wn;
        m_u[i] = mui;
        m_w[i] = mwi;
        v[i] = un * wn;
    }
}
