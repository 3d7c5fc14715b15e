/*
 * gemm_xtr.cl — out = Xᵀ·R (p×k): out_j = Xᵀ r_j, X dense row-major n×p, r_j at r + j*n, out_j at out + j*p.
 * The same product as mat_t_vec for many vectors, tiled: one work-group of 256 work-items per 64×64 output tile
 * (grid-stride over tiles), A = Xᵀ and B = R staged 16 steps at a time in local memory as ACC (double on fp64
 * devices: the contract's accumulation), each work-item adding a 4×4 register block (rows lx + 16·i, columns
 * ly + 16·j). X is read ⌈k/64⌉ times, R ⌈p/64⌉ times; each output sums t in ascending order (deterministic).
 * Loads: X tiles along a row of X (contiguous in the output row a), R tiles along r_j (contiguous in t).
 * Built at run time with the other kernel files (see common.cl); the host launches 256 work-items per group.
 */
__kernel __attribute__((reqd_work_group_size(256, 1, 1)))
void SPRED_ENTRY(gemm_xtr)(const int n, const int p, const int k, __global REAL *out, __global const REAL *x,
                           __global const REAL *r)
{
    __local ACC As[16][65], Bs[16][65];
    const int l = get_local_id(0), lx = l & 15, ly = l >> 4;
    const long M = p, K = k, T = n, tm = (M + 63) / 64, tiles = tm * ((K + 63) / 64);
    for (long tile = get_group_id(0); tile < tiles; tile += get_num_groups(0)) {
        const long a0 = (tile % tm) * 64, j0 = (tile / tm) * 64;
        ACC acc[4][4];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) acc[i][j] = 0;
        for (long t0 = 0; t0 < T; t0 += 16) {
            for (int q = 0; q < 4; q++) {
                const int e = l + 256 * q;
                const int ta = e >> 6, aa = e & 63, tb = e & 15, jb = e >> 4;
                const long a = a0 + aa, t = t0 + ta, j = j0 + jb, u = t0 + tb;
                As[ta][aa] = a < M && t < T ? (ACC)x[t * M + a] : (ACC)0;
                Bs[tb][jb] = j < K && u < T ? (ACC)r[j * T + u] : (ACC)0;
            }
            barrier(CLK_LOCAL_MEM_FENCE);
            spred_tile_mac(acc, As, Bs, lx, ly);
            barrier(CLK_LOCAL_MEM_FENCE);
        }
        spred_tile_store(out, acc, M, K, a0, j0, lx, ly);
    }
}
