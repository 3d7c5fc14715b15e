/*
 * spred_cuda.cuh — what every CUDA kernel of spred4j shares.
 *
 * A kernel source (kernels/cuda/<stem>.cu) is REAL-generic: it is compiled once with REAL=float and
 * SPRED_SUFFIX=f32 and once with REAL=double and SPRED_SUFFIX=f64, so that SPRED_ENTRY(hadamard) names the entry
 * points hadamard_f32 and hadamard_f64. spred4j.cu includes every source twice that way to make one fatbin.
 * A single source can still be compiled alone for a quick check:
 *     nvcc -DREAL=float -DSPRED_SUFFIX=f32 -arch=sm_90 -c hadamard.cu
 *
 * The REAL-independent helpers below are templates inside an include guard; the shared element-wise header
 * kernels/spred_math.h is included by the translation unit once per REAL (see spred4j.cu), its functions
 * overload on REAL in C++.
 */
#ifndef REAL
#error "define REAL (float or double) and SPRED_SUFFIX (f32 or f64) before including spred_cuda.cuh"
#endif
#ifndef SPRED_SUFFIX
#error "define SPRED_SUFFIX (f32 or f64) before including spred_cuda.cuh"
#endif

#include "../spred_math.h"

#ifndef SPRED_CUDA_CUH
#define SPRED_CUDA_CUH

#define SPRED_CAT2(a, b) a##_##b
#define SPRED_CAT(a, b) SPRED_CAT2(a, b)
/* The entry point of a stem in the current precision: SPRED_ENTRY(hadamard) -> hadamard_f32 / hadamard_f64. */
#define SPRED_ENTRY(stem) SPRED_CAT(stem, SPRED_SUFFIX)

/* Block size of every launch made by CudaContext (reductions rely on it being a multiple of 32, <= 1024). */
#define SPRED_BLOCK 256

/* 16 bytes of T, so that an aligned load or store of one is a single 128-bit memory instruction. */
template <typename T>
struct alignas(16) Vec16 {
    T v[16 / sizeof(T)];
};

/* V elements of T as one aligned memory instruction (V·sizeof(T) = 16 bytes, or V = 1: a plain scalar). */
template <typename T, int V>
struct alignas(V * sizeof(T)) SVec {
    T v[V];
};

/* Global thread index and grid stride, 64-bit: buffers may hold more than 2^31 elements. */
__device__ __forceinline__ long long spred_tid()
{
    return (long long)blockIdx.x * blockDim.x + threadIdx.x;
}

__device__ __forceinline__ long long spred_stride()
{
    return (long long)gridDim.x * blockDim.x;
}

/*
 * Sum of x over the block, result valid in thread 0. Fixed shuffle tree then warp partials summed in warp order:
 * the result depends only on the inputs and blockDim, never on scheduling.
 */
__device__ __forceinline__ double spred_block_sum(double x)
{
    __shared__ double warp_sums[32];
    for (int o = 16; o > 0; o >>= 1) x += __shfl_down_sync(0xffffffffu, x, o);
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    __syncthreads(); /* warp_sums may still be read by a previous call */
    if (lane == 0) warp_sums[warp] = x;
    __syncthreads();
    double s = 0;
    if (threadIdx.x == 0)
        for (int i = 0; i < (int)(blockDim.x >> 5); i++) s += warp_sums[i];
    return s;
}

/* max(a, b) that propagates NaN (fmax drops it): once NaN, always NaN. */
__device__ __forceinline__ double spred_max_nan(double a, double b)
{
    return a != a ? a : ((b != b || b > a) ? b : a);
}

/* Maximum of x over the block with NaN propagation, valid in thread 0. */
__device__ __forceinline__ double spred_block_max(double x)
{
    __shared__ double warp_max[32];
    for (int o = 16; o > 0; o >>= 1) x = spred_max_nan(x, __shfl_down_sync(0xffffffffu, x, o));
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    __syncthreads();
    if (lane == 0) warp_max[warp] = x;
    __syncthreads();
    double s = 0;
    if (threadIdx.x == 0)
        for (int i = 0; i < (int)(blockDim.x >> 5); i++) s = spred_max_nan(s, warp_max[i]);
    return s;
}

/* Sum over one warp, result valid in lane 0 (fixed tree: deterministic). */
__device__ __forceinline__ double spred_warp_sum(double x)
{
    for (int o = 16; o > 0; o >>= 1) x += __shfl_down_sync(0xffffffffu, x, o);
    return x;
}

#endif /* SPRED_CUDA_CUH */

/* Elements per 16-byte vector in the current precision (4 floats or 2 doubles). */
#undef VW
#define VW (16 / (int)sizeof(REAL))
#undef RVEC
#define RVEC Vec16<REAL>
