/*
 * csc_mat_t_vec — out_j = Σ_k val_k·r[idx_k] over column j of a CSC matrix: Xᵀr as a gather, one column per
 * worker in index order, accumulated in double (no atomics, no dependence on the schedule). Columns are split
 * into merge-path chunks (spred_sparse.h) so skewed column lengths balance across threads.
 * Traffic (float32): 8 B per nonzero (value, index) plus a gather of r; 8 B offset and 4 B output per column.
 * Entry points: csc_mat_t_vec_f32, csc_mat_t_vec_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"
#include "spred_sparse.h"

int SPRED_ENTRY(csc_mat_t_vec)(long n, long p, const spred_sparse *x, REAL *restrict out, const REAL *restrict val,
                               const REAL *restrict r)
{
    (void)n;
    long nch = spred_sparse_chunks(x);
#pragma omp parallel for schedule(dynamic, 1) if (p + x->nnz >= SPRED_PAR_MIN)
    for (long c = 0; c < nch; c++) {
        long lo = spred_sparse_split(x, c, nch), hi = spred_sparse_split(x, c + 1, nch);
        for (long j = lo; j < hi; j++) {
            double s = 0;
            for (int64_t k = x->ptr[j]; k < x->ptr[j + 1]; k++) s += (double)val[k] * (double)r[x->idx[k]];
            out[j] = (REAL)s;
        }
    }
    return SPRED_OK;
}
