package io.github.spred4j.api;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Set;

/**
 * A vector of {@code length} elements of one {@link Precision}, living on a backend's device and owned by the
 * {@link Context} that allocated it. Closing is idempotent; any use after close throws
 * {@link IllegalStateException}. Closing the context closes its buffers.
 *
 * <p>Copies between Java and the device convert between float and double when the Java array's type differs
 * from the buffer's precision (double to float rounds to nearest). Copies never modify the source array.
 * Buffers are not thread-safe; use one context per thread.
 *
 * <p>A buffer dropped without {@code close()} is freed by a Cleaner and reported (see {@link Context}). Backends:
 * the constructor calls {@link #releaseWith} with an action that frees the device memory and refers to the
 * handle only, never to the buffer.
 */
public abstract class DeviceBuffer implements AutoCloseable {
    private final Context owner;
    private final Precision precision;
    private final long length;
    private final Resource res = Resource.of(this, "device buffer", false);

    protected DeviceBuffer(Context owner, Precision precision, long length) {
        if (length < 0) throw new IllegalArgumentException("buffer length must be >= 0, got " + length);
        this.owner = Objects.requireNonNull(owner);
        this.precision = Objects.requireNonNull(precision);
        this.length = length;
    }

    public final Context context() {
        return owner;
    }

    public final Precision precision() {
        return precision;
    }

    public final long length() {
        return length;
    }

    public final long bytes() {
        return length * precision.bytes();
    }

    /** True once closed explicitly, with its context, or by the Cleaner. */
    public final boolean isClosed() {
        return res.isReleased();
    }

    /** Throws {@link IllegalStateException} when closed. */
    public final void checkOpen() {
        if (res.isReleased()) throw new IllegalStateException("device buffer (" + precision + ", length " + length + ") used after close");
        owner.checkOpen();
    }

    /** Copies {@code src[srcOff .. srcOff+count)} to elements {@code [dstOff .. dstOff+count)}. */
    public final void copyFrom(double[] src, int srcOff, long dstOff, int count) {
        checkOpen();
        checkRange("source array", src.length, srcOff, count);
        checkRange("buffer", length, dstOff, count);
        try {
            if (count > 0) doCopyFrom(src, srcOff, dstOff, count);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public final void copyFrom(float[] src, int srcOff, long dstOff, int count) {
        checkOpen();
        checkRange("source array", src.length, srcOff, count);
        checkRange("buffer", length, dstOff, count);
        try {
            if (count > 0) doCopyFrom(src, srcOff, dstOff, count);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Copies the whole array to the start of the buffer; the array must not be longer than the buffer. */
    public final void copyFrom(double[] src) {
        copyFrom(src, 0, 0, src.length);
    }

    public final void copyFrom(float[] src) {
        copyFrom(src, 0, 0, src.length);
    }

    /** Copies elements {@code [srcOff .. srcOff+count)} into {@code dst[dstOff ..]}. */
    public final void copyTo(long srcOff, double[] dst, int dstOff, int count) {
        checkOpen();
        checkRange("buffer", length, srcOff, count);
        checkRange("destination array", dst.length, dstOff, count);
        try {
            if (count > 0) doCopyTo(srcOff, dst, dstOff, count);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    public final void copyTo(long srcOff, float[] dst, int dstOff, int count) {
        checkOpen();
        checkRange("buffer", length, srcOff, count);
        checkRange("destination array", dst.length, dstOff, count);
        try {
            if (count > 0) doCopyTo(srcOff, dst, dstOff, count);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /** Copies the first {@code dst.length} elements into {@code dst}. */
    public final void copyTo(double[] dst) {
        copyTo(0, dst, 0, dst.length);
    }

    public final void copyTo(float[] dst) {
        copyTo(0, dst, 0, dst.length);
    }

    /** The whole buffer as a new double array (length must fit in an int). */
    public final double[] toDoubleArray() {
        double[] out = new double[Math.toIntExact(length)];
        copyTo(out);
        return out;
    }

    /**
     * Copies from a direct or heap byte buffer holding elements of this buffer's precision in native byte order,
     * from its position to its limit, to the start of this buffer. The source's position is not changed.
     */
    public final void copyFrom(ByteBuffer src) {
        checkOpen();
        ByteBuffer b = src.duplicate().order(ByteOrder.nativeOrder());
        int n = b.remaining() / precision.bytes();
        if (b.remaining() % precision.bytes() != 0)
            throw new IllegalArgumentException("byte buffer holds " + b.remaining() + " bytes, not a multiple of " + precision.bytes());
        checkRange("buffer", length, 0, n);
        if (precision == Precision.FLOAT64) {
            double[] tmp = new double[n];
            b.asDoubleBuffer().get(tmp);
            copyFrom(tmp);
        } else {
            float[] tmp = new float[n];
            b.asFloatBuffer().get(tmp);
            copyFrom(tmp);
        }
    }

    /** Copies the buffer's first {@code dst.remaining()/bytes} elements into {@code dst} (position unchanged). */
    public final void copyTo(ByteBuffer dst) {
        checkOpen();
        ByteBuffer b = dst.duplicate().order(ByteOrder.nativeOrder());
        int n = b.remaining() / precision.bytes();
        checkRange("buffer", length, 0, n);
        if (precision == Precision.FLOAT64) {
            double[] tmp = new double[n];
            copyTo(tmp);
            b.asDoubleBuffer().put(tmp);
        } else {
            float[] tmp = new float[n];
            copyTo(tmp);
            b.asFloatBuffer().put(tmp);
        }
    }

    /** Frees the device memory; idempotent (closing twice, or after the context closed it, does nothing). */
    @Override
    public final void close() {
        res.close();
    }

    /**
     * Called once by the backend's constructor when the device memory exists: the action that frees it, run once
     * on {@link #close()} or by the Cleaner. It must not refer to this buffer (capture the handle only).
     */
    protected final void releaseWith(Runnable action) {
        res.releaseWith(Objects.requireNonNull(action, "action"));
    }

    /** Called by {@link Context#alloc}: the buffer is live from now on. */
    final void track(Set<Resource> live, String what) {
        res.describe(what);
        res.arm(live);
    }

    protected abstract void doCopyFrom(double[] src, int srcOff, long dstOff, int count);

    protected abstract void doCopyFrom(float[] src, int srcOff, long dstOff, int count);

    protected abstract void doCopyTo(long srcOff, double[] dst, int dstOff, int count);

    protected abstract void doCopyTo(long srcOff, float[] dst, int dstOff, int count);

    static void checkRange(String what, long capacity, long off, long count) {
        if (off < 0 || count < 0 || off > capacity - count)
            throw new IndexOutOfBoundsException(what + " range [" + off + ", " + off + "+" + count + ") outside length " + capacity);
    }

    @Override
    public String toString() {
        return "DeviceBuffer[" + precision + ", length=" + length + (isClosed() ? ", closed" : "") + "]";
    }
}
