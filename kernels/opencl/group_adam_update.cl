/*
 * group_adam_update.cl — fused Adam step on the group spred objective (c_g the group weight):
 *   lg_u = <g_g, w_g>, lg_wi = u_g*g_i (old u_g, w); spred_adam (kernels/spred_math.h) on u_g with decay
 *   2*alpha*c_g and moments (mu_g, vu_g), on each w_i with decay 2*beta*c_g and (mw_i, vw_i); v_i = u_g' * w_i'.
 *   bc1 = 1/(1-b1^t), bc2 = 1/(1-b2^t) come from the host (double).
 * Traffic per element (float32): read w, g (twice), mw, vw, write w, mw, vw, v = 32 B.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per group; ordering of reads and writes as in group_sgd_update.cl.
 */
__kernel void SPRED_KERNEL(group_adam_update)(const int m, __global REAL *u, __global REAL *w, __global REAL *v,
                                              __global const REAL *g, __global REAL *mu, __global REAL *vu,
                                              __global REAL *mw, __global REAL *vw,
                                              __global const int *off, __global const REAL *c,
                                              const REAL lr, const REAL b1, const REAL b2, const REAL eps,
                                              const REAL bc1, const REAL bc2, const int decoupled,
                                              const REAL alpha2, const REAL beta2, __local REAL *s)
{
    const long l = get_local_id(0);
    for (long k = get_group_id(0); k < m; k += get_num_groups(0)) {
        const REAL uk = u[k], ck = c[k];
        REAL muk = mu[k], vuk = vu[k];
        const long a = off[k], b = off[k + 1];
        REAL acc = 0;
        SPRED_LOCAL_FOR(i, a, b) acc += g[i] * w[i];
        const REAL dot = spred_wg_sum(acc, s);
        const REAL un = spred_adam(uk, dot, alpha2 * ck, &muk, &vuk, lr, b1, b2, eps, bc1, bc2, decoupled);
        SPRED_LOCAL_FOR(i, a, b) {
            const REAL wi = w[i];
            REAL mwi = mw[i], vwi = vw[i];
            const REAL wn = spred_adam(wi, uk * g[i], beta2 * ck, &mwi, &vwi, lr, b1, b2, eps, bc1, bc2, decoupled);
            w[i] = wn;
            mw[i] = mwi;
            vw[i] = vwi;
            v[i] = un * wn;
        }
        if (l == 0) {
            u[k] = un;
            mu[k] = muk;
            vu[k] = vuk;
        }
    }
}
