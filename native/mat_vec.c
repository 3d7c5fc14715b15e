/*
 * mat_vec — out_j = X·b_j for j < k (X row-major n×p; out n·k, b p·k), parallel over blocks of four rows (four
 * accumulator chains, b loaded once per four rows): each output is a row dot product summed in double in an
 * order fixed by its row index, so the result does not depend on the thread count.
 * Traffic (float32): X once (4 B per element of X; row i is reused from cache for the k vectors), b from cache.
 * Entry points: mat_vec_f32, mat_vec_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "matrix_common.h"

int SPRED_ENTRY(mat_vec)(long n, long p, long k, REAL *restrict out, const REAL *restrict x, const REAL *restrict b)
{
    long nblk = (n + 3) / 4;
#pragma omp parallel for schedule(static) if (n * p * k >= SPRED_PAR_MIN)
    for (long blk = 0; blk < nblk; blk++) {
        long i = 4 * blk, cnt = n - i < 4 ? n - i : 4;
        for (long j = 0; j < k; j++) {
            double d[4];
            spred_rows_dot(d, x, p, i, cnt, b + j * p);
            for (long t = 0; t < cnt; t++) out[j * n + i + t] = (REAL)d[t];
        }
    }
    return SPRED_OK;
}
