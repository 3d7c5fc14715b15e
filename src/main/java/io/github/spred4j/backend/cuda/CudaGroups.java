package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.GroupIndex;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

/** A device copy of a group partition: offsets as int32 (m+1) and weights as float64 (m), whatever the precision. */
final class CudaGroups extends GroupIndex {
    private final CudaContext ctx;
    final CUdeviceptr offsets = new CUdeviceptr();
    final CUdeviceptr weights = new CUdeviceptr();

    CudaGroups(CudaContext ctx, int[] off, double[] wt) {
        super(ctx, off, wt);
        this.ctx = ctx;
        ctx.makeCurrent();
        String sizes = "groups=" + wt.length + ", coordinates=" + off[off.length - 1];
        CudaContext.check(JCudaDriver.cuMemAlloc(offsets, (long) off.length * Sizeof.INT), "cuMemAlloc", sizes);
        try {
            CudaContext.check(JCudaDriver.cuMemcpyHtoD(offsets, Pointer.to(off), (long) off.length * Sizeof.INT), "cuMemcpyHtoD", sizes);
            if (wt.length > 0) {
                CudaContext.check(JCudaDriver.cuMemAlloc(weights, (long) wt.length * Sizeof.DOUBLE), "cuMemAlloc", sizes);
                try {
                    CudaContext.check(JCudaDriver.cuMemcpyHtoD(weights, Pointer.to(wt), (long) wt.length * Sizeof.DOUBLE), "cuMemcpyHtoD", sizes);
                } catch (RuntimeException e) {
                    JCudaDriver.cuMemFree(weights);
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            JCudaDriver.cuMemFree(offsets);
            throw e;
        }
        releaseWith(new Free(ctx.handle(), offsets, wt.length > 0 ? weights : null));
    }

    /** Frees both copies in the owning CUDA context; handles only (it is also the Cleaner's action). */
    private record Free(jcuda.driver.CUcontext ctx, CUdeviceptr offsets, CUdeviceptr weights) implements Runnable {
        @Override
        public void run() {
            CudaContext.check(JCudaDriver.cuCtxSetCurrent(ctx), "cuCtxSetCurrent", "group index release");
            try {
                CudaContext.check(JCudaDriver.cuMemFree(offsets), "cuMemFree", "group offsets");
            } finally {
                if (weights != null) CudaContext.check(JCudaDriver.cuMemFree(weights), "cuMemFree", "group weights");
            }
        }
    }
}
