/*
 * mat_t_vec: out_j = Xᵀ·r_j for j < k; X dense row-major n×p, r_j at r + j·n, out_j at out + j·p.
 * Two numbered variants, each a partial pass (one double partial per block and output) then a reduce; the
 * host picks one with CudaLaunch.matVariant (CudaContext.doMatTVec), CudaBench times both:
 *
 * Variant 1 (mat_t_vec_1, mat_t_vec_reduce_1): 64-row tiles. Block b takes row tiles b, b+G, b+2G, ... of
 *   SPRED_TILE_ROWS rows; it stages the tile's r values in shared memory, then each thread owns columns c
 *   (coalesced across the block) and adds Σ_{i in tile} X[i,c]·r_j[i] (double) to partial[b][j][c];
 *   mat_t_vec_reduce_1 sums partial[b] in block order. G depends only on (n, p, k) (CudaContext.tileBlocks).
 *   Traffic: X once (4·n·p B float32), r once, out once, plus the partial (8·p·k B per block, in L2).
 *
 * Variant 2 (mat_t_vec_2, mat_t_vec_reduce_2; the default where a tile of ≥ 8 rows fits): shared-memory row
 *   tiles of R rows (the launch's tile height, the last argument), see spred_tiled_pass below.
 *   Measured on the H200 (262144×1024 f32, R = 16, 396 blocks): 309 µs vs 372 for variant 1 (cuMemcpyDtoD of
 *   X: 502 µs for read + write); docs/PERFORMANCE.md.
 *
 * loss_gradient.cu reuses both column passes (spred_tile_xtr, spred_tiled_pass) and both reduces.
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

extern "C" __global__ void SPRED_ENTRY(mat_t_vec_1)(int n, int p, int k, double *partial, const REAL *__restrict__ x,
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

extern "C" __global__ void SPRED_ENTRY(mat_t_vec_reduce_1)(int p, int k, int blocks, REAL *out, const double *__restrict__ partial)
{
    const long long total = (long long)p * k;
    for (long long q = spred_tid(); q < total; q += spred_stride()) {
        double s = 0;
        for (int b = 0; b < blocks; b++) s += partial[(long long)b * total + q];
        out[q] = (REAL)s;
    }
}

/*
 * spred_tiled_pass: the body of variant 2 of mat_t_vec and loss_gradient (mat_t_vec_2, loss_gradient_2); same
 * formulas and arguments as variant 1 plus the tile height R.
 *   loss_gradient: η_j,i = X_i·b_j + offset_j, r_j,i = y_j,i − mean(η_j,i), partial[block][j] += Σ_{i in tile} X_i·r_j,i
 *   mat_t_vec:     partial[block][j] += Σ_{i in tile} X_i·r_j,i
 * Traffic: X read from DRAM exactly once (4·n·p B float32), with 16-byte loads, 8 in flight per lane; y (or r)
 * read once; eta and r written once; partial read-modified-written in L2 (8·p·k B per tile of R rows).
 * Why: the 64-row tile of loss_gradient (256 KB at p = 1024 f32) is read again by the column pass from L2, with
 * scalar loads and a float→double conversion per element; here a tile of R rows (R·p·sizeof(REAL) ≤ ~72 KB, so 3
 * blocks fit one SM) is staged once in shared memory: phase A, one warp per row, copies the row and computes η
 * on the way; phase B, each thread owns 16-byte column groups and sums its columns over the tile's rows from
 * shared memory. Rows of a tile are contiguous in X, so the reads are one sequential stream per block.
 * Precision: in float32 the products are summed in float over one 16-byte vector (4 terms, η) or over the tile's
 * R ≤ 32 rows (Xᵀr), then added in double: an error ≤ 32·2⁻²⁴ of Σ|terms|, far inside the 1e-4 contract, and
 * one conversion per 4 (η) or per R (Xᵀr) products instead of one per product. In float64 everything is double.
 * Deterministic: fixed per-lane order, fixed shuffle tree, rows summed in order, tiles in grid-stride order; the
 * grid depends on (n, p, k, R) only (CudaContext.tiledBlocks). mat_t_vec_reduce_2 sums the partial.
 * Dynamic shared memory: k·R doubles (s_r, rounded up to an even count) then R·p REAL (the tile).
 * p % (16/sizeof(REAL)) != 0 runs the same code with scalar loads (rows are then not 16-byte aligned).
 * Measured on the H200 (262144×1024 f32, R = 16, 396 blocks): loss_gradient 352 µs vs 767 for variant 1,
 * mat_t_vec 309 µs vs 372 (cuMemcpyDtoD of X: 502 µs for read + write); see docs/PERFORMANCE.md.
 */

/* 16-byte loads per lane issued before the first is used (128 B in flight per lane), so that 3 blocks of 8 warps
 * keep up to 96 KB per SM in flight; ~4 TB/s × ~0.7 µs of latency needs ~22 KB per SM on 132 SMs. */
#ifndef SPRED_TILED_UNROLL
#define SPRED_TILED_UNROLL 8
#endif

template <int V, bool LG>
__device__ __forceinline__ void spred_tiled_pass(int n, int p, int k, int R, int loss, REAL *eta, REAL *r_out,
                                                 double *partial, const REAL *__restrict__ x,
                                                 const REAL *__restrict__ b, const REAL *__restrict__ offset,
                                                 const REAL *__restrict__ y, double *s_r)
{
    typedef SVec<REAL, V> VT;
    constexpr int U = SPRED_TILED_UNROLL;
    VT *sx = (VT *)(s_r + ((k * R + 1) & ~1));
    double *part = partial + (long long)blockIdx.x * k * p;
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    const int nv = p / V;
    const int tiles = n / R + (n % R != 0); /* not (n + R - 1) / R: that may pass INT_MAX */
    bool first = true;
    for (int t = blockIdx.x; t < tiles; t += gridDim.x) {
        const long long i0 = (long long)t * R;
        const int rows = (int)min((long long)R, n - i0);
        /* Phase A: the tile into shared memory, one warp per row; η and r on the way (loss_gradient). */
        for (int i = warp; i < rows; i += warps) {
            const VT *xr = (const VT *)(x + (i0 + i) * p);
            VT *sr = sx + (long long)i * nv;
            const VT *b0 = (const VT *)b;
            double acc = 0;
            for (int v0 = lane; v0 < nv; v0 += 32 * U) {
                VT a[U];
#pragma unroll
                for (int u = 0; u < U; u++)
                    if (v0 + 32 * u < nv) a[u] = xr[v0 + 32 * u];
#pragma unroll
                for (int u = 0; u < U; u++)
                    if (v0 + 32 * u < nv) {
                        sr[v0 + 32 * u] = a[u];
                        if (LG) {
                            VT bb = b0[v0 + 32 * u];
                            REAL s = 0;
#pragma unroll
                            for (int e = 0; e < V; e++) s += a[u].v[e] * bb.v[e];
                            acc += (double)s;
                        }
                    }
            }
            if (LG) {
                for (int j = 0; j < k; j++) {
                    if (j > 0) { /* the lane re-reads the vectors it wrote itself: no barrier needed */
                        const VT *bj = (const VT *)(b + (long long)j * p);
                        acc = 0;
                        for (int v = lane; v < nv; v += 32) {
                            VT a = sr[v], bb = bj[v];
                            REAL s = 0;
#pragma unroll
                            for (int e = 0; e < V; e++) s += a.v[e] * bb.v[e];
                            acc += (double)s;
                        }
                    }
                    acc = spred_warp_sum(acc);
                    if (lane == 0) {
                        const long long q = (long long)j * n + i0 + i;
                        REAL e = (REAL)((double)offset[j] + acc);
                        REAL ri = y[q] - spred_mean(loss, e);
                        eta[q] = e;
                        r_out[q] = ri;
                        s_r[j * R + i] = (double)ri;
                    }
                }
            }
        }
        if (!LG)
            for (int q = threadIdx.x; q < k * R; q += blockDim.x) {
                int j = q / R, i = q % R;
                s_r[q] = i < rows ? (double)y[(long long)j * n + i0 + i] : 0.0;
            }
        __syncthreads();
        /* Phase B: Σ over the tile's rows of X[i, c]·r_j,i for the thread's column groups, from shared memory. */
        for (int v = threadIdx.x; v < nv; v += blockDim.x) {
            for (int j = 0; j < k; j++) {
                const double *rj = s_r + j * R;
                REAL s[V];
#pragma unroll
                for (int e = 0; e < V; e++) s[e] = 0;
                for (int i = 0; i < rows; i++) {
                    VT a = sx[(long long)i * nv + v];
                    REAL ri = (REAL)rj[i];
#pragma unroll
                    for (int e = 0; e < V; e++) s[e] += a.v[e] * ri;
                }
                double *dst = part + (long long)j * p + (long long)v * V;
#pragma unroll
                for (int e = 0; e < V; e++) dst[e] = first ? (double)s[e] : dst[e] + (double)s[e];
            }
        }
        __syncthreads(); /* the tile and s_r are refilled next */
        first = false;
    }
}

extern "C" __global__ void __launch_bounds__(SPRED_BLOCK, 3) SPRED_ENTRY(mat_t_vec_2)(int n, int p, int k, double *partial,
                                                                                  const REAL *__restrict__ x,
                                                                                  const REAL *__restrict__ r, int R)
{
    extern __shared__ double s_r[];
    if (p % VW == 0) spred_tiled_pass<VW, false>(n, p, k, R, 0, nullptr, nullptr, partial, x, nullptr, nullptr, r, s_r);
    else spred_tiled_pass<1, false>(n, p, k, R, 0, nullptr, nullptr, partial, x, nullptr, nullptr, r, s_r);
}

/*
 * mat_t_vec_reduce_2: out[q] = Σ_b partial[b][q] for q < p·k, the second phase of variant 2.
 * Why: mat_t_vec_reduce_1 gives each output one thread that walks all the blocks' partial one load after another;
 * with p·k = 1024 that is 1024 threads on a 132-SM device, latency-bound (~35 µs for 396 partial on the H200).
 * Here a block takes 32 consecutive outputs (one per lane, coalesced), its warps split the partial
 * (warp w sums b = w, w + warps, ... in order), then lane q adds the warp sums in warp order: deterministic for a
 * given (p, k, blocks, blockDim). Traffic: the partial once (8·blocks·p·k B, in L2), out once.
 */
extern "C" __global__ void SPRED_ENTRY(mat_t_vec_reduce_2)(int p, int k, int blocks, REAL *out,
                                              const double *__restrict__ partial)
{
    __shared__ double s_w[32][33];
    const long long total = (long long)p * k;
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    for (long long q0 = (long long)blockIdx.x * 32; q0 < total; q0 += (long long)gridDim.x * 32) {
        const long long q = q0 + lane;
        double s = 0;
        if (q < total) {
#pragma unroll 4
            for (int b = warp; b < blocks; b += warps) s += partial[(long long)b * total + q];
        }
        s_w[warp][lane] = s;
        __syncthreads();
        if (warp == 0 && q < total) {
            double t = 0;
            for (int w = 0; w < warps; w++) t += s_w[w][lane];
            out[q] = (REAL)t;
        }
        __syncthreads(); /* s_w is refilled for the next 32 outputs */
    }
}
