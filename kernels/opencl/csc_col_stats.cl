/*
 * csc_col_stats.cl — centred column statistics of a CSC matrix over all n rows: sum_j = Σ_i (x_ij − c_j) and
 * sumsq_j = Σ_i (x_ij − c_j)², the n − nnz_j implicit zeros added at once (−c_j and c_j² each): the means and
 * centred norms of implicit centring and scaling.
 * Traffic (float32): 4 B per nonzero; 8 B offset and 8 B outputs per column.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per column, two local trees; deterministic for a given local size.
 */
__kernel void SPRED_ENTRY(csc_col_stats)(const int n, const int p, __global REAL *sum, __global REAL *sumsq,
                                          __global const REAL *val, __global const REAL *centre, __global const long *ptr,
                                          __global const int *idx, __local ACC *s)
{
    (void)idx;
    for (long j = get_group_id(0); j < p; j += get_num_groups(0)) {
        const ACC m = centre[j];
        ACC a = 0, q = 0;
        SPRED_LOCAL_FOR(k, ptr[j], ptr[j + 1]) {
            const ACC v = (ACC)val[k] - m;
            a += v;
            q += v * v;
        }
        const ACC ts = spred_wg_sum(a, s);
        const ACC tq = spred_wg_sum(q, s);
        if (get_local_id(0) == 0) {
            const ACC zeros = (ACC)(n - (ptr[j + 1] - ptr[j]));
            sum[j] = (REAL)(ts + zeros * -m);
            sumsq[j] = (REAL)(tq + zeros * m * m);
        }
    }
}
