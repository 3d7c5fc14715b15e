package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.DeviceException;
import io.github.spred4j.api.Precision;

/** A 64-byte aligned native allocation of {@code length} elements, addressed by {@link #addr}. */
final class NativeBuffer extends DeviceBuffer {
    final long addr;
    /** 0 for float32, 1 for float64: the kernels' precision switch. */
    final int prec;

    NativeBuffer(Context owner, Precision precision, long length) {
        super(owner, precision, length);
        if (length > Long.MAX_VALUE / precision.bytes())
            throw new IllegalArgumentException("buffer of " + length + " " + precision + " elements exceeds the address space");
        long bytes = length * precision.bytes();
        prec = precision == Precision.FLOAT64 ? 1 : 0;
        addr = NativeLib.alloc(bytes);
        if (addr == 0)
            throw DeviceException.of("posix_memalign", "ENOMEM", 12, "bytes=" + bytes + ", length=" + length + ", " + precision);
        releaseWith(new Free(addr));
    }

    /** Frees the allocation; holds the address only, so that it can run after the buffer is unreachable. */
    private record Free(long addr) implements Runnable {
        @Override
        public void run() {
            NativeLib.free(addr);
        }
    }

    @Override
    protected void doCopyFrom(double[] src, int srcOff, long dstOff, int count) {
        NativeLib.copyFromDoubles(addr, prec, dstOff, src, srcOff, count);
    }

    @Override
    protected void doCopyFrom(float[] src, int srcOff, long dstOff, int count) {
        NativeLib.copyFromFloats(addr, prec, dstOff, src, srcOff, count);
    }

    @Override
    protected void doCopyTo(long srcOff, double[] dst, int dstOff, int count) {
        NativeLib.copyToDoubles(addr, prec, srcOff, dst, dstOff, count);
    }

    @Override
    protected void doCopyTo(long srcOff, float[] dst, int dstOff, int count) {
        NativeLib.copyToFloats(addr, prec, srcOff, dst, dstOff, count);
    }
}
