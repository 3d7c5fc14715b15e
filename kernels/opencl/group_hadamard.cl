/*
 * group_hadamard.cl — group forward product: v_i = u_g * w_i for i in [off[g], off[g+1]).
 * Traffic per element (float32): read w, write v = 8 B (plus 4 B of u and 8 B of offsets per group).
 * Built at run time with the other kernel files (see common.cl).
 * One work-group per group (grid-stride over groups), so a group of any size, or an empty one, needs no search.
 */
__kernel void SPRED_ENTRY(group_hadamard)(const int m, __global REAL *v, __global const REAL *u,
                                          __global const REAL *w, __global const int *off)
{
    for (long g = get_group_id(0); g < m; g += get_num_groups(0)) {
        const REAL ug = u[g];
        const long end = off[g + 1];
        SPRED_LOCAL_FOR(i, off[g], end)
            v[i] = ug * w[i];
    }
}
