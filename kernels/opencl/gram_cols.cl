/*
 * gram_cols.cl — out = X_cᵀ X_c[:, cols] (p×k), X_c = X − 1·meanᵀ, X dense row-major n×p, mean p, cols k indices
 * (range-checked by Context), out_j at out + j*p: the Gram columns of k entering columns. Centred while staging
 * (in ACC), never as XᵀX − n·x̄x̄ᵀ. Tiled as gemm_xtr.cl (256 work-items per 64×64 output tile, 16-step local
 * tiles, 4×4 register blocks); the selected columns are gathered from the same rows of X.
 * Built at run time with the other kernel files (see common.cl); the host launches 256 work-items per group.
 */
__kernel __attribute__((reqd_work_group_size(256, 1, 1)))
void SPRED_ENTRY(gram_cols)(const int n, const int p, const int k, __global REAL *out, __global const REAL *x,
                            __global const REAL *mean, __global const int *cols)
{
    /* both tiles from the same rows of X, centred while staging; Bs gathers the selected columns */
    SPRED_TILED_PRODUCT(out, p, k, n, {
        const int tt = e >> 6, mm = e & 63;
        const long a = a0 + mm, j = j0 + mm, t = t0 + tt;
        As[tt][mm] = a < M && t < T ? (ACC)x[t * M + a] - (ACC)mean[a] : (ACC)0;
        const long c = j < K ? cols[j] : 0;
        Bs[tt][mm] = j < K && t < T ? (ACC)x[t * M + c] - (ACC)mean[c] : (ACC)0;
    })
}
