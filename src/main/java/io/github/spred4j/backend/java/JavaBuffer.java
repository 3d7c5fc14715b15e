package io.github.spred4j.backend.java;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;

/**
 * Elements held as doubles; a FLOAT32 buffer rounds every stored value to float, so it behaves like float storage
 * with float64 arithmetic in between.
 */
final class JavaBuffer extends DeviceBuffer {
    final double[] a;

    JavaBuffer(Context owner, Precision precision, long length) {
        super(owner, precision, length);
        if (length > Integer.MAX_VALUE - 8)
            throw new IllegalArgumentException("java backend buffers hold at most 2^31-9 elements, asked for " + length);
        a = new double[(int) length];
    }

    /** Stores x, rounded to the buffer's precision. */
    void set(int i, double x) {
        a[i] = precision() == Precision.FLOAT32 ? (double) (float) x : x;
    }

    @Override
    protected void doCopyFrom(double[] src, int srcOff, long dstOff, int count) {
        for (int i = 0; i < count; i++) set((int) dstOff + i, src[srcOff + i]);
    }

    @Override
    protected void doCopyFrom(float[] src, int srcOff, long dstOff, int count) {
        for (int i = 0; i < count; i++) a[(int) dstOff + i] = src[srcOff + i];
    }

    @Override
    protected void doCopyTo(long srcOff, double[] dst, int dstOff, int count) {
        System.arraycopy(a, (int) srcOff, dst, dstOff, count);
    }

    @Override
    protected void doCopyTo(long srcOff, float[] dst, int dstOff, int count) {
        for (int i = 0; i < count; i++) dst[dstOff + i] = (float) a[(int) srcOff + i];
    }
}
