/*
 * sgd_update.cl — fused SGD step on the spred objective, gradients from the OLD u and w:
 *   u' = u - lr*(g*w + decay_u*u),  w' = w - lr*(g*u + decay_w*w),  v = u' * w'.
 * Traffic per element (float32): read u, w, g, write u, w, v = 24 B (unfused: several times that).
 * Built at run time with the other kernel files (see common.cl).
 */
__kernel void SPRED_ENTRY(sgd_update)(const ulong n, __global REAL *u, __global REAL *w, __global REAL *v,
                                      __global const REAL *g, const REAL lr, const REAL decay_u, const REAL decay_w)
{
    SPRED_FOR(i, n) {
        const REAL gi = g[i], ui = u[i], wi = w[i];
        const REAL un = ui - lr * (gi * wi + decay_u * ui);
        const REAL wn = wi - lr * (gi * ui + decay_w * wi);
        u[i] = un;
        w[i] = wn;
        v[i] = un * wn;
    }
}
