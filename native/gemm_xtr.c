/*
 * gemm_xtr — out = Xᵀ·R (p×k): out_j = Xᵀ r_j for j < k, X row-major n×p, R n·k (r_j at j*n), out p·k (out_j at
 * j*p). The same result as mat_t_vec, shaped for many vectors: the packed, register-blocked GEMM of
 * gemm_common.h (X read ⌈k/96⌉ times instead of once per vector chunk; about 4 flops per byte of packed data in
 * L1). Fewer than 3 vectors take mat_t_vec's memory-bound plans. Deterministic for any thread count.
 * Entry points: gemm_xtr_f32, gemm_xtr_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "gemm_common.h"
#include "spred_sparse.h"
#include "spred_protos.h"

int SPRED_ENTRY(gemm_xtr)(long n, long p, long k, REAL *restrict out, const REAL *restrict x, const REAL *restrict r)
{
    if (k < 3) return SPRED_ENTRY(mat_t_vec)(n, p, k, out, x, r);
    spred_gemm_in g = {SPRED_GEMM_XTR, n, p, x, r, NULL, NULL};
    return spred_gemm(&g, p, k, n, out);
}
