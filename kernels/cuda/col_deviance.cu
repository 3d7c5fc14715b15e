/*
 * col_deviance: per-vector deviance sums of k stacked predictions, dev_l = Σ_i d(y_i, offset_l + eta_il) for l < k
 * (eta n×k, vector l at l·n, as mat_vec / gemm_xb write X·B; d = spred_deviance in kernels/spred_math.h), summed
 * in double: the held-out losses of a cross-validation fold at every λ, k numbers back to the host.
 * Traffic: eta once (4 B float32 / 8 B float64 per element); y once per vector (from L2 when it fits).
 * One block per vector (grid-stride over vectors), its threads striding over the rows (coalesced), per-thread
 * double accumulation then spred_block_sum's fixed tree: deterministic for a given block size.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(col_deviance)(int n, int k, REAL *dev, const REAL *__restrict__ eta,
                                                     const REAL *__restrict__ y, const REAL *__restrict__ offset, int family)
{
    for (long long l = blockIdx.x; l < k; l += gridDim.x) { /* uniform per block: spred_block_sum may sync */
        const REAL off = offset[l];
        const REAL *e = eta + l * (long long)n;
        double a = 0;
        for (long long i = threadIdx.x; i < n; i += blockDim.x) a += (double)spred_deviance(family, y[i], off + e[i]);
        const double t = spred_block_sum(a);
        if (threadIdx.x == 0) dev[l] = (REAL)t;
    }
}
