/*
 * soft_sq.cl — reduction, phase 1 of 2: Σ_j max(|t·g_j| − la, 0)² (the elastic net's dual term over all p columns).
 * Traffic per element (float32): 4 B (read g); the partials (one per work-group) are negligible.
 * Built at run time with the other kernel files (see common.cl). Each work-group writes one partial (ACC
 * accumulation, then a local-memory tree); the host adds them in index order: deterministic for a size and device.
 */
__kernel void SPRED_ENTRY(soft_sq)(const ulong n, __global ACC *partial, __global const REAL *g, const REAL t,
                                    const REAL la, __local ACC *s)
{
    ACC acc = 0;
    SPRED_FOR(j, n) {
        ACC e = fabs((ACC)t * (ACC)g[j]) - (ACC)la;
        e = e > 0 ? e : 0;
        acc += e * e;
    }
    acc = spred_wg_sum(acc, s);
    if (get_local_id(0) == 0) partial[get_group_id(0)] = acc;
}
