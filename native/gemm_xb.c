/*
 * gemm_xb — out = X·B (n×k): out_j = X b_j for j < k, X row-major n×p, B p·k (b_j at j*p), out n·k (out_j at
 * j*n): predictions of k coefficient vectors (held-out folds, all λ of a path). The same result as mat_vec,
 * shaped for many vectors: the packed, register-blocked GEMM of gemm_common.h. Fewer than 3 vectors take
 * mat_vec's row-dot plan. Deterministic for any thread count.
 * Entry points: gemm_xb_f32, gemm_xb_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "gemm_common.h"
#include "spred_sparse.h"
#include "spred_protos.h"

int SPRED_ENTRY(gemm_xb)(long n, long p, long k, REAL *restrict out, const REAL *restrict x, const REAL *restrict b)
{
    if (k < 3) return SPRED_ENTRY(mat_vec)(n, p, k, out, x, b);
    spred_gemm_in g = {SPRED_GEMM_XB, n, p, x, b, NULL, NULL};
    return spred_gemm(&g, n, k, p, out);
}
