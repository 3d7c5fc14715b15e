/*
 * vector_ops.cl — the vector work of quasi-Newton solvers:
 *   axpy: y_i += a*x_i (12 B/element, float32),  scale: x_i *= a (8 B),  fill: x_i = value (4 B),
 *   copy: dst_i = src_i (8 B).
 * Built at run time with the other kernel files (see common.cl). Grid-stride loops with 64-bit indices.
 */
__kernel void SPRED_KERNEL(axpy)(const ulong n, __global REAL *y, const REAL a, __global const REAL *x)
{
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) y[i] += a * x[i];
}

__kernel void SPRED_KERNEL(scale)(const ulong n, __global REAL *x, const REAL a)
{
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) x[i] *= a;
}

__kernel void SPRED_KERNEL(fill)(const ulong n, __global REAL *x, const REAL value)
{
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) x[i] = value;
}

__kernel void SPRED_KERNEL(copy)(const ulong n, __global REAL *dst, __global const REAL *src)
{
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) dst[i] = src[i];
}
