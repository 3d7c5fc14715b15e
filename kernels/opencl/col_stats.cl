/*
 * col_stats.cl — centred column statistics of a dense row-major n×p matrix: sum_j = Σ_i (x_ij − c_j) and
 * sumsq_j = Σ_i (x_ij − c_j)² (the means and centred norms of implicit centring and scaling; c = 0 gives the
 * column sums, c = x̄ the exact centred norms).
 * Traffic (float32): X once (4 B per element); 8 B of centre and outputs per column.
 * Built at run time with the other kernel files (see common.cl).
 * One work-item per column (grid-stride), each walking every row in order: neighbouring work-items read
 * neighbouring elements of a row (coalesced on GPUs), and each column is summed in row order (deterministic).
 * A wide grid needs p in the thousands; X is read once per problem, so the narrow case is left plain.
 */
__kernel void SPRED_ENTRY(col_stats)(const int n, const int p, __global REAL *sum, __global REAL *sumsq,
                                      __global const REAL *x, __global const REAL *centre)
{
    SPRED_FOR(j, p) {
        const ACC m = centre[j];
        ACC s = 0, q = 0;
        for (long i = 0; i < n; i++) {
            const ACC d = (ACC)x[i * (long)p + j] - m;
            s += d;
            q += d * d;
        }
        sum[j] = (REAL)s;
        sumsq[j] = (REAL)q;
    }
}
