package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/**
 * A {@code cl_mem} of {@code length} elements. OpenCL forbids zero-size buffers, so an empty buffer holds no
 * {@code cl_mem} at all ({@link #mem} is null; kernels receive a NULL pointer they never dereference).
 * Copies are blocking; when the Java array's type differs from the precision the elements are converted on the
 * host in chunks.
 */
final class OpenClBuffer extends DeviceBuffer {
    /** Elements converted per chunk when the array type differs from the buffer's precision. */
    private static final int CHUNK = 1 << 20;

    private final OpenClContext ctx;
    final cl_mem mem;

    OpenClBuffer(OpenClContext ctx, Precision precision, long length) {
        super(ctx, precision, length);
        this.ctx = ctx;
        if (length > Long.MAX_VALUE / precision.bytes())
            throw new IllegalArgumentException("buffer of " + length + " " + precision + " elements exceeds the address space");
        long bytes = length * precision.bytes();
        this.mem = length == 0 ? null : Cl.createBuffer("clCreateBuffer", precision + " length=" + length + " bytes=" + bytes,
                err -> CL.clCreateBuffer(ctx.clContext(), CL.CL_MEM_READ_WRITE, bytes, null, err));
        if (mem != null) releaseWith(new Free(mem, "length=" + length));
    }

    /** Releases the cl_mem; holds the handle only, so that the Cleaner can run it for a dropped buffer. */
    private record Free(cl_mem mem, String sizes) implements Runnable {
        @Override
        public void run() {
            Cl.releaseBuffer("clReleaseMemObject", sizes, mem);
        }
    }

    private String sizes(long off, int count) {
        return precision() + " length=" + length() + " offset=" + off + " count=" + count;
    }

    private void write(long dstOff, int count, Pointer src) {
        int es = precision().bytes();
        Cl.check("clEnqueueWriteBuffer", sizes(dstOff, count),
                () -> CL.clEnqueueWriteBuffer(ctx.queue(), mem, true, dstOff * es, (long) count * es, src, 0, null, null));
    }

    private void read(long srcOff, int count, Pointer dst) {
        int es = precision().bytes();
        Cl.check("clEnqueueReadBuffer", sizes(srcOff, count),
                () -> CL.clEnqueueReadBuffer(ctx.queue(), mem, true, srcOff * es, (long) count * es, dst, 0, null, null));
    }

    @Override
    protected void doCopyFrom(double[] src, int srcOff, long dstOff, int count) {
        if (precision() == Precision.FLOAT64) {
            write(dstOff, count, Pointer.to(src).withByteOffset((long) srcOff * Double.BYTES));
            return;
        }
        float[] tmp = new float[Math.min(count, CHUNK)];
        for (int done = 0; done < count; ) {
            int c = Math.min(tmp.length, count - done);
            for (int i = 0; i < c; i++) tmp[i] = (float) src[srcOff + done + i];
            write(dstOff + done, c, Pointer.to(tmp));
            done += c;
        }
    }

    @Override
    protected void doCopyFrom(float[] src, int srcOff, long dstOff, int count) {
        if (precision() == Precision.FLOAT32) {
            write(dstOff, count, Pointer.to(src).withByteOffset((long) srcOff * Float.BYTES));
            return;
        }
        double[] tmp = new double[Math.min(count, CHUNK)];
        for (int done = 0; done < count; ) {
            int c = Math.min(tmp.length, count - done);
            for (int i = 0; i < c; i++) tmp[i] = src[srcOff + done + i];
            write(dstOff + done, c, Pointer.to(tmp));
            done += c;
        }
    }

    @Override
    protected void doCopyTo(long srcOff, double[] dst, int dstOff, int count) {
        if (precision() == Precision.FLOAT64) {
            read(srcOff, count, Pointer.to(dst).withByteOffset((long) dstOff * Double.BYTES));
            return;
        }
        float[] tmp = new float[Math.min(count, CHUNK)];
        for (int done = 0; done < count; ) {
            int c = Math.min(tmp.length, count - done);
            read(srcOff + done, c, Pointer.to(tmp));
            for (int i = 0; i < c; i++) dst[dstOff + done + i] = tmp[i];
            done += c;
        }
    }

    @Override
    protected void doCopyTo(long srcOff, float[] dst, int dstOff, int count) {
        if (precision() == Precision.FLOAT32) {
            read(srcOff, count, Pointer.to(dst).withByteOffset((long) dstOff * Float.BYTES));
            return;
        }
        double[] tmp = new double[Math.min(count, CHUNK)];
        for (int done = 0; done < count; ) {
            int c = Math.min(tmp.length, count - done);
            read(srcOff + done, c, Pointer.to(tmp));
            for (int i = 0; i < c; i++) dst[dstOff + done + i] = (float) tmp[i];
            done += c;
        }
    }
}
