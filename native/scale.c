/*
 * scale — x ← a·x.  Traffic per element (float32): read and write x: 8 B.
 * Entry points: scale_f32, scale_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(scale)(long n, REAL *restrict x, double a)
{
    const REAL ar = (REAL)a;
#pragma omp parallel for simd schedule(static) if (n >= SPRED_PAR_MIN)
    for (long i = 0; i < n; i++) x[i] *= ar;
    return SPRED_OK;
}
