/*
 * group_momentum_update.cl — fused momentum step on the group spred objective (c_g the group weight):
 *   g_u = <g_g, w_g> + 2*alpha*c_g*u_g,  g_wi = u_g*g_i + 2*beta*c_g*w_i  (old u_g, w), then spred_momentum
 *   (kernels/spred_math.h) on u_g with mu_g and on each w_i with mw_i;  v_i = u_g' * w_i'.
 * Traffic per element (float32): read w, g (twice), mw, write w, mw, v = 24 B.
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per group; the per-group state is read by every work-item before the reduction's barriers
 * and written by work-item 0 after them (see group_sgd_update.cl). Every work-item computes u_g' itself.
 */
__kernel void SPRED_KERNEL(group_momentum_update)(const int m, __global REAL *u, __global REAL *w, __global REAL *v,
                                                  __global const REAL *g, __global REAL *mu, __global REAL *mw,
                                                  __global const int *off, __global const REAL *c,
                                                  const REAL lr, const REAL momentum, const int nesterov,
                                                  const REAL alpha2, const REAL beta2, __local REAL *s)
{
    const long l = get_local_id(0);
    for (long k = get_group_id(0); k < m; k += get_num_groups(0)) {
        const REAL uk = u[k], ck = c[k];
        REAL muk = mu[k];
        const long a = off[k], b = off[k + 1];
        REAL acc = 0;
        SPRED_LOCAL_FOR(i, a, b) acc += g[i] * w[i];
        const REAL dot = spred_wg_sum(acc, s);
        const REAL un = spred_momentum(uk, dot + alpha2 * ck * uk, &muk, lr, momentum, nesterov);
        SPRED_LOCAL_FOR(i, a, b) {
            const REAL wi = w[i];
            REAL mwi = mw[i];
            const REAL wn = spred_momentum(wi, uk * g[i] + beta2 * ck * wi, &mwi, lr, momentum, nesterov);
            w[i] = wn;
            mw[i] = mwi;
            v[i] = un * wn;
        }
        if (l == 0) {
            u[k] = un;
            mu[k] = muk;
        }
    }
}
