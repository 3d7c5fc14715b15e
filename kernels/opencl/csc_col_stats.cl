/*
 * csc_col_stats.cl — sum_j = Σ_k val_k and sumsq_j = Σ_k val_k² over column j of a CSC matrix (the means and
 * norms of implicit centring and scaling).
 * Traffic (float32): 4 B per nonzero; 8 B offset and 8 B outputs per column.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per column, two local trees; deterministic for a given local size.
 */
__kernel void SPRED_ENTRY(csc_col_stats)(const int n, const int p, __global REAL *sum, __global REAL *sumsq,
                                          __global const REAL *val, __global const long *ptr, __global const int *idx,
                                          __local ACC *s)
{
    (void)n;
    (void)idx;
    for (long j = get_group_id(0); j < p; j += get_num_groups(0)) {
        ACC a = 0, q = 0;
        SPRED_LOCAL_FOR(k, ptr[j], ptr[j + 1]) {
            const ACC v = val[k];
            a += v;
            q += v * v;
        }
        const ACC ts = spred_wg_sum(a, s);
        const ACC tq = spred_wg_sum(q, s);
        if (get_local_id(0) == 0) {
            sum[j] = (REAL)ts;
            sumsq[j] = (REAL)tq;
        }
    }
}
