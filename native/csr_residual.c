/*
 * csr_residual — η_i = offset + Σ_k val_k·b[idx_k] over row i of a CSR matrix, then r_i = y_i − μ(η_i)
 * (μ = identity or sigmoid, spred_mean), fused in one pass over the row; the dot product is accumulated in double.
 * Rows are split into merge-path chunks (spred_sparse.h), so skewed row lengths balance across threads.
 * Traffic (float32): 8 B per nonzero (value, index) plus a gather of b; 8 B row offset and 12 B (y, η, r) per row.
 * Entry points: csr_residual_f32, csr_residual_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"
#include "spred_sparse.h"

int SPRED_ENTRY(csr_residual)(long n, long p, const spred_sparse *x, REAL *restrict eta, REAL *restrict r,
                              const REAL *restrict val, const REAL *restrict b, const REAL *restrict y, double offset,
                              int loss)
{
    (void)p;
    long nch = spred_sparse_chunks(x);
#pragma omp parallel for schedule(dynamic, 1) if (n + x->nnz >= SPRED_PAR_MIN)
    for (long c = 0; c < nch; c++) {
        long lo = spred_sparse_split(x, c, nch), hi = spred_sparse_split(x, c + 1, nch);
        for (long i = lo; i < hi; i++) {
            double s = offset;
            for (int64_t k = x->ptr[i]; k < x->ptr[i + 1]; k++) s += (double)val[k] * (double)b[x->idx[k]];
            REAL e = (REAL)s;
            eta[i] = e;
            r[i] = y[i] - spred_mean(loss, e);
        }
    }
    return SPRED_OK;
}
