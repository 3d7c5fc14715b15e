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
    /* As = Xᵀ along a row of X (contiguous in the output row a), Bs = R along r_j (contiguous in t) */
    SPRED_TILED_PRODUCT(out, p, k, n, {
        const int ta = e >> 6, aa = e & 63, tb = e & 15, jb = e >> 4;
        const long a = a0 + aa, t = t0 + ta, j = j0 + jb, u = t0 + tb;
        As[ta][aa] = a < M && t < T ? (ACC)x[t * M + a] : (ACC)0;
        Bs[tb][jb] = j < K && u < T ? (ACC)r[j * T + u] : (ACC)0;
    })
}
