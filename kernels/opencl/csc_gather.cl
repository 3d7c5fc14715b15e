/*
 * csc_gather.cl — out[a·n + i] = X[i, cols[a]] for a < m: working-set columns of a CSC matrix as dense
 * column-major n×m (zeros, then the column's entries).
 * Traffic (float32): 4 B per row and gathered column plus 8 B per gathered nonzero.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per gathered column; a global-memory barrier orders the zeros before the scatter.
 */
__kernel void SPRED_ENTRY(csc_gather)(const int n, const int p, __global REAL *out, __global const REAL *val,
                                       __global const int *cols, __global const long *ptr, __global const int *idx,
                                       const int m)
{
    (void)p;
    for (long a = get_group_id(0); a < m; a += get_num_groups(0)) {
        __global REAL *o = out + a * (long)n;
        const int j = cols[a];
        SPRED_LOCAL_FOR(i, 0, n) o[i] = 0;
        barrier(CLK_GLOBAL_MEM_FENCE);
        SPRED_LOCAL_FOR(k, ptr[j], ptr[j + 1]) o[idx[k]] = val[k];
        barrier(CLK_GLOBAL_MEM_FENCE);
    }
}
