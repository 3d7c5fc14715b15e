/*
 * group_adam_update.cl — fused Adam step on the group spred objective (c_g the group weight):
 *   lg_u = <g_g, w_g>, lg_wi = u_g*g_i (old u_g, w); spred_adam (kernels/spred_math.h) on u_g with decay
 *   decay_u*c_g and moments (mu_g, vu_g), on each w_i with decay decay_w*c_g and (mw_i, vw_i); v_i = u_g' * w_i'.
 *   bc1 = 1/(1-b1^t), bc2 = 1/(1-b2^t) come from the host (double).
 * Traffic per element (float32): read w, g (twice), m_w, v_w, write w, m_w, v_w, v = 32 B.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per group; ordering of reads and writes as in group_sgd_update.cl.
 */
__kernel void SPRED_ENTRY(group_adam_update)(const int m, __global REAL *u, __global REAL *w, __global REAL *v,
                                             __global REAL *m_u, __global REAL *v_u, __global REAL *m_w,
                                             __global REAL *v_w, __global const REAL *g,
                                             __global const int *off, __global const ACC *wt,
                                             const REAL lr, const REAL beta1, const REAL beta2, const REAL eps,
                                             const REAL bc1, const REAL bc2, const ACC decay_u, const ACC decay_w,
                                             const int decoupled, __local ACC *s)
{
    const long l = get_local_id(0);
    for (long k = get_group_id(0); k < m; k += get_num_groups(0)) {
        const REAL uk = u[k];
        const ACC ck = wt[k];
        REAL muk = m_u[k], vuk = v_u[k];
        const long a = off[k], b = off[k + 1];
        ACC acc = 0;
        SPRED_LOCAL_FOR(i, a, b) acc += (ACC)g[i] * (ACC)w[i];
        const REAL dot = (REAL)spred_wg_sum(acc, s);
        const REAL un = spred_adam(uk, dot, (REAL)(decay_u * ck), &muk, &vuk, lr, beta1, beta2, eps, bc1, bc2, decoupled);
        const REAL dwk = (REAL)(decay_w * ck);
        SPRED_LOCAL_FOR(i, a, b) {
            const REAL wi = w[i];
            REAL mwi = m_w[i], vwi = v_w[i];
            const REAL wn = spred_adam(wi, uk * g[i], dwk, &mwi, &vwi, lr, beta1, beta2, eps, bc1, bc2, decoupled);
            w[i] = wn;
            m_w[i] = mwi;
            v_w[i] = vwi;
            v[i] = un * wn;
        }
        if (l == 0) {
            u[k] = un;
            m_u[k] = muk;
            v_u[k] = vuk;
        }
    }
}
