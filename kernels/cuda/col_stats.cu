/*
 * col_stats: centred column statistics of a dense row-major n×p matrix, sum_j = Σ_i (x_ij − c_j) and
 * sumsq_j = Σ_i (x_ij − c_j)², accumulated in double (the means and centred norms of implicit centring and
 * scaling; c = 0 gives the column sums, c = x̄ the exact centred norms).
 * Traffic: X once (4 B float32 / 8 B float64 per element); per column the centre and two outputs.
 * One thread per column (grid-stride), each walking every row in order: a warp reads 32 neighbouring elements
 * of a row (coalesced), each column is summed in row order (deterministic, no atomics). The grid has p threads:
 * it fills an H200 only for p in the tens of thousands; X is read once per problem, so the narrow case is left
 * plain (a row-tiled variant with per-tile partials, as mat_t_vec_2, is the fix if it ever shows in a profile).
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(col_stats)(int n, int p, REAL *sum, REAL *sumsq, const REAL *__restrict__ x,
                                                  const REAL *__restrict__ centre)
{
    for (long long j = spred_tid(); j < p; j += spred_stride()) {
        const double m = (double)centre[j];
        double s = 0, q = 0;
        for (long long i = 0; i < n; i++) {
            const double d = (double)x[i * (long long)p + j] - m;
            s += d;
            q += d * d;
        }
        sum[j] = (REAL)s;
        sumsq[j] = (REAL)q;
    }
}
