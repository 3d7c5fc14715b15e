/*
 * group_common.h — the reduction half of the group kernels (group_grad_split, group_*_update).
 *
 * ∂F/∂u_g needs ⟨G_g, W_g⟩ over the whole group before u_g changes, and V_g needs the new u_g. Packs of
 * whole groups do both in one pass per group (the second read of the group is served by the cache). Groups
 * larger than SPRED_SEG are reduced first: one partial per piece, in parallel, then the partials of each big
 * group are added in piece order, so the sum does not depend on the thread count.
 */
#ifndef SPRED_GROUP_COMMON_H
#define SPRED_GROUP_COMMON_H

#include "spred_native.h"

/* ⟨G, W⟩ over [lo, hi), accumulated in double in a fixed (vectorised) order. */
static inline double spred_group_dot(const REAL *restrict g, const REAL *restrict w, int lo, int hi)
{
    double s = 0;
#pragma omp simd reduction(+ : s)
    for (int i = lo; i < hi; i++) s += (double)g[i] * (double)w[i];
    return s;
}

/* Fills gs->piece_dot for every piece of a big group. */
static inline void spred_big_piece_dots(const spred_groups *gs, const REAL *restrict g, const REAL *restrict w)
{
#pragma omp parallel for schedule(static) if (gs->p >= SPRED_PAR_MIN)
    for (int s = 0; s < gs->nseg; s++)
        if (gs->seg_big[s] >= 0) gs->piece_dot[s] = spred_group_dot(g, w, gs->seg_lo[s], gs->seg_hi[s]);
}

/* ⟨G_g, W_g⟩ of big group b: its piece partials added in order. */
static inline double spred_big_dot(const spred_groups *gs, int b)
{
    double s = 0;
    for (int t = 0; t < gs->big_nseg[b]; t++) s += gs->piece_dot[gs->big_seg0[b] + t];
    return s;
}

#endif /* SPRED_GROUP_COMMON_H */
