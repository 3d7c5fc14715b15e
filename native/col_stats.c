/*
 * col_stats — centred column statistics of a dense row-major n×p matrix: sum_j = Σ_i (x_ij − c_j) and
 * sumsq_j = Σ_i (x_ij − c_j)², in double (the means and centred norms of implicit centring and scaling; X is
 * never centred). Called with c = 0 it gives the column sums, with c = x̄ the exact centred norms.
 * Plan: the columns are cut into one slice per thread (at least SPRED_COL_SLICE wide); a thread walks every row
 * of its slice, so each column is summed in row order whatever the slicing: the host's float64 order (results do
 * not depend on the number of threads, and the float64 results equal the Java reference bit for bit). With one
 * thread a row is read whole and contiguously; the inner loop over the slice vectorises.
 * Traffic (float32): X once (4 B per element), 8 B of centre and 8 B of outputs per column.
 * Entry points: col_stats_f32, col_stats_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

/* The narrowest slice a thread takes: narrower slices read X in short strided pieces. */
#define SPRED_COL_SLICE 256L

int SPRED_ENTRY(col_stats)(long n, long p, REAL *restrict sum, REAL *restrict sumsq, const REAL *restrict x,
                           const REAL *restrict centre)
{
    int threads = n * p >= SPRED_PAR_MIN ? omp_get_max_threads() : 1;
    long w = (p + threads - 1) / threads;
    if (w < SPRED_COL_SLICE) w = SPRED_COL_SLICE;
    long nsl = (p + w - 1) / w;
    double *acc = malloc(sizeof(double) * (size_t)(3 * p > 0 ? 3 * p : 1));
    if (!acc) return SPRED_ENOMEM;
    double *restrict s = acc, *restrict q = acc + p, *restrict m = acc + 2 * p;
#pragma omp parallel for schedule(static, 1) if (nsl > 1)
    for (long c = 0; c < nsl; c++) {
        long lo = c * w, hi = lo + w < p ? lo + w : p;
        for (long j = lo; j < hi; j++) {
            s[j] = 0;
            q[j] = 0;
            m[j] = (double)centre[j];
        }
        for (long i = 0; i < n; i++) {
            const REAL *row = x + i * p;
            for (long j = lo; j < hi; j++) {
                double d = (double)row[j] - m[j];
                s[j] += d;
                q[j] += d * d;
            }
        }
        for (long j = lo; j < hi; j++) {
            sum[j] = (REAL)s[j];
            sumsq[j] = (REAL)q[j];
        }
    }
    free(acc);
    return SPRED_OK;
}
