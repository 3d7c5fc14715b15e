/*
 * mat_vec — out_j = X·b_j for j < k (X row-major n×p; out n·k, b p·k), parallel over rows: each output is one
 * row dot product summed in double in a fixed order, so the result does not depend on the thread count.
 * Traffic (float32): X once (4 B per element of X; row i is reused from cache for the k vectors), b from cache.
 * Entry points: mat_vec_f32, mat_vec_f64 (SPRED_FN). Build: native/build.sh OUTDIR.
 */
#include "matrix_common.h"

int SPRED_FN(mat_vec)(REAL *restrict out, const REAL *restrict x, long n, long p, const REAL *restrict b, long k)
{
#pragma omp parallel for schedule(static) if (n * p * k >= SPRED_PAR_MIN)
    for (long i = 0; i < n; i++)
        for (long j = 0; j < k; j++) out[j * n + i] = (REAL)spred_row_dot(x + i * p, b + j * p, p);
    return SPRED_OK;
}
