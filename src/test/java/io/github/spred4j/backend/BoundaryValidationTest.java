package io.github.spred4j.backend;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.DeviceException;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The native boundary (issue 6): hostile lengths, offsets, group arrays and shapes are rejected in Java with an
 * IllegalArgumentException / IndexOutOfBoundsException / NullPointerException naming the problem, before any
 * native call. Checked on every backend: nothing is allocated by a rejected call (the context's and the backend's
 * counts), outputs are not written, and the caller's arrays are never modified. Under scripts/asan-test.sh the
 * native backend runs these against the AddressSanitizer build, so a check that let a bad call through would
 * show up as a report rather than a pass.
 */
class BoundaryValidationTest {
    private static final double POISON = 7.25;

    private Context c;
    private LongSupplier device;
    private long before;

    private Context open(String name) {
        Backend b = ResourceLifecycleTest.backend(name);
        device = ResourceLifecycleTest.deviceCounter(name);
        c = b.open();
        before = device.getAsLong();
        return c;
    }

    /** The call must throw one of the documented argument exceptions and leave nothing allocated. */
    private void rejected(String what, Executable call) {
        int live = c.liveObjects();
        long dev = device.getAsLong();
        Throwable t = assertThrows(Throwable.class, call, what + " was accepted");
        if (!(t instanceof IllegalArgumentException || t instanceof IndexOutOfBoundsException
                || t instanceof NullPointerException || t instanceof IllegalStateException))
            fail(what + ": threw " + t + ", not an argument exception", t);
        assertTrue(t.getMessage() != null && !t.getMessage().isBlank(), what + ": the exception has no message");
        assertEquals(live, c.liveObjects(), what + ": left an object allocated");
        assertEquals(dev, device.getAsLong(), what + ": left a device allocation");
    }

    private DeviceBuffer poisoned(Precision p, int n) {
        DeviceBuffer b = c.alloc(p, n);
        c.fill(b, POISON);
        return b;
    }

    private static void unwritten(String what, DeviceBuffer b) {
        for (double d : b.toDoubleArray()) assertEquals(POISON, d, what + ": a rejected call wrote its output");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"})
    void hostileAllocationsAndCopies(String name) {
        try (Context ctx = open(name)) {
            rejected("alloc(null precision)", () -> ctx.alloc(null, 1));
            rejected("alloc(-1)", () -> ctx.alloc(Precision.FLOAT32, -1));
            rejected("alloc(Long.MIN_VALUE)", () -> ctx.alloc(Precision.FLOAT32, Long.MIN_VALUE));
            // Byte counts that overflow a long: rejected before any allocator sees a wrapped size.
            rejected("alloc(Long.MAX_VALUE floats)", () -> ctx.alloc(Precision.FLOAT32, Long.MAX_VALUE));
            rejected("alloc(2^61 doubles)", () -> ctx.alloc(Precision.FLOAT64, 1L << 61));
            // Representable but impossible (2^58 bytes, beyond any x86-64 address space, so an overcommitting OS
            // cannot grant it either; 16 TiB was granted on a 128 GiB machine): a DeviceException (ENOMEM or the
            // driver's code) or an argument exception, never a crash, and nothing left allocated.
            int live = ctx.liveObjects();
            try {
                ctx.alloc(Precision.FLOAT32, 1L << 56).close();
                fail("a 2^58-byte allocation succeeded");
            } catch (DeviceException | IllegalArgumentException expected) {
                assertTrue(expected.getMessage() != null);
            }
            assertEquals(live, ctx.liveObjects());
            assertEquals(before, device.getAsLong());

            double[] src = {1, 2, 3, 4, 5};
            double[] srcCopy = src.clone();
            try (DeviceBuffer b = poisoned(Precision.FLOAT32, 4)) {
                rejected("copyFrom(null)", () -> b.copyFrom((double[]) null));
                rejected("copyFrom longer than the buffer", () -> b.copyFrom(src));
                rejected("copyFrom srcOff < 0", () -> b.copyFrom(src, -1, 0, 2));
                rejected("copyFrom count < 0", () -> b.copyFrom(src, 0, 0, -1));
                rejected("copyFrom past the array", () -> b.copyFrom(src, 4, 0, 2));
                rejected("copyFrom dstOff < 0", () -> b.copyFrom(src, 0, -1, 2));
                rejected("copyFrom past the buffer", () -> b.copyFrom(src, 0, 3, 2));
                rejected("copyFrom dstOff overflowing", () -> b.copyFrom(src, 0, Long.MAX_VALUE, 1));
                rejected("copyFrom srcOff+count overflowing", () -> b.copyFrom(src, Integer.MAX_VALUE, 0, 2));
                rejected("copyFrom float[] count MAX", () -> b.copyFrom(new float[2], 0, 0, Integer.MAX_VALUE));
                double[] dst = {9, 9, 9};
                rejected("copyTo past the buffer", () -> b.copyTo(2, dst, 0, 3));
                rejected("copyTo srcOff overflowing", () -> b.copyTo(Long.MAX_VALUE, dst, 0, 1));
                rejected("copyTo srcOff < 0", () -> b.copyTo(-1, dst, 0, 1));
                rejected("copyTo dstOff past the array", () -> b.copyTo(0, dst, 2, 2));
                rejected("copyTo dstOff < 0", () -> b.copyTo(0, dst, -1, 1));
                rejected("copyTo(null)", () -> b.copyTo((float[]) null));
                assertArrayEquals(new double[]{9, 9, 9}, dst, "a rejected copyTo wrote the array");
                rejected("copyFrom(ByteBuffer) not a whole element", () -> b.copyFrom(ByteBuffer.allocate(6)));
                rejected("copyFrom(ByteBuffer) longer than the buffer", () -> b.copyFrom(ByteBuffer.allocateDirect(20)));
                rejected("copyTo(ByteBuffer) longer than the buffer", () -> b.copyTo(ByteBuffer.allocate(20)));
                unwritten("copies", b);
                b.copyFrom(src, 1, 1, 3);
                assertArrayEquals(new double[]{POISON, 2, 3, 4}, b.toDoubleArray());
            }
            assertArrayEquals(srcCopy, src, "the source array was modified");
            assertEquals(0, ctx.liveObjects());
        }
        assertEquals(before, device.getAsLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"})
    void hostileGroupArrays(String name) {
        try (Context ctx = open(name)) {
            rejected("groups(null)", () -> ctx.groups(null));
            rejected("groups({})", () -> ctx.groups(new int[0]));
            rejected("groups(null, w)", () -> ctx.groups(null, new double[0]));
            rejected("groups(o, null)", () -> ctx.groups(new int[]{0, 1}, null));
            rejected("offsets not starting at 0", () -> ctx.groups(new int[]{1, 2}));
            rejected("decreasing offsets", () -> ctx.groups(new int[]{0, 5, 3}));
            rejected("negative offsets", () -> ctx.groups(new int[]{0, -1}));
            rejected("offset wrapping past int range", () -> ctx.groups(new int[]{0, Integer.MAX_VALUE, Integer.MIN_VALUE}));
            rejected("too few weights", () -> ctx.groups(new int[]{0, 1, 2}, new double[]{1}));
            rejected("too many weights", () -> ctx.groups(new int[]{0, 1}, new double[]{1, 1}));
            rejected("NaN weight", () -> ctx.groups(new int[]{0, 1}, new double[]{Double.NaN}));
            rejected("infinite weight", () -> ctx.groups(new int[]{0, 1}, new double[]{Double.POSITIVE_INFINITY}));
            rejected("negative weight", () -> ctx.groups(new int[]{0, 1}, new double[]{-1}));

            // The arrays are copied before validation and use: changing them afterwards changes nothing.
            int[] off = {0, 2, 4};
            double[] wt = {1, 1};
            try (GroupIndex g = ctx.groups(off, wt); DeviceBuffer v = poisoned(Precision.FLOAT32, 4);
                 DeviceBuffer u = ctx.upload(Precision.FLOAT32, new double[]{2, 3});
                 DeviceBuffer w = ctx.upload(Precision.FLOAT32, new double[]{1, 1, 1, 1});
                 DeviceBuffer u3 = ctx.upload(Precision.FLOAT32, new double[]{1, 1, 1});
                 DeviceBuffer v5 = poisoned(Precision.FLOAT32, 5); DeviceBuffer w5 = poisoned(Precision.FLOAT32, 5);
                 DeviceBuffer v64 = poisoned(precisionOtherThan(ctx), 4)) {
                assertArrayEquals(new int[]{0, 2, 4}, off, "offsets modified");
                assertArrayEquals(new double[]{1, 1}, wt, "weights modified");
                off[1] = 4000;
                wt[0] = Double.NaN;
                ctx.groupHadamard(v, u, w, g);
                assertArrayEquals(new double[]{2, 2, 3, 3}, v.toDoubleArray());
                ctx.fill(v, POISON);
                rejected("per-group buffer of the wrong length", () -> ctx.groupHadamard(v, u3, w, g));
                rejected("groups covering another length", () -> ctx.groupHadamard(v5, u, w5, g));
                rejected("mixed precisions", () -> ctx.groupHadamard(v64, u, w, g));
                rejected("null groups", () -> ctx.groupHadamard(v, u, w, null));
                try (GroupIndex huge = ctx.groups(new int[]{0, Integer.MAX_VALUE})) {
                    // An index over 2^31-1 coordinates is fine to hold; using it on 4-element buffers is not.
                    try (DeviceBuffer one = ctx.alloc(Precision.FLOAT32, 1)) {
                        rejected("groups larger than the buffers (per-group fits)", () -> ctx.groupHadamard(v, one, w, huge));
                    }
                }
                unwritten("group calls", v);
            }
            assertEquals(0, ctx.liveObjects());
        }
        assertEquals(before, device.getAsLong());
    }

    private static Precision precisionOtherThan(Context ctx) {
        try (DeviceBuffer ignored = ctx.alloc(Precision.FLOAT64, 1)) {
            return Precision.FLOAT64;
        } catch (RuntimeException e) {
            return Precision.FLOAT32; // no fp64 here: the mixed-precision case degenerates to a length case
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"})
    void hostileShapesAndArguments(String name) {
        try (Context ctx = open(name); Context other = ResourceLifecycleTest.backend(name).open()) {
            Precision p = Precision.FLOAT32;
            try (DeviceBuffer a = poisoned(p, 6); DeviceBuffer b = poisoned(p, 6); DeviceBuffer s = poisoned(p, 5);
                 DeviceBuffer x = ctx.upload(p, new double[]{1, 2, 3, 4, 5, 6}); DeviceBuffer o = other.alloc(p, 6);
                 DeviceBuffer out = poisoned(p, 2); DeviceBuffer vec = ctx.upload(p, new double[]{1, 1, 1});
                 DeviceBuffer one = ctx.upload(p, new double[]{0})) {
                rejected("length mismatch", () -> ctx.hadamard(a, b, s));
                rejected("buffer of another context", () -> ctx.hadamard(a, b, o));
                rejected("null buffer", () -> ctx.hadamard(a, null, b));
                rejected("null hyper-parameters", () -> ctx.sgdUpdate(a, b, x, x, null));
                rejected("Adam step 0", () -> ctx.adamUpdate(a, b, a, b, a, b, a, b,
                        new AdamParams(0.1, 0.9, 0.99, 1e-8, 0, 0, false), 0));
                rejected("NaN axpy factor", () -> ctx.axpy(a, Double.NaN, b));
                rejected("negative alpha", () -> ctx.gradSplit(a, b, x, x, x, -1, 0));
                rejected("negative n", () -> ctx.matVec(out, x, -2, 3, vec, 1));
                rejected("n*p not the length of X", () -> ctx.matVec(out, x, 3, 3, vec, 1));
                rejected("n*p overflowing int", () -> ctx.matVec(out, x, 65536, 65536, vec, 1));
                rejected("n*p wrapping to the length of X", () -> ctx.matVec(out, x, 1 << 16, (1 << 16) + 6, vec, 1));
                rejected("negative k", () -> ctx.matTVec(vec, x, 2, 3, out, -1));
                rejected("k*n not the output length", () -> ctx.matVec(out, x, 2, 3, vec, 2));
                rejected("gemm X·B: n*p not the length of X", () -> ctx.gemmXB(out, x, 3, 3, vec, 1));
                rejected("gemm Xᵀ·R: k*p not the output length", () -> ctx.gemmXtR(out, x, 2, 3, out, 1));
                rejected("gemm X·B: buffer of another context", () -> ctx.gemmXB(out, x, 2, 3, o, 2));
                rejected("gram columns: a column past p", () -> ctx.gramCols(vec, x, 2, 3, vec, new int[]{3}));
                rejected("gram columns: a negative column", () -> ctx.gramCols(vec, x, 2, 3, vec, new int[]{-1}));
                rejected("gram columns: null columns", () -> ctx.gramCols(vec, x, 2, 3, vec, null));
                rejected("gram columns: mean of the wrong length", () -> ctx.gramCols(vec, x, 2, 3, out, new int[]{0}));
                rejected("null loss", () -> ctx.lossGradient(null, vec, out, out, x, 2, 3, vec, one, out, 1));
                rejected("offset of the wrong length", () -> ctx.lossGradient(Loss.SQUARED, vec, out, b, x, 2, 3, vec, vec, out, 1));
                rejected("aliased but wrongly sized", () -> ctx.lossGradient(Loss.SQUARED, vec, out, out, x, 2, 3, vec, one, s, 1));
                for (DeviceBuffer d : new DeviceBuffer[]{a, b, s, out}) unwritten("shape checks", d);
            }
            assertEquals(0, ctx.liveObjects());
            assertEquals(0, other.liveObjects());
        }
        assertEquals(before, device.getAsLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"})
    void inputsAreNeverModified(String name) {
        try (Context ctx = open(name)) {
            double[] d = {1.5, -2, 3.25};
            float[] f = {1.5f, -2f, 3.25f};
            double[] dc = d.clone();
            float[] fc = f.clone();
            try (DeviceBuffer a = ctx.upload(Precision.FLOAT32, d); DeviceBuffer b = ctx.upload(Precision.FLOAT32, f)) {
                a.copyFrom(d);
                b.copyFrom(f, 0, 0, 3);
                ctx.sgdUpdate(a, b, ctx.alloc(Precision.FLOAT32, 3), a, new SgdParams(0.1, 0, 0));
            }
            assertArrayEquals(dc, d);
            assertArrayEquals(fc, f);
            int[] off = {0, 1, 3};
            double[] wt = {1, 2};
            ctx.groups(off, wt).close();
            ctx.groups(off).close();
            assertArrayEquals(new int[]{0, 1, 3}, off);
            assertArrayEquals(new double[]{1, 2}, wt);
        }
    }
}
