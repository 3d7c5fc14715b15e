/*
 * loss_gradient.cl — the one-pass gradient of sparse regression, for the k stacked problems j < k:
 *   eta_j = X*b_j + offset_j,  r_j = y_j - mean(eta_j)  (spred_mean: identity or sigmoid),  grad_j = X^T r_j.
 * X dense row-major n x p; b_j, grad_j at j*p; eta_j, r_j, y_j at j*n.
 * Traffic (float32): X read ONCE from memory, 4*n*p B (the two uses of a row block hit the cache), plus
 * 12*n*k B for y, eta, r and the ACC (double) partials of the row chunks (8*G*k*p B, G chosen small by the host);
 * two separate passes (mat_vec, then mat_t_vec) would read X twice.
 * Built at run time with the other kernel files (see common.cl); the host passes SPRED_LG_BLOCK, the rows
 * per block (8: the block's rows of X stay in cache between the two uses).
 *
 * Work-group q owns rows [q*rows, min(n, (q+1)*rows)) and walks them in blocks of SPRED_LG_BLOCK rows:
 *   A. for each row of the block and each j: a local-memory tree sums X[i,:]*b_j, work-item 0 writes eta, r;
 *   B. after a global-memory barrier (r of the block is then visible to the whole work-group), each work-item
 *      adds, for its columns c, sum over the block's rows of X[i,c]*r_j[i] to its own slot of the partials.
 * mat_t_vec_combine (mat_t_vec.cl) then sums the partials over q in order: no atomics, deterministic.
 */
#ifndef SPRED_LG_BLOCK
#define SPRED_LG_BLOCK 8
#endif

__kernel void SPRED_ENTRY(loss_gradient)(const int n, const int p, const int k, __global ACC *partial,
                                         __global REAL *eta, __global REAL *r, __global const REAL *x,
                                         __global const REAL *b, __global const REAL *offset,
                                         __global const REAL *y, const int loss, const int rows, __local ACC *s)
{
    const long l = get_local_id(0);
    const long q = get_group_id(0);
    const long r0 = q * rows, r1 = min((long)n, r0 + rows);
    for (long blk = r0; blk < r1; blk += SPRED_LG_BLOCK) {
        const long bend = min(r1, blk + SPRED_LG_BLOCK);
        for (long i = blk; i < bend; i++) {
            __global const REAL *xi = x + i * p;
            for (long j = 0; j < k; j++) {
                __global const REAL *bj = b + j * (long)p;
                ACC acc = 0;
                SPRED_LOCAL_FOR(c, 0, p) acc += (ACC)xi[c] * (ACC)bj[c];
                const REAL e = (REAL)(spred_wg_sum(acc, s) + (ACC)offset[j]);
                if (l == 0) {
                    const long t = j * (long)n + i;
                    eta[t] = e;
                    r[t] = y[t] - spred_mean(loss, e);
                }
            }
        }
        barrier(CLK_GLOBAL_MEM_FENCE);
        SPRED_LOCAL_FOR(c, 0, p) {
            for (long j = 0; j < k; j++) {
                __global const REAL *rj = r + j * (long)n;
                ACC acc = 0;
                for (long i = blk; i < bend; i++) acc += (ACC)x[i * p + c] * (ACC)rj[i];
                const long slot = (q * k + j) * p + c;
                partial[slot] = blk == r0 ? acc : partial[slot] + acc;
            }
        }
    }
}
