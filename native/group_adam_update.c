/*
 * group_adam_update — Adam (spred_adam) on u_g with loss gradient ⟨G_g, W_g⟩ and decay decay_u·c_g, and on W_i with
 * u_g·G_i and decay decay_w·c_g (old u_g, W), then V_i ← u_g·W_i. m_u, v_u per group; m_w, v_w per coordinate.
 * bc1, bc2 come from the host. Traffic per element (float32): read W, G, mW, vW, write W, mW, vW, V: 32 B
 * (groups > SPRED_SEG read G, W once more).
 * Entry points: group_adam_update_f32, group_adam_update_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "group_common.h"

typedef struct {
    REAL eta, b1, b2, eps, bc1, bc2;
    int decoupled;
} adam_k;

static inline void w_range(REAL *restrict w, REAL *restrict v, const REAL *restrict g, REAL *restrict mw,
                           REAL *restrict vw, int lo, int hi, REAL uo, REAL un, REAL db, adam_k a)
{
    if (a.decoupled) {
#pragma omp simd
        for (int i = lo; i < hi; i++) {
            REAL wn = spred_adam(w[i], uo * g[i], db, &mw[i], &vw[i], a.eta, a.b1, a.b2, a.eps, a.bc1, a.bc2, 1);
            w[i] = wn;
            v[i] = un * wn;
        }
    } else {
#pragma omp simd
        for (int i = lo; i < hi; i++) {
            REAL wn = spred_adam(w[i], uo * g[i], db, &mw[i], &vw[i], a.eta, a.b1, a.b2, a.eps, a.bc1, a.bc2, 0);
            w[i] = wn;
            v[i] = un * wn;
        }
    }
}

int SPRED_ENTRY(group_adam_update)(const spred_groups *gs, REAL *restrict u, REAL *restrict w, REAL *restrict v,
                                   REAL *restrict m_u, REAL *restrict v_u, REAL *restrict m_w, REAL *restrict v_w,
                                   const REAL *restrict g, double lr, double beta1, double beta2, double eps,
                                   double bc1, double bc2, double decay_u, double decay_w, int decoupled)
{
    const int *off = gs->off;
    const double *wt = gs->wt;
    const adam_k a = {(REAL)lr, (REAL)beta1, (REAL)beta2, (REAL)eps, (REAL)bc1, (REAL)bc2, decoupled};
    if (gs->nbig > 0) {
        spred_big_piece_dots(gs, g, w);
        for (int b = 0; b < gs->nbig; b++) {
            int k = gs->big_k[b];
            REAL uo = u[k];
            gs->big_uold[b] = uo;
            u[k] = spred_adam(uo, (REAL)spred_big_dot(gs, b), (REAL)(decay_u * wt[k]), &m_u[k], &v_u[k],
                              a.eta, a.b1, a.b2, a.eps, a.bc1, a.bc2, decoupled);
        }
    }
#pragma omp parallel for schedule(static) if (gs->p >= SPRED_PAR_MIN)
    for (int s = 0; s < gs->nseg; s++) {
        if (gs->seg_big[s] >= 0) {
            int k = gs->seg_k0[s];
            w_range(w, v, g, m_w, v_w, gs->seg_lo[s], gs->seg_hi[s], (REAL)gs->big_uold[gs->seg_big[s]], u[k],
                    (REAL)(decay_w * wt[k]), a);
            continue;
        }
        for (int k = gs->seg_k0[s]; k < gs->seg_k1[s]; k++) {
            REAL uo = u[k];
            REAL un = spred_adam(uo, (REAL)spred_group_dot(g, w, off[k], off[k + 1]), (REAL)(decay_u * wt[k]),
                                 &m_u[k], &v_u[k], a.eta, a.b1, a.b2, a.eps, a.bc1, a.bc2, decoupled);
            u[k] = un;
            w_range(w, v, g, m_w, v_w, off[k], off[k + 1], uo, un, (REAL)(decay_w * wt[k]), a);
        }
    }
    return SPRED_OK;
}
