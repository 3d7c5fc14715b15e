/*
 * group_sgd_update.cl — fused SGD step on the group spred objective (c_g the group weight), gradients from the
 * OLD u_g and w:  u_g' = u_g - lr*(<g_g, w_g> + 2*alpha*c_g*u_g),  w_i' = w_i - lr*(u_g*g_i + 2*beta*c_g*w_i),
 *   v_i = u_g' * w_i'.
 * Traffic per element (float32): read w, g (twice: dot, then update; the second read is usually cached),
 * write w, v = 16 B.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per group. Every work-item reads the group's state before the reduction's barriers, and
 * work-item 0 writes u_g only after them, so no work-item can see the new u_g; each w_i is read and written by
 * the same work-item, after the barrier that ends the dot product.
 */
__kernel void SPRED_KERNEL(group_sgd_update)(const int m, __global REAL *u, __global REAL *w, __global REAL *v,
                                             __global const REAL *g, __global const int *off,
                                             __global const REAL *c, const REAL lr, const REAL alpha2,
                                             const REAL beta2, __local REAL *s)
{
    const long l = get_local_id(0);
    for (long k = get_group_id(0); k < m; k += get_num_groups(0)) {
        const REAL uk = u[k], ck = c[k];
        const long a = off[k], b = off[k + 1];
        REAL acc = 0;
        SPRED_LOCAL_FOR(i, a, b) acc += g[i] * w[i];
        const REAL dot = spred_wg_sum(acc, s);
        const REAL un = uk - lr * (dot + alpha2 * ck * uk);
        SPRED_LOCAL_FOR(i, a, b) {
            const REAL wi = w[i];
            const REAL wn = wi - lr * (uk * g[i] + beta2 * ck * wi);
            w[i] = wn;
            v[i] = un * wn;
        }
        if (l == 0) u[k] = un;
    }
}
