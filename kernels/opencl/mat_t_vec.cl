/*
 * mat_t_vec.cl — out_j = X^T * r_j for the k stacked problems j < k; X dense row-major n x p, r_j at r + j*n,
 * out_j at out + j*p.
 * Traffic (float32): X read once, 4*n*p B (re-read from cache for k > 1), plus r and the partials
 * (8*G*k*p B of ACC = double written and read, G = number of row chunks, chosen by the host so that this
 * stays small; one chunk still goes through mat_t_vec_combine, which rounds the double sums to REAL).
 * Built at run time with the other kernel files (see common.cl).
 *
 * Two phases, no atomics, deterministic for given (n, p, k):
 *   mat_t_vec:         work-group q owns rows [q*rows, min(n, (q+1)*rows)); each work-item owns some
 *                      columns (SPRED_LOCAL_FOR over [0, p)) and writes
 *                      partial[(q*k + j)*p + c] = sum over its rows of X[i,c]*r_j[i].
 *   mat_t_vec_combine: out[t] = sum_q partial[q*len + t] in q order (also used by loss_gradient.cl).
 */
__kernel void SPRED_ENTRY(mat_t_vec)(const int n, const int p, const int k, __global ACC *partial,
                                     __global const REAL *x, __global const REAL *r, const int rows)
{
    const long q = get_group_id(0);
    const long r0 = q * rows, r1 = min((long)n, r0 + rows);
    SPRED_LOCAL_FOR(c, 0, p) {
        for (long j = 0; j < k; j++) {
            __global const REAL *rj = r + j * (long)n;
            ACC acc = 0;
            for (long i = r0; i < r1; i++) acc += (ACC)x[i * p + c] * (ACC)rj[i];
            partial[(q * k + j) * p + c] = acc;
        }
    }
}

__kernel void SPRED_ENTRY(mat_t_vec_combine)(const int groups, const ulong len, __global REAL *out,
                                             __global const ACC *partial)
{
    SPRED_FOR(t, len) {
        ACC acc = 0;
        for (int q = 0; q < groups; q++) acc += partial[q * len + t];
        out[t] = (REAL)acc;
    }
}
