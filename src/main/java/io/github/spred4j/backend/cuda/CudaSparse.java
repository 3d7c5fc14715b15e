package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.SparseIndex;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/** A device copy of a sparse structure: offsets as int64 (major+1), indices as int32 (at least one element). */
final class CudaSparse extends SparseIndex {
    final CUdeviceptr ptr = new CUdeviceptr();
    final CUdeviceptr idx = new CUdeviceptr();

    CudaSparse(CudaContext ctx, Layout layout, int rows, int cols, long[] p, int[] i) {
        super(ctx, layout, rows, cols, p, i);
        ctx.makeCurrent();
        String sizes = layout + " " + rows + "x" + cols + ", nnz=" + i.length;
        int[] host = i.length > 0 ? i : new int[1];
        CudaContext.check(JCudaDriver.cuMemAlloc(ptr, (long) p.length * Sizeof.LONG), "cuMemAlloc", sizes);
        try {
            CudaContext.check(JCudaDriver.cuMemcpyHtoD(ptr, Pointer.to(p), (long) p.length * Sizeof.LONG), "cuMemcpyHtoD", sizes);
            CudaContext.check(JCudaDriver.cuMemAlloc(idx, (long) host.length * Sizeof.INT), "cuMemAlloc", sizes);
            try {
                CudaContext.check(JCudaDriver.cuMemcpyHtoD(idx, Pointer.to(host), (long) host.length * Sizeof.INT), "cuMemcpyHtoD", sizes);
            } catch (RuntimeException e) {
                JCudaDriver.cuMemFree(idx);
                throw e;
            }
        } catch (RuntimeException e) {
            JCudaDriver.cuMemFree(ptr);
            throw e;
        }
        releaseWith(new Free(ctx.handle(), ptr, idx));
    }

    /** Frees both copies in the owning CUDA context; handles only. */
    private record Free(jcuda.driver.CUcontext ctx, CUdeviceptr ptr, CUdeviceptr idx) implements Runnable {
        @Override
        public void run() {
            CudaContext.check(JCudaDriver.cuCtxSetCurrent(ctx), "cuCtxSetCurrent", "sparse index release");
            try {
                CudaContext.check(JCudaDriver.cuMemFree(ptr), "cuMemFree", "sparse offsets");
            } finally {
                CudaContext.check(JCudaDriver.cuMemFree(idx), "cuMemFree", "sparse indices");
            }
        }
    }
}
