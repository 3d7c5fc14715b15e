/*
 * dot — Σ x_i·y_i, two-phase: chunks of SPRED_CHUNK summed in double in a fixed order, then in chunk order.
 * Traffic per element (float32): read x, y: 8 B.
 * Entry points: dot_f32, dot_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

typedef struct { const REAL *x, *y; } dot_args;

static double dot_chunk(const void *ctx, long lo, long hi)
{
    const REAL *restrict x = ((const dot_args *)ctx)->x, *restrict y = ((const dot_args *)ctx)->y;
    double s = 0;
#pragma omp simd reduction(+ : s)
    for (long i = lo; i < hi; i++) s += (double)x[i] * (double)y[i];
    return s;
}

int SPRED_ENTRY(dot)(long n, double *result, const REAL *x, const REAL *y)
{
    dot_args a = {x, y};
    return spred_reduce(n, dot_chunk, &a, SPRED_COMBINE_SUM, result);
}
