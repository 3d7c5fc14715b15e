package io.github.spred4j.backend;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;
import io.github.spred4j.backend.nativecpu.NativeCounters;
import io.github.spred4j.backend.opencl.OpenClCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Device resources on every available backend: 10,000 allocate/use/close cycles leave nothing allocated (the
 * context's count and the backend's own: native allocations, cl_mem objects), closing twice is harmless, use after
 * close throws, and buffers, group indexes and contexts dropped without close are freed by the Cleaner and reported
 * on the "io.github.spred4j" logger.
 */
class ResourceLifecycleTest {
    static final int CYCLES = 10_000;

    private final List<LogRecord> warnings = new ArrayList<>();
    private final Logger log = Logger.getLogger("io.github.spred4j");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue())
                synchronized (warnings) {
                    warnings.add(r);
                }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        log.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        log.removeHandler(capture);
    }

    static Backend backend(String name) {
        Backend b = null;
        for (Backend x : Backends.list()) if (x.name().equals(name)) b = x;
        assertTrue(b != null, "no backend " + name);
        Backend found = b;
        Required.backend(found);
        return found;
    }

    /** The backend's own count of live device allocations, or a constant 0 where it keeps none. */
    static LongSupplier deviceCounter(String name) {
        return switch (name) {
            case "native" -> NativeCounters::liveAllocations;
            case "opencl-cpu", "opencl-gpu" -> OpenClCounters::liveMemObjects;
            default -> () -> 0;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"})
    void tenThousandCyclesLeaveNothingAllocated(String name) {
        Backend b = backend(name);
        LongSupplier device = deviceCounter(name);
        long before = device.getAsLong();
        long peak = 0;
        long t0 = System.nanoTime();
        try (Context c = b.open()) {
            for (int i = 0; i < CYCLES; i++) {
                Precision p = i % 2 == 0 ? Precision.FLOAT32 : Precision.FLOAT64;
                if (p == Precision.FLOAT64 && name.startsWith("opencl") && !supportsFp64(c)) p = Precision.FLOAT32;
                int n = 1 + i % 257;
                double[] u = new double[n], w = new double[n], g = new double[n];
                for (int j = 0; j < n; j++) {
                    u[j] = 1 + j % 3;
                    w[j] = 0.5 * (j % 5);
                    g[j] = i % 7 - 3;
                }
                try (DeviceBuffer du = c.upload(p, u); DeviceBuffer dw = c.upload(p, w); DeviceBuffer dg = c.upload(p, g);
                     DeviceBuffer dv = c.alloc(p, n)) {
                    c.sgdUpdate(du, dw, dv, dg, new SgdParams(0.125, 0.0, 0.0));
                    // v = (u - lr*g*w)(w - lr*g*u) at element 0; checked so that "use" really ran.
                    double u0 = u[0] - 0.125 * g[0] * w[0], w0 = w[0] - 0.125 * g[0] * u[0];
                    double[] v = new double[1];
                    dv.copyTo(0, v, 0, 1);
                    assertEquals(u0 * w0, v[0], 1e-5 * Math.max(1, Math.abs(u0 * w0)), "cycle " + i);
                    if (i % 10 == 0) {
                        try (GroupIndex gr = c.groups(new int[]{0, n / 2, n}); DeviceBuffer gu = c.alloc(p, 2)) {
                            c.fill(gu, 1);
                            c.groupHadamard(dv, gu, dw, gr);
                            peak = Math.max(peak, c.liveObjects());
                        }
                    }
                    peak = Math.max(peak, c.liveObjects());
                }
                assertEquals(0, c.liveObjects(), "context objects left after cycle " + i);
            }
            assertEquals(0, c.liveObjects());
        }
        long after = device.getAsLong();
        System.out.printf("resources %s: %d cycles in %d ms, peak live objects %d, device allocations before %d after %d%n",
                name, CYCLES, (System.nanoTime() - t0) / 1_000_000, peak, before, after);
        assertEquals(before, after, name + ": device allocations left after " + CYCLES + " cycles and close");
    }

    private static boolean supportsFp64(Context c) {
        try (DeviceBuffer ignored = c.alloc(Precision.FLOAT64, 1)) {
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"})
    void closingTwiceIsHarmlessAndUseAfterCloseThrows(String name) {
        Backend b = backend(name);
        LongSupplier device = deviceCounter(name);
        long before = device.getAsLong();
        Context c = b.open();
        DeviceBuffer x = c.upload(Precision.FLOAT32, new double[]{1, 2, 3});
        DeviceBuffer y = c.upload(Precision.FLOAT32, new double[]{4, 5, 6});
        GroupIndex g = c.groups(new int[]{0, 1, 3});
        assertEquals(3, c.liveObjects());
        x.close();
        x.close();
        assertTrue(x.isClosed());
        assertEquals(2, c.liveObjects());
        assertThrows(IllegalStateException.class, () -> c.dot(x, y));
        assertThrows(IllegalStateException.class, () -> c.dot(y, x));
        assertThrows(IllegalStateException.class, () -> x.copyFrom(new double[3]));
        assertThrows(IllegalStateException.class, () -> x.copyTo(new float[3]));
        assertThrows(IllegalStateException.class, x::toDoubleArray);
        assertEquals(77.0, c.dot(y, y), 1e-6); // the other buffer is untouched
        g.close();
        g.close();
        assertTrue(g.isClosed());
        try (DeviceBuffer v = c.alloc(Precision.FLOAT32, 3); DeviceBuffer u = c.alloc(Precision.FLOAT32, 2)) {
            assertThrows(IllegalStateException.class, () -> c.groupHadamard(v, u, y, g));
        }
        c.close();
        c.close();
        assertTrue(c.isClosed());
        assertTrue(y.isClosed(), "closing the context closes its buffers");
        y.close(); // after the context closed it: harmless
        assertEquals(0, c.liveObjects());
        assertThrows(IllegalStateException.class, () -> c.alloc(Precision.FLOAT32, 1));
        assertThrows(IllegalStateException.class, () -> c.groups(new int[]{0, 1}));
        assertThrows(IllegalStateException.class, () -> y.copyTo(new double[3]));
        assertThrows(IllegalStateException.class, () -> c.sum(y));
        assertEquals(before, device.getAsLong(), name + ": device allocations left after close");
        // (Other tests' deliberate leaks may be reported meanwhile; none of them allocates 3-element buffers.)
        assertEquals(0, warningCount("buffer of 3 elements"), () -> "closing explicitly must not warn: " + messages());
    }

    /** Allocates and drops, in a frame of its own so that nothing stays reachable from the caller. */
    private static void dropBuffersAndGroups(Context c, int count) {
        for (int i = 0; i < count; i++) {
            DeviceBuffer b = c.upload(Precision.FLOAT32, new double[]{i, i + 1});
            c.scale(b, 2);
            if (i % 4 == 0) c.groups(new int[]{0, 1, 2});
        }
    }

    private static void dropContext(Backend b) {
        Context c = b.open();
        c.upload(Precision.FLOAT32, new double[100]);
        c.groups(new int[]{0, 50, 100});
    }

    private void awaitCollected(String what, java.util.function.BooleanSupplier done) throws InterruptedException {
        for (int i = 0; i < 200 && !done.getAsBoolean(); i++) {
            System.gc();
            Thread.sleep(25);
        }
        assertTrue(done.getAsBoolean(), what + " were not freed by the Cleaner within 5 s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"})
    void droppedBuffersAreFreedAndReported(String name) throws InterruptedException {
        Backend b = backend(name);
        LongSupplier device = deviceCounter(name);
        long one = name.equals("native") || name.startsWith("opencl") ? 1 : 0; // the kept buffer, where counted
        try (Context c = b.open()) {
            long before = device.getAsLong();
            try (DeviceBuffer kept = c.upload(Precision.FLOAT32, new double[]{7})) {
                dropBuffersAndGroups(c, 20);
                assertTrue(c.liveObjects() <= 26);
                awaitCollected("dropped buffers", () -> c.liveObjects() == 1 && device.getAsLong() == before + one);
                assertFalse(kept.isClosed(), "a buffer still referenced must not be freed");
                assertEquals(7.0, kept.toDoubleArray()[0]);
            }
            awaitCollected("warnings", () -> warningCount("buffer") >= 20 && warningCount("group index") >= 5);
            String m = messages().get(0);
            assertTrue(m.contains(name) && m.contains("not closed"), m);
            assertEquals(before, device.getAsLong());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"})
    void droppedContextIsFreedWithItsBuffersAndReported(String name) throws InterruptedException {
        Backend b = backend(name);
        LongSupplier device = deviceCounter(name);
        long before = device.getAsLong();
        dropContext(b);
        awaitCollected("a dropped context and its buffers", () -> device.getAsLong() == before && warningCount("context") >= 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native"})
    void allocationSiteIsReportedOnRequest(String name) throws InterruptedException {
        Backend b = backend(name);
        String old = System.setProperty("spred4j.trackAllocations", "true");
        try (Context c = b.open()) {
            dropBuffersAndGroups(c, 1);
            awaitCollected("a dropped buffer", () -> warningCount("buffer") >= 1);
            LogRecord r;
            synchronized (warnings) {
                r = warnings.stream().filter(w -> w.getMessage().contains("buffer")).findFirst().orElseThrow();
            }
            assertTrue(r.getThrown() != null, "the warning carries the allocation site");
            boolean here = false;
            for (StackTraceElement e : r.getThrown().getStackTrace())
                here |= e.getMethodName().equals("dropBuffersAndGroups");
            assertTrue(here, "the allocation site names the allocating method");
        } finally {
            if (old == null) System.clearProperty("spred4j.trackAllocations");
            else System.setProperty("spred4j.trackAllocations", old);
        }
    }

    private List<String> messages() {
        synchronized (warnings) {
            return warnings.stream().map(LogRecord::getMessage).toList();
        }
    }

    private long warningCount(String word) {
        return messages().stream().filter(m -> m.contains(word)).count();
    }
}
