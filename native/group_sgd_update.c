/*
 * group_sgd_update — per group g with weight c_g, from the old u_g and W_g:
 *   u_g ← u_g − η(⟨G_g, W_g⟩ + decay_u·c_g·u_g),  W_i ← W_i − η(u_g·G_i + decay_w·c_g·W_i),  V_i ← u_g·W_i (new values).
 * Traffic per element (float32): read W, G, write W, V: 16 B (groups > SPRED_SEG read G, W once more).
 * Entry points: group_sgd_update_f32, group_sgd_update_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "group_common.h"

static inline void w_range(REAL *restrict w, REAL *restrict v, const REAL *restrict g, int lo, int hi,
                           REAL uo, REAL un, REAL db, REAL eta)
{
#pragma omp simd
    for (int i = lo; i < hi; i++) {
        REAL wi = w[i];
        REAL wn = wi - eta * (uo * g[i] + db * wi);
        w[i] = wn;
        v[i] = un * wn;
    }
}

int SPRED_ENTRY(group_sgd_update)(const spred_groups *gs, REAL *restrict u, REAL *restrict w, REAL *restrict v,
                               const REAL *restrict g, double lr, double decay_u, double decay_w)
{
    const int *off = gs->off;
    const double *wt = gs->wt;
    const REAL eta = (REAL)lr;
    if (gs->nbig > 0) {
        spred_big_piece_dots(gs, g, w);
        for (int b = 0; b < gs->nbig; b++) {
            int k = gs->big_k[b];
            REAL uo = u[k];
            gs->big_uold[b] = uo;
            u[k] = uo - eta * (REAL)(spred_big_dot(gs, b) + decay_u * wt[k] * (double)uo);
        }
    }
#pragma omp parallel for schedule(static) if (gs->p >= SPRED_PAR_MIN)
    for (int s = 0; s < gs->nseg; s++) {
        if (gs->seg_big[s] >= 0) {
            int k = gs->seg_k0[s];
            w_range(w, v, g, gs->seg_lo[s], gs->seg_hi[s], (REAL)gs->big_uold[gs->seg_big[s]], u[k],
                    (REAL)(decay_w * wt[k]), eta);
            continue;
        }
        for (int k = gs->seg_k0[s]; k < gs->seg_k1[s]; k++) {
            REAL uo = u[k];
            REAL un = uo - eta * (REAL)(spred_group_dot(g, w, off[k], off[k + 1]) + decay_u * wt[k] * (double)uo);
            u[k] = un;
            w_range(w, v, g, off[k], off[k + 1], uo, un, (REAL)(decay_w * wt[k]), eta);
        }
    }
    return SPRED_OK;
}
