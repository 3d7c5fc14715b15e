/*
 * mat_vec.cl — out_j = X * b_j for the k stacked problems j < k; X dense row-major n x p, b_j at b + j*p,
 * out_j at out + j*n.
 * Traffic (float32): X read once per row and kept in cache across the k problems: 4*n*p B, plus b (cached)
 * and 4*n*k B written.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per row (grid-stride over rows): its work-items split the columns (SPRED_LOCAL_FOR), then
 * a local-memory tree sums their parts, so the result is deterministic for a given p and device.
 */
__kernel void SPRED_ENTRY(mat_vec)(const int n, const int p, const int k, __global REAL *out,
                                   __global const REAL *x, __global const REAL *b, __local ACC *s)
{
    const long l = get_local_id(0);
    for (long row = get_group_id(0); row < n; row += get_num_groups(0)) {
        __global const REAL *xi = x + row * (long)p;
        for (long j = 0; j < k; j++) {
            __global const REAL *bj = b + j * (long)p;
            ACC acc = 0;
            SPRED_LOCAL_FOR(c, 0, p) acc += (ACC)xi[c] * (ACC)bj[c];
            acc = spred_wg_sum(acc, s);
            if (l == 0) out[j * (long)n + row] = (REAL)acc;
        }
    }
}
