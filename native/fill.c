/*
 * fill — x_i ← value.  Traffic per element (float32): write x: 4 B.
 * Entry points: fill_f32, fill_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(fill)(long n, REAL *restrict x, double value)
{
    const REAL v = (REAL)value;
#pragma omp parallel for simd schedule(static) if (n >= SPRED_PAR_MIN)
    for (long i = 0; i < n; i++) x[i] = v;
    return SPRED_OK;
}
