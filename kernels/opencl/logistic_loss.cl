/*
 * logistic_loss.cl — reduction, phase 1 of 2: logistic_loss = sum log(1 + e^eta_i) - y_i*eta_i, in the stable form spred_logistic_loss
 *   (kernels/spred_math.h).
 * Traffic per element (float32): 8 B (read eta, y); the partials (one per work-group) are negligible.
 * Built at run time with the other kernel files (see common.cl).
 * Each work-group writes one partial (SPRED_FOR accumulation in ACC, double on every fp64 device, see common.cl, then a local-memory tree); the host
 * reads the partials and adds them in double in index order (phase 2). The number of work-groups and the local
 * size depend only on n and the device, so the result is deterministic for a given size and device.
 */
__kernel void SPRED_ENTRY(logistic_loss)(const ulong n, __global ACC *partial, __global const REAL *eta, __global const REAL *y, __local ACC *s)
{
    ACC acc = 0;
    SPRED_FOR(i, n) acc += (ACC)spred_logistic_loss(eta[i], y[i]);
    acc = spred_wg_sum(acc, s);
    if (get_local_id(0) == 0) partial[get_group_id(0)] = acc;
}
