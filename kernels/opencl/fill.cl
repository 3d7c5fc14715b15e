/*
 * fill.cl — vector work of the quasi-Newton solvers: x_i = value.
 * Traffic per element (float32): 4 B (write x).
 * Built at run time with the other kernel files (see common.cl). SPRED_FOR loop (common.cl), 64-bit indices.
 */
__kernel void SPRED_ENTRY(fill)(const ulong n, __global REAL *x, const REAL value)
{
    SPRED_FOR(i, n) x[i] = value;
}
