/*
 * select_above.cl — compaction: cols[0..c) ← the indices j (increasing) with |g_j| ≥ tau or g_j NaN, val[0..c) ← those
 * g_j; partial[0] ← c
 * (the screening and KKT tests over all p columns: the host reads c and c indices, not p gradients).
 * Indices are stored as REAL (exact below 2^24 in float32; Context checks).
 * Traffic per element (float32): 4 B (read g), 4 B per selected index.
 * Built at run time with the other kernel files (see common.cl). ONE work-group: work-item l owns the contiguous
 * slice [l·per, (l+1)·per), counts it into s[l] (ACC: exact integers), work-item 0 turns the counts into offsets
 * in order, each work-item writes its slice from its offset. Deterministic, no atomics.
 */
__kernel void SPRED_ENTRY(select_above)(const ulong n, __global ACC *partial, __global REAL *cols,
                                         __global REAL *val, __global const REAL *g, const REAL tau, __local ACC *s)
{
    const ulong nt = get_local_size(0), l = get_local_id(0);
    const ulong per = (n + nt - 1) / nt;
    const ulong lo = min(n, l * per), hi = min(n, lo + per);
    const ACC bound = (ACC)tau;
    ulong c = 0;
    for (ulong j = lo; j < hi; j++) c += !(fabs((ACC)g[j]) < bound); /* NaN is selected: never hidden */
    s[l] = (ACC)c;
    barrier(CLK_LOCAL_MEM_FENCE);
    if (l == 0) {
        ACC sum = 0;
        for (ulong k = 0; k < nt; k++) {
            ACC v = s[k];
            s[k] = sum;
            sum += v;
        }
        partial[0] = sum;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    ulong o = (ulong)s[l];
    for (ulong j = lo; j < hi; j++)
        if (!(fabs((ACC)g[j]) < bound)) {
            cols[o] = (REAL)j;
            val[o++] = g[j];
        }
}
