/*
 * reduce.cl — the reductions the solvers need, phase 1 of 2:
 *   dot = sum x_i*y_i,  sum_squares = sum x_i^2,  max_abs = max |x_i| (NaN if any is NaN),  sum = sum x_i,
 *   logistic_loss = sum log(1 + e^eta_i) - y_i*eta_i  (stable form spred_logistic_loss, kernels/spred_math.h).
 * Traffic per element (float32): 4 B per input read (dot, logistic_loss: 8 B); partials are negligible.
 * Built at run time with the other kernel files (see common.cl).
 * Each work-group writes one partial (grid-stride accumulation in REAL, then a local-memory tree); the host
 * reads the partials and combines them in double in index order (phase 2). The number of work-groups and the
 * local size depend only on n and the device, so the result is deterministic for a given size and device.
 */
__kernel void SPRED_KERNEL(dot)(const ulong n, __global REAL *partial, __global const REAL *x,
                                __global const REAL *y, __local REAL *s)
{
    REAL acc = 0;
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) acc += x[i] * y[i];
    acc = spred_wg_sum(acc, s);
    if (get_local_id(0) == 0) partial[get_group_id(0)] = acc;
}

__kernel void SPRED_KERNEL(sum_squares)(const ulong n, __global REAL *partial, __global const REAL *x,
                                        __local REAL *s)
{
    REAL acc = 0;
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) acc += x[i] * x[i];
    acc = spred_wg_sum(acc, s);
    if (get_local_id(0) == 0) partial[get_group_id(0)] = acc;
}

__kernel void SPRED_KERNEL(max_abs)(const ulong n, __global REAL *partial, __global const REAL *x,
                                    __local REAL *s)
{
    REAL acc = 0;
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) acc = spred_max_nan(acc, fabs(x[i]));
    acc = spred_wg_max(acc, s);
    if (get_local_id(0) == 0) partial[get_group_id(0)] = acc;
}

__kernel void SPRED_KERNEL(sum)(const ulong n, __global REAL *partial, __global const REAL *x, __local REAL *s)
{
    REAL acc = 0;
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) acc += x[i];
    acc = spred_wg_sum(acc, s);
    if (get_local_id(0) == 0) partial[get_group_id(0)] = acc;
}

__kernel void SPRED_KERNEL(logistic_loss)(const ulong n, __global REAL *partial, __global const REAL *eta,
                                          __global const REAL *y, __local REAL *s)
{
    REAL acc = 0;
    for (ulong i = get_global_id(0); i < n; i += get_global_size(0)) acc += spred_logistic_loss(eta[i], y[i]);
    acc = spred_wg_sum(acc, s);
    if (get_local_id(0) == 0) partial[get_group_id(0)] = acc;
}
