/*
 * select_above: compaction, cols[0..c) ← the indices j (increasing) with |g_j| ≥ tau or g_j NaN, val[0..c) ← those
 * g_j; partial[0] ← c.
 * The screening and KKT tests over all p columns in one launch: the host reads c and the c indices, not p
 * gradients (issue 12 item 5). Indices are stored as REAL (exact below 2^24 in float32; Context checks).
 * One block (launch with grid 1): thread t owns the contiguous slice [t·per, (t+1)·per), counts it, thread 0 turns
 * the counts into offsets in thread order, each thread writes its slice's indices from its offset. Deterministic,
 * no atomics. One SM streams p elements: ~p·4 B at one SM's bandwidth (tens of µs at p = 10⁶); a multi-block
 * scan (decoupled look-back) is the fix if it ever shows next to the Xᵀr pass that precedes it.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(select_above)(long long n, double *partial, REAL *cols, REAL *val, const REAL *__restrict__ g,
                                                     REAL tau)
{
    __shared__ long long base[SPRED_BLOCK];
    const long long nt = (long long)blockDim.x, t = (long long)threadIdx.x;
    const long long per = (n + nt - 1) / nt;
    const long long lo = t * per < n ? t * per : n, hi = lo + per < n ? lo + per : n;
    const double bound = (double)tau;
    long long c = 0;
    for (long long j = lo; j < hi; j++) c += !(fabs((double)g[j]) < bound); /* NaN is selected: never hidden */
    base[t] = c;
    __syncthreads();
    if (t == 0) {
        long long s = 0;
        for (long long k = 0; k < nt; k++) {
            long long v = base[k];
            base[k] = s;
            s += v;
        }
        partial[0] = (double)s;
    }
    __syncthreads();
    long long o = base[t];
    for (long long j = lo; j < hi; j++)
        if (!(fabs((double)g[j]) < bound)) {
            cols[o] = (REAL)j;
            val[o++] = g[j];
        }
}
