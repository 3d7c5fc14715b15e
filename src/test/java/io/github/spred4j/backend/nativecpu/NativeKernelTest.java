package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.DeviceException;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;
import io.github.spred4j.backend.Tolerance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the shared conformance harness does not reach in this backend: groups larger than a segment (the
 * two-phase group reduction), the column plan of Xᵀr (wide p), results that must not depend on the OpenMP thread
 * count (bit for bit), allocation failure as a DeviceException, and the loader's private extraction.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NativeKernelTest {
    private Backend backend;
    private Context nat;
    private Context ref;

    @BeforeAll
    void open() {
        backend = new NativeBackend();
        if (!backend.isAvailable()) return;
        nat = backend.open();
        ref = Backends.get("java").open();
    }

    @BeforeEach
    void needLibrary() {
        io.github.spred4j.backend.Required.backend(backend);
    }

    @AfterAll
    void close() {
        if (nat != null) {
            NativeLib.setThreads(NativeLib.maxThreads());
            nat.close();
        }
        if (ref != null) ref.close();
    }

    // ------------------------------------------------------------------ helpers

    /** One operation on buffers (inputs and outputs alike, in the order given) and an optional group index. */
    interface Op {
        void run(Context c, DeviceBuffer[] b, GroupIndex g);
    }

    private static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = 2 * r.nextDouble() - 1;
        return v;
    }

    private static double[] round(Precision p, double[] v) {
        double[] o = v.clone();
        if (p == Precision.FLOAT32) for (int i = 0; i < o.length; i++) o[i] = (float) o[i];
        return o;
    }

    /** Runs op on copies of {@code data} in context c; returns every buffer's final contents. */
    private static double[][] run(Context c, Precision p, double[][] data, int[] off, double[] wt, Op op) {
        DeviceBuffer[] b = new DeviceBuffer[data.length];
        GroupIndex g = null;
        try {
            for (int i = 0; i < data.length; i++) b[i] = c.upload(p, round(p, data[i]));
            if (off != null) g = c.groups(off, wt);
            op.run(c, b, g);
            double[][] out = new double[data.length][];
            for (int i = 0; i < data.length; i++) out[i] = b[i].toDoubleArray();
            return out;
        } finally {
            for (DeviceBuffer x : b) if (x != null) x.close();
            if (g != null) g.close();
        }
    }

    /** Native result in precision p against the float64 reference on the same (rounded) inputs. */
    private void compare(String what, Precision p, double[][] data, int[] off, double[] wt, Op op, double tol) {
        double[][] d = run(nat, p, data, off, wt, op);
        double[][] r = new double[data.length][];
        double[][] rounded = new double[data.length][];
        for (int i = 0; i < data.length; i++) rounded[i] = round(p, data[i]);
        r = run(ref, Precision.FLOAT64, rounded, off, wt, op);
        for (int i = 0; i < data.length; i++) Tolerance.assertClose(what + " buffer " + i + " " + p, d[i], r[i], tol, tol);
    }

    /** The same native operation with 1, 2 and 3 OpenMP threads: the results must be identical bit for bit. */
    private void sameForAnyThreadCount(String what, Precision p, double[][] data, int[] off, double[] wt, Op op) {
        double[][] first = null;
        try {
            for (int t : new int[]{1, 2, 3}) {
                NativeLib.setThreads(t);
                double[][] out = run(nat, p, data, off, wt, op);
                if (first == null) first = out;
                else for (int i = 0; i < out.length; i++)
                    assertArrayEquals(first[i], out[i], 0.0, what + " buffer " + i + " " + p + " differs between 1 and " + t + " threads");
            }
        } finally {
            NativeLib.setThreads(NativeLib.maxThreads());
        }
    }

    /** Groups with several larger than a segment (4096), some empty, and runs of tiny ones in between. */
    private static int[] bigGroupOffsets(SplittableRandom r) {
        List<Integer> off = new ArrayList<>(List.of(0, 0, 9000, 9001, 9001));
        int at = 9001;
        for (int rep = 0; rep < 3; rep++) {
            for (int i = 0; i < 700; i++) off.add(at += r.nextInt(5));
            off.add(at += 4096 + 1 + r.nextInt(20000));
            off.add(at += 4096);
        }
        return off.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double tol(Precision p) {
        return p == Precision.FLOAT32 ? 2e-5 : 1e-12;
    }

    private static final MomentumParams MOM = new MomentumParams(0.05, 0.9, false, 0.01, 0.02);
    private static final MomentumParams NESTEROV = new MomentumParams(0.05, 0.9, true, 0.01, 0.02);
    private static final AdamParams ADAM = new AdamParams(0.01, 0.9, 0.999, 1e-8, 0.01, 0.02, false);
    private static final AdamParams ADAMW = new AdamParams(0.01, 0.9, 0.999, 1e-8, 0.01, 0.02, true);

    /** The six group operations; buffer order in each: per-group ones first, then per-coordinate. */
    private static final Op[] GROUP_OPS = {
            (c, b, g) -> c.groupHadamard(b[1], b[0], b[2], g),
            (c, b, g) -> c.groupGradSplit(b[1], b[3], b[4], b[0], b[2], g, 0.01, 0.02),
            (c, b, g) -> c.groupSgdUpdate(b[0], b[2], b[3], b[4], g, new SgdParams(0.1, 0.01, 0.02)),
            (c, b, g) -> {
                c.groupMomentumUpdate(b[0], b[2], b[3], b[4], b[1], b[5], g, MOM);
                c.groupMomentumUpdate(b[0], b[2], b[3], b[4], b[1], b[5], g, NESTEROV);
            },
            (c, b, g) -> {
                c.groupAdamUpdate(b[0], b[2], b[3], b[4], b[1], b[6], b[5], b[7], g, ADAM, 1);
                c.groupAdamUpdate(b[0], b[2], b[3], b[4], b[1], b[6], b[5], b[7], g, ADAMW, 2);
            },
    };

    /** u, mu (or v), w, then per-coordinate buffers, sized for the op's signature above. */
    private static double[][] groupData(SplittableRandom r, int m, int n) {
        // [0]=u(m) [1]=per-group(m) [2]=w(n) [3..5]=per-coordinate(n) [6]=per-group(m, ≥0) [7]=per-coordinate(n, ≥0)
        double[] vu = random(r, m), vw = random(r, n);
        for (int i = 0; i < m; i++) vu[i] = Math.abs(vu[i]);
        for (int i = 0; i < n; i++) vw[i] = Math.abs(vw[i]);
        return new double[][]{random(r, m), random(r, m), random(r, n), random(r, n), random(r, n), random(r, n), vu, vw};
    }

    // ------------------------------------------------------------------ tests

    @ParameterizedTest
    @EnumSource(Precision.class)
    void groupsLargerThanASegmentMatchTheReference(Precision p) {
        SplittableRandom r = new SplittableRandom(11 + p.ordinal());
        int[] off = bigGroupOffsets(r);
        int m = off.length - 1, n = off[m];
        double[] wt = GroupIndex.sqrtSizeWeights(off);
        double[][] data = groupData(r, m, n);
        // groupHadamard uses buffers 0..2 with b[1] of length n: give it its own data layout.
        compare("group_hadamard", p, new double[][]{data[0], data[2].clone(), data[2]}, off, wt, GROUP_OPS[0], tol(p));
        double[][] gs = {data[0], data[1], data[2], data[3], data[4]};
        gs[1] = random(r, m);
        compare("group_grad_split", p, new double[][]{data[0], random(r, m), data[2], random(r, n), data[4]}, off, wt, GROUP_OPS[1], tol(p));
        compare("group_sgd_update", p, new double[][]{data[0], data[1], data[2], data[3], data[4]}, off, wt, GROUP_OPS[2], tol(p));
        compare("group_momentum_update", p, new double[][]{data[0], data[1], data[2], data[3], data[4], data[5]}, off, wt, GROUP_OPS[3], tol(p));
        compare("group_adam_update", p, data, off, wt, GROUP_OPS[4], tol(p));
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void groupResultsDoNotDependOnTheThreadCount(Precision p) {
        SplittableRandom r = new SplittableRandom(23 + p.ordinal());
        int[] off = bigGroupOffsets(r);
        int m = off.length - 1, n = off[m];
        double[] wt = GroupIndex.sqrtSizeWeights(off);
        double[][] data = groupData(r, m, n);
        sameForAnyThreadCount("group_grad_split", p, new double[][]{data[0], random(r, m), data[2], random(r, n), data[4]}, off, wt, GROUP_OPS[1]);
        sameForAnyThreadCount("group_momentum_update", p, new double[][]{data[0], data[1], data[2], data[3], data[4], data[5]}, off, wt, GROUP_OPS[3]);
        sameForAnyThreadCount("group_adam_update", p, data, off, wt, GROUP_OPS[4]);
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void reductionsDoNotDependOnTheThreadCount(Precision p) {
        SplittableRandom r = new SplittableRandom(5 + p.ordinal());
        int n = 3 * 1_000_003;
        double[] y = random(r, n);
        for (int i = 0; i < n; i++) y[i] = y[i] > 0 ? 1 : 0;
        double[][] data = {random(r, n), random(r, n), y, new double[5]};
        Op reductions = (c, b, g) -> {
            double[] s = {c.dot(b[0], b[1]), c.sumSquares(b[0]), c.sum(b[1]), c.maxAbs(b[0]), c.logisticLoss(b[0], b[2])};
            b[3].copyFrom(s);
        };
        sameForAnyThreadCount("reductions", p, data, null, null, reductions);
    }

    /** (n, p, k): the rows plan with several chunks and the columns plan (few rows, wide p). */
    private static final int[][] MATRIX_SHAPES = {{4100, 33, 2}, {1000, 301, 1}, {5, 5000, 2}, {300, 8193, 1}, {1, 4097, 1}};

    private static Op lossGradient(Loss loss) {
        // b: [0]=X [1]=beta [2]=offset [3]=y [4]=grad [5]=eta [6]=r [7]=Xᵀ(y) via mat_t_vec [8]=Xβ via mat_vec
        return (c, b, g) -> {
            int k = Math.toIntExact(b[2].length());
            int n = Math.toIntExact(b[3].length() / Math.max(k, 1));
            int p = Math.toIntExact(b[1].length() / Math.max(k, 1));
            c.lossGradient(loss, b[4], b[5], b[6], b[0], n, p, b[1], b[2], b[3], k);
            c.matTVec(b[7], b[0], n, p, b[3], k);
            c.matVec(b[8], b[0], n, p, b[1], k);
        };
    }

    private static double[][] matrixData(SplittableRandom r, int n, int p, int k) {
        double[] y = random(r, n * k);
        for (int i = 0; i < y.length; i++) y[i] = y[i] > 0 ? 1 : 0;
        double[] beta = random(r, p * k);
        for (int i = 0; i < beta.length; i++) beta[i] /= Math.sqrt(p);
        return new double[][]{random(r, n * p), beta, random(r, k), y, new double[p * k], new double[n * k],
                new double[n * k], new double[p * k], new double[n * k]};
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void matrixPassesMatchTheReferenceOnBothPlans(Precision pr) {
        for (int[] s : MATRIX_SHAPES) {
            SplittableRandom r = new SplittableRandom(Arrays.hashCode(s) + pr.ordinal());
            int n = s[0], p = s[1], k = s[2];
            double[][] data = matrixData(r, n, p, k);
            // Sums of n or p terms of size ~1: allow the summation error relative to √terms.
            double tol = (pr == Precision.FLOAT32 ? 1e-5 : 1e-12) * Math.sqrt(Math.max(n, p)) * 4;
            for (Loss loss : Loss.values())
                compare("loss_gradient " + loss + " n=" + n + " p=" + p + " k=" + k, pr, data, null, null, lossGradient(loss), tol);
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void matrixPassesDoNotDependOnTheThreadCount(Precision pr) {
        for (int[] s : MATRIX_SHAPES) {
            SplittableRandom r = new SplittableRandom(Arrays.hashCode(s) * 7L + pr.ordinal());
            double[][] data = matrixData(r, s[0], s[1], s[2]);
            sameForAnyThreadCount("matrix passes n=" + s[0] + " p=" + s[1] + " k=" + s[2], pr, data, null, null,
                    lossGradient(Loss.LOGISTIC));
        }
    }

    /** gemm_xtr, gemm_xb, gram_cols: several output tiles (96×96) per thread count, sums over several 128-blocks. */
    @ParameterizedTest
    @EnumSource(Precision.class)
    void gemmPassesDoNotDependOnTheThreadCount(Precision pr) {
        for (int[] s : new int[][]{{300, 200, 130}, {1000, 97, 20}, {129, 385, 9}}) {
            int n = s[0], p = s[1], k = s[2];
            SplittableRandom r = new SplittableRandom(Arrays.hashCode(s) * 11L + pr.ordinal());
            int[] cols = new int[k];
            for (int j = 0; j < k; j++) cols[j] = r.nextInt(p);
            double[][] data = {random(r, n * p), random(r, n * k), random(r, p * k), random(r, p), new double[p * k],
                    new double[n * k], new double[p * k]};
            sameForAnyThreadCount("gemm passes n=" + n + " p=" + p + " k=" + k, pr, data, null, null, (c, b, g) -> {
                c.gemmXtR(b[4], b[0], n, p, b[1], k);
                c.gemmXB(b[5], b[0], n, p, b[2], k);
                c.gramCols(b[6], b[0], n, p, b[3], cols);
            });
        }
    }

    @Test
    void lossGradientEqualsMatTVecOfItsResidual() {
        // On either plan the one-pass gradient sums exactly as mat_t_vec does on the r it wrote.
        SplittableRandom r = new SplittableRandom(99);
        for (int[] s : MATRIX_SHAPES) {
            int n = s[0], p = s[1], k = s[2];
            double[][] data = matrixData(r, n, p, k);
            Op op = (c, b, g) -> {
                c.lossGradient(Loss.SQUARED, b[4], b[5], b[6], b[0], n, p, b[1], b[2], b[3], k);
                c.matTVec(b[7], b[0], n, p, b[6], k);
            };
            double[][] out = run(nat, Precision.FLOAT64, data, null, null, op);
            assertArrayEquals(out[4], out[7], 0.0, "loss_gradient's gradient and mat_t_vec of its r differ for n=" + n + " p=" + p);
        }
    }

    @Test
    void allocationFailureIsADeviceException() {
        DeviceException e = assertThrows(DeviceException.class, () -> nat.alloc(Precision.FLOAT64, 1L << 58));
        assertTrue(e.getMessage().contains("ENOMEM") && e.getMessage().contains("length=" + (1L << 58)), e.getMessage());
        assertEquals(0, nat.liveObjects());
        try (DeviceBuffer ok = nat.alloc(Precision.FLOAT32, 3)) {
            assertEquals(3, ok.length());
        }
    }

    @Test
    void libraryIsExtractedPrivatelyAndNamesTheCpu() throws Exception {
        String src = NativeLoader.source();
        assertTrue(src != null && (src.endsWith(NativeLoader.LIB_NAME) || src.endsWith(NativeLoader.AVX2_LIB_NAME)), "loaded from " + src);
        if ("portable".equals(System.getProperty(NativeLoader.VARIANT_PROPERTY)))
            assertTrue(src.endsWith("/" + NativeLoader.LIB_NAME), "asked for the portable build, loaded " + src);
        if (System.getProperty(NativeLoader.LIB_PROPERTY) == null) {
            Path dir = Path.of(src).getParent();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)), dir.toString());
            String expected;
            try (var in = NativeLoader.class.getResourceAsStream(NativeLoader.RESOURCE_DIR + Path.of(src).getFileName() + ".sha256")) {
                expected = new String(in.readAllBytes()).trim();
            }
            assertEquals(expected, NativeLoader.sha256(Files.readAllBytes(Path.of(src))));
        }
        assertTrue(backend.deviceName().contains("OpenMP threads"), backend.deviceName());
        assertTrue(NativeLib.maxThreads() >= 1);
    }
}
