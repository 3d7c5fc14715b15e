/*
 * copy.cl — vector work of the quasi-Newton solvers: dst_i = src_i.
 * Traffic per element (float32): 8 B (read src, write dst).
 * Built at run time with the other kernel files (see common.cl). SPRED_FOR loop (common.cl), 64-bit indices.
 */
__kernel void SPRED_ENTRY(copy)(const ulong n, __global REAL *dst, __global const REAL *src)
{
    SPRED_FOR(i, n) dst[i] = src[i];
}
