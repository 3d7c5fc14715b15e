/*
 * groups.c — builds the native copy of a GroupIndex and its segment plan (see spred_groups.h).
 * Precision-independent: compiled once. Build: native/build.sh.
 */
#include <stdlib.h>
#include <string.h>
#include "spred_groups.h"

static void *xalloc(size_t n)
{
    return malloc(n == 0 ? 1 : n);
}

void spred_groups_free(spred_groups *g)
{
    if (!g) return;
    free(g->off); free(g->wt);
    free(g->seg_k0); free(g->seg_k1); free(g->seg_lo); free(g->seg_hi); free(g->seg_big);
    free(g->big_k); free(g->big_seg0); free(g->big_nseg);
    free(g->piece_dot); free(g->big_uold);
    free(g);
}

spred_groups *spred_groups_create(const int *offsets, const double *weights, int m)
{
    spred_groups *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->m = m;
    g->p = offsets[m];
    /* Upper bounds: one pack per group plus one piece per SPRED_SEG elements of big groups. */
    long maxseg = (long)m + g->p / SPRED_SEG + 1;
    int nbig_max = g->p / SPRED_SEG + 1;
    g->off = xalloc(sizeof(int) * (size_t)(m + 1));
    g->wt = xalloc(sizeof(double) * (size_t)m);
    g->seg_k0 = xalloc(sizeof(int) * (size_t)maxseg);
    g->seg_k1 = xalloc(sizeof(int) * (size_t)maxseg);
    g->seg_lo = xalloc(sizeof(int) * (size_t)maxseg);
    g->seg_hi = xalloc(sizeof(int) * (size_t)maxseg);
    g->seg_big = xalloc(sizeof(int) * (size_t)maxseg);
    g->big_k = xalloc(sizeof(int) * (size_t)nbig_max);
    g->big_seg0 = xalloc(sizeof(int) * (size_t)nbig_max);
    g->big_nseg = xalloc(sizeof(int) * (size_t)nbig_max);
    g->piece_dot = xalloc(sizeof(double) * (size_t)maxseg);
    g->big_uold = xalloc(sizeof(double) * (size_t)nbig_max);
    if (!g->off || !g->wt || !g->seg_k0 || !g->seg_k1 || !g->seg_lo || !g->seg_hi || !g->seg_big ||
        !g->big_k || !g->big_seg0 || !g->big_nseg || !g->piece_dot || !g->big_uold) {
        spred_groups_free(g);
        return NULL;
    }
    memcpy(g->off, offsets, sizeof(int) * (size_t)(m + 1));
    memcpy(g->wt, weights, sizeof(double) * (size_t)m);

    int ns = 0, nb = 0;
    int pack_k0 = 0;          /* first group of the open pack */
    for (int k = 0; k <= m; k++) {
        int size = k < m ? offsets[k + 1] - offsets[k] : 0;
        int pack_elems = offsets[k] - offsets[pack_k0];
        /* Close the open pack before a big group, when this group would overflow it, or at the end. */
        int close = k == m || size > SPRED_SEG || pack_elems + size > SPRED_SEG || k - pack_k0 >= SPRED_SEG;
        if (close && k > pack_k0) {
            g->seg_k0[ns] = pack_k0; g->seg_k1[ns] = k;
            g->seg_lo[ns] = offsets[pack_k0]; g->seg_hi[ns] = offsets[k];
            g->seg_big[ns] = -1;
            ns++;
            pack_k0 = k;
        }
        if (k == m) break;
        if (size > SPRED_SEG) {
            g->big_k[nb] = k;
            g->big_seg0[nb] = ns;
            /* long: a group ending near INT_MAX must not overflow lo += SPRED_SEG (that looped forever). */
            for (long lo = offsets[k]; lo < offsets[k + 1]; lo += SPRED_SEG) {
                int hi = offsets[k + 1] - lo > SPRED_SEG ? (int)(lo + SPRED_SEG) : offsets[k + 1];
                g->seg_k0[ns] = k; g->seg_k1[ns] = k + 1;
                g->seg_lo[ns] = (int)lo; g->seg_hi[ns] = hi;
                g->seg_big[ns] = nb;
                ns++;
            }
            g->big_nseg[nb] = ns - g->big_seg0[nb];
            nb++;
            pack_k0 = k + 1;
        }
    }
    g->nseg = ns;
    g->nbig = nb;
    return g;
}
