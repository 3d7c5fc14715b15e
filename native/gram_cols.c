/*
 * gram_cols — out = X_cᵀ X_c[:, cols] (p×k), X_c = X − 1·meanᵀ (X row-major n×p, mean p; pass zeros for the
 * uncentred Gram): the Gram columns of k newly entering columns, X read ⌈k/96⌉ times. Centring happens while
 * packing (in double), never as XᵀX − n·x̄x̄ᵀ, so no cancellation. out_j at j*p. The GEMM of gemm_common.h;
 * deterministic for any thread count. cols were range-checked by Context.
 * Entry points: gram_cols_f32, gram_cols_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "gemm_common.h"

int SPRED_ENTRY(gram_cols)(long n, long p, long k, REAL *restrict out, const REAL *restrict x, const REAL *restrict mean,
                           const int *restrict cols)
{
    spred_gemm_in g = {SPRED_GEMM_GRAM, n, p, x, NULL, mean, cols};
    return spred_gemm(&g, p, k, n, out);
}
