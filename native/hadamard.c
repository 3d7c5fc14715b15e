/*
 * hadamard — V = U ⊙ W.
 * Traffic per element (float32): read U, W, write V: 12 B.
 * Entry points: hadamard_f32, hadamard_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR (gcc -O3 -fopenmp).
 */
#include "spred_native.h"

int SPRED_ENTRY(hadamard)(long n, REAL *restrict v, const REAL *restrict u, const REAL *restrict w)
{
#pragma omp parallel for simd schedule(static) if (n >= SPRED_PAR_MIN)
    for (long i = 0; i < n; i++) v[i] = u[i] * w[i];
    return SPRED_OK;
}
