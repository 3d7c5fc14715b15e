/*
 * grad_split.cl — gradient of the spred objective from the loss gradient g = dL/dv:
 *   du_i = g_i * w_i + decay_u * u_i,   dw_i = g_i * u_i + decay_w * w_i.
 * Traffic per element (float32): read g, u, w, write du, dw = 20 B.
 * Built at run time with the other kernel files (see common.cl). decay_u = 2*penaltyU, decay_w = 2*penaltyW (host, api/UpdateRule).
 */
__kernel void SPRED_ENTRY(grad_split)(const ulong n, __global REAL *du, __global REAL *dw,
                                      __global const REAL *g, __global const REAL *u, __global const REAL *w,
                                      const REAL decay_u, const REAL decay_w)
{
    SPRED_FOR(i, n) {
        const REAL gi = g[i], ui = u[i], wi = w[i];
        du[i] = gi * wi + decay_u * ui;
        dw[i] = gi * ui + decay_w * wi;
    }
}
