/*
 * copy.cl — vector work of the quasi-Newton solvers: dst_i = src_i.
 * Traffic per element (float32): 8 B (read src, write dst).
 * Built at run time with the other kernel files (see common.cl). Grid-stride loop with 64-bit indices.
 */
__kernel void SPRED_KERNEL(copy)(const ulong n, __global REAL *dst, __global const REAL *src)
{
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) dst[i] = src[i];
}
