/*
 * gram_cols: out = X_cᵀ X_c[:, cols] (p×k), X_c = X − 1·meanᵀ, X dense row-major n×p, mean p, cols k indices
 * (range-checked by Context), out_j at out + j·p: the Gram columns of k entering columns. Centred while staging
 * (in double), never as XᵀX − n·x̄x̄ᵀ. Tiled as gemm_tile.cuh; views A(a, t) = X[t, a] − mean[a] (contiguous
 * along a), B(t, j) = X[t, cols[j]] − mean[cols[j]] (a gather; neighbouring threads take neighbouring j).
 * Launch: SPRED_BLOCK threads, any grid. Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"
#include "gemm_tile.cuh"

extern "C" __global__ void __launch_bounds__(SPRED_BLOCK) SPRED_ENTRY(gram_cols)(int n, int p, int k, REAL *out,
                                                                            const REAL *__restrict__ x,
                                                                            const REAL *__restrict__ mean,
                                                                            const int *__restrict__ cols)
{
    spred_gemm_tiles<REAL, false, false>(
        p, k, n, out, [=](long long a, long long t) { return (double)x[t * p + a] - (double)mean[a]; },
        [=](long long t, long long j) {
            const int c = cols[j];
            return (double)x[t * p + c] - (double)mean[c];
        });
}
