/*
 * hadamard.cl — forward product of the spred reparametrisation: v_i = u_i * w_i.
 * Traffic per element (float32): read u, w, write v = 12 B.
 * Built at run time with the other kernel files (see common.cl): clBuildProgram "-DREAL=float" (or "-DREAL=double -DSPRED_F64").
 * SPRED_FOR loop (common.cl) with 64-bit indices: n may exceed 2^31.
 */
__kernel void SPRED_ENTRY(hadamard)(const ulong n, __global REAL *v, __global const REAL *u, __global const REAL *w)
{
    SPRED_FOR(i, n)
        v[i] = u[i] * w[i];
}
