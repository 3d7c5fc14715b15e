/*
 * cd_sweep.cl — coordinate-descent sweeps (glmnet's naive mode) over the columns of a column-major n×p working-set
 * matrix X, as native/cd_sweep.c and api/Context.cdSweep describe (flags: 1 weighted IRLS model, 2 intercept,
 * 4 active columns only; state: S, c in; S, c, largest a_j·Δ², largest KKT violation, sweeps out).
 * Built at run time with the other kernel files (see common.cl).
 * Launch: ONE work-group (OpenClContext runs one group). The sweep is sequential over columns, so the group walks
 * the columns and its work-items share each column's rows (SPRED_LOCAL_FOR: the same rows for every loop, so a
 * work-item reads and writes only its own rows of r); x_jᵀr by spred_wg_sum, which returns the same total to every
 * work-item, so each computes the same scalar update (uniform control flow). b_j is written by work-item 0 between
 * two global barriers (all have read it before, and read it again in the next sweep after). For completeness: the GPU's solver route is
 * spred, and one work-group uses one compute unit. Traffic per visited column: x_j and r read, r written on a move.
 */
__kernel void SPRED_ENTRY(cd_sweep)(const int n, const int p, __global REAL *b, __global REAL *r, __global REAL *eta,
                                     __global REAL *state, __global const REAL *x, __global const REAL *w,
                                     __global const REAL *xbar, __global const REAL *scale, __global const REAL *a,
                                     __global const REAL *sw, const REAL la, const REAL mu, const REAL sum_w,
                                     const REAL thr, const int sweeps, const int flags, __local ACC *s)
{
    const int weighted = flags & 1, intercept = flags & 2, active = flags & 4;
    const ACC nd = (ACC)n, L = la, M = mu, SW = sum_w;
    ACC S = state[0], c = state[1], change = 0, viol = 0;
    int done = 0;
    while (done < sweeps) {
        done++;
        change = 0;
        viol = 0;
        if (weighted && intercept && SW > 0) {
            const ACC dc = S / SW;
            if (dc != 0) {
                c += dc;
                SPRED_LOCAL_FOR(i, 0, n) r[i] = (REAL)((ACC)r[i] - dc * (ACC)w[i]);
                S -= dc * SW;
                change = SW / nd * dc * dc;
            }
        }
        for (long j = 0; j < p; j++) {
            const ACC bj = b[j], aj = a[j];
            if (active && bj == 0) continue;
            __global const REAL *xj = x + j * (long)n;
            ACC nb = 0;
            if (aj > 0) {
                ACC acc = 0;
                SPRED_LOCAL_FOR(i, 0, n) acc += (ACC)xj[i] * (ACC)r[i];
                const ACC dot = spred_wg_sum(acc, s);
                const ACC sum = weighted ? S : (intercept ? -nd * S : 0);
                const ACC g = (dot - (ACC)xbar[j] * sum) / ((ACC)scale[j] * nd);
                const ACC v = bj != 0 ? fabs(g - copysign(L, bj) - M * bj) : fabs(g) - L;
                viol = spred_max_nan(viol, v);
                const ACC u = aj * bj + g, m = fabs(u) - L;
                nb = m > 0 ? copysign(m, u) / (aj + M) : (isnan(m) ? m : 0);
            } else if (isnan(aj)) nb = aj;
            const ACC d = nb - bj;
            if (d == 0) continue;
            /* d is uniform, so every work-item reaches both barriers: all have read b[j] before it is written, and
             * read it again (next sweep) only after */
            barrier(CLK_GLOBAL_MEM_FENCE);
            if (get_local_id(0) == 0) b[j] = (REAL)nb;
            barrier(CLK_GLOBAL_MEM_FENCE);
            const ACC db = d / (ACC)scale[j], xb = xbar[j];
            if (weighted) {
                SPRED_LOCAL_FOR(i, 0, n) {
                    const ACC xi = xj[i];
                    eta[i] = (REAL)((ACC)eta[i] + db * xi);
                    r[i] = (REAL)((ACC)r[i] - db * (ACC)w[i] * (xi - xb));
                }
                S -= db * ((ACC)sw[j] - xb * SW);
            } else {
                SPRED_LOCAL_FOR(i, 0, n) r[i] = (REAL)((ACC)r[i] - db * (ACC)xj[i]);
                S += xb * db;
            }
            change = spred_max_nan(change, aj * d * d);
        }
        if (change < (ACC)thr) break;
    }
    barrier(CLK_GLOBAL_MEM_FENCE); /* every work-item has read state[] before work-item 0 overwrites it */
    if (get_local_id(0) == 0) {
        state[0] = (REAL)S;
        state[1] = (REAL)c;
        state[2] = (REAL)change;
        state[3] = (REAL)viol;
        state[4] = (REAL)done;
    }
}
