/*
 * spred_groups.h — the native copy of a GroupIndex (contiguous groups [off[g], off[g+1]) with weights wt[g]).
 *
 * Group kernels run over "segments" built once per index (groups.c), so that the work is balanced whatever
 * the group sizes and every reduction has a fixed order:
 *   - a pack: consecutive whole groups [k0, k1) holding at most SPRED_SEG elements in all; one thread owns
 *     them, so a group's ⟨G_g, W_g⟩ and its update happen in one pass over the group (the second read of G
 *     and W hits the cache);
 *   - a piece: SPRED_SEG elements of a group larger than SPRED_SEG ("big" group number big). Big groups are
 *     reduced first (piece partials combined in piece order), then their pieces are updated in parallel.
 */
#ifndef SPRED_GROUPS_H
#define SPRED_GROUPS_H

#include <stdint.h>

#define SPRED_SEG 4096

typedef struct spred_groups {
    int m;          /* groups */
    int p;          /* coordinates: off[m] */
    int *off;       /* m+1 offsets */
    double *wt;     /* m weights */
    int nseg;
    int *seg_k0, *seg_k1;   /* groups of the segment: [k0, k1) (a piece has k1 = k0 + 1) */
    int *seg_lo, *seg_hi;   /* elements of the segment */
    int *seg_big;           /* index of the big group a piece belongs to, -1 for a pack */
    int nbig;
    int *big_k;             /* group of each big group */
    int *big_seg0, *big_nseg; /* its pieces: segments [seg0, seg0 + nseg) */
    double *piece_dot;      /* scratch: one partial per piece (indexed by segment) */
    double *big_uold;       /* scratch: u_g before the update, per big group */
} spred_groups;

spred_groups *spred_groups_create(const int *offsets, const double *weights, int m);
void spred_groups_free(spred_groups *g);

#endif /* SPRED_GROUPS_H */
