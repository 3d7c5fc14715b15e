/*
 * max_abs — max |x_i|, NaN if any x_i is NaN (fmax would hide it). Two-phase; a max does not depend on order.
 * Traffic per element (float32): read x: 4 B.
 * Entry points: max_abs_f32, max_abs_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

static double max_abs_chunk(const void *ctx, long lo, long hi)
{
    const REAL *restrict x = (const REAL *)ctx;
    REAL m = 0;
    int nan = 0;
    /* The NaN test is a separate flag so that the max itself stays a plain vectorisable compare. */
#pragma omp simd reduction(max : m) reduction(| : nan)
    for (long i = lo; i < hi; i++) {
        REAL a = fabs(x[i]);
        nan |= a != a;
        m = a > m ? a : m;
    }
    return nan ? (double)NAN : (double)m;
}

int SPRED_ENTRY(max_abs)(long n, double *result, const REAL *x)
{
    return spred_reduce(n, max_abs_chunk, x, SPRED_COMBINE_MAX, result);
}
