/*
 * csc_mat_t_vec.cl — out_j = Σ_k val_k·r[idx_k] over column j of a CSC matrix: Xᵀr as a gather.
 * Traffic (float32): 8 B per nonzero (value, index) plus a gather of r; 8 B offset and 4 B output per column.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per column (grid-stride), the column split across work-items and summed by the local tree:
 * deterministic for a given local size, no atomics.
 */
__kernel void SPRED_ENTRY(csc_mat_t_vec)(const int n, const int p, __global REAL *out, __global const REAL *val,
                                          __global const REAL *r, __global const long *ptr, __global const int *idx,
                                          __local ACC *s)
{
    (void)n;
    for (long j = get_group_id(0); j < p; j += get_num_groups(0)) {
        ACC acc = 0;
        SPRED_LOCAL_FOR(k, ptr[j], ptr[j + 1]) acc += (ACC)val[k] * (ACC)r[idx[k]];
        const ACC d = spred_wg_sum(acc, s);
        if (get_local_id(0) == 0) out[j] = (REAL)d;
    }
}
