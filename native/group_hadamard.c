/*
 * group_hadamard — V_i = u_g · W_i for i in group g.
 * Traffic per element (float32): read W, write V: 8 B (+ u_g and the offsets per group).
 * Entry points: group_hadamard_f32, group_hadamard_f64 (SPRED_ENTRY). Build: native/build.sh OUTDIR.
 */
#include "spred_native.h"

int SPRED_ENTRY(group_hadamard)(const spred_groups *gs, REAL *restrict v, const REAL *restrict u,
                             const REAL *restrict w)
{
    const int *off = gs->off;
#pragma omp parallel for schedule(static) if (gs->p >= SPRED_PAR_MIN)
    for (int s = 0; s < gs->nseg; s++) {
        for (int k = gs->seg_k0[s]; k < gs->seg_k1[s]; k++) {
            int lo = off[k] > gs->seg_lo[s] ? off[k] : gs->seg_lo[s];
            int hi = off[k + 1] < gs->seg_hi[s] ? off[k + 1] : gs->seg_hi[s];
            REAL uk = u[k];
#pragma omp simd
            for (int i = lo; i < hi; i++) v[i] = uk * w[i];
        }
    }
    return SPRED_OK;
}
