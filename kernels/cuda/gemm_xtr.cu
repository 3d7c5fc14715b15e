/*
 * gemm_xtr: out = Xᵀ·R (p×k): out_j = Xᵀ r_j, X dense row-major n×p, r_j at r + j·n, out_j at out + j·p. The
 * same product as mat_t_vec for many vectors: tiled in shared memory with 4×4 register blocks (gemm_tile.cuh),
 * X read ⌈k/64⌉ times instead of once per 32 vectors with a p·k partial per block. Views: A(a, t) = X[t, a]
 * (contiguous along a), B(t, j) = R[j·n + t] (contiguous along t). Launch: SPRED_BLOCK threads, any grid.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"
#include "gemm_tile.cuh"

extern "C" __global__ void __launch_bounds__(SPRED_BLOCK) SPRED_ENTRY(gemm_xtr)(int n, int p, int k, REAL *out,
                                                                           const REAL *__restrict__ x,
                                                                           const REAL *__restrict__ r)
{
    spred_gemm_tiles<REAL, false, true>(
        p, k, n, out, [=](long long a, long long t) { return (double)x[t * p + a]; },
        [=](long long t, long long j) { return (double)r[j * n + t]; });
}
