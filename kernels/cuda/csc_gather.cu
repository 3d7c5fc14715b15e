/*
 * csc_gather: out[a·n + i] = X[i, cols[a]] for a < m: working-set columns of a CSC matrix as dense column-major
 * n×m (zeros, then the column's entries scattered).
 * Traffic: one REAL per row and gathered column plus value and index per gathered nonzero.
 * One block per gathered column (grid-stride); __syncthreads orders the zeros before the scatter.
 * Build: kernels/cuda/build.sh OUTDIR.
 */
#include "spred_cuda.cuh"

extern "C" __global__ void SPRED_ENTRY(csc_gather)(int n, int p, REAL *out, const REAL *__restrict__ val,
                                                   const int *__restrict__ cols, const long long *__restrict__ ptr,
                                                   const int *__restrict__ idx, int m)
{
    (void)p;
    for (long long a = blockIdx.x; a < m; a += gridDim.x) {
        REAL *o = out + a * (long long)n;
        const int j = cols[a];
        for (long long i = threadIdx.x; i < n; i += blockDim.x) o[i] = 0;
        __syncthreads();
        for (long long k = ptr[j] + threadIdx.x; k < ptr[j + 1]; k += blockDim.x) o[idx[k]] = val[k];
        __syncthreads();
    }
}
