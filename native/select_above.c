/*
 * select_above — compaction: cols[0..c) ← the indices j (increasing) with |g_j| ≥ tau or g_j NaN, val[0..c) ← those
 * g_j, result ← c. The engine's
 * screening and KKT tests over all p columns (strong rule, violators) as one pass on the device: the host reads
 * the count and the c indices, not the p gradients (issue 12 item 5). The comparison is in double; the caller
 * (Context.selectAbove) rounds tau to the buffer's precision first, so every backend compares the same numbers.
 * Indices are stored as REAL (exact below 2^24 in float32: Context refuses longer float32 buffers).
 * Plan: chunks of SPRED_CHUNK counted in parallel, an exclusive prefix of the counts in chunk order, then each
 * chunk writes its indices from its offset: the output does not depend on the thread count.
 * Traffic per element (float32): read g: 4 B; 8 B per selected column.
 * Entry points: select_above_f32, select_above_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(select_above)(long n, double *result, REAL *restrict cols, REAL *restrict val, const REAL *restrict g,
                              double tau)
{
    long nch = (n + SPRED_CHUNK - 1) / SPRED_CHUNK;
    long local[512];
    long *base = nch <= 512 ? local : malloc(sizeof(long) * (size_t)(nch > 0 ? nch : 1));
    if (!base) return SPRED_ENOMEM;
#pragma omp parallel for schedule(static) if (n >= SPRED_PAR_MIN)
    for (long c = 0; c < nch; c++) {
        long lo = c * SPRED_CHUNK, hi = lo + SPRED_CHUNK < n ? lo + SPRED_CHUNK : n, k = 0;
        for (long j = lo; j < hi; j++) k += !(fabs((double)g[j]) < tau); /* NaN is selected: never hidden */
        base[c] = k;
    }
    long total = 0;
    for (long c = 0; c < nch; c++) {
        long k = base[c];
        base[c] = total;
        total += k;
    }
#pragma omp parallel for schedule(static) if (n >= SPRED_PAR_MIN && total > 0)
    for (long c = 0; c < nch; c++) {
        long lo = c * SPRED_CHUNK, hi = lo + SPRED_CHUNK < n ? lo + SPRED_CHUNK : n, o = base[c];
        for (long j = lo; j < hi; j++)
            if (!(fabs((double)g[j]) < tau)) {
                cols[o] = (REAL)j;
                val[o++] = g[j];
            }
    }
    if (base != local) free(base);
    *result = (double)total;
    return SPRED_OK;
}
