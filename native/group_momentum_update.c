/*
 * group_momentum_update — momentum (spred_momentum) on u_g with gradient ⟨G_g, W_g⟩ + decay_u·c_g·u_g and on W_i
 * with u_g·G_i + decay_w·c_g·W_i (old u_g, W), then V_i ← u_g·W_i. m_u per group, m_w per coordinate.
 * Traffic per element (float32): read W, G, mW, write W, mW, V: 24 B (groups > SPRED_SEG read G, W once more).
 * Entry points: group_momentum_update_f32, group_momentum_update_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "group_common.h"

static inline void w_range(REAL *restrict w, REAL *restrict v, const REAL *restrict g, REAL *restrict mw,
                           int lo, int hi, REAL uo, REAL un, REAL db, REAL eta, REAL mom, int nesterov)
{
    if (nesterov) {
#pragma omp simd
        for (int i = lo; i < hi; i++) {
            REAL wn = spred_momentum(w[i], uo * g[i] + db * w[i], &mw[i], eta, mom, 1);
            w[i] = wn;
            v[i] = un * wn;
        }
    } else {
#pragma omp simd
        for (int i = lo; i < hi; i++) {
            REAL wn = spred_momentum(w[i], uo * g[i] + db * w[i], &mw[i], eta, mom, 0);
            w[i] = wn;
            v[i] = un * wn;
        }
    }
}

int SPRED_ENTRY(group_momentum_update)(const spred_groups *gs, REAL *restrict u, REAL *restrict w, REAL *restrict v,
                                       REAL *restrict m_u, REAL *restrict m_w, const REAL *restrict g, double lr,
                                       double momentum, int nesterov, double decay_u, double decay_w)
{
    const int *off = gs->off;
    const double *wt = gs->wt;
    const REAL eta = (REAL)lr, mom = (REAL)momentum;
    if (gs->nbig > 0) {
        spred_big_piece_dots(gs, g, w);
        for (int b = 0; b < gs->nbig; b++) {
            int k = gs->big_k[b];
            REAL uo = u[k];
            gs->big_uold[b] = uo;
            REAL gu = (REAL)(spred_big_dot(gs, b) + decay_u * wt[k] * (double)uo);
            u[k] = spred_momentum(uo, gu, &m_u[k], eta, mom, nesterov);
        }
    }
#pragma omp parallel for schedule(static) if (gs->p >= SPRED_PAR_MIN)
    for (int s = 0; s < gs->nseg; s++) {
        if (gs->seg_big[s] >= 0) {
            int k = gs->seg_k0[s];
            w_range(w, v, g, m_w, gs->seg_lo[s], gs->seg_hi[s], (REAL)gs->big_uold[gs->seg_big[s]], u[k],
                    (REAL)(decay_w * wt[k]), eta, mom, nesterov);
            continue;
        }
        for (int k = gs->seg_k0[s]; k < gs->seg_k1[s]; k++) {
            REAL uo = u[k];
            REAL gu = (REAL)(spred_group_dot(g, w, off[k], off[k + 1]) + decay_u * wt[k] * (double)uo);
            REAL un = spred_momentum(uo, gu, &m_u[k], eta, mom, nesterov);
            u[k] = un;
            w_range(w, v, g, m_w, off[k], off[k + 1], uo, un, (REAL)(decay_w * wt[k]), eta, mom, nesterov);
        }
    }
    return SPRED_OK;
}
