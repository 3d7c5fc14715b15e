/*
 * grad_split — dU = G⊙W + decay_u·U,  dW = G⊙U + decay_w·W  (both from the same old U, W).
 * Traffic per element (float32): read G, U, W, write dU, dW: 20 B.
 * Entry points: grad_split_f32, grad_split_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(grad_split)(long n, REAL *restrict du, REAL *restrict dw, const REAL *restrict g,
                         const REAL *restrict u, const REAL *restrict w, double decay_u, double decay_w)
{
    const REAL a2 = (REAL)decay_u, b2 = (REAL)decay_w;
#pragma omp parallel for simd schedule(static) if (n >= SPRED_PAR_MIN)
    for (long i = 0; i < n; i++) {
        REAL gi = g[i], ui = u[i], wi = w[i];
        du[i] = gi * wi + a2 * ui;
        dw[i] = gi * ui + b2 * wi;
    }
    return SPRED_OK;
}
