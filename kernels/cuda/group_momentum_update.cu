/*
 * group_momentum_update: spred_momentum on u_g with gradient ⟨g_g,w_g⟩ + decay_u·c_g·u_g and on w_i with u_g·g_i + decay_w·c_g·w_i (old u_g, w), then v_i ← u_g·w_i.
 * Traffic per element: read g, w, m_w (g, w twice); write w, m_w, v = 28 B (float32) when the group's g, w stay in L2, 36 B otherwise; per group u_g, mu_g.
 * One block per group. ⟨g_g, w_g⟩ needs the whole group before u_g can move, and v_i needs the new u_g, so the
 * members are visited twice: first the dot product (double, fixed order, spred_block_sum: deterministic), then
 * the update of w and v. All threads read the old u_g before thread 0 overwrites it (the block sum's barriers
 * order them).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(group_momentum_update)(int m,
        REAL *u, REAL *w, REAL *v, REAL *m_u, REAL *m_w,
        const REAL *__restrict__ g, const int *__restrict__ off, const double *__restrict__ wt,
        REAL lr, REAL momentum, int nesterov, double decay_u, double decay_w)
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
            REAL mk = m_u[k];
            s_un = spred_momentum(uk, gu, &mk, lr, momentum, nesterov);
            m_u[k] = mk;
            u[k] = s_un;
        }
        __syncthreads();
        const REAL un = s_un;
        for (int i = start + threadIdx.x; i < end; i += blockDim.x) {
            REAL wi = w[i], mi = m_w[i];
            REAL wn = spred_momentum(wi, uk * g[i] + dec * wi, &mi, lr, momentum, nesterov);
            m_w[i] = mi;
            w[i] = wn;
            v[i] = un * wn;
        }
        __syncthreads(); /* s_un is rewritten by the next group of this block */
    }
}
