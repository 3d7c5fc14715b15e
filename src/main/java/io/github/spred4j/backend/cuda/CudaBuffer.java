package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.JCudaDriver;

import java.util.Arrays;

/**
 * Device memory from {@code cuMemAlloc} (256-byte aligned, which the kernels' 16-byte vector loads rely on). A
 * zero-length buffer allocates nothing and keeps a null device pointer that no kernel dereferences. Copies
 * convert between float and double on the host when the array type differs from the buffer's precision.
 */
final class CudaBuffer extends DeviceBuffer {
    private final CudaContext ctx;
    /** The allocation; device address 0 for a zero-length buffer. */
    final CUdeviceptr ptr = new CUdeviceptr();

    CudaBuffer(CudaContext ctx, Precision precision, long length) {
        super(ctx, precision, length);
        this.ctx = ctx;
        if (length > Long.MAX_VALUE / precision.bytes())
            throw new IllegalArgumentException("buffer of " + length + " elements overflows a byte count");
        if (length > 0) {
            ctx.makeCurrent();
            CudaContext.check(JCudaDriver.cuMemAlloc(ptr, bytes()), "cuMemAlloc", "bytes=" + bytes() + ", length=" + length + ", " + precision);
            releaseWith(new Free(ctx.handle(), ptr, bytes()));
        }
    }

    /** cuMemFree in the owning CUDA context; holds the handles only (it is also the Cleaner's action). */
    record Free(jcuda.driver.CUcontext ctx, CUdeviceptr ptr, long bytes) implements Runnable {
        @Override
        public void run() {
            CudaContext.check(JCudaDriver.cuCtxSetCurrent(ctx), "cuCtxSetCurrent", "cuMemFree of " + bytes + " bytes");
            CudaContext.check(JCudaDriver.cuMemFree(ptr), "cuMemFree", "bytes=" + bytes);
        }
    }

    private int es() {
        return precision().bytes();
    }

    private String sizes(long off, int count) {
        return precision() + ", length=" + length() + ", offset=" + off + ", count=" + count;
    }

    private void upload(Pointer host, long dstOff, int count) {
        ctx.makeCurrent();
        CudaContext.check(JCudaDriver.cuMemcpyHtoD(ptr.withByteOffset(dstOff * es()), host, (long) count * es()),
                "cuMemcpyHtoD", sizes(dstOff, count));
    }

    private void download(Pointer host, long srcOff, int count) {
        ctx.makeCurrent();
        CudaContext.check(JCudaDriver.cuMemcpyDtoH(host, ptr.withByteOffset(srcOff * es()), (long) count * es()),
                "cuMemcpyDtoH", sizes(srcOff, count));
    }

    @Override
    protected void doCopyFrom(double[] src, int srcOff, long dstOff, int count) {
        if (precision() == Precision.FLOAT64) {
            upload(Pointer.to(srcOff == 0 ? src : Arrays.copyOfRange(src, srcOff, srcOff + count)), dstOff, count);
        } else {
            float[] tmp = new float[count];
            for (int i = 0; i < count; i++) tmp[i] = (float) src[srcOff + i];
            upload(Pointer.to(tmp), dstOff, count);
        }
    }

    @Override
    protected void doCopyFrom(float[] src, int srcOff, long dstOff, int count) {
        if (precision() == Precision.FLOAT32) {
            upload(Pointer.to(srcOff == 0 ? src : Arrays.copyOfRange(src, srcOff, srcOff + count)), dstOff, count);
        } else {
            double[] tmp = new double[count];
            for (int i = 0; i < count; i++) tmp[i] = src[srcOff + i];
            upload(Pointer.to(tmp), dstOff, count);
        }
    }

    @Override
    protected void doCopyTo(long srcOff, double[] dst, int dstOff, int count) {
        if (precision() == Precision.FLOAT64) {
            if (dstOff == 0) {
                download(Pointer.to(dst), srcOff, count);
            } else {
                double[] tmp = new double[count];
                download(Pointer.to(tmp), srcOff, count);
                System.arraycopy(tmp, 0, dst, dstOff, count);
            }
        } else {
            float[] tmp = new float[count];
            download(Pointer.to(tmp), srcOff, count);
            for (int i = 0; i < count; i++) dst[dstOff + i] = tmp[i];
        }
    }

    @Override
    protected void doCopyTo(long srcOff, float[] dst, int dstOff, int count) {
        if (precision() == Precision.FLOAT32) {
            if (dstOff == 0) {
                download(Pointer.to(dst), srcOff, count);
            } else {
                float[] tmp = new float[count];
                download(Pointer.to(tmp), srcOff, count);
                System.arraycopy(tmp, 0, dst, dstOff, count);
            }
        } else {
            double[] tmp = new double[count];
            download(Pointer.to(tmp), srcOff, count);
            for (int i = 0; i < count; i++) dst[dstOff + i] = (float) tmp[i];
        }
    }
}
