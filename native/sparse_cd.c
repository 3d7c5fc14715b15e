/*
 * sparse_cd.c — whole coordinate-descent sweeps of the sparse lockstep solver (solver/SparseCd, issue 14's sparse
 * CV) over host arrays: the float64 twin of SparseCd.column + SparseLanes.dots/subtract, called once per sweep
 * over a list of CSC columns so that the JNI call (pinning the Java arrays) is paid per sweep, not per column.
 *
 * State (all row-major as in SparseCd): u is n×w, the k sets' residuals padded to w lanes (w = 1 for k = 1, else k
 * rounded up to a multiple of four; lanes past k are zero and stay zero); b, xm, s, a, cs are p×k (b[j·k + t]);
 * nt, su, yv, live have k entries; own[i] is row i's held-out set (its fold) or −1.
 * Per visited column j (in the order of cols): dot_t = x_jᵀu_t over set t's training rows, then for every live set
 * with a_tj ≠ 0 the soft-threshold step g = (dot_t − xm·su_t)/(nt_t·s), z = a·b + g,
 * b' = S(z, la)/(a + mu), su_t −= Δ/s·cs_tj, and u_t −= x_j·Δ/s when any set moved. Returns the largest
 * a·Δb²/yv_t (NaN once one is NaN: Java's Math.max), glmnet's convergence measure.
 *
 * Bitwise equal to the Java loops: each lane sums its nonzeros in column order from 0 with a multiply then an add
 * (never fused: fp-contract is off below, although the avx2 build has FMA), so the summation order is Java's; only
 * the lanes go four at a time (GCC vector extensions: one 256-bit load a group of four lanes in the avx2 build,
 * SSE2 pairs in the portable one). One thread: a sweep is sequential (each column reads the residuals the last
 * one wrote). Compiled once (float64 only; not a device operation of kernels/ops.tsv).
 */
#pragma GCC optimize("fp-contract=off")
#include "sparse_cd.h"
#include <errno.h>
#include <stdlib.h>

/* 4 doubles, loadable from any 8-byte-aligned address. */
typedef double sc_v4 __attribute__((vector_size(32), aligned(8)));

#define LOAD(p) (*(const sc_v4 *)(p))
#define STORE(p, v) (*(sc_v4 *)(p) = (v))

/* Java's Math.max for the measures (never −0 here): NaN once either is NaN. */
static inline double jmax(double a, double b)
{
    if (a != a) return a;
    if (b != b) return b;
    return b > a ? b : a;
}

/* dot[t0 .. t0 + 4·nv) over the nonzeros [c0, c1): nv ≤ 4 vectors of lanes, each lane summed in q order. */
static inline __attribute__((always_inline)) void dots_block(const int *ri, const double *xv, long c0, long c1,
                                                             const double *u, long w, long t0, int nv, double *dot)
{
    sc_v4 s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
    for (long q = c0; q < c1; q++) {
        const double *row = u + (long)ri[q] * w + t0;
        const double x = xv[q];
        const sc_v4 xx = {x, x, x, x};
        s0 += xx * LOAD(row);
        if (nv > 1) s1 += xx * LOAD(row + 4);
        if (nv > 2) s2 += xx * LOAD(row + 8);
        if (nv > 3) s3 += xx * LOAD(row + 12);
    }
    STORE(dot + t0, s0);
    if (nv > 1) STORE(dot + t0 + 4, s1);
    if (nv > 2) STORE(dot + t0 + 8, s2);
    if (nv > 3) STORE(dot + t0 + 12, s3);
}

static void dots(const int *ri, const double *xv, long c0, long c1, const double *u, long w, double *dot)
{
    if (w == 1) {
        double s = 0;
        for (long q = c0; q < c1; q++) s += xv[q] * u[ri[q]];
        dot[0] = s;
        return;
    }
    long t = 0;
    for (; t + 16 <= w; t += 16) dots_block(ri, xv, c0, c1, u, w, t, 4, dot);
    switch ((w - t) / 4) {
    case 3: dots_block(ri, xv, c0, c1, u, w, t, 3, dot); break;
    case 2: dots_block(ri, xv, c0, c1, u, w, t, 2, dot); break;
    case 1: dots_block(ri, xv, c0, c1, u, w, t, 1, dot); break;
    default: break;
    }
}

/* Whether a group of four lanes has a nonzero coefficient (Java skips a group whose four are zero). */
static inline int moving(const double *e)
{
    return !(e[0] == 0 && e[1] == 0 && e[2] == 0 && e[3] == 0);
}

/* u −= x_j·c over [c0, c1) for the nv groups of a row of w = 4·nv lanes, all in one pass. */
static inline __attribute__((always_inline)) void subtract_block(const int *ri, const double *xv, long c0, long c1,
                                                                 double *u, int nv, const double *c)
{
    const long w = 4L * nv;
    const sc_v4 e0 = LOAD(c), e1 = nv > 1 ? LOAD(c + 4) : e0, e2 = nv > 2 ? LOAD(c + 8) : e0,
                e3 = nv > 3 ? LOAD(c + 12) : e0;
    for (long q = c0; q < c1; q++) {
        double *row = u + (long)ri[q] * w;
        const double x = xv[q];
        const sc_v4 xx = {x, x, x, x};
        STORE(row, LOAD(row) - xx * e0);
        if (nv > 1) STORE(row + 4, LOAD(row + 4) - xx * e1);
        if (nv > 2) STORE(row + 8, LOAD(row + 8) - xx * e2);
        if (nv > 3) STORE(row + 12, LOAD(row + 12) - xx * e3);
    }
}

/* u[ri[q]·w + t] −= xv[q]·c[t] over [c0, c1); groups of four lanes whose c are all zero are left alone (as Java). */
static void subtract(const int *ri, const double *xv, long c0, long c1, double *u, long w, const double *c)
{
    if (w == 1) {
        const double e = c[0];
        if (e == 0) return;
        for (long q = c0; q < c1; q++) u[ri[q]] -= xv[q] * e;
        return;
    }
    int all = 1; /* every group moving (the usual case): one pass over x_j for up to sixteen lanes */
    for (long t = 0; t < w && all; t += 4) all = moving(c + t);
    if (all && w <= 16) {
        switch (w / 4) {
        case 4: subtract_block(ri, xv, c0, c1, u, 4, c); return;
        case 3: subtract_block(ri, xv, c0, c1, u, 3, c); return;
        case 2: subtract_block(ri, xv, c0, c1, u, 2, c); return;
        default: break; /* one group: the loop below */
        }
    }
    for (long t = 0; t < w; t += 4) {
        if (!moving(c + t)) continue;
        const sc_v4 e = LOAD(c + t);
        for (long q = c0; q < c1; q++) {
            double *row = u + (long)ri[q] * w + t;
            const double x = xv[q];
            const sc_v4 xx = {x, x, x, x};
            STORE(row, LOAD(row) - xx * e);
        }
    }
}

int sparse_cd_sweep(const int *cols, int count, const int64_t *cp, const int *ri, const double *xv, const int *own,
                    double *u, int w, int k, double *b, const double *xm, const double *s, const double *a,
                    const double *cs, const int *nt, double *su, const double *yv, const unsigned char *live,
                    double la, double mu, double *result)
{
    double *dot = malloc(sizeof(double) * 2 * (size_t)w);
    if (!dot) return ENOMEM;
    double *delta = dot + w;
    for (int t = 0; t < w; t++) delta[t] = 0; /* the padding lanes stay zero */
    double d = 0;
    for (int q = 0; q < count; q++) {
        const long j = cols[q], c0 = (long)cp[j], c1 = (long)cp[j + 1], jk = j * (long)k;
        if (c0 == c1) continue; /* an empty column: no set can move (Java's measure 0) */
        dots(ri, xv, c0, c1, u, w, dot);
        for (long e = c0; e < c1; e++) { /* row i is not in its own fold's training set */
            const long i = ri[e];
            const int f = own[i];
            if (f >= 0 && f < k) dot[f] -= xv[e] * u[i * w + f];
        }
        int moved = 0;
        double maxd = 0;
        for (int t = 0; t < k; t++) {
            delta[t] = 0;
            const double aj = a[jk + t];
            if (!live[t] || aj == 0) continue; /* frozen, or the column is constant on this set's rows */
            const double gj = (dot[t] - xm[jk + t] * su[t]) / ((double)nt[t] * s[jk + t]);
            const double bo = b[jk + t], z = aj * bo + gj;
            const double bn = (z > la ? z - la : z < -la ? z + la : 0) / (aj + mu);
            if (bn == bo) continue;
            const double dl = bn - bo;
            b[jk + t] = bn;
            delta[t] = dl / s[jk + t];
            su[t] -= delta[t] * cs[jk + t];
            maxd = jmax(maxd, aj * dl * dl / yv[t]);
            moved = 1;
        }
        if (moved) subtract(ri, xv, c0, c1, u, w, delta);
        d = jmax(d, maxd);
    }
    free(dot);
    *result = d;
    return 0;
}
