/*
 * fill.cl — vector work of the quasi-Newton solvers: x_i = value.
 * Traffic per element (float32): 4 B (write x).
 * Built at run time with the other kernel files (see common.cl). Grid-stride loop with 64-bit indices.
 */
__kernel void SPRED_KERNEL(fill)(const ulong n, __global REAL *x, const REAL value)
{
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) x[i] = value;
}
