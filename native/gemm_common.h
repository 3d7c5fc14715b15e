/*
 * gemm_common.h — the GEMM-shaped passes (gemm_xtr, gemm_xb, gram_cols): C (M×K, column-major: C[j*M + a]) =
 * Σ_t A(a, t)·B(t, j) over a reduction of length T, where A and B are views of X (row-major n×p) and of a block
 * of k vectors (vector j at j*len), as the op table's matrix passes store them:
 *   XTR  (gemm_xtr)  M = p, T = n: A(a, t) = X[t, a],          B(t, j) = R[j*n + t]
 *   XB   (gemm_xb)   M = n, T = p: A(a, t) = X[a, t],          B(t, j) = B[j*p + t]
 *   GRAM (gram_cols) M = p, T = n: A(a, t) = X[t, a] − μ[a],   B(t, j) = X[t, cols[j]] − μ[cols[j]]
 *
 * Blocking (the classic packed GEMM, sized for a 32 KiB L1 and a 512 KiB L2 per core):
 *   - the output is cut into tiles of SPRED_GMC × SPRED_GNC; one thread owns a tile and walks the whole
 *     reduction in blocks of SPRED_GKC, so each output is summed in one fixed order (block by block, t
 *     ascending inside a block) whatever the thread count: results are bit-identical for 1, 2 or 16 threads;
 *   - per block, A (GMC×GKC) and B (GKC×GNC) are packed into double micro-panels (8 rows × GKC, GKC × 4
 *     columns; float32 is widened once here, so float32 accumulates in double as the contract says), zero-padded
 *     at the edges; the tile's double accumulator (GMC×GNC) stays in L2 across blocks;
 *   - the 8×4 micro-kernel keeps 8 four-wide double accumulators in registers (GCC vector extensions: AVX2+FMA
 *     in libspred4j_avx2.so, SSE2 pairs in the portable build) and reads 8 + 4 packed doubles per 32 FMAs.
 * X is read ⌈K/GNC⌉ times and the k vectors ⌈M/GMC⌉ times; both stream through the packing, which costs
 * 1/GNC + 1/GMC of the arithmetic. Below 3 vectors the GEMM tile wastes most of its 4 columns and the pass is
 * memory-bound anyway, so the callers fall back to the matrix-vector plans of matrix_common.h.
 */
#ifndef SPRED_GEMM_COMMON_H
#define SPRED_GEMM_COMMON_H

#include "matrix_common.h"

#define SPRED_GMR 8L
#define SPRED_GNR 4L
#define SPRED_GMC 96L
#define SPRED_GNC 96L
#define SPRED_GKC 128L

enum { SPRED_GEMM_XTR, SPRED_GEMM_XB, SPRED_GEMM_GRAM };

typedef struct {
    int kind;
    long n, p;                /* X is n×p, row-major */
    const REAL *x, *v;        /* v: R (XTR, n·k) or B (XB, p·k); unused by GRAM */
    const REAL *mean;         /* GRAM: column means (p) */
    const int *cols;          /* GRAM: the k selected columns */
} spred_gemm_in;

typedef double spred_v4d __attribute__((vector_size(32)));

/* A(a, t) for a < M, t < T (see the header). */
static inline double spred_gemm_a(const spred_gemm_in *g, long a, long t)
{
    switch (g->kind) {
    case SPRED_GEMM_XB: return (double)g->x[a * g->p + t];
    case SPRED_GEMM_GRAM: return (double)g->x[t * g->p + a] - (double)g->mean[a];
    default: return (double)g->x[t * g->p + a];
    }
}

/* Packs A[a0 .. a0+ma) × [t0 .. t0+kc) into panels of 8 rows: panel q, step t at dst[q*8*kc + t*8 + r]. */
static void spred_gemm_pack_a(const spred_gemm_in *g, long a0, long ma, long t0, long kc, double *restrict dst)
{
    for (long q = 0; q * SPRED_GMR < ma; q++) {
        double *d = dst + q * SPRED_GMR * kc;
        long r0 = a0 + q * SPRED_GMR, rows = ma - q * SPRED_GMR < SPRED_GMR ? ma - q * SPRED_GMR : SPRED_GMR;
        if (g->kind != SPRED_GEMM_XB && rows == SPRED_GMR) {
            /* rows of X are contiguous in a: eight neighbours per step */
            for (long t = 0; t < kc; t++) {
                const REAL *xr = g->x + (t0 + t) * g->p + r0;
                for (long r = 0; r < SPRED_GMR; r++) d[t * SPRED_GMR + r] = (double)xr[r];
                if (g->kind == SPRED_GEMM_GRAM)
                    for (long r = 0; r < SPRED_GMR; r++) d[t * SPRED_GMR + r] -= (double)g->mean[r0 + r];
            }
            continue;
        }
        for (long r = 0; r < SPRED_GMR; r++)
            for (long t = 0; t < kc; t++) d[t * SPRED_GMR + r] = r < rows ? spred_gemm_a(g, r0 + r, t0 + t) : 0.0;
    }
}

/* Packs B[t0 .. t0+kc) × [j0 .. j0+nb) into panels of 4 columns: panel q, step t at dst[q*4*kc + t*4 + c]. */
static void spred_gemm_pack_b(const spred_gemm_in *g, long j0, long nb, long t0, long kc, double *restrict dst)
{
    for (long q = 0; q * SPRED_GNR < nb; q++) {
        double *d = dst + q * SPRED_GNR * kc;
        long c0 = j0 + q * SPRED_GNR, cn = nb - q * SPRED_GNR < SPRED_GNR ? nb - q * SPRED_GNR : SPRED_GNR;
        for (long c = 0; c < SPRED_GNR; c++) {
            if (c >= cn) {
                for (long t = 0; t < kc; t++) d[t * SPRED_GNR + c] = 0.0;
                continue;
            }
            long j = c0 + c;
            if (g->kind == SPRED_GEMM_GRAM) {
                long col = g->cols[j];
                double m = (double)g->mean[col];
                for (long t = 0; t < kc; t++) d[t * SPRED_GNR + c] = (double)g->x[(t0 + t) * g->p + col] - m;
            } else {
                const REAL *v = g->v + j * (g->kind == SPRED_GEMM_XB ? g->p : g->n) + t0;
                for (long t = 0; t < kc; t++) d[t * SPRED_GNR + c] = (double)v[t];
            }
        }
    }
}

/*
 * C[c*ldc + r] += Σ_t Ap[t*8 + r]·Bp[t*4 + c] for r < 8, c < 4: eight 4-wide accumulators, two loads of A and four
 * broadcasts of B per eight FMAs. (An 8×6 block needs 12 accumulators + 2 A + a broadcast = 15 of the 16 ymm
 * registers; GCC spilled one accumulator there, which put a store-to-load chain in every step and halved the
 * speed. 8×4 leaves room.)
 */
static inline void spred_gemm_micro(long kc, const double *restrict Ap, const double *restrict Bp, double *restrict C, long ldc)
{
    spred_v4d c00 = {0}, c01 = {0}, c10 = {0}, c11 = {0}, c20 = {0}, c21 = {0}, c30 = {0}, c31 = {0};
    for (long t = 0; t < kc; t++) {
        spred_v4d a0, a1;
        memcpy(&a0, Ap + t * 8, sizeof a0);
        memcpy(&a1, Ap + t * 8 + 4, sizeof a1);
        const double *b = Bp + t * 4;
        spred_v4d b0 = {b[0], b[0], b[0], b[0]};
        c00 += a0 * b0; c01 += a1 * b0;
        spred_v4d b1 = {b[1], b[1], b[1], b[1]};
        c10 += a0 * b1; c11 += a1 * b1;
        spred_v4d b2 = {b[2], b[2], b[2], b[2]};
        c20 += a0 * b2; c21 += a1 * b2;
        spred_v4d b3 = {b[3], b[3], b[3], b[3]};
        c30 += a0 * b3; c31 += a1 * b3;
    }
    spred_v4d acc[8] = {c00, c01, c10, c11, c20, c21, c30, c31};
    for (long c = 0; c < 4; c++)
        for (long h = 0; h < 2; h++) {
            double *d = C + c * ldc + 4 * h;
            for (long r = 0; r < 4; r++) d[r] += acc[2 * c + h][r];
        }
}

/* One output tile [a0, a0+ma) × [j0, j0+nb) over the whole reduction; ws holds the packed blocks and the tile. */
static void spred_gemm_tile(const spred_gemm_in *g, long M, long T, REAL *restrict out, long a0, long ma, long j0,
                            long nb, double *restrict ws)
{
    long mp = (ma + SPRED_GMR - 1) / SPRED_GMR * SPRED_GMR, np = (nb + SPRED_GNR - 1) / SPRED_GNR * SPRED_GNR;
    double *Ap = ws, *Bp = Ap + SPRED_GMC * SPRED_GKC, *C = Bp + SPRED_GKC * SPRED_GNC;
    memset(C, 0, sizeof(double) * (size_t)(mp * np));
    for (long t0 = 0; t0 < T; t0 += SPRED_GKC) {
        long kc = T - t0 < SPRED_GKC ? T - t0 : SPRED_GKC;
        spred_gemm_pack_a(g, a0, ma, t0, kc, Ap);
        spred_gemm_pack_b(g, j0, nb, t0, kc, Bp);
        for (long jq = 0; jq < np; jq += SPRED_GNR)
            for (long aq = 0; aq < mp; aq += SPRED_GMR)
                spred_gemm_micro(kc, Ap + aq * kc, Bp + jq * kc, C + jq * mp + aq, mp);
    }
    for (long c = 0; c < nb; c++)
        for (long r = 0; r < ma; r++) out[(j0 + c) * M + a0 + r] = (REAL)C[c * mp + r];
}

/* C = A·B (M×K, column-major out) by tiles; returns SPRED_ENOMEM when a thread's workspace cannot be had. */
static int spred_gemm(const spred_gemm_in *g, long M, long K, long T, REAL *restrict out)
{
    long tm = (M + SPRED_GMC - 1) / SPRED_GMC, tk = (K + SPRED_GNC - 1) / SPRED_GNC, tiles = tm * tk;
    size_t wsz = sizeof(double) * (size_t)(SPRED_GMC * SPRED_GKC + SPRED_GKC * SPRED_GNC + SPRED_GMC * SPRED_GNC);
    int failed = 0;
#pragma omp parallel if ((double)M * K * T >= 4.0 * SPRED_PAR_MIN && tiles > 1) reduction(| : failed)
    {
        double *ws = malloc(wsz);
        if (!ws) failed = 1;
#pragma omp for schedule(static)
        for (long tile = 0; tile < tiles; tile++) {
            if (!ws) continue;
            long a0 = (tile % tm) * SPRED_GMC, j0 = (tile / tm) * SPRED_GNC;
            long ma = M - a0 < SPRED_GMC ? M - a0 : SPRED_GMC, nb = K - j0 < SPRED_GNC ? K - j0 : SPRED_GNC;
            spred_gemm_tile(g, M, T, out, a0, ma, j0, nb, ws);
        }
        free(ws);
    }
    return failed ? SPRED_ENOMEM : SPRED_OK;
}

#endif /* SPRED_GEMM_COMMON_H */
