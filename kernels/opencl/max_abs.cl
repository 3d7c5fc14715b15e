/*
 * max_abs.cl — reduction, phase 1 of 2: max_abs = max |x_i|, NaN if any element is NaN (spred_max_nan, common.cl).
 * Traffic per element (float32): 4 B (read x); the partials (one per work-group) are negligible.
 * Built at run time with the other kernel files (see common.cl).
 * Each work-group writes one partial (SPRED_FOR accumulation in ACC, double on every fp64 device, see common.cl, then a local-memory tree); the host
 * reads the partials and takes their maximum, NaN first (phase 2). The number of work-groups and the local
 * size depend only on n and the device, so the result is deterministic for a given size and device.
 */
__kernel void SPRED_ENTRY(max_abs)(const ulong n, __global ACC *partial, __global const REAL *x, __local ACC *s)
{
    ACC acc = 0;
    SPRED_FOR(i, n) acc = spred_max_nan(acc, (ACC)fabs(x[i]));
    acc = spred_wg_max(acc, s);
    if (get_local_id(0) == 0) partial[get_group_id(0)] = acc;
}
