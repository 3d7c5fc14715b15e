/*
 * sum_squares — Σ x_i², two-phase (chunk partials in double, combined in order).
 * Traffic per element (float32): read x: 4 B.
 * Entry points: sum_squares_f32, sum_squares_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

static double sum_squares_chunk(const void *ctx, long lo, long hi)
{
    const REAL *restrict x = (const REAL *)ctx;
    double s = 0;
#pragma omp simd reduction(+ : s)
    for (long i = lo; i < hi; i++) s += (double)x[i] * (double)x[i];
    return s;
}

int SPRED_ENTRY(sum_squares)(long n, double *result, const REAL *x)
{
    return spred_reduce(n, sum_squares_chunk, x, SPRED_COMBINE_SUM, result);
}
