/*
 * matrix_common.h — the pieces of the dense matrix passes (mat_vec, mat_t_vec, loss_gradient).
 * X is row-major n×p; a block of k vectors is stored one vector after another (vector j at j*len).
 *
 * Xᵀr has two deterministic plans, chosen from (n, p, k) alone so that a given size always sums in the same
 * order whatever the thread count:
 *   - rows: a fixed number of row chunks (spred_xtr_chunks), each accumulating its rows into its own p·k
 *     partial in double, four rows at a time (one read-modify-write of the partial per four rows of X); the
 *     partials are then added in chunk order. Used when the partials are small next to X.
 *   - columns: blocks of SPRED_COLS columns, each owned by one thread that walks all rows in order. No scratch;
 *     used when p is wide (partials too large, or too few rows to feed the threads).
 */
#ifndef SPRED_MATRIX_COMMON_H
#define SPRED_MATRIX_COMMON_H

#include "spred_native.h"

#define SPRED_ROWS_PER_CHUNK 64L
#define SPRED_MAX_CHUNKS 64L
#define SPRED_PARTIAL_BYTES (64L << 20)
#define SPRED_COLS 512L

/* Number of row chunks of the rows plan, or 0 for the columns plan. Depends only on the sizes. */
static inline long spred_xtr_chunks(long n, long p, long k)
{
    long nch = (n + SPRED_ROWS_PER_CHUNK - 1) / SPRED_ROWS_PER_CHUNK;
    if (nch > SPRED_MAX_CHUNKS) nch = SPRED_MAX_CHUNKS;
    if (nch < 1) nch = 1;
    double bytes = (double)nch * (double)p * (double)k * sizeof(double);
    if (bytes > (double)SPRED_PARTIAL_BYTES) return 0;
    if (nch < 8 && p * k >= 4096) return 0;
    return nch;
}

/* Rows [lo, hi) of row chunk c of nch. */
static inline void spred_chunk_rows(long n, long nch, long c, long *lo, long *hi)
{
    *lo = n * c / nch;
    *hi = n * (c + 1) / nch;
}

/* x·b over p elements in double, fixed order. */
static inline double spred_row_dot(const REAL *restrict x, const REAL *restrict b, long p)
{
    double s = 0;
#pragma omp simd reduction(+ : s)
    for (long c = 0; c < p; c++) s += (double)x[c] * (double)b[c];
    return s;
}

/* part_j += Σ_{i in [lo, hi)} r_j[i]·X_i for j < k (part is p·k doubles), four rows per sweep. */
static inline void spred_xtr_rows(double *restrict part, const REAL *restrict x, long n, long p,
                                  const REAL *restrict r, long k, long lo, long hi)
{
    long i = lo;
    for (; i + 4 <= hi; i += 4) {
        const REAL *x0 = x + i * p, *x1 = x0 + p, *x2 = x1 + p, *x3 = x2 + p;
        for (long j = 0; j < k; j++) {
            double *restrict P = part + j * p;
            const REAL *rj = r + j * n + i;
            double a0 = rj[0], a1 = rj[1], a2 = rj[2], a3 = rj[3];
#pragma omp simd
            for (long c = 0; c < p; c++)
                P[c] += a0 * (double)x0[c] + a1 * (double)x1[c] + a2 * (double)x2[c] + a3 * (double)x3[c];
        }
    }
    for (; i < hi; i++) {
        const REAL *x0 = x + i * p;
        for (long j = 0; j < k; j++) {
            double *restrict P = part + j * p;
            double a0 = r[j * n + i];
#pragma omp simd
            for (long c = 0; c < p; c++) P[c] += a0 * (double)x0[c];
        }
    }
}

/* out[c] = Σ_chunk part[chunk][c] in chunk order, for c < len. */
static inline void spred_combine_partials(REAL *restrict out, const double *restrict part, long nch, long len)
{
#pragma omp parallel for schedule(static) if (len * nch >= SPRED_PAR_MIN)
    for (long c0 = 0; c0 < len; c0 += SPRED_COLS) {
        long c1 = c0 + SPRED_COLS < len ? c0 + SPRED_COLS : len;
        double acc[SPRED_COLS];
        for (long c = c0; c < c1; c++) acc[c - c0] = part[c];
        for (long ch = 1; ch < nch; ch++) {
            const double *P = part + ch * len;
#pragma omp simd
            for (long c = c0; c < c1; c++) acc[c - c0] += P[c];
        }
        for (long c = c0; c < c1; c++) out[c] = (REAL)acc[c - c0];
    }
}

/* out_j = Xᵀ r_j by column blocks: each output element sums its rows in order 0..n-1. */
static inline void spred_xtr_columns(REAL *restrict out, const REAL *restrict x, long n, long p,
                                     const REAL *restrict r, long k)
{
    long nblk = (p + SPRED_COLS - 1) / SPRED_COLS;
#pragma omp parallel for schedule(static) collapse(2) if (n * p * k >= SPRED_PAR_MIN)
    for (long j = 0; j < k; j++)
        for (long bl = 0; bl < nblk; bl++) {
            long c0 = bl * SPRED_COLS, c1 = c0 + SPRED_COLS < p ? c0 + SPRED_COLS : p;
            double acc[SPRED_COLS];
            for (long c = 0; c < c1 - c0; c++) acc[c] = 0;
            const REAL *rj = r + j * n;
            for (long i = 0; i < n; i++) {
                double a = rj[i];
                const REAL *xi = x + i * p + c0;
#pragma omp simd
                for (long c = 0; c < c1 - c0; c++) acc[c] += a * (double)xi[c];
            }
            for (long c = c0; c < c1; c++) out[j * p + c] = (REAL)acc[c - c0];
        }
}

#endif /* SPRED_MATRIX_COMMON_H */
