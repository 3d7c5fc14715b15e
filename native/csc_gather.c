/*
 * csc_gather — out[a·n + i] = X[i, cols[a]] for a < m: the working set's columns of a CSC matrix as dense
 * column-major n×m (zeros written, then the column's entries scattered). With csc_mat_t_vec on each gathered
 * column this gives the Gram columns Xᵀx_W of the working set, never touching the other columns' data twice.
 * Traffic (float32): 4 B per row and gathered column (the zeros) plus 8 B per gathered nonzero.
 * Entry points: csc_gather_f32, csc_gather_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"
#include "spred_sparse.h"

int SPRED_ENTRY(csc_gather)(long n, long p, const spred_sparse *x, REAL *restrict out, const REAL *restrict val,
                            const int *restrict cols, int m)
{
    (void)p;
#pragma omp parallel for schedule(dynamic, 1) if ((long)m * n >= SPRED_PAR_MIN)
    for (int a = 0; a < m; a++) {
        REAL *o = out + (long)a * n;
        memset(o, 0, sizeof(REAL) * (size_t)n);
        int j = cols[a];
        for (int64_t k = x->ptr[j]; k < x->ptr[j + 1]; k++) o[x->idx[k]] = val[k];
    }
    return SPRED_OK;
}
