/*
 * logistic_loss — Σ log(1 + e^η_i) − y_i·η_i in the stable form of spred_logistic_loss; two-phase, chunk
 * partials in double combined in order. Traffic per element (float32): read η, y: 8 B (exp/log1p bound).
 * Entry points: logistic_loss_f32, logistic_loss_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

typedef struct { const REAL *eta, *y; } loss_args;

static double logistic_loss_chunk(const void *ctx, long lo, long hi)
{
    const REAL *restrict eta = ((const loss_args *)ctx)->eta, *restrict y = ((const loss_args *)ctx)->y;
    double s = 0;
#pragma omp simd reduction(+ : s)
    for (long i = lo; i < hi; i++) s += (double)spred_logistic_loss(eta[i], y[i]);
    return s;
}

int SPRED_ENTRY(logistic_loss)(long n, double *result, const REAL *eta, const REAL *y)
{
    loss_args a = {eta, y};
    return spred_reduce(n, logistic_loss_chunk, &a, SPRED_COMBINE_SUM, result);
}
