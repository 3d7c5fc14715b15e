/*
 * gemm_tile.cuh — the tiled product behind gemm_xtr, gemm_xb and gram_cols: out (M×K, column-major, out[j*M + a])
 * = Σ_t A(a, t)·B(t, j) for t < T, where the kernel's loaders read A and B from X (row-major n×p) and the block of
 * k vectors (each kernel file says which view).
 *
 * One block of SPRED_BLOCK = 256 threads per 64×64 output tile (grid-stride over tiles: tile % ⌈M/64⌉ picks
 * the rows, tile / ⌈M/64⌉ the columns). Per step of 16 along t, the block stages A (64×16) and B (16×64) in
 * shared memory as double — each element of X and of the vectors loaded once per tile, with the loads ordered
 * so that neighbouring threads read neighbouring addresses (aFast / bFast say along which index the source
 * is contiguous) — then each thread adds a 4×4 register block of products: rows tx + 16·i, columns ty + 16·j
 * (tx = thread % 16, ty = thread / 16), so the shared reads are conflict-free or broadcasts and the stores of a
 * half-warp hit 16 consecutive outputs. X is read ⌈K/64⌉ times in all, the vectors ⌈M/64⌉ times.
 * Accumulation in double in both precisions (the contract); each output sums t in ascending order, so results
 * are deterministic and independent of the grid. Shared memory: 2·16·65 doubles = 16.6 KB per block.
 * Not tuned on a GPU yet (no device was lent while it was written): the shapes follow the textbook SGEMM tiling.
 */
#ifndef SPRED_GEMM_TILE_CUH
#define SPRED_GEMM_TILE_CUH

#define SPRED_GT 64
#define SPRED_GK 16

/* aFast: A(a, t) is contiguous along t (else along a); bFast: B(t, j) contiguous along t (else along j). */
template <typename T, bool aFast, bool bFast, typename LA, typename LB>
__device__ __forceinline__ void spred_gemm_tiles(long long M, long long K, long long Tn, T *out, LA la, LB lb)
{
    __shared__ double As[SPRED_GK][SPRED_GT + 1];
    __shared__ double Bs[SPRED_GK][SPRED_GT + 1];
    const int l = threadIdx.x, tx = l & 15, ty = l >> 4;
    const long long tm = (M + SPRED_GT - 1) / SPRED_GT, tiles = tm * ((K + SPRED_GT - 1) / SPRED_GT);
    for (long long tile = blockIdx.x; tile < tiles; tile += gridDim.x) {
        const long long a0 = (tile % tm) * SPRED_GT, j0 = (tile / tm) * SPRED_GT;
        double acc[4][4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) acc[i][j] = 0;
        for (long long t0 = 0; t0 < Tn; t0 += SPRED_GK) {
            for (int q = 0; q < 4; q++) {
                const int e = l + SPRED_BLOCK * q;
                int tt = aFast ? (e & 15) : (e >> 6), aa = aFast ? (e >> 4) : (e & 63);
                long long a = a0 + aa, t = t0 + tt;
                As[tt][aa] = a < M && t < Tn ? la(a, t) : 0.0;
                tt = bFast ? (e & 15) : (e >> 6);
                const int jj = bFast ? (e >> 4) : (e & 63);
                const long long j = j0 + jj;
                t = t0 + tt;
                Bs[tt][jj] = j < K && t < Tn ? lb(t, j) : 0.0;
            }
            __syncthreads();
            for (int tt = 0; tt < SPRED_GK; tt++) {
                double av[4], bv[4];
                for (int i = 0; i < 4; i++) av[i] = As[tt][tx + 16 * i], bv[i] = Bs[tt][ty + 16 * i];
                for (int i = 0; i < 4; i++)
                    for (int j = 0; j < 4; j++) acc[i][j] += av[i] * bv[j];
            }
            __syncthreads();
        }
        for (int j = 0; j < 4; j++) {
            const long long c = j0 + ty + 16 * j;
            if (c >= K) continue;
            for (int i = 0; i < 4; i++) {
                const long long a = a0 + tx + 16 * i;
                if (a < M) out[c * M + a] = (T)acc[i][j];
            }
        }
    }
}

#endif /* SPRED_GEMM_TILE_CUH */
