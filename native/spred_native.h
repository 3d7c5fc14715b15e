/*
 * spred_native.h — what every kernel file of the native CPU backend shares.
 *
 * Kernel files (everything in native/ except jni_bridge.c and groups.c) are compiled twice by build.sh:
 * with -DSPRED_F32 (REAL = float, entry points named <stem>_f32) and with -DSPRED_F64 (REAL = double,
 * <stem>_f64). SPRED_ENTRY(stem), the one entry macro of every kernel language (CUDA and OpenCL C define
 * their own), produces the entry point's name, so each file writes its kernel once.
 *
 * Determinism: every reduction is cut into fixed-size chunks whose boundaries depend only on the sizes, each
 * chunk is summed in a fixed order, and the chunk partials are combined in order in double. The result does
 * not depend on the number of OpenMP threads or on scheduling.
 */
#ifndef SPRED_NATIVE_H
#define SPRED_NATIVE_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <omp.h>

#if defined(SPRED_F32)
#define REAL float
#define SPRED_ENTRY(stem) stem##_f32
#elif defined(SPRED_F64)
#define REAL double
#define SPRED_ENTRY(stem) stem##_f64
#else
#error "compile kernel files with -DSPRED_F32 or -DSPRED_F64 (see native/build.sh)"
#endif

#include "../kernels/spred_math.h"
#include "spred_groups.h"

/* Elements per reduction chunk: large enough to amortise the partial, small enough to balance threads. */
#define SPRED_CHUNK 8192L
/* Below this many elements a loop runs on the calling thread: waking the team costs more than the work. */
#define SPRED_PAR_MIN 32768L

#define SPRED_OK 0
#define SPRED_ENOMEM 12

/*
 * Two-phase reduction driver: chunk c covers [c*SPRED_CHUNK, min(n, (c+1)*SPRED_CHUNK)); f returns its partial
 * (accumulated in double by the caller's fixed-order loop); the partials are combined in chunk order, as a sum
 * or as a NaN-propagating max. Returns SPRED_ENOMEM when the partials cannot be allocated.
 */
typedef double (*spred_chunk_fn)(const void *ctx, long lo, long hi);

#define SPRED_COMBINE_SUM 0
#define SPRED_COMBINE_MAX 1

static inline int spred_reduce(long n, spred_chunk_fn f, const void *ctx, int combine, double *out)
{
    long nch = (n + SPRED_CHUNK - 1) / SPRED_CHUNK;
    if (nch <= 1) {
        *out = n > 0 ? f(ctx, 0, n) : 0.0;
        return SPRED_OK;
    }
    double local[512];
    double *part = nch <= 512 ? local : malloc(sizeof(double) * (size_t)nch);
    if (!part) return SPRED_ENOMEM;
#pragma omp parallel for schedule(static) if (n >= SPRED_PAR_MIN)
    for (long c = 0; c < nch; c++) {
        long lo = c * SPRED_CHUNK, hi = lo + SPRED_CHUNK < n ? lo + SPRED_CHUNK : n;
        part[c] = f(ctx, lo, hi);
    }
    double s = part[0];
    for (long c = 1; c < nch; c++) {
        if (combine == SPRED_COMBINE_SUM) s += part[c];
        else if (part[c] != part[c] || part[c] > s) s = (s != s) ? s : part[c];
    }
    if (part != local) free(part);
    *out = s;
    return SPRED_OK;
}

#endif /* SPRED_NATIVE_H */
