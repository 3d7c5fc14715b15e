package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;
import io.github.spred4j.backend.java.JavaBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.ToDoubleBiFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUDA backend against the float64 Java reference, every operation, both precisions, awkward and large sizes,
 * outputs poisoned with NaN. A self-contained backstop for the shared conformance harness, so that one GPU run
 * checks every kernel even where the harness is not merged. Skips with the reason where CUDA is unavailable.
 */
class CudaSmokeTest {
    private static final CudaBackend CUDA = new CudaBackend();
    private Context ref, dev;

    @BeforeEach
    void open() {
        assumeTrue(CUDA.isAvailable(), () -> "cuda unavailable: " + CUDA.unavailableReason());
        ref = new JavaBackend().open();
        dev = CUDA.open();
    }

    @AfterEach
    void close() {
        if (dev != null) {
            dev.close();
            assertEquals(0, dev.liveObjects());
        }
        if (ref != null) ref.close();
    }

    static Stream<Arguments> vectorCases() {
        List<Arguments> out = new ArrayList<>();
        for (Precision pr : Precision.values())
            for (int n : new int[]{1, 2, 3, 7, 1023, 1025, 65_537, 1_000_003})
                out.add(Arguments.of(pr, n));
        return out.stream();
    }

    static Stream<Arguments> matrixCases() {
        List<Arguments> out = new ArrayList<>();
        int[][] shapes = {{1, 1, 1}, {7, 5, 2}, {300, 77, 3}, {2000, 130, 1}, {129, 40, 40}, {65, 1, 1}, {3, 0, 2}, {0, 4, 2}, {5000, 33, 1}};
        for (Precision pr : Precision.values())
            for (int[] s : shapes) out.add(Arguments.of(pr, s[0], s[1], s[2]));
        return out.stream();
    }

    // ---------------------------------------------------------------- the comparison machinery

    private static double atol(Precision pr) {
        return pr == Precision.FLOAT32 ? 2e-5 : 1e-12;
    }

    private static double rtol(Precision pr) {
        return pr == Precision.FLOAT32 ? 2e-4 : 1e-9;
    }

    /**
     * Uploads the same seeded inputs to both contexts (buffers listed in {@code poisoned} start as NaN instead),
     * runs {@code op} on each, and compares every buffer afterwards and the returned scalar.
     */
    private void compare(String what, Precision pr, long seed, long[] lengths, Set<Integer> poisoned,
                         ToDoubleBiFunction<Context, DeviceBuffer[]> op) {
        Random rnd = new Random(seed);
        double[][] data = new double[lengths.length][];
        for (int b = 0; b < lengths.length; b++) {
            data[b] = new double[(int) lengths[b]];
            for (int i = 0; i < data[b].length; i++) data[b][i] = poisoned.contains(b) ? Double.NaN : 2 * rnd.nextDouble() - 1;
        }
        double[] results = new double[2];
        double[][][] after = new double[2][][];
        Context[] cs = {ref, dev};
        for (int c = 0; c < 2; c++) {
            DeviceBuffer[] bufs = new DeviceBuffer[lengths.length];
            for (int b = 0; b < lengths.length; b++) bufs[b] = cs[c].upload(pr, data[b]);
            results[c] = op.applyAsDouble(cs[c], bufs);
            after[c] = new double[lengths.length][];
            for (int b = 0; b < lengths.length; b++) {
                after[c][b] = bufs[b].toDoubleArray();
                bufs[b].close();
            }
        }
        String ctx = what + " " + pr + " " + Arrays.toString(lengths);
        assertClose(ctx + " result", pr, new double[]{results[0]}, new double[]{results[1]}, true);
        for (int b = 0; b < lengths.length; b++) assertClose(ctx + " buffer " + b, pr, after[0][b], after[1][b], false);
    }

    private static void assertClose(String what, Precision pr, double[] r, double[] d, boolean reduction) {
        assertEquals(r.length, d.length, what + ": lengths");
        double rt = reduction ? rtol(pr) * 10 : rtol(pr), at = atol(pr);
        int bad = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < r.length; i++) {
            boolean ok = (Double.isNaN(r[i]) && Double.isNaN(d[i]) && reduction) // max_abs of NaN input only
                    || (!Double.isNaN(d[i]) && Math.abs(d[i] - r[i]) <= at + rt * Math.abs(r[i]));
            if (!ok && bad++ < 5) first.append(" [").append(i).append("] ref=").append(r[i]).append(" dev=").append(d[i]);
        }
        if (bad > 0) fail(what + ": " + bad + " of " + r.length + " elements differ:" + first);
    }

    private static long[] len(long... l) {
        return l;
    }

    // ---------------------------------------------------------------- element-wise and fused updates

    @ParameterizedTest
    @MethodSource("vectorCases")
    void elementWise(Precision pr, int n) {
        compare("hadamard", pr, 1, len(n, n, n), Set.of(0), (c, b) -> { c.hadamard(b[0], b[1], b[2]); return 0; });
        compare("grad_split", pr, 2, len(n, n, n, n, n), Set.of(0, 1), (c, b) -> { c.gradSplit(b[0], b[1], b[2], b[3], b[4], 0.3, 0.05); return 0; });
        compare("sgd_update", pr, 3, len(n, n, n, n), Set.of(2), (c, b) -> { c.sgdUpdate(b[0], b[1], b[2], b[3], new SgdParams(0.1, 0.02, 0.03)); return 0; });
        for (boolean nest : new boolean[]{false, true})
            compare("momentum_update nesterov=" + nest, pr, 4, len(n, n, n, n, n, n), Set.of(2),
                    (c, b) -> { c.momentumUpdate(b[0], b[1], b[2], b[3], b[4], b[5], new MomentumParams(0.05, 0.9, nest, 0.01, 0.02)); return 0; });
        for (boolean dec : new boolean[]{false, true})
            compare("adam_update decoupled=" + dec, pr, 5, len(n, n, n, n, n, n, n, n), Set.of(2), (c, b) -> {
                // second moments must be >= 0
                c.scale(b[5], 0); c.axpy(b[5], 0.5, b[7]); c.hadamard(b[7], b[5], b[5]); c.copy(b[5], b[7]);
                c.adamUpdate(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], new AdamParams(0.01, 0.9, 0.999, 1e-8, 0.01, 0.02, dec), 3);
                return 0;
            });
        compare("axpy", pr, 6, len(n, n), Set.of(), (c, b) -> { c.axpy(b[0], -0.7, b[1]); return 0; });
        compare("scale", pr, 7, len(n), Set.of(), (c, b) -> { c.scale(b[0], 1.5); return 0; });
        compare("fill", pr, 8, len(n), Set.of(0), (c, b) -> { c.fill(b[0], 0.25); return 0; });
        compare("copy", pr, 9, len(n, n), Set.of(0), (c, b) -> { c.copy(b[0], b[1]); return 0; });
    }

    @ParameterizedTest
    @MethodSource("vectorCases")
    void reductions(Precision pr, int n) {
        compare("dot", pr, 11, len(n, n), Set.of(), (c, b) -> c.dot(b[0], b[1]));
        compare("sum_squares", pr, 12, len(n), Set.of(), (c, b) -> c.sumSquares(b[0]));
        compare("max_abs", pr, 13, len(n), Set.of(), (c, b) -> c.maxAbs(b[0]));
        compare("sum", pr, 14, len(n), Set.of(), (c, b) -> c.sum(b[0]));
        compare("logistic_loss", pr, 15, len(n, n), Set.of(), (c, b) -> { c.scale(b[0], 8); return c.logisticLoss(b[0], b[1]); });
    }

    @Test
    void maxAbsPropagatesNaN() {
        for (Precision pr : Precision.values())
            for (int n : new int[]{1, 1025, 1_000_003}) {
                double[] x = new double[n];
                x[n - 1] = -3;
                x[n / 2] = Double.NaN;
                try (DeviceBuffer b = dev.upload(pr, x)) {
                    assertTrue(Double.isNaN(dev.maxAbs(b)), "max_abs must be NaN with a NaN element, " + pr + " n=" + n);
                }
            }
    }

    @Test
    void reductionsAreDeterministic() {
        Random rnd = new Random(42);
        double[] x = new double[3_000_017];
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
        for (Precision pr : Precision.values())
            try (DeviceBuffer b = dev.upload(pr, x)) {
                double s = dev.sum(b), d = dev.dot(b, b);
                for (int r = 0; r < 5; r++) {
                    assertEquals(Double.doubleToLongBits(s), Double.doubleToLongBits(dev.sum(b)), "sum differs between runs");
                    assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(dev.dot(b, b)), "dot differs between runs");
                }
            }
    }

    // ---------------------------------------------------------------- groups

    /** Random contiguous groups covering n coordinates, some empty, one large. */
    private static int[] offsets(int n, long seed) {
        Random rnd = new Random(seed);
        List<Integer> off = new ArrayList<>(List.of(0));
        int at = 0;
        while (at < n) {
            int r = rnd.nextInt(10);
            int size = r == 0 ? 0 : r < 8 ? 1 + rnd.nextInt(40) : 1 + rnd.nextInt(3000);
            at = Math.min(n, at + size);
            off.add(at);
        }
        if (n == 0) off.add(0);
        return off.stream().mapToInt(Integer::intValue).toArray();
    }

    @ParameterizedTest
    @MethodSource("vectorCases")
    void groups(Precision pr, int n) {
        int[] off = offsets(n, n);
        int m = off.length - 1;
        double[] wt = GroupIndex.sqrtSizeWeights(off);
        compare("group_hadamard", pr, 21, len(n, m, n), Set.of(0), (c, b) -> {
            try (GroupIndex g = c.groups(off, wt)) { c.groupHadamard(b[0], b[1], b[2], g); }
            return 0;
        });
        compare("group_grad_split", pr, 22, len(m, n, n, m, n), Set.of(0, 1), (c, b) -> {
            try (GroupIndex g = c.groups(off, wt)) { c.groupGradSplit(b[0], b[1], b[2], b[3], b[4], g, 0.02, 0.03); }
            return 0;
        });
        compare("group_sgd_update", pr, 23, len(m, n, n, n), Set.of(2), (c, b) -> {
            try (GroupIndex g = c.groups(off, wt)) { c.groupSgdUpdate(b[0], b[1], b[2], b[3], g, new SgdParams(0.05, 0.01, 0.02)); }
            return 0;
        });
        for (boolean nest : new boolean[]{false, true})
            compare("group_momentum_update nesterov=" + nest, pr, 24, len(m, n, n, n, m, n), Set.of(2), (c, b) -> {
                try (GroupIndex g = c.groups(off, wt)) {
                    c.groupMomentumUpdate(b[0], b[1], b[2], b[3], b[4], b[5], g, new MomentumParams(0.02, 0.8, nest, 0.01, 0.02));
                }
                return 0;
            });
        for (boolean dec : new boolean[]{false, true})
            compare("group_adam_update decoupled=" + dec, pr, 25, len(m, n, n, n, m, m, n, n), Set.of(2), (c, b) -> {
                c.hadamard(b[5], b[5], b[5]);
                c.hadamard(b[7], b[7], b[7]);
                try (GroupIndex g = c.groups(off, wt)) {
                    c.groupAdamUpdate(b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], g, new AdamParams(0.01, 0.9, 0.99, 1e-8, 0.01, 0.02, dec), 2);
                }
                return 0;
            });
    }

    // ---------------------------------------------------------------- matrix passes

    @ParameterizedTest
    @MethodSource("matrixCases")
    void matrix(Precision pr, int n, int p, int k) {
        long np = (long) n * p;
        compare("mat_vec", pr, 31, len((long) n * k, np, (long) p * k), Set.of(0), (c, b) -> { c.matVec(b[0], b[1], n, p, b[2], k); return 0; });
        compare("mat_t_vec", pr, 32, len((long) p * k, np, (long) n * k), Set.of(0), (c, b) -> { c.matTVec(b[0], b[1], n, p, b[2], k); return 0; });
        for (Loss loss : Loss.values())
            compare("loss_gradient " + loss, pr, 33, len((long) p * k, (long) n * k, (long) n * k, np, (long) p * k, k, (long) n * k), Set.of(0, 1, 2),
                    (c, b) -> { c.lossGradient(loss, b[0], b[1], b[2], b[3], n, p, b[4], b[5], b[6], k); return 0; });
    }

    // ---------------------------------------------------------------- buffers and lifecycle

    @Test
    void buffersConvertAndCloseSafely() {
        double[] x = {1.0 / 3, -2.5, 1e-3, 7};
        try (DeviceBuffer f = dev.upload(Precision.FLOAT32, x); DeviceBuffer d = dev.upload(Precision.FLOAT64, new float[]{1.5f, -2f})) {
            float[] back = new float[4];
            f.copyTo(back);
            assertEquals((float) (1.0 / 3), back[0]);
            double[] part = new double[3];
            f.copyTo(1, part, 1, 2);
            assertEquals(-2.5, part[1]);
            assertEquals((double) 1e-3f, part[2]);
            assertEquals(1.5, d.toDoubleArray()[0]);
            f.copyFrom(new double[]{9, 8, 7}, 1, 2, 2);
            assertEquals(8.0, f.toDoubleArray()[2]);
            assertEquals(7.0, f.toDoubleArray()[3]);
        }
        DeviceBuffer z = dev.alloc(Precision.FLOAT64, 0);
        assertEquals(0, z.toDoubleArray().length);
        z.close();
        z.close();
        assertThrows(IllegalStateException.class, z::toDoubleArray);
    }

    @Test
    void contextWorksFromAnotherThread() throws Exception {
        try (DeviceBuffer a = dev.upload(Precision.FLOAT32, new double[]{1, 2, 3})) {
            double[] got = new double[1];
            Thread t = new Thread(() -> got[0] = dev.sum(a));
            t.start();
            t.join();
            assertEquals(6.0, got[0]);
        }
    }
}
