/*
 * group_hadamard: v_i = u_g·w_i for i in group g = [off[g], off[g+1]).
 * Traffic per element: read w; write v = 8 B (float32), 16 B (float64), plus one u_g per group.
 * One block per group (grid-stride over groups when m exceeds the grid).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(group_hadamard)(int m, REAL *v, const REAL *__restrict__ u,
                                                 const REAL *__restrict__ w, const int *__restrict__ off)
{
    for (int g = blockIdx.x; g < m; g += gridDim.x) {
        const REAL ug = u[g];
        const int end = off[g + 1];
        for (int i = off[g] + threadIdx.x; i < end; i += blockDim.x) v[i] = ug * w[i];
    }
}
