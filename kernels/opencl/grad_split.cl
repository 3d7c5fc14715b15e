/*
 * grad_split.cl — gradient of the spred objective from the loss gradient g = dL/dv:
 *   du_i = g_i * w_i + 2*alpha * u_i,   dw_i = g_i * u_i + 2*beta * w_i.
 * Traffic per element (float32): read g, u, w, write du, dw = 20 B.
 * Built at run time with the other kernel files (see common.cl). alpha2 = 2*alpha, beta2 = 2*beta (host, double).
 */
__kernel void SPRED_KERNEL(grad_split)(const ulong n, __global REAL *du, __global REAL *dw,
                                       __global const REAL *g, __global const REAL *u, __global const REAL *w,
                                       const REAL alpha2, const REAL beta2)
{
    SPRED_FOR(i, n) {
        const REAL gi = g[i], ui = u[i], wi = w[i];
        du[i] = gi * wi + alpha2 * ui;
        dw[i] = gi * ui + beta2 * wi;
    }
}
