/*
 * group_grad_split: du_g = ⟨g_g, w_g⟩ + decay_u·c_g·u_g, dw_i = u_g·g_i + decay_w·c_g·w_i (decay_u = 2·penaltyU,
 * decay_w = 2·penaltyW from the host, c_g the group weight, double on every backend).
 * Traffic per element: read g, w; write dw = 12 B (float32), 24 B (float64), plus u_g, c_g, du_g per group.
 * One block per group: the members are read once, dw written in the same loop that accumulates ⟨g_g, w_g⟩ (in
 * double, fixed order per thread, then spred_block_sum: deterministic).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(group_grad_split)(int m, REAL *du, REAL *dw, const REAL *__restrict__ g,
                                                   const REAL *__restrict__ u, const REAL *__restrict__ w,
                                                   const int *__restrict__ off, const double *__restrict__ wt,
                                                   double decay_u, double decay_w)
{
    for (int k = blockIdx.x; k < m; k += gridDim.x) {
        const REAL uk = u[k];
        const double c = wt[k];
        const REAL dec = (REAL)(decay_w * c);
        const int end = off[k + 1];
        double dot = 0;
        for (int i = off[k] + threadIdx.x; i < end; i += blockDim.x) {
            REAL gi = g[i], wi = w[i];
            dot += (double)gi * (double)wi;
            dw[i] = uk * gi + dec * wi;
        }
        double s = spred_block_sum(dot);
        if (threadIdx.x == 0) du[k] = (REAL)(s + decay_u * c * (double)uk);
    }
}
