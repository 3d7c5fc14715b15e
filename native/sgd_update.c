/*
 * sgd_update — U ← U − η(G⊙W + decay_u·U),  W ← W − η(G⊙U + decay_w·W)  (gradients from the old U, W),  V ← U⊙W.
 * Traffic per element (float32): read U, W, G, write U, W, V: 24 B, one pass.
 * Entry points: sgd_update_f32, sgd_update_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(sgd_update)(long n, REAL *restrict u, REAL *restrict w, REAL *restrict v, const REAL *restrict g,
                         double lr, double decay_u, double decay_w)
{
    const REAL eta = (REAL)lr, a2 = (REAL)decay_u, b2 = (REAL)decay_w;
#pragma omp parallel for simd schedule(static) if (n >= SPRED_PAR_MIN)
    for (long i = 0; i < n; i++) {
        REAL gi = g[i], ui = u[i], wi = w[i];
        REAL un = ui - eta * (gi * wi + a2 * ui);
        REAL wn = wi - eta * (gi * ui + b2 * wi);
        u[i] = un;
        w[i] = wn;
        v[i] = un * wn;
    }
    return SPRED_OK;
}
