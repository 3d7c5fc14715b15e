/*
 * emu.hpp — just enough of CUDA to run the spred4j kernels on the CPU, for checking their logic on a machine
 * without a GPU (kernels/cuda/emu/run.sh). One std::thread per CUDA thread, blocks one after another;
 * __syncthreads is a block barrier, __shfl_down_sync a warp barrier around a per-warp buffer. Semantics only:
 * nothing here says anything about speed, and float maths may round differently from the GPU.
 */
#pragma once
#include <algorithm>
#include <barrier>
#include <cmath>
#include <memory>
#include <thread>
#include <vector>

struct emu_dim3 {
    unsigned x, y, z;
};
thread_local emu_dim3 threadIdx, blockIdx;
emu_dim3 blockDim, gridDim;

struct emu_block_sync {
    std::barrier<> *block;
    std::vector<std::unique_ptr<std::barrier<>>> warps;
    std::vector<double> shfl;
};
thread_local emu_block_sync *emu_sync;
/* Dynamic shared memory of the running block (the kernels' extern __shared__ arrays point here). */
alignas(16) double emu_dyn_smem[1 << 16];

inline void __syncthreads() { emu_sync->block->arrive_and_wait(); }

template <typename T>
T __shfl_down_sync(unsigned, T x, int offset)
{
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    double *buf = &emu_sync->shfl[warp * 32];
    buf[lane] = (double)x;
    emu_sync->warps[warp]->arrive_and_wait();
    T r = lane + offset < 32 ? (T)buf[lane + offset] : x;
    emu_sync->warps[warp]->arrive_and_wait();
    return r;
}

using std::exp;
using std::fabs;
using std::fmax;
using std::log1p;
using std::min;
using std::sqrt;

#define __global__
#define __device__
#define __forceinline__ inline
#define __launch_bounds__(...)
#define __shared__ static
#define __CUDACC__ 1

/* Runs f() as grid × block CUDA threads (block a multiple of 32), blocks in order. */
template <typename F>
void emu_launch(unsigned grid, unsigned block, F f)
{
    gridDim = {grid, 1, 1};
    blockDim = {block, 1, 1};
    for (unsigned b = 0; b < grid; b++) {
        std::barrier<> bar((std::ptrdiff_t)block);
        emu_block_sync s;
        s.block = &bar;
        for (unsigned w = 0; w < block / 32; w++) s.warps.emplace_back(new std::barrier<>(32));
        s.shfl.assign(block, 0.0);
        std::vector<std::thread> ts;
        for (unsigned t = 0; t < block; t++)
            ts.emplace_back([&, t, b] {
                threadIdx = {t, 0, 0};
                blockIdx = {b, 0, 0};
                emu_sync = &s;
                f();
            });
        for (auto &t : ts) t.join();
    }
}
