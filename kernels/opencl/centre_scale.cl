/*
 * centre_scale.cl — g_j ← (g_j − x̄_j·sr)/s_j/nrows in ACC (Xᵀr → the centred, scaled gradient Zcᵀr/n with sr = Σr,
 * nrows = n: the host's Certificates.centred on the device, so g stays there; issue 12 item 5).
 * Traffic per element (float32): 16 B (read g, x̄, s, write g).
 * Built at run time with the other kernel files (see common.cl). SPRED_FOR loop (common.cl), 64-bit indices.
 */
__kernel void SPRED_ENTRY(centre_scale)(const ulong n, __global REAL *g, __global const REAL *xbar,
                                         __global const REAL *scale, const REAL sr, const REAL nrows)
{
    SPRED_FOR(j, n) g[j] = (REAL)((((ACC)g[j] - (ACC)xbar[j] * (ACC)sr) / (ACC)scale[j]) / (ACC)nrows);
}
