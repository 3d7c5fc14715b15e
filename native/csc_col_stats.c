/*
 * csc_col_stats — centred column statistics of a CSC matrix over all n rows: sum_j = Σ_i (x_ij − c_j) and
 * sumsq_j = Σ_i (x_ij − c_j)², in double: the stored entries in row order, then the n − nnz_j implicit zeros at
 * once (−c_j and c_j² each; the order of the Java reference, so float64 results are its bits). The column means
 * and centred norms that keep centring and scaling implicit (X is never centred). Merge-path chunks of columns
 * as in csc_mat_t_vec.
 * Traffic (float32): 4 B per nonzero; 8 B offset and 8 B outputs per column.
 * Entry points: csc_col_stats_f32, csc_col_stats_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"
#include "spred_sparse.h"

int SPRED_ENTRY(csc_col_stats)(long n, long p, const spred_sparse *x, REAL *restrict sum, REAL *restrict sumsq,
                               const REAL *restrict val, const REAL *restrict centre)
{
    long nch = spred_sparse_chunks(x);
#pragma omp parallel for schedule(dynamic, 1) if (p + x->nnz >= SPRED_PAR_MIN)
    for (long c = 0; c < nch; c++) {
        long lo = spred_sparse_split(x, c, nch), hi = spred_sparse_split(x, c + 1, nch);
        for (long j = lo; j < hi; j++) {
            double s = 0, q = 0, m = (double)centre[j];
            for (int64_t k = x->ptr[j]; k < x->ptr[j + 1]; k++) {
                double d = (double)val[k] - m;
                s += d;
                q += d * d;
            }
            double zeros = (double)(n - (x->ptr[j + 1] - x->ptr[j]));
            sum[j] = (REAL)(s + zeros * -m);
            sumsq[j] = (REAL)(q + zeros * m * m);
        }
    }
    return SPRED_OK;
}
