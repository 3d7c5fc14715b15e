/*
 * soft_sq — Σ_j max(|t·g_j| − la, 0)², in double: the elastic net's dual term ‖(|t·Zcᵀζ| − λα)₊‖²/(2λ(1−α)) over
 * all p columns as one reduction, so the duality gap needs one scalar from the device, not the p gradients.
 * Two-phase (chunk partials in double, combined in order). Traffic per element (float32): read g: 4 B.
 * Entry points: soft_sq_f32, soft_sq_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

struct soft_sq_args {
    const REAL *g;
    double t, la;
};

static double soft_sq_chunk(const void *ctx, long lo, long hi)
{
    const struct soft_sq_args *a = (const struct soft_sq_args *)ctx;
    const REAL *restrict g = a->g;
    const double t = a->t, la = a->la;
    double s = 0;
    for (long j = lo; j < hi; j++) {
        double e = fabs(t * (double)g[j]) - la;
        e = e > 0 ? e : 0;
        s += e * e;
    }
    return s;
}

int SPRED_ENTRY(soft_sq)(long n, double *result, const REAL *g, double t, double la)
{
    struct soft_sq_args a = {g, t, la};
    return spred_reduce(n, soft_sq_chunk, &a, SPRED_COMBINE_SUM, result);
}
