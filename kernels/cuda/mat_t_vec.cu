/*
 * mat_t_vec: out_j = Xᵀ·r_j for j < k; X dense row-major n×p, r_j at r + j·n, out_j at out + j·p.
 * Traffic: X once (4·n·p B float32), r once, out once, plus the per-block partials (8·p·k B per row tile, in L2).
 * Two kernels, deterministic:
 *   mat_t_vec_partial: block b takes row tiles b, b+G, b+2G, ... of SPRED_TILE_ROWS rows; it stages the tile's
 *     r values in shared memory, then each thread owns columns c (coalesced across the block) and adds
 *     Σ_{i in tile} X[i,c]·r_j[i] (double) to partial[b][j][c], which only this block touches.
 *   mat_t_vec_reduce: out[j][c] = Σ_b partial[b][j][c] in block order.
 * G depends only on (n, p, k) (CudaContext.tileBlocks), so the result does not depend on the device.
 * loss_gradient.cu reuses the column pass (spred_tile_xtr) and the reduce kernel.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

#ifndef SPRED_TILE_ROWS
#define SPRED_TILE_ROWS 64
#endif

/* Adds (or, on a block's first tile, stores) Σ_{i<rows} X[i0+i, c]·s_r[j·SPRED_TILE_ROWS + i] into part[j·p + c]. */
__device__ __forceinline__ void spred_tile_xtr(int p, int k, long long i0, int rows, bool first, double *part,
                                               const REAL *__restrict__ x, const double *s_r)
{
    for (int c = threadIdx.x; c < p; c += blockDim.x) {
        for (int j = 0; j < k; j++) {
            const double *rj = s_r + j * SPRED_TILE_ROWS;
            const REAL *xc = x + i0 * p + c;
            double acc = 0;
            for (int i = 0; i < rows; i++) acc += (double)xc[(long long)i * p] * rj[i];
            double *dst = part + (long long)j * p + c;
            *dst = first ? acc : *dst + acc;
        }
    }
}

extern "C" __global__ void KNAME(mat_t_vec_partial)(int n, int p, int k, double *partial, const REAL *__restrict__ x,
                                                    const REAL *__restrict__ r)
{
    extern __shared__ double s_r[]; /* k × SPRED_TILE_ROWS */
    double *part = partial + (long long)blockIdx.x * k * p;
    const int tiles = (n + SPRED_TILE_ROWS - 1) / SPRED_TILE_ROWS;
    bool first = true;
    for (int t = blockIdx.x; t < tiles; t += gridDim.x) {
        const long long i0 = (long long)t * SPRED_TILE_ROWS;
        const int rows = (int)min((long long)SPRED_TILE_ROWS, n - i0);
        for (int q = threadIdx.x; q < k * SPRED_TILE_ROWS; q += blockDim.x) {
            int j = q / SPRED_TILE_ROWS, i = q % SPRED_TILE_ROWS;
            s_r[q] = i < rows ? (double)r[(long long)j * n + i0 + i] : 0.0;
        }
        __syncthreads();
        spred_tile_xtr(p, k, i0, rows, first, part, x, s_r);
        __syncthreads(); /* s_r is refilled for the next tile */
        first = false;
    }
}

extern "C" __global__ void KNAME(mat_t_vec_reduce)(int p, int k, int blocks, REAL *out, const double *__restrict__ partial)
{
    const long long total = (long long)p * k;
    for (long long q = spred_tid(); q < total; q += spred_stride()) {
        double s = 0;
        for (int b = 0; b < blocks; b++) s += partial[(long long)b * total + q];
        out[q] = (REAL)s;
    }
}
