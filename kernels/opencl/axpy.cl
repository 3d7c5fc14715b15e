/*
 * axpy.cl — vector work of the quasi-Newton solvers: y_i += a*x_i.
 * Traffic per element (float32): 12 B (read x, y, write y).
 * Built at run time with the other kernel files (see common.cl). SPRED_FOR loop (common.cl), 64-bit indices.
 */
__kernel void SPRED_KERNEL(axpy)(const ulong n, __global REAL *y, const REAL a, __global const REAL *x)
{
    SPRED_FOR(i, n) y[i] += a * x[i];
}
