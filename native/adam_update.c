/*
 * adam_update — per θ ∈ {U, W} with loss gradient G⊙W (resp. G⊙U) and decay decay_u (resp. decay_w), old U, W:
 *   g = lg + decay·θ (unless decoupled);  m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;
 *   θ ← θ − η·(m·bc1 / (√(v·bc2) + ε) [+ decay·θ if decoupled]);  then V ← U⊙W.  (spred_adam)
 * bc1 = 1/(1−β1^t), bc2 = 1/(1−β2^t) come from the host (no pow in the loop).
 * Traffic per element (float32): read U, W, G, mU, vU, mW, vW, write those six and V: 56 B, one pass.
 * Entry points: adam_update_f32, adam_update_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

#define ADAM_LOOP(DECOUPLED)                                                                               \
    _Pragma("omp parallel for simd schedule(static) if (n >= SPRED_PAR_MIN)")                                \
    for (long i = 0; i < n; i++) {                                                                           \
        REAL gi = g[i], ui = u[i], wi = w[i];                                                                \
        REAL un = spred_adam(ui, gi * wi, a2, &m_u[i], &v_u[i], eta, r1, r2, e, c1, c2, DECOUPLED);          \
        REAL wn = spred_adam(wi, gi * ui, b2, &m_w[i], &v_w[i], eta, r1, r2, e, c1, c2, DECOUPLED);          \
        u[i] = un;                                                                                           \
        w[i] = wn;                                                                                           \
        v[i] = un * wn;                                                                                      \
    }

int SPRED_ENTRY(adam_update)(long n, REAL *restrict u, REAL *restrict w, REAL *restrict v, REAL *restrict m_u,
                             REAL *restrict v_u, REAL *restrict m_w, REAL *restrict v_w, const REAL *restrict g,
                             double lr, double beta1, double beta2, double eps, double bc1, double bc2,
                             double decay_u, double decay_w, int decoupled)
{
    const REAL eta = (REAL)lr, r1 = (REAL)beta1, r2 = (REAL)beta2, e = (REAL)eps;
    const REAL a2 = (REAL)decay_u, b2 = (REAL)decay_w, c1 = (REAL)bc1, c2 = (REAL)bc2;
    if (decoupled) {
        ADAM_LOOP(1)
    } else {
        ADAM_LOOP(0)
    }
    return SPRED_OK;
}
