/*
 * axpy — y ← y + a·x.  Traffic per element (float32): read x, y, write y: 12 B.
 * Entry points: axpy_f32, axpy_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(axpy)(long n, REAL *restrict y, const REAL *restrict x, double a)
{
    const REAL ar = (REAL)a;
#pragma omp parallel for simd schedule(static) if (n >= SPRED_PAR_MIN)
    for (long i = 0; i < n; i++) y[i] += ar * x[i];
    return SPRED_OK;
}
