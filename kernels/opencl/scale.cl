/*
 * scale.cl — vector work of the quasi-Newton solvers: x_i *= a.
 * Traffic per element (float32): 8 B (read and write x).
 * Built at run time with the other kernel files (see common.cl). SPRED_FOR loop (common.cl), 64-bit indices.
 */
__kernel void SPRED_ENTRY(scale)(const ulong n, __global REAL *x, const REAL a)
{
    SPRED_FOR(i, n) x[i] *= a;
}
