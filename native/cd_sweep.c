/*
 * cd_sweep — fused coordinate-descent sweeps (glmnet's naive mode) over the columns of a column-major n×p
 * working-set matrix X (column j at x + j·n, raw: centring and scaling are implicit through xbar and scale).
 * Per visited column j: the gradient from one dot x_jᵀr, the elastic-net soft-threshold update of b_j, and the
 * residual update r −= Δ·x_j, so a sweep reads each column once or twice from memory and never leaves C.
 * The contract (the Java reference JavaContext.doCdSweep and api/Context.cdSweep describe the same):
 *   flags & 1  WEIGHTED (IRLS): r is the working residual z, g_j = (x_jᵀz − xbar_j·S)/(scale_j·n) with S = Σz;
 *              a move also updates eta += δ·x_j and z −= δ·w⊙(x_j − xbar_j), S −= δ·(sw_j − xbar_j·sum_w).
 *              Squared loss: S = x̄ᵀβ, g_j = (x_jᵀr − xbar_j·(−n·S))/(scale_j·n) (the centring term only with an
 *              intercept), a move r −= δ·x_j, S += xbar_j·δ (δ = Δ/scale_j: raw units).
 *   flags & 2  INTERCEPT: with WEIGHTED, each sweep starts with the intercept's exact step c += S/sum_w.
 *   flags & 4  ACTIVE: visit only the columns whose b_j ≠ 0 (glmnet's sweeps of the active set).
 *   state      in: S, c; out: S, c, the largest a_j·Δ² of the last sweep (glmnet's convergence measure, the
 *              intercept's (sum_w/n)·Δc² included), the largest KKT violation seen in it, the sweeps done.
 * Up to `sweeps` sweeps; stops after the first whose largest change is below thr.
 * The dot runs four 4-wide double accumulators (GCC vector extensions: AVX2+FMA in the avx2 build, SSE2 pairs in
 * the portable one); the order depends on n alone, so results do not depend on the run. One thread: a sweep is
 * sequential by nature (each update reads the residual the previous one wrote); the callers are single-λ CD loops.
 * Traffic per visited column: x_j and r read (8 B each per element, float64), r written when b_j moves.
 * Entry points: cd_sweep_f32, cd_sweep_f64 (SPRED_ENTRY; float32 accumulates in double). Build: native/build.sh.
 */
#include "spred_native.h"
#include <math.h>

#define CD_WEIGHTED 1
#define CD_INTERCEPT 2
#define CD_ACTIVE 4

#if defined(SPRED_F64)
/* 4 doubles, loadable from any 8-byte-aligned address. */
typedef double cd_v4 __attribute__((vector_size(32), aligned(8)));

static inline double cd_dot(long n, const double *restrict x, const double *restrict r)
{
    cd_v4 s0 = {0, 0, 0, 0}, s1 = s0, s2 = s0, s3 = s0;
    long i = 0;
    for (; i + 16 <= n; i += 16) {
        s0 += *(const cd_v4 *)(x + i) * *(const cd_v4 *)(r + i);
        s1 += *(const cd_v4 *)(x + i + 4) * *(const cd_v4 *)(r + i + 4);
        s2 += *(const cd_v4 *)(x + i + 8) * *(const cd_v4 *)(r + i + 8);
        s3 += *(const cd_v4 *)(x + i + 12) * *(const cd_v4 *)(r + i + 12);
    }
    for (; i + 4 <= n; i += 4) s0 += *(const cd_v4 *)(x + i) * *(const cd_v4 *)(r + i);
    cd_v4 s = (s0 + s1) + (s2 + s3);
    double t = (s[0] + s[1]) + (s[2] + s[3]);
    for (; i < n; i++) t += x[i] * r[i];
    return t;
}
#else
static inline double cd_dot(long n, const REAL *restrict x, const REAL *restrict r)
{
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    long i = 0;
    for (; i + 4 <= n; i += 4) {
        s0 += (double)x[i] * (double)r[i];
        s1 += (double)x[i + 1] * (double)r[i + 1];
        s2 += (double)x[i + 2] * (double)r[i + 2];
        s3 += (double)x[i + 3] * (double)r[i + 3];
    }
    for (; i < n; i++) s0 += (double)x[i] * (double)r[i];
    return (s0 + s1) + (s2 + s3);
}
#endif

/* max(a, b) that keeps a NaN once seen. */
static inline double cd_max(double a, double b)
{
    return (a != a || b > a || b != b) ? (a != a ? a : b) : a;
}

int SPRED_ENTRY(cd_sweep)(long n, long p, REAL *b, REAL *r, REAL *eta, REAL *state, const REAL *x, const REAL *w,
                          const REAL *xbar, const REAL *scale, const REAL *a, const REAL *sw, double la, double mu,
                          double sum_w, double thr, int sweeps, int flags)
{
    const int weighted = flags & CD_WEIGHTED, intercept = flags & CD_INTERCEPT, active = flags & CD_ACTIVE;
    double S = (double)state[0], c = (double)state[1], change = 0, viol = 0;
    const double nd = (double)n;
    int done = 0;
    while (done < sweeps) {
        done++;
        change = 0;
        viol = 0;
        if (weighted && intercept && sum_w > 0) {
            double dc = S / sum_w;
            if (dc != 0) {
                c += dc;
                for (long i = 0; i < n; i++) r[i] = (REAL)((double)r[i] - dc * (double)w[i]);
                S -= dc * sum_w;
                change = sum_w / nd * dc * dc;
            }
        }
        for (long j = 0; j < p; j++) {
            const double bj = (double)b[j], aj = (double)a[j];
            if (active && bj == 0) continue;
            const REAL *xj = x + j * n;
            double nb = 0;
            if (aj > 0) {
                const double sum = weighted ? S : (intercept ? -nd * S : 0);
                const double g = (cd_dot(n, xj, r) - (double)xbar[j] * sum) / ((double)scale[j] * nd);
                const double v = bj != 0 ? fabs(g - copysign(la, bj) - mu * bj) : fabs(g) - la;
                viol = cd_max(viol, v);
                const double u = aj * bj + g, m = fabs(u) - la;
                nb = m > 0 ? copysign(m, u) / (aj + mu) : (m != m ? m : 0);
            } else if (aj != aj) nb = aj; /* NaN curvature: propagate */
            const double d = nb - bj;
            if (d == 0) continue;
            b[j] = (REAL)nb;
            const double db = d / (double)scale[j], xb = (double)xbar[j];
            if (weighted) {
                for (long i = 0; i < n; i++) {
                    const double xi = (double)xj[i];
                    eta[i] = (REAL)((double)eta[i] + db * xi);
                    r[i] = (REAL)((double)r[i] - db * (double)w[i] * (xi - xb));
                }
                S -= db * ((double)sw[j] - xb * sum_w);
            } else {
                for (long i = 0; i < n; i++) r[i] = (REAL)((double)r[i] - db * (double)xj[i]);
                S += xb * db;
            }
            change = cd_max(change, aj * d * d);
        }
        if (change < thr) break;
    }
    state[0] = (REAL)S;
    state[1] = (REAL)c;
    state[2] = (REAL)change;
    state[3] = (REAL)viol;
    state[4] = (REAL)done;
    return SPRED_OK;
}
