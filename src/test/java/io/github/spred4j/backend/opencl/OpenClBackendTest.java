package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.DeviceException;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;
import io.github.spred4j.backend.java.JavaBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The OpenCL backend's own checks (the cross-backend conformance harness covers the rest): discovery, every
 * operation against the float64 Java reference on edge shapes the backend's launch geometry cares about (empty
 * buffers, groups that pick each local size, empty and huge groups, matrix passes with one and many row
 * chunks, k stacked problems), determinism of the reductions, conversions and error reporting. One context per
 * class: PoCL compiles the programs once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenClBackendTest {
    private Context cl;
    private Context ref;

    @BeforeAll
    void open() {
        Backend b = OpenClBackend.cpu();
        if (!b.isAvailable() && System.getenv("CI") != null)
            fail("CI must run the OpenCL tests on PoCL, but opencl-cpu is unavailable: " + b.unavailableReason());
        assumeTrue(b.isAvailable(), () -> "opencl-cpu unavailable: " + b.unavailableReason());
        cl = b.open();
        ref = new JavaBackend().open();
    }

    @AfterAll
    void close() {
        if (cl != null) cl.close();
        if (ref != null) ref.close();
    }

    // ---------------------------------------------------------------- discovery

    @Test
    void discoveryNamesAndReasons() {
        for (Backend b : List.of(OpenClBackend.gpu(), OpenClBackend.cpu())) {
            assertEquals("opencl", b.family());
            assertNotNull(b.deviceName());
            if (b.isAvailable()) assertNull(b.unavailableReason());
            else assertFalse(b.unavailableReason().isBlank(), b.name());
        }
        assertEquals("opencl-gpu", OpenClBackend.gpu().name());
        assertEquals("opencl-cpu", OpenClBackend.cpu().name());
    }

    @Test
    void badDeviceIndexMakesTheBackendUnavailableWithTheReason() {
        String key = "spred4j.opencl.cpu.device";
        String old = System.getProperty(key);
        try {
            System.setProperty(key, "99");
            Backend b = OpenClBackend.cpu();
            assertFalse(b.isAvailable());
            assertTrue(b.unavailableReason().contains(key), b.unavailableReason());
            IllegalStateException e = assertThrows(IllegalStateException.class, b::open);
            assertTrue(e.getMessage().contains(key));
        } finally {
            if (old == null) System.clearProperty(key);
            else System.setProperty(key, old);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The same data on the device and in the reference. */
    private final class Pair {
        final DeviceBuffer d, r;

        Pair(Precision p, double[] data) {
            d = cl.upload(p, data);
            r = ref.upload(p, data);
        }
    }

    private Pair in(Precision p, double[] data) {
        return new Pair(p, data);
    }

    /** An output poisoned with NaN, so an element the kernel forgets fails. */
    private Pair out(Precision p, long n) {
        double[] nan = new double[(int) n];
        java.util.Arrays.fill(nan, Double.NaN);
        return new Pair(p, nan);
    }

    private static double[] rand(Random rnd, long n, double lo, double hi) {
        double[] a = new double[(int) n];
        for (int i = 0; i < a.length; i++) a[i] = lo + (hi - lo) * rnd.nextDouble();
        return a;
    }

    private static double tol(Precision p) {
        return p == Precision.FLOAT32 ? 2e-4 : 1e-10;
    }

    /** |d - r| <= tol * (scale + |r|) element-wise; NaN never passes; reports the first mismatches. */
    private static void same(String what, Pair x, double tol, double scale) {
        double[] d = x.d.toDoubleArray(), r = x.r.toDoubleArray();
        assertEquals(r.length, d.length, what);
        int bad = 0;
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.length; i++) {
            boolean ok = !Double.isNaN(d[i]) && !Double.isNaN(r[i]) && Math.abs(d[i] - r[i]) <= tol * (scale + Math.abs(r[i]));
            if (!ok && bad++ < 5) sb.append(" [").append(i).append("] dev=").append(d[i]).append(" ref=").append(r[i]);
        }
        if (bad > 0) fail(what + ": " + bad + " of " + d.length + " elements differ:" + sb);
    }

    private static void same(String what, Pair... xs) {
        for (int i = 0; i < xs.length; i++) same(what + " output " + i, xs[i], tol(xs[i].d.precision()), 1);
    }

    // ---------------------------------------------------------------- reductions

    @ParameterizedTest
    @EnumSource(Precision.class)
    void reductionsMatchTheReferenceAndAreDeterministic(Precision p) {
        Random rnd = new Random(12);
        for (long n : new long[]{0, 1, 7, 255, 256, 257, 1023, 1025, 262_145, 1_000_003}) {
            String at = p + " n=" + n;
            double[] xa = rand(rnd, n, -1, 1), ya = rand(rnd, n, -1, 1), eta = rand(rnd, n, -30, 30), lab = new double[(int) n];
            for (int i = 0; i < n; i++) lab[i] = rnd.nextBoolean() ? 1 : 0;
            Pair x = in(p, xa), y = in(p, ya), e = in(p, eta), l = in(p, lab);
            double scale = n + 1;   // sum of |terms| is at most ~n for these inputs
            reduction("dot " + at, cl.dot(x.d, y.d), ref.dot(x.r, y.r), p, scale);
            reduction("sum_squares " + at, cl.sumSquares(x.d), ref.sumSquares(x.r), p, scale);
            reduction("sum " + at, cl.sum(x.d), ref.sum(x.r), p, scale);
            reduction("max_abs " + at, cl.maxAbs(x.d), ref.maxAbs(x.r), p, 1);
            reduction("logistic_loss " + at, cl.logisticLoss(e.d, l.d), ref.logisticLoss(e.r, l.r), p, 30 * scale);
            assertEquals(cl.dot(x.d, y.d), cl.dot(x.d, y.d), "dot must be deterministic " + at);
            assertEquals(cl.sum(x.d), cl.sum(x.d), "sum must be deterministic " + at);
            if (n > 0) {
                double[] withNaN = xa.clone();
                withNaN[(int) (n / 2)] = Double.NaN;
                Pair z = in(p, withNaN);
                assertTrue(Double.isNaN(cl.maxAbs(z.d)), "max_abs must propagate NaN " + at);
                assertTrue(Double.isNaN(cl.sum(z.d)), "sum must propagate NaN " + at);
                z.d.close();
            }
            for (Pair q : List.of(x, y, e, l)) q.d.close();
        }
    }

    private static void reduction(String what, double d, double r, Precision p, double scale) {
        assertFalse(Double.isNaN(d), what + " is NaN");
        double t = (p == Precision.FLOAT32 ? 1e-5 : 1e-12) * (scale + Math.abs(r));
        assertTrue(Math.abs(d - r) <= t, what + ": dev=" + d + " ref=" + r + " tol=" + t);
    }

    // ---------------------------------------------------------------- groups

    /** Groups of random sizes around {@code avg} (some empty), plus one group of {@code big} coordinates. */
    private static int[] offsets(Random rnd, int m, int avg, int big) {
        int[] off = new int[m + 2];
        for (int g = 0; g < m; g++) off[g + 1] = off[g] + (g % 5 == 3 ? 0 : rnd.nextInt(2 * avg + 1));
        off[m + 1] = off[m] + big;
        return off;
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void groupOperationsMatchTheReference(Precision p) {
        Random rnd = new Random(13);
        int[][] shapes = {{1, 1, 0}, {1, 1, 5000}, {40, 1, 0}, {5000, 2, 0}, {300, 50, 3}, {50, 300, 2000}, {3, 0, 0}};
        for (int[] s : shapes) {
            int[] off = offsets(rnd, s[0], s[1], s[2]);
            int m = off.length - 1, n = off[m];
            String at = p + " groups=" + m + " n=" + n;
            double[] wts = rand(rnd, m, 0, 2);
            GroupIndex gd = cl.groups(off, wts), gr = ref.groups(off, wts);
            double gs = Math.sqrt(n) + 1;   // per-group results are sums over the group

            Pair u = in(p, rand(rnd, m, -1, 1)), w = in(p, rand(rnd, n, -1, 1)), g = in(p, rand(rnd, n, -1, 1));
            Pair v = out(p, n);
            cl.groupHadamard(v.d, u.d, w.d, gd);
            ref.groupHadamard(v.r, u.r, w.r, gr);
            same("group_hadamard " + at, v);

            Pair du = out(p, m), dw = out(p, n);
            cl.groupGradSplit(du.d, dw.d, g.d, u.d, w.d, gd, 0.1, 0.2);
            ref.groupGradSplit(du.r, dw.r, g.r, u.r, w.r, gr, 0.1, 0.2);
            same("group_grad_split " + at, tol(p), gs, du);
            same("group_grad_split " + at, dw);

            SgdParams sgd = new SgdParams(0.01, 0.1, 0.05);
            cl.groupSgdUpdate(u.d, w.d, v.d, g.d, gd, sgd);
            ref.groupSgdUpdate(u.r, w.r, v.r, g.r, gr, sgd);
            same("group_sgd_update " + at, tol(p), gs, u);
            same("group_sgd_update " + at, w, v);

            MomentumParams mp = new MomentumParams(0.01, 0.5, true, 0.1, 0.05);
            Pair mu = in(p, new double[m]), mw = in(p, new double[n]);
            for (int step = 0; step < 2; step++) {
                cl.groupMomentumUpdate(u.d, w.d, v.d, g.d, mu.d, mw.d, gd, mp);
                ref.groupMomentumUpdate(u.r, w.r, v.r, g.r, mu.r, mw.r, gr, mp);
            }
            same("group_momentum_update " + at, tol(p), gs, u, mu);
            same("group_momentum_update " + at, w, v, mw);

            for (boolean decoupled : new boolean[]{false, true}) {
                AdamParams ap = new AdamParams(0.01, 0.9, 0.99, 1e-8, 0.1, 0.05, decoupled);
                Pair amu = in(p, new double[m]), avu = in(p, new double[m]), amw = in(p, new double[n]), avw = in(p, new double[n]);
                for (long step = 1; step <= 2; step++) {
                    cl.groupAdamUpdate(u.d, w.d, v.d, g.d, amu.d, avu.d, amw.d, avw.d, gd, ap, step);
                    ref.groupAdamUpdate(u.r, w.r, v.r, g.r, amu.r, avu.r, amw.r, avw.r, gr, ap, step);
                }
                same("group_adam_update decoupled=" + decoupled + " " + at, tol(p), gs, u, amu, avu);
                same("group_adam_update decoupled=" + decoupled + " " + at, w, v, amw, avw);
            }
        }
    }

    private static void same(String what, double tol, double scale, Pair... xs) {
        for (int i = 0; i < xs.length; i++) same(what + " output " + i, xs[i], tol, scale);
    }

    // ---------------------------------------------------------------- matrix passes

    @ParameterizedTest
    @EnumSource(Precision.class)
    void matrixPassesMatchTheReference(Precision p) {
        Random rnd = new Random(14);
        // n, p, k: empty dimensions with k > 1, local size 64 with k = 3, 1024 row chunks (tall), local size 256
        int[][] shapes = {{0, 3, 2}, {5, 0, 2}, {300, 40, 3}, {20_000, 3, 2}, {9, 700, 1}};
        for (int[] s : shapes) {
            int n = s[0], cols = s[1], k = s[2];
            String at = p + " n=" + n + " p=" + cols + " k=" + k;
            Pair x = in(p, rand(rnd, (long) n * cols, -1, 1));
            Pair b = in(p, rand(rnd, (long) cols * k, -1, 1));
            double scale = cols + n + 1;
            Pair mv = out(p, (long) n * k);
            if ((long) n * k > 0) {
                cl.matVec(mv.d, x.d, n, cols, b.d, k);
                ref.matVec(mv.r, x.r, n, cols, b.r, k);
                same("mat_vec " + at, tol(p), scale, mv);
            }
            Pair rr = in(p, rand(rnd, (long) n * k, -1, 1));
            Pair mt = out(p, (long) cols * k);
            cl.matTVec(mt.d, x.d, n, cols, rr.d, k);
            ref.matTVec(mt.r, x.r, n, cols, rr.r, k);
            same("mat_t_vec " + at, tol(p), scale, mt);

            for (Loss loss : Loss.values()) {
                double[] ya = rand(rnd, (long) n * k, 0, 1);
                if (loss == Loss.LOGISTIC) for (int i = 0; i < ya.length; i++) ya[i] = ya[i] < 0.5 ? 0 : 1;
                Pair y = in(p, ya), off = in(p, rand(rnd, k, -1, 1));
                Pair grad = out(p, (long) cols * k), eta = out(p, (long) n * k), r = out(p, (long) n * k);
                cl.lossGradient(loss, grad.d, eta.d, r.d, x.d, n, cols, b.d, off.d, y.d, k);
                ref.lossGradient(loss, grad.r, eta.r, r.r, x.r, n, cols, b.r, off.r, y.r, k);
                same("loss_gradient " + loss + " " + at, tol(p), scale, eta, r);
                same("loss_gradient " + loss + " grad " + at, tol(p), scale * Math.sqrt(cols + 1.0), grad);
            }
        }
    }

    // ---------------------------------------------------------------- the GPU loop style, on PoCL

    /**
     * GPUs run the kernels with strided loops and adaptive local sizes (common.cl); no GPU is lent here, so that
     * code path runs on PoCL too: every loop macro and local size, in float64 (the same source as float32).
     */
    @Test
    void stridedLoopStyleMatchesTheReference() {
        String old = System.getProperty(OpenClBackend.LOOPS_PROPERTY);
        Backend b;
        System.setProperty(OpenClBackend.LOOPS_PROPERTY, "strided");
        try {
            b = OpenClBackend.cpu();
            assertTrue(b.isAvailable(), b.unavailableReason());
        } finally {
            if (old == null) System.clearProperty(OpenClBackend.LOOPS_PROPERTY);
            else System.setProperty(OpenClBackend.LOOPS_PROPERTY, old);
        }
        assertTrue(b.deviceName().contains("strided loops"), b.deviceName());
        Context main = cl;
        cl = b.open();
        try {
            Precision p = Precision.FLOAT64;
            Random rnd = new Random(15);
            for (long n : new long[]{1, 1025, 300_007}) {
                Pair x = in(p, rand(rnd, n, -1, 1)), y = in(p, rand(rnd, n, -1, 1)), v = out(p, n);
                cl.hadamard(v.d, x.d, y.d);
                ref.hadamard(v.r, x.r, y.r);
                same("strided hadamard n=" + n, v);
                reduction("strided dot n=" + n, cl.dot(x.d, y.d), ref.dot(x.r, y.r), p, n);
            }
            for (int[] s : new int[][]{{5000, 2, 0}, {300, 50, 3}, {50, 300, 2000}}) {
                int[] off = offsets(rnd, s[0], s[1], s[2]);
                int m = off.length - 1, n = off[m];
                double[] wts = rand(rnd, m, 0, 2);
                GroupIndex gd = cl.groups(off, wts), gr = ref.groups(off, wts);
                Pair u = in(p, rand(rnd, m, -1, 1)), w = in(p, rand(rnd, n, -1, 1)), g = in(p, rand(rnd, n, -1, 1));
                Pair du = out(p, m), dw = out(p, n);
                cl.groupGradSplit(du.d, dw.d, g.d, u.d, w.d, gd, 0.1, 0.2);
                ref.groupGradSplit(du.r, dw.r, g.r, u.r, w.r, gr, 0.1, 0.2);
                same("strided group_grad_split groups=" + m, tol(p), Math.sqrt(n) + 1, du);
                same("strided group_grad_split groups=" + m, dw);
            }
            for (int[] s : new int[][]{{2000, 20, 2}, {300, 100, 1}, {40, 700, 3}}) {
                int n = s[0], cols = s[1], k = s[2];
                Pair x = in(p, rand(rnd, (long) n * cols, -1, 1)), bb = in(p, rand(rnd, (long) cols * k, -1, 1));
                Pair y = in(p, rand(rnd, (long) n * k, 0, 1)), off = in(p, rand(rnd, k, -1, 1));
                Pair grad = out(p, (long) cols * k), eta = out(p, (long) n * k), r = out(p, (long) n * k);
                cl.lossGradient(Loss.LOGISTIC, grad.d, eta.d, r.d, x.d, n, cols, bb.d, off.d, y.d, k);
                ref.lossGradient(Loss.LOGISTIC, grad.r, eta.r, r.r, x.r, n, cols, bb.r, off.r, y.r, k);
                same("strided loss_gradient n=" + n + " p=" + cols, tol(p), n + cols, eta, r, grad);
            }
        } finally {
            cl.close();
            cl = main;
        }
    }

    @Test
    void rowChunksCoverEveryRowWithNonEmptyChunksAndBoundedPartials() {
        int checked = 0;
        for (int n : new int[]{1, 15, 16, 17, 1000, 4099, 1_000_003})
            for (int p : new int[]{0, 1, 129, 5_000_000})
                for (int k : new int[]{1, 3}) {
                    int[] ch = OpenClContext.rowChunks(n, p, k, 16);
                    int rows = ch[0], g = ch[1];
                    String at = "n=" + n + " p=" + p + " k=" + k + " -> rows=" + rows + " chunks=" + g;
                    assertTrue(rows >= 1 && g >= 1 && g <= OpenClContext.MAT_GROUPS, at);
                    assertTrue((long) rows * g >= n && (long) rows * (g - 1) < n, at);   // covered, last chunk non-empty
                    assertTrue(g == 1 || (long) g * k * p <= Math.max(OpenClContext.MAT_PARTIAL_CAP, (long) n * p / 4), at);
                    checked++;
                }
        assertEquals(7 * 4 * 2, checked);
    }

    // ---------------------------------------------------------------- buffers and errors

    @ParameterizedTest
    @EnumSource(Precision.class)
    void buffersConvertAndHandleEmptyAndOffsets(Precision p) {
        try (DeviceBuffer e = cl.alloc(p, 0)) {
            assertEquals(0, e.length());
            assertEquals(0, e.toDoubleArray().length);
            assertEquals(0, cl.dot(e, e));
            cl.hadamard(e, e, e);
        }
        DeviceBuffer b = cl.alloc(p, 5);
        b.copyFrom(new double[]{1, 2, 3, 4, 5});
        b.copyFrom(new float[]{9, 8}, 0, 3, 2);
        float[] f = new float[3];
        b.copyTo(1, f, 0, 3);
        assertEquals(2f, f[0]);
        assertEquals(9f, f[2]);
        double[] d = new double[2];
        b.copyTo(3, d, 0, 2);
        assertEquals(9.0, d[0]);
        assertEquals(8.0, d[1]);
        double third = 1.0 / 3;
        b.copyFrom(new double[]{third});
        b.copyTo(0, d, 0, 1);
        assertEquals(p == Precision.FLOAT32 ? (double) (float) third : third, d[0]);
        b.close();
        b.close();
        assertThrows(IllegalStateException.class, b::toDoubleArray);
    }

    @Test
    void errorsNameTheCallTheCodeAndTheSizes() {
        DeviceException e = Cl.error("clEnqueueNDRangeKernel(hadamard_f32)", -54, "n=7");
        assertEquals("clEnqueueNDRangeKernel(hadamard_f32) failed: CL_INVALID_WORK_GROUP_SIZE (-54) [n=7]", e.getMessage());
        // A real driver error: an allocation far beyond the device's limit.
        long tooMany = Long.MAX_VALUE / 16;
        DeviceException big = assertThrows(DeviceException.class, () -> cl.alloc(Precision.FLOAT32, tooMany));
        assertTrue(big.getMessage().startsWith("clCreateBuffer failed: CL_"), big.getMessage());
        assertTrue(big.getMessage().contains("length=" + tooMany), big.getMessage());
    }

    @Test
    void buildFailuresCarryTheBuildLog() {
        OpenClDevice d = ((OpenClContext) cl).device();
        DeviceException e = assertThrows(DeviceException.class,
                () -> d.build(new String[]{"__kernel void broken(__global float *x) { x[0] = undeclared_name; }"}, "", "test program"));
        assertTrue(e.getMessage().startsWith("clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11)"), e.getMessage());
        assertTrue(e.getMessage().contains("build log:") && e.getMessage().contains("undeclared_name"), e.getMessage());
    }

    @Test
    void float64OnADeviceWithoutFp64ThrowsNamingTheDevice() {
        OpenClDevice.checkPrecision(false, "some-gpu", Precision.FLOAT32);
        OpenClDevice.checkPrecision(true, "some-gpu", Precision.FLOAT64);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> OpenClDevice.checkPrecision(false, "some-gpu", Precision.FLOAT64));
        assertTrue(e.getMessage().contains("some-gpu") && e.getMessage().contains("cl_khr_fp64"), e.getMessage());
    }

    @Test
    void programSourcesNameEveryEntryPointAfterItsStem() {
        String all = String.join("\n", OpenClDevice.sources(Precision.FLOAT32));
        List<String> missing = new ArrayList<>();
        for (java.lang.reflect.Method m : Context.class.getMethods()) {
            io.github.spred4j.api.Kernel k = m.getAnnotation(io.github.spred4j.api.Kernel.class);
            if (k != null && !all.contains("SPRED_ENTRY(" + k.value() + ")")) missing.add(k.value());
        }
        assertTrue(missing.isEmpty(), "kernels without an OpenCL entry point: " + missing);
    }

    @Test
    void everyKernelFileIsBuilt() throws java.io.IOException {
        List<String> onDisk = new ArrayList<>();
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("user.dir"), "kernels", "opencl"))) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".cl")).sorted().forEach(onDisk::add);
        }
        List<String> built = new ArrayList<>(OpenClDevice.KERNEL_FILES);
        java.util.Collections.sort(built);
        assertEquals(onDisk, built);
    }

    /**
     * A device without cl_khr_fp64 gets ACC = float (common.cl) and no fp64 pragma: the float32 program must still
     * build there, with every operation's entry point. Checked on PoCL by building that variant of the program.
     */
    @Test
    void float32ProgramBuildsForADeviceWithoutFp64() {
        OpenClDevice d = ((OpenClContext) cl).device();
        String options = "-DREAL=float -DSPRED_NO_FP64 -DSPRED_LG_BLOCK=" + OpenClContext.LG_BLOCK
                + (d.contiguous ? " -DSPRED_CONTIGUOUS" : "");
        String[] sources = OpenClDevice.sources(Precision.FLOAT32, false);
        assertTrue(!sources[0].contains("cl_khr_fp64"), "no fp64 pragma for a device without it");
        org.jocl.cl_program p = d.build(sources, options, "float32 program without fp64");
        try {
            int found = 0;
            for (io.github.spred4j.api.OpTable.Op op : io.github.spred4j.api.OpTable.all()) {
                String name = op.name() + "_f32";
                org.jocl.cl_kernel k = Cl.create("clCreateKernel(" + name + ")", "no-fp64 program",
                        err -> org.jocl.CL.clCreateKernel(p, name, err));
                org.jocl.CL.clReleaseKernel(k);
                found++;
            }
            assertEquals(io.github.spred4j.api.OpTable.all().size(), found);
        } finally {
            org.jocl.CL.clReleaseProgram(p);
        }
    }
}
