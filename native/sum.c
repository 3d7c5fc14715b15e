/*
 * sum — Σ x_i, two-phase (chunk partials in double, combined in order).
 * Traffic per element (float32): read x: 4 B.
 * Entry points: sum_f32, sum_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

static double sum_chunk(const void *ctx, long lo, long hi)
{
    const REAL *restrict x = (const REAL *)ctx;
    double s = 0;
#pragma omp simd reduction(+ : s)
    for (long i = lo; i < hi; i++) s += (double)x[i];
    return s;
}

int SPRED_ENTRY(sum)(long n, double *result, const REAL *x)
{
    return spred_reduce(n, sum_chunk, x, SPRED_COMBINE_SUM, result);
}
