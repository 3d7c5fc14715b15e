/*
 * momentum_update — per θ ∈ {U, W} with g_U = G⊙W + decay_u·U, g_W = G⊙U + decay_w·W (old U, W):
 *   m ← μ·m + g,  θ ← θ − η·(nesterov ? g + μ·m : m);  then V ← U⊙W.  (spred_momentum in spred_math.h)
 * Traffic per element (float32): read U, W, G, mU, mW, write U, W, mU, mW, V: 40 B, one pass.
 * Entry points: momentum_update_f32, momentum_update_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(momentum_update)(long n, REAL *restrict u, REAL *restrict w, REAL *restrict v, REAL *restrict m_u,
                                 REAL *restrict m_w, const REAL *restrict g, double lr, double momentum, int nesterov,
                                 double decay_u, double decay_w)
{
    const REAL eta = (REAL)lr, mom = (REAL)momentum, a2 = (REAL)decay_u, b2 = (REAL)decay_w;
    /* Two copies of the loop so that the Nesterov choice is not tested per element. */
    if (nesterov) {
#pragma omp parallel for simd schedule(static) if (n >= SPRED_PAR_MIN)
        for (long i = 0; i < n; i++) {
            REAL gi = g[i], ui = u[i], wi = w[i];
            REAL un = spred_momentum(ui, gi * wi + a2 * ui, &m_u[i], eta, mom, 1);
            REAL wn = spred_momentum(wi, gi * ui + b2 * wi, &m_w[i], eta, mom, 1);
            u[i] = un;
            w[i] = wn;
            v[i] = un * wn;
        }
    } else {
#pragma omp parallel for simd schedule(static) if (n >= SPRED_PAR_MIN)
        for (long i = 0; i < n; i++) {
            REAL gi = g[i], ui = u[i], wi = w[i];
            REAL un = spred_momentum(ui, gi * wi + a2 * ui, &m_u[i], eta, mom, 0);
            REAL wn = spred_momentum(wi, gi * ui + b2 * wi, &m_w[i], eta, mom, 0);
            u[i] = un;
            w[i] = wn;
            v[i] = un * wn;
        }
    }
    return SPRED_OK;
}
