/*
 * csc_col_stats — sum_j = Σ_k val_k and sumsq_j = Σ_k val_k² over column j of a CSC matrix, in double: the
 * column means and norms that keep centring and scaling implicit (X is never centred). Merge-path chunks of
 * columns as in csc_mat_t_vec.
 * Traffic (float32): 4 B per nonzero; 8 B offset and 8 B outputs per column.
 * Entry points: csc_col_stats_f32, csc_col_stats_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"
#include "spred_sparse.h"

int SPRED_ENTRY(csc_col_stats)(long n, long p, const spred_sparse *x, REAL *restrict sum, REAL *restrict sumsq,
                               const REAL *restrict val)
{
    (void)n;
    long nch = spred_sparse_chunks(x);
#pragma omp parallel for schedule(dynamic, 1) if (p + x->nnz >= SPRED_PAR_MIN)
    for (long c = 0; c < nch; c++) {
        long lo = spred_sparse_split(x, c, nch), hi = spred_sparse_split(x, c + 1, nch);
        for (long j = lo; j < hi; j++) {
            double s = 0, q = 0;
            for (int64_t k = x->ptr[j]; k < x->ptr[j + 1]; k++) {
                double v = (double)val[k];
                s += v;
                q += v * v;
            }
            sum[j] = (REAL)s;
            sumsq[j] = (REAL)q;
        }
    }
    return SPRED_OK;
}
