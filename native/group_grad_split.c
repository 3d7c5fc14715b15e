/*
 * group_grad_split — du_g = ⟨G_g, W_g⟩ + decay_u·c_g·u_g,  dW_i = u_g·G_i + decay_w·c_g·W_i  (c_g the group weight).
 * Traffic per element (float32): read G, W (twice for groups > SPRED_SEG), write dW: 12 B.
 * Entry points: group_grad_split_f32, group_grad_split_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "group_common.h"

static inline void dw_range(REAL *restrict dw, const REAL *restrict g, const REAL *restrict w, int lo, int hi,
                            REAL uk, REAL db)
{
#pragma omp simd
    for (int i = lo; i < hi; i++) dw[i] = uk * g[i] + db * w[i];
}

int SPRED_ENTRY(group_grad_split)(const spred_groups *gs, REAL *restrict du, REAL *restrict dw, const REAL *restrict g,
                               const REAL *restrict u, const REAL *restrict w, double decay_u, double decay_w)
{
    const int *off = gs->off;
    const double *wt = gs->wt;
    if (gs->nbig > 0) {
        spred_big_piece_dots(gs, g, w);
        for (int b = 0; b < gs->nbig; b++) {
            int k = gs->big_k[b];
            du[k] = (REAL)(spred_big_dot(gs, b) + decay_u * wt[k] * (double)u[k]);
        }
    }
#pragma omp parallel for schedule(static) if (gs->p >= SPRED_PAR_MIN)
    for (int s = 0; s < gs->nseg; s++) {
        if (gs->seg_big[s] >= 0) {
            int k = gs->seg_k0[s];
            dw_range(dw, g, w, gs->seg_lo[s], gs->seg_hi[s], u[k], (REAL)(decay_w * wt[k]));
            continue;
        }
        for (int k = gs->seg_k0[s]; k < gs->seg_k1[s]; k++) {
            double dot = spred_group_dot(g, w, off[k], off[k + 1]);
            du[k] = (REAL)(dot + decay_u * wt[k] * (double)u[k]);
            dw_range(dw, g, w, off[k], off[k + 1], u[k], (REAL)(decay_w * wt[k]));
        }
    }
    return SPRED_OK;
}
