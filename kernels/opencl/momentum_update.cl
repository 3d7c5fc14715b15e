/*
 * momentum_update.cl — fused heavy-ball (optionally Nesterov) step on the spred objective:
 *   g_u = g*w + 2*alpha*u, g_w = g*u + 2*beta*w (old u, w);  m = mu*m + g_x;  x -= lr*(nesterov ? g_x + mu*m : m);
 *   v = u' * w'.  The per-parameter formula is spred_momentum in kernels/spred_math.h.
 * Traffic per element (float32): read u, w, g, mu, mw, write u, w, mu, mw, v = 40 B.
 * Built at run time with the other kernel files (see common.cl).
 */
__kernel void SPRED_KERNEL(momentum_update)(const ulong n, __global REAL *u, __global REAL *w, __global REAL *v,
                                            __global const REAL *g, __global REAL *mu, __global REAL *mw,
                                            const REAL lr, const REAL momentum, const int nesterov,
                                            const REAL alpha2, const REAL beta2)
{
    SPRED_FOR(i, n) {
        const REAL gi = g[i], ui = u[i], wi = w[i];
        REAL mui = mu[i], mwi = mw[i];
        const REAL un = spred_momentum(ui, gi * wi + alpha2 * ui, &mui, lr, momentum, nesterov);
        const REAL wn = spred_momentum(wi, gi * ui + beta2 * wi, &mwi, lr, momentum, nesterov);
        u[i] = un;
        w[i] = wn;
        mu[i] = mui;
        mw[i] = mwi;
        v[i] = un * wn;
    }
}
