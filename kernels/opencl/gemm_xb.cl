/*
 * gemm_xb.cl — out = X·B (n×k): out_j = X b_j, X dense row-major n×p, b_j at b + j*p, out_j at out + j*n: the
 * predictions of k coefficient vectors. The same product as mat_vec for many vectors, tiled as gemm_xtr.cl (one
 * work-group of 256 per 64×64 output tile, 16-step local tiles in ACC, 4×4 register blocks); both X rows and
 * b_j are contiguous along the reduction index, so both tiles are loaded along it. X is read ⌈k/64⌉ times.
 * Built at run time with the other kernel files (see common.cl); the host launches 256 work-items per group.
 */
__kernel __attribute__((reqd_work_group_size(256, 1, 1)))
void SPRED_ENTRY(gemm_xb)(const int n, const int p, const int k, __global REAL *out, __global const REAL *x,
                          __global const REAL *b)
{
    /* both X rows and b_j are contiguous along the reduction index t: both tiles loaded along it */
    SPRED_TILED_PRODUCT(out, n, k, p, {
        const int tt = e & 15, mm = e >> 4;
        const long a = a0 + mm, j = j0 + mm, t = t0 + tt;
        As[tt][mm] = a < M && t < T ? (ACC)x[a * T + t] : (ACC)0;
        Bs[tt][mm] = j < K && t < T ? (ACC)b[j * T + t] : (ACC)0;
    })
}
