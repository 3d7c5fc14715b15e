/*
 * common.cl — what every OpenCL kernel file of spred4j shares: the entry macro, the accumulation type and the
 * work-group reductions. Not an operation of its own.
 *
 * The Java backend (src/main/java/io/github/spred4j/backend/opencl/OpenClDevice.java) builds ONE program
 * per precision from
 *   [#pragma OPENCL EXTENSION cl_khr_fp64 : enable]  kernels/spred_math.h  common.cl  <one .cl per op of kernels/ops.tsv>
 * with clBuildProgram options "-DREAL=float" or "-DREAL=double -DSPRED_F64" (plus -DSPRED_CONTIGUOUS on CPU
 * devices, see SPRED_FOR below, and -DSPRED_NO_FP64 on devices without cl_khr_fp64), so SPRED_ENTRY(hadamard)
 * names the entry point hadamard_f32 or hadamard_f64. (The stem is pasted unexpanded: "dot" is also a builtin
 * that some implementations define as a macro.)
 *
 * ACC, the accumulation type of every reduction (dot products, sums, the matrix passes' partials, the group
 * kernels' segmented sums, the group weights and decays), is double, as in the CUDA and C kernels, on every
 * device with cl_khr_fp64 (PoCL's CPU devices always have it), in both precisions. A device without fp64 (some
 * mobile and integrated GPUs) gets -DSPRED_NO_FP64: ACC is float there, float32 sums are then accumulated in
 * float (error ~ n·2^-24 relative instead of ~2^-53), FLOAT64 is refused with a clear error, and the device's
 * description says "no fp64"; OpenClDevice documents it.
 *
 * Work-group reductions are plain binary trees over a power-of-two local size: the order of the additions
 * depends only on the local size, which the host derives from the problem size, so results are
 * deterministic for a given size and device (no atomics anywhere).
 */
#ifdef SPRED_F64
#define SPRED_ENTRY(stem) stem##_f64
#else
#define SPRED_ENTRY(stem) stem##_f32
#endif

#ifdef SPRED_NO_FP64
typedef float ACC;
#else
typedef double ACC;
#endif

/*
 * Which elements a work-item owns. GPUs want adjacent work-items on adjacent elements (coalesced loads), so
 * they stride; CPU devices (the host adds -DSPRED_CONTIGUOUS for them) want each work-item to stream through
 * one contiguous chunk: PoCL cannot vectorise a strided loop, and measured 5-15x slower with it.
 *   SPRED_FOR(i, n):          over [0, n), across the whole NDRange (ulong i)
 *   SPRED_LOCAL_FOR(i, a, b): over [a, b), across the work-items of one work-group (long i)
 * Ownership depends only on the launch geometry, so reductions stay deterministic.
 */
#ifdef SPRED_CONTIGUOUS
#define SPRED_FOR(i, n)                                                                          \
    for (ulong i##_per_ = ((ulong)(n) + get_global_size(0) - 1) / get_global_size(0),           \
               i = min((ulong)(n), (ulong)get_global_id(0) * i##_per_),                         \
               i##_end_ = min((ulong)(n), i + i##_per_);                                        \
         i < i##_end_; i++)
#define SPRED_LOCAL_FOR(i, a, b)                                                                 \
    for (long i##_per_ = ((long)(b) - (long)(a) + (long)get_local_size(0) - 1) / (long)get_local_size(0), \
              i = min((long)(b), (long)(a) + (long)get_local_id(0) * i##_per_),                 \
              i##_end_ = min((long)(b), i + i##_per_);                                          \
         i < i##_end_; i++)
#else
#define SPRED_FOR(i, n) for (ulong i = get_global_id(0); i < (ulong)(n); i += get_global_size(0))
#define SPRED_LOCAL_FOR(i, a, b) \
    for (long i = (long)(a) + (long)get_local_id(0); i < (long)(b); i += (long)get_local_size(0))
#endif

/* Sum of x over the work-group, returned to every work-item; s holds get_local_size(0) elements. Must be
 * reached by all work-items of the group (it contains barriers); s is free again on return. */
inline ACC spred_wg_sum(ACC x, __local ACC *s)
{
    const size_t l = get_local_id(0);
    s[l] = x;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (size_t h = get_local_size(0) / 2; h > 0; h >>= 1) {
        if (l < h) s[l] += s[l + h];
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const ACC r = s[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

/* max(a, b) that propagates NaN (fmax would drop it): the reference returns NaN when any element is NaN. */
inline ACC spred_max_nan(ACC a, ACC b)
{
    return (isnan(b) || b > a) ? b : a;
}

/* Work-group max with NaN propagation; same contract as spred_wg_sum. */
inline ACC spred_wg_max(ACC x, __local ACC *s)
{
    const size_t l = get_local_id(0);
    s[l] = x;
    barrier(CLK_LOCAL_MEM_FENCE);
    for (size_t h = get_local_size(0) / 2; h > 0; h >>= 1) {
        if (l < h) s[l] = spred_max_nan(s[l], s[l + h]);
        barrier(CLK_LOCAL_MEM_FENCE);
    }
    const ACC r = s[0];
    barrier(CLK_LOCAL_MEM_FENCE);
    return r;
}

/*
 * The tiled products (gemm_xtr.cl, gemm_xb.cl, gram_cols.cl): one work-group of 256 computes a 64×64 output tile,
 * each work-item a 4×4 register block at rows lx + 16i and columns ly + 16j of the tile. spred_tile_mac adds one
 * 16-step slice of the local tiles (As[t][row], Bs[t][column]) into the block; spred_tile_store writes the block
 * to out (column c at out + c·M) inside the M×K result.
 */
inline void spred_tile_mac(ACC acc[4][4], __local ACC (*As)[65], __local ACC (*Bs)[65], const int lx, const int ly)
{
    for (int tt = 0; tt < 16; tt++) {
        ACC av[4], bv[4];
        for (int i = 0; i < 4; i++) av[i] = As[tt][lx + 16 * i], bv[i] = Bs[tt][ly + 16 * i];
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) acc[i][j] += av[i] * bv[j];
    }
}

inline void spred_tile_store(__global REAL *out, ACC acc[4][4], const long M, const long K, const long a0,
                             const long j0, const int lx, const int ly)
{
    for (int j = 0; j < 4; j++)
        for (int i = 0; i < 4; i++) {
            const long a = a0 + lx + 16 * i, c = j0 + ly + 16 * j;
            if (a < M && c < K) out[c * M + a] = (REAL)acc[i][j];
        }

/*
 * The scaffold every tiled product shares, around its two tile loads: grid-stride over the 64×64 output tiles of the
 * M×K result (column c at out + c·M), the 4×4 accumulator zeroed per tile, the reduction index t in 16-step slices
 * (T in all), each slice staged by the 256 work-items in four loads of one element per tile, multiplied
 * (spred_tile_mac) and the block stored (spred_tile_store). The variadic argument is the load: a block that, for
 * e = l + 256·q (q < 4), fills one element of As[t][row] and of Bs[t][column] from what is in scope: e, l, a0 and
 * j0 (the tile's first output row and column), t0 (the slice's first step), M, K, T. Written once here as CUDA
 * shares it through gemm_tile.cuh's template (OpenCL C has no templates). Expands to the whole kernel body.
 */
#define SPRED_TILED_PRODUCT(out, M_, K_, T_, ...)                                                                \
    __local ACC As[16][65], Bs[16][65];                                                                           \
    const int l = get_local_id(0), lx = l & 15, ly = l >> 4;                                                      \
    const long M = (M_), K = (K_), T = (T_), tm = (M + 63) / 64, tiles = tm * ((K + 63) / 64);                   \
    for (long tile = get_group_id(0); tile < tiles; tile += get_num_groups(0)) {                                  \
        const long a0 = (tile % tm) * 64, j0 = (tile / tm) * 64;                                                  \
        ACC acc[4][4];                                                                                            \
        for (int i = 0; i < 4; i++)                                                                               \
            for (int j = 0; j < 4; j++) acc[i][j] = 0;                                                            \
        for (long t0 = 0; t0 < T; t0 += 16) {                                                                     \
            for (int q = 0; q < 4; q++) {                                                                         \
                const int e = l + 256 * q;                                                                        \
                __VA_ARGS__                                                                                       \
            }                                                                                                     \
            barrier(CLK_LOCAL_MEM_FENCE);                                                                         \
            spred_tile_mac(acc, As, Bs, lx, ly);                                                                  \
            barrier(CLK_LOCAL_MEM_FENCE);                                                                         \
        }                                                                                                         \
        spred_tile_store(out, acc, M, K, a0, j0, lx, ly);                                                         \
    }
}
