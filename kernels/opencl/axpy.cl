/*
 * axpy.cl — vector work of the quasi-Newton solvers: y_i += a*x_i.
 * Traffic per element (float32): 12 B (read x, y, write y).
 * Built at run time with the other kernel files (see common.cl). Grid-stride loop with 64-bit indices.
 */
__kernel void SPRED_KERNEL(axpy)(const ulong n, __global REAL *y, const REAL a, __global const REAL *x)
{
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) y[i] += a * x[i];
}
