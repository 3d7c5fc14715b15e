/*
 * col_deviance.cl — per-vector deviance sums of k stacked predictions: dev_l = Σ_i d(y_i, offset_l + eta_il) for
 * l < k (eta n×k, vector l at l·n, as mat_vec / gemm_xb write X·B; d = spred_deviance in kernels/spred_math.h):
 * the held-out losses of a cross-validation fold at every λ, k numbers back to the host.
 * Traffic (float32): eta once (4 B per element), y once per vector (n·4 B, from cache on GPUs when it fits).
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per vector (grid-stride over vectors), its work-items striding over the rows (coalesced), ACC
 * accumulation then a local tree: deterministic for a given local size.
 */
__kernel void SPRED_ENTRY(col_deviance)(const int n, const int k, __global REAL *dev, __global const REAL *eta,
                                         __global const REAL *y, __global const REAL *offset, const int family,
                                         __local ACC *s)
{
    for (long l = get_group_id(0); l < k; l += get_num_groups(0)) {
        const REAL off = offset[l];
        __global const REAL *e = eta + l * (long)n;
        ACC a = 0;
        SPRED_LOCAL_FOR(i, 0, n) a += (ACC)spred_deviance(family, y[i], off + e[i]);
        const ACC t = spred_wg_sum(a, s);
        if (get_local_id(0) == 0) dev[l] = (REAL)t;
    }
}
