/*
 * cd_sweep: coordinate-descent sweeps (glmnet's naive mode) over the columns of a column-major n×p working-set
 * matrix X, as native/cd_sweep.c and api/Context.cdSweep describe (flags: 1 weighted IRLS model, 2 intercept,
 * 4 active columns only; state: S, c in; S, c, largest a_j·Δ², largest KKT violation, sweeps out).
 * Launch: ONE block (CudaContext launches grid 1). The sweep is sequential over columns (each update reads the
 * residual the previous one wrote), so one block walks the columns and its threads share each column's rows:
 * the dot x_jᵀr per thread in double (rows threadIdx.x + k·blockDim.x), a fixed shuffle tree (spred_block_sum),
 * the total broadcast through shared memory, and every thread then computes the same scalar update (uniform
 * control flow) and moves its own rows of r (and eta). A thread reads and writes only its own rows of r; the
 * barriers are the reduction's and two around each write of b_j. This is for completeness: the GPU's solver route is spred; a single block
 * uses one SM. Traffic per visited column: x_j and r read, r written when b_j moves.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(cd_sweep)(int n, int p, REAL *b, REAL *r, REAL *eta, REAL *state,
                                                 const REAL *__restrict__ x, const REAL *__restrict__ w,
                                                 const REAL *__restrict__ xbar, const REAL *__restrict__ scale,
                                                 const REAL *__restrict__ a, const REAL *__restrict__ sw, REAL la,
                                                 REAL mu, REAL sum_w, REAL thr, int sweeps, int flags)
{
    __shared__ double cd_total;
    const int weighted = flags & 1, intercept = flags & 2, active = flags & 4;
    const long long t0 = threadIdx.x, step = blockDim.x;
    const double nd = (double)n, L = (double)la, M = (double)mu, SW = (double)sum_w;
    double S = (double)state[0], c = (double)state[1], change = 0, viol = 0;
    int done = 0;
    while (done < sweeps) {
        done++;
        change = 0;
        viol = 0;
        if (weighted && intercept && SW > 0) {
            const double dc = S / SW;
            if (dc != 0) {
                c += dc;
                for (long long i = t0; i < n; i += step) r[i] = (REAL)((double)r[i] - dc * (double)w[i]);
                S -= dc * SW;
                change = SW / nd * dc * dc;
            }
        }
        for (long long j = 0; j < p; j++) {
            const double bj = (double)b[j], aj = (double)a[j];
            if (active && bj == 0) continue;
            const REAL *xj = x + j * (long long)n;
            double nb = 0;
            if (aj > 0) {
                double acc = 0;
                for (long long i = t0; i < n; i += step) acc += (double)xj[i] * (double)r[i];
                const double tot = spred_block_sum(acc);
                if (threadIdx.x == 0) cd_total = tot;
                __syncthreads();
                const double dot = cd_total;
                __syncthreads(); /* cd_total is rewritten by the next column */
                const double sum = weighted ? S : (intercept ? -nd * S : 0);
                const double g = (dot - (double)xbar[j] * sum) / ((double)scale[j] * nd);
                const double v = bj != 0 ? fabs(g - copysign(L, bj) - M * bj) : fabs(g) - L;
                viol = spred_max_nan(viol, v);
                const double u = aj * bj + g, m = fabs(u) - L;
                nb = m > 0 ? copysign(m, u) / (aj + M) : (m != m ? m : 0);
            } else if (aj != aj) nb = aj;
            const double d = nb - bj;
            if (d == 0) continue;
            /* d is uniform, so every thread reaches both barriers: all have read b[j] before it is written, and read it
             * again (next sweep) only after */
            __syncthreads();
            if (threadIdx.x == 0) b[j] = (REAL)nb;
            __syncthreads();
            const double db = d / (double)scale[j], xb = (double)xbar[j];
            if (weighted) {
                for (long long i = t0; i < n; i += step) {
                    const double xi = (double)xj[i];
                    eta[i] = (REAL)((double)eta[i] + db * xi);
                    r[i] = (REAL)((double)r[i] - db * (double)w[i] * (xi - xb));
                }
                S -= db * ((double)sw[j] - xb * SW);
            } else {
                for (long long i = t0; i < n; i += step) r[i] = (REAL)((double)r[i] - db * (double)xj[i]);
                S += xb * db;
            }
            change = spred_max_nan(change, aj * d * d);
        }
        if (change < (double)thr) break;
    }
    __syncthreads(); /* every thread has read state[] (at the start) before thread 0 overwrites it */
    if (threadIdx.x == 0) {
        state[0] = (REAL)S;
        state[1] = (REAL)c;
        state[2] = (REAL)change;
        state[3] = (REAL)viol;
        state[4] = (REAL)done;
    }
}
