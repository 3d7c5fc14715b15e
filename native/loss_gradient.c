/*
 * loss_gradient — the one-pass gradient of sparse regression, for problems j < k:
 *   η_j,i = X_i·b_j + offset_j,   r_j,i = y_j,i − μ(η_j,i)   (μ = identity or sigmoid, spred_mean),
 *   grad_j = Xᵀ r_j.
 * Rows plan: each row chunk walks its rows four at a time, computes their η and r (reading the four rows of X)
 * and immediately adds X_blockᵀ r_block into the chunk's partial while those rows are still in cache: X is
 * read from memory once. Columns plan (wide p, see matrix_common.h): η and r by rows, then Xᵀr by column
 * blocks (two passes over X). Both are deterministic for given sizes.
 * Traffic (float32): X once (4 B per element), y, η, r: 12 B per row and problem, p·k partials per chunk.
 * Entry points: loss_gradient_f32, loss_gradient_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "matrix_common.h"

/* η and r of rows [i, i+cnt) (cnt <= 4) for every problem. */
static inline void eta_rows(int loss, REAL *restrict eta, REAL *restrict r, const REAL *restrict x, long n, long p,
                            const REAL *restrict b, const REAL *restrict offset, const REAL *restrict y, long k,
                            long i, long cnt)
{
    for (long j = 0; j < k; j++) {
        double d[4];
        spred_rows_dot(d, x, p, i, cnt, b + j * p);
        for (long t = 0; t < cnt; t++) {
            REAL e = (REAL)((double)offset[j] + d[t]);
            eta[j * n + i + t] = e;
            r[j * n + i + t] = y[j * n + i + t] - spred_mean(loss, e);
        }
    }
}

int SPRED_ENTRY(loss_gradient)(long n, long p, long k, REAL *restrict grad, REAL *restrict eta, REAL *restrict r,
                               const REAL *restrict x, const REAL *restrict b, const REAL *restrict offset,
                               const REAL *restrict y, int loss)
{
    long nch = spred_xtr_chunks(n, p, k);
    if (nch == 0) {
        long nblk = (n + 3) / 4;
#pragma omp parallel for schedule(static) if (n * p * k >= SPRED_PAR_MIN)
        for (long blk = 0; blk < nblk; blk++)
            eta_rows(loss, eta, r, x, n, p, b, offset, y, k, 4 * blk, n - 4 * blk < 4 ? n - 4 * blk : 4);
        spred_xtr_columns(grad, x, n, p, r, k);
        return SPRED_OK;
    }
    long pk = p * k;
    double *part = malloc(sizeof(double) * (size_t)(nch * pk > 0 ? nch * pk : 1));
    if (!part) return SPRED_ENOMEM;
#pragma omp parallel for schedule(static) if (n * p * k >= SPRED_PAR_MIN)
    for (long c = 0; c < nch; c++) {
        long lo, hi;
        spred_chunk_rows(n, nch, c, &lo, &hi);
        double *P = part + c * pk;
        memset(P, 0, sizeof(double) * (size_t)pk);
        for (long i = lo; i < hi; i += 4) {
            long e = i + 4 < hi ? i + 4 : hi;
            eta_rows(loss, eta, r, x, n, p, b, offset, y, k, i, e - i);
            spred_xtr_rows(P, x, n, p, r, k, i, e);
        }
    }
    spred_combine_partials(grad, part, nch, pk);
    free(part);
    return SPRED_OK;
}
