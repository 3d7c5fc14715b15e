/*
 * mat_t_vec — out_j = Xᵀ·r_j for j < k (X row-major n×p; out p·k, r n·k). Deterministic plans (rows or
 * columns, chosen from the sizes) in matrix_common.h.
 * Traffic (float32): X once (4 B per element of X) plus, on the rows plan, the p·k double partials of
 * each row chunk (written once, read once when combined).
 * Entry points: mat_t_vec_f32, mat_t_vec_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "matrix_common.h"

int SPRED_ENTRY(mat_t_vec)(long n, long p, long k, REAL *restrict out, const REAL *restrict x, const REAL *restrict r)
{
    long nch = spred_xtr_chunks(n, p, k);
    if (nch == 0) {
        spred_xtr_columns(out, x, n, p, r, k);
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
        spred_xtr_rows(P, x, n, p, r, k, lo, hi);
    }
    spred_combine_partials(out, part, nch, pk);
    free(part);
    return SPRED_OK;
}
