/*
 * group_sgd_update: u_g ← u_g − lr·(⟨g_g,w_g⟩ + decay_u·c_g·u_g), w_i ← w_i − lr·(u_g·g_i + decay_w·c_g·w_i), v_i ← u_g·w_i (new values).
 * Traffic per element: read g, w (twice: once for ⟨g_g,w_g⟩, once for the update); write w, v = 20 B of DRAM (float32) when the group's g, w still sit in L2 for the second loop, 28 B otherwise; per group u_g.
 * One block per group. ⟨g_g, w_g⟩ needs the whole group before u_g can move, and v_i needs the new u_g, so the
 * members are visited twice: first the dot product (double, fixed order, spred_block_sum: deterministic), then
 * the update of w and v. All threads read the old u_g before thread 0 overwrites it (the block sum's barriers
 * order them).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(group_sgd_update)(int m,
        REAL *u, REAL *w, REAL *v,
        const REAL *__restrict__ g, const int *__restrict__ off, const double *__restrict__ wt,
        REAL lr, double decay_u, double decay_w)
{
    __shared__ REAL s_un;
    for (int k = blockIdx.x; k < m; k += gridDim.x) {
        const REAL uk = u[k];
        const double c = wt[k];
        const REAL dec = (REAL)(decay_w * c);
        const int start = off[k], end = off[k + 1];
        double acc = 0;
        for (int i = start + threadIdx.x; i < end; i += blockDim.x) acc += (double)g[i] * (double)w[i];
        double dot = spred_block_sum(acc);
        if (threadIdx.x == 0) {
            REAL gu = (REAL)(dot + decay_u * c * (double)uk);
            s_un = uk - lr * gu;
            u[k] = s_un;
        }
        __syncthreads();
        const REAL un = s_un;
        for (int i = start + threadIdx.x; i < end; i += blockDim.x) {
            REAL wi = w[i];
            REAL wn = wi - lr * (uk * g[i] + dec * wi);
            w[i] = wn;
            v[i] = un * wn;
        }
        __syncthreads(); /* s_un is rewritten by the next group of this block */
    }
}
