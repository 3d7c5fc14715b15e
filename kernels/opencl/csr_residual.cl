/*
 * csr_residual.cl — η_i = offset + Σ_k val_k·b[idx_k] over row i of a CSR matrix, r_i = y_i − μ(η_i)
 * (μ = spred_mean of the loss), fused in one pass over the row.
 * Traffic (float32): 8 B per nonzero (value, index) plus a gather of b; 8 B offset and 12 B (y, η, r) per row.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per row (grid-stride over rows): a long row is split across the work-items and summed (in ACC: double unless the device lacks fp64) by the
 * local tree (spred_wg_sum), so skewed rows (0 to 10⁴ entries) cost their length, and the order of the
 * additions depends only on the local size: deterministic, no atomics.
 */
__kernel void SPRED_ENTRY(csr_residual)(const int n, const int p, __global REAL *eta, __global REAL *r,
                                         __global const REAL *val, __global const REAL *b, __global const REAL *y,
                                         __global const long *ptr, __global const int *idx, const REAL offset,
                                         const int loss, __local ACC *s)
{
    (void)p;
    for (long i = get_group_id(0); i < n; i += get_num_groups(0)) {
        ACC acc = 0;
        SPRED_LOCAL_FOR(k, ptr[i], ptr[i + 1]) acc += (ACC)val[k] * (ACC)b[idx[k]];
        const ACC d = spred_wg_sum(acc, s);
        if (get_local_id(0) == 0) {
            const REAL e = (REAL)((ACC)offset + d);
            eta[i] = e;
            r[i] = y[i] - spred_mean(loss, e);
        }
    }
}
