/*
 * gemm_xb: out = X·B (n×k): out_j = X b_j, X dense row-major n×p, b_j at b + j·p, out_j at out + j·n: the
 * predictions of k coefficient vectors (every λ of a path, every fold). The same product as mat_vec for many
 * vectors: tiled in shared memory with 4×4 register blocks (gemm_tile.cuh), X read ⌈k/64⌉ times. Views:
 * A(a, t) = X[a, t], B(t, j) = B[j·p + t], both contiguous along t. Launch: SPRED_BLOCK threads, any grid.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"
#include "gemm_tile.cuh"

extern "C" __global__ void __launch_bounds__(SPRED_BLOCK) SPRED_ENTRY(gemm_xb)(int n, int p, int k, REAL *out,
                                                                          const REAL *__restrict__ x,
                                                                          const REAL *__restrict__ b)
{
    spred_gemm_tiles<REAL, true, true>(
        n, k, p, out, [=](long long a, long long t) { return (double)x[a * p + t]; },
        [=](long long t, long long j) { return (double)b[j * p + t]; });
}
