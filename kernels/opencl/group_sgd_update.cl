/*
 * group_sgd_update.cl — fused SGD step on the group spred objective (c_g the group weight), gradients from the
 * OLD u_g and w:  u_g' = u_g - lr*(<g_g, w_g> + decay_u*c_g*u_g),  w_i' = w_i - lr*(u_g*g_i + decay_w*c_g*w_i),
 *   v_i = u_g' * w_i'.
 * Traffic per element (float32): read w, g (twice: dot, then update; the second read is usually cached),
 * write w, v = 16 B.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per group. Every work-item reads the group's state before the reduction's barriers, and
 * work-item 0 writes u_g only after them, so no work-item can see the new u_g; each w_i is read and written by
 * the same work-item, after the barrier that ends the dot product.
 */
__kernel void SPRED_ENTRY(group_sgd_update)(const int m, __global REAL *u, __global REAL *w, __global REAL *v,
                                            __global const REAL *g, __global const int *off, __global const ACC *wt,
                                            const REAL lr, const ACC decay_u, const ACC decay_w, __local ACC *s)
{
    const long l = get_local_id(0);
    for (long k = get_group_id(0); k < m; k += get_num_groups(0)) {
        const REAL uk = u[k];
        const ACC ck = wt[k];
        const long a = off[k], b = off[k + 1];
        ACC acc = 0;
        SPRED_LOCAL_FOR(i, a, b) acc += (ACC)g[i] * (ACC)w[i];
        const ACC dot = spred_wg_sum(acc, s);
        const REAL un = uk - lr * (REAL)(dot + decay_u * ck * (ACC)uk);
        const REAL dwk = (REAL)(decay_w * ck);
        SPRED_LOCAL_FOR(i, a, b) {
            const REAL wi = w[i];
            const REAL wn = wi - lr * (uk * g[i] + dwk * wi);
            w[i] = wn;
            v[i] = un * wn;
        }
        if (l == 0) u[k] = un;
    }
}
