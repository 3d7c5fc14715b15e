/*
 * group_momentum_update.cl — fused momentum step on the group spred objective (c_g the group weight):
 *   g_u = <g_g, w_g> + decay_u*c_g*u_g,  g_wi = u_g*g_i + decay_w*c_g*w_i  (old u_g, w), then spred_momentum
 *   (kernels/spred_math.h) on u_g with m_u[g] and on each w_i with m_w[i];  v_i = u_g' * w_i'.
 * Traffic per element (float32): read w, g (twice), m_w, write w, m_w, v = 24 B.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per group; the per-group state is read by every work-item before the reduction's barriers
 * and written by work-item 0 after them (see group_sgd_update.cl). Every work-item computes u_g' itself.
 */
__kernel void SPRED_ENTRY(group_momentum_update)(const int m, __global REAL *u, __global REAL *w, __global REAL *v,
                                                 __global REAL *m_u, __global REAL *m_w, __global const REAL *g,
                                                 __global const int *off, __global const ACC *wt,
                                                 const REAL lr, const REAL momentum, const int nesterov,
                                                 const ACC decay_u, const ACC decay_w, __local ACC *s)
{
    const long l = get_local_id(0);
    for (long k = get_group_id(0); k < m; k += get_num_groups(0)) {
        const REAL uk = u[k];
        const ACC ck = wt[k];
        REAL muk = m_u[k];
        const long a = off[k], b = off[k + 1];
        ACC acc = 0;
        SPRED_LOCAL_FOR(i, a, b) acc += (ACC)g[i] * (ACC)w[i];
        const ACC dot = spred_wg_sum(acc, s);
        const REAL un = spred_momentum(uk, (REAL)(dot + decay_u * ck * (ACC)uk), &muk, lr, momentum, nesterov);
        const REAL dwk = (REAL)(decay_w * ck);
        SPRED_LOCAL_FOR(i, a, b) {
            const REAL wi = w[i];
            REAL mwi = m_w[i];
            const REAL wn = spred_momentum(wi, uk * g[i] + dwk * wi, &mwi, lr, momentum, nesterov);
            w[i] = wn;
            m_w[i] = mwi;
            v[i] = un * wn;
        }
        if (l == 0) {
            u[k] = un;
            m_u[k] = muk;
        }
    }
}
