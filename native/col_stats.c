/*
 * col_stats — centred column statistics of a dense row-major n×p matrix: sum_j = Σ_i (x_ij − c_j) and
 * sumsq_j = Σ_i (x_ij − c_j)², in double (the means and centred norms of implicit centring and scaling; X is
 * never centred). Called with c = 0 it gives the column sums, with c = x̄ the exact centred norms.
 * Plan: the columns are cut into fixed slices of SPRED_COL_SLICE; a thread takes a slice and walks every row
 * of it, so each column is summed in row order, the host's float64 order (results do not depend on the number of
 * threads, and the float64 results equal the Java reference bit for bit). The inner loop over the slice is
 * contiguous and vectorises.
 * Traffic (float32): X once (4 B per element), 8 B of centre and 8 B of outputs per column.
 * Entry points: col_stats_f32, col_stats_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

/* Columns per slice: 2 KB of double accumulators each for sum and sumsq, resident in L1. */
#define SPRED_COL_SLICE 256L

int SPRED_ENTRY(col_stats)(long n, long p, REAL *restrict sum, REAL *restrict sumsq, const REAL *restrict x,
                           const REAL *restrict centre)
{
    long nsl = (p + SPRED_COL_SLICE - 1) / SPRED_COL_SLICE;
#pragma omp parallel for schedule(dynamic, 1) if (n * p >= SPRED_PAR_MIN && nsl > 1)
    for (long c = 0; c < nsl; c++) {
        long lo = c * SPRED_COL_SLICE, hi = lo + SPRED_COL_SLICE < p ? lo + SPRED_COL_SLICE : p, w = hi - lo;
        double s[SPRED_COL_SLICE], q[SPRED_COL_SLICE], m[SPRED_COL_SLICE];
        for (long j = 0; j < w; j++) {
            s[j] = 0;
            q[j] = 0;
            m[j] = (double)centre[lo + j];
        }
        for (long i = 0; i < n; i++) {
            const REAL *row = x + i * p + lo;
            for (long j = 0; j < w; j++) {
                double d = (double)row[j] - m[j];
                s[j] += d;
                q[j] += d * d;
            }
        }
        for (long j = 0; j < w; j++) {
            sum[lo + j] = (REAL)s[j];
            sumsq[lo + j] = (REAL)q[j];
        }
    }
    return SPRED_OK;
}
