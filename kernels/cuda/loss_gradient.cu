/*
 * loss_gradient: for each problem j < k and row i: η = X_i·b_j + offset_j, r = y_j,i − mean(η) (spred_mean, the mean
 * link of the loss: identity for SQUARED, sigmoid for LOGISTIC), writes eta and r (n·k each) and grad_j = Xᵀr_j
 * (p·k) through per-block double partial that mat_t_vec_reduce_1 / _2 (mat_t_vec.cu) sum in block order.
 * Two numbered variants, chosen by CudaLaunch.matVariant like mat_t_vec's:
 *
 * Variant 1 (loss_gradient_1): one pass over row tiles of SPRED_TILE_ROWS rows: the block computes η and r for
 *   the tile (one warp per row, double accumulation, fixed shuffle tree), keeps r in shared memory, then adds
 *   the tile's Xᵀr to its own partial (spred_tile_xtr, mat_t_vec.cu). Traffic: X read once from DRAM (4·n·p B
 *   float32; the column pass re-reads the tile just read by the row pass, from L1/L2), b from cache, y read
 *   once, eta and r written once, plus the partial (8·p·k B per block, in L2).
 * Variant 2 (loss_gradient_2): the shared-memory row tiles of spred_tiled_pass (mat_t_vec.cu) with η and r
 *   computed while the tile is staged. Measured on the H200 (262144×1024 f32, R = 16, 396 blocks): 352 µs vs
 *   767 for variant 1; docs/PERFORMANCE.md.
 * Deterministic for given (n, p, k) and launch.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(loss_gradient_1)(int n, int p, int k, double *partial, REAL *eta, REAL *r,
                                                  const REAL *__restrict__ x, const REAL *__restrict__ b,
                                                  const REAL *__restrict__ offset, const REAL *__restrict__ y, int loss)
{
    extern __shared__ double s_r[]; /* k × SPRED_TILE_ROWS */
    double *part = partial + (long long)blockIdx.x * k * p;
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    const int tiles = (n + SPRED_TILE_ROWS - 1) / SPRED_TILE_ROWS;
    bool first = true;
    for (int t = blockIdx.x; t < tiles; t += gridDim.x) {
        const long long i0 = (long long)t * SPRED_TILE_ROWS;
        const int rows = (int)min((long long)SPRED_TILE_ROWS, n - i0);
        for (int i = warp; i < SPRED_TILE_ROWS; i += warps) {
            if (i >= rows) {
                if (lane == 0)
                    for (int j = 0; j < k; j++) s_r[j * SPRED_TILE_ROWS + i] = 0.0;
                continue;
            }
            const REAL *xr = x + (i0 + i) * p;
            for (int j = 0; j < k; j++) {
                const REAL *bj = b + (long long)j * p;
                double acc = 0;
                for (int c = lane; c < p; c += 32) acc += (double)xr[c] * (double)bj[c];
                acc = spred_warp_sum(acc);
                if (lane == 0) {
                    const long long q = (long long)j * n + i0 + i;
                    REAL e = (REAL)((double)offset[j] + acc);
                    REAL ri = y[q] - spred_mean(loss, e);
                    eta[q] = e;
                    r[q] = ri;
                    s_r[j * SPRED_TILE_ROWS + i] = (double)ri;
                }
            }
        }
        __syncthreads();
        if (p > 0) spred_tile_xtr(p, k, i0, rows, first, part, x, s_r);
        __syncthreads(); /* s_r is refilled for the next tile */
        first = false;
    }
}

extern "C" __global__ void __launch_bounds__(SPRED_BLOCK, 3) SPRED_ENTRY(loss_gradient_2)(int n, int p, int k, double *partial,
                                                                                      REAL *eta, REAL *r,
                                                                                      const REAL *__restrict__ x,
                                                                                      const REAL *__restrict__ b,
                                                                                      const REAL *__restrict__ offset,
                                                                                      const REAL *__restrict__ y,
                                                                                      int loss, int R)
{
    extern __shared__ double s_r[];
    if (p % VW == 0) spred_tiled_pass<VW, true>(n, p, k, R, loss, eta, r, partial, x, b, offset, y, s_r);
    else spred_tiled_pass<1, true>(n, p, k, R, loss, eta, r, partial, x, b, offset, y, s_r);
}
