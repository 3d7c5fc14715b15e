/*
 * axpy.cl — vector work of the quasi-Newton solvers: y_i += a*x_i.
 * Traffic per element (float32): 12 B (read x, y, write y).
 * Built at run time with the other kernel files (see common.cl). SPRED_FOR loop (common.cl), 64-bit indices.
 */
__kernel void SPRED_ENTRY(axpy)(const ulong n, __global REAL *y, __global const REAL *x, const REAL a)
{
    SPRED_FOR(i, n) y[i] += a * x[i];
}
