/*
 * group_grad_split.cl — gradient of the group spred objective, c_g the group weight:
 *   du_g = <g_g, w_g> + decay_u*c_g * u_g,   dw_i = u_g * g_i + decay_w*c_g * w_i.
 * Traffic per element (float32): read g, w, write dw = 12 B (plus per group u, c, offsets, du).
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per group: the segmented reduction <g_g, w_g> is a local-memory tree (spred_wg_sum), so it
 * is deterministic and works for groups of any size, empty ones included (du_g = decay_u*c_g*u_g).
 */
__kernel void SPRED_ENTRY(group_grad_split)(const int m, __global REAL *du, __global REAL *dw,
                                            __global const REAL *g, __global const REAL *u, __global const REAL *w,
                                            __global const int *off, __global const ACC *wt,
                                            const ACC decay_u, const ACC decay_w, __local ACC *s)
{
    const long l = get_local_id(0);
    for (long k = get_group_id(0); k < m; k += get_num_groups(0)) {
        const REAL uk = u[k];
        const ACC ck = wt[k];
        const long a = off[k], b = off[k + 1];
        ACC acc = 0;
        SPRED_LOCAL_FOR(i, a, b) acc += (ACC)g[i] * (ACC)w[i];
        const ACC dot = spred_wg_sum(acc, s);
        const REAL dwk = (REAL)(decay_w * ck);
        SPRED_LOCAL_FOR(i, a, b) dw[i] = uk * g[i] + dwk * w[i];
        if (l == 0) du[k] = (REAL)(dot + decay_u * ck * (ACC)uk);
    }
}
