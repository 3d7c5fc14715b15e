/*
 * copy — dst ← src (same precision).  Traffic per element (float32): read src, write dst: 8 B.
 * Large copies are split into SPRED_CHUNK-sized memcpy calls shared among threads: one thread cannot saturate
 * the memory bandwidth of a many-core socket.
 * Entry points: copy_f32, copy_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(copy)(long n, REAL *restrict dst, const REAL *restrict src)
{
    long nch = (n + SPRED_CHUNK - 1) / SPRED_CHUNK;
#pragma omp parallel for schedule(static) if (n >= SPRED_PAR_MIN)
    for (long c = 0; c < nch; c++) {
        long lo = c * SPRED_CHUNK, hi = lo + SPRED_CHUNK < n ? lo + SPRED_CHUNK : n;
        memcpy(dst + lo, src + lo, sizeof(REAL) * (size_t)(hi - lo));
    }
    return SPRED_OK;
}
