/*
 * group_grad_split: du_g = ⟨g_g, w_g⟩ + a2·c_g·u_g, dw_i = u_g·g_i + b2·c_g·w_i (a2 = 2α, b2 = 2β, c_g the group
 * weight).
 * Traffic per element: read g, w; write dw = 12 B (float32), 24 B (float64), plus u_g, c_g, du_g per group.
 * One block per group: the members are read once, dw written in the same loop that accumulates ⟨g_g, w_g⟩ (in
 * double, fixed order per thread, then spred_block_sum: deterministic).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(group_grad_split)(int m, REAL *du, REAL *dw, const REAL *__restrict__ g,
                                                   const REAL *__restrict__ u, const REAL *__restrict__ w,
                                                   const int *__restrict__ off, const double *__restrict__ wt,
                                                   double a2, double b2)
{
    for (int k = blockIdx.x; k < m; k += gridDim.x) {
        const REAL uk = u[k];
        const double c = wt[k];
        const REAL dec = (REAL)(b2 * c);
        const int end = off[k + 1];
        double dot = 0;
        for (int i = off[k] + threadIdx.x; i < end; i += blockDim.x) {
            REAL gi = g[i], wi = w[i];
            dot += (double)gi * (double)wi;
            dw[i] = uk * gi + dec * wi;
        }
        double s = spred_block_sum(dot);
        if (threadIdx.x == 0) du[k] = (REAL)(s + a2 * c * (double)uk);
    }
}
