package io.github.spred4j.spark;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Every device route of a partition's pass ({@link DeviceOps}: η, Xᵀr, Gram blocks, dense and CSR) against its
 * float64 Java twin ({@link JavaOps}) on seeded blocks at awkward sizes (0 and 1 rows, primes, one past a power of
 * two, p ≫ n), on every non-Java backend this machine can run. No Spark context: blocks are packed from Rows.
 */
class PassOpsTest {
    /** (n, p, non-zeros a row; p means dense rows) */
    static final int[][] SHAPES = {{0, 5, 5}, {1, 1, 1}, {1, 7, 7}, {2, 3, 3}, {13, 17, 17}, {65, 31, 31},
            {257, 64, 64}, {97, 1009, 9}, {513, 3000, 17}, {1, 400, 3}};

    static Block block(int n, int p, int perRow, long seed) {
        Random r = new Random(seed);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double y = r.nextInt(2);
            if (perRow >= p) {
                double[] x = new double[p];
                for (int j = 0; j < p; j++) x[j] = r.nextInt(7) == 0 ? 0 : r.nextGaussian() * (1 + j % 4);
                rows.add(RowFactory.create(y, Vectors.dense(x)));
            } else {
                int[] c = r.ints(perRow, 0, p).sorted().distinct().toArray();
                double[] v = r.doubles(c.length, -2, 3).toArray();
                rows.add(RowFactory.create(y, Vectors.sparse(p, c, v)));
            }
        }
        return Block.pack(rows.iterator(), p, LossFamily.LOGISTIC);
    }

    static void close(double[] want, double[] got, String what) {
        assertEquals(want.length, got.length, what + ": length");
        double scale = 1;
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++) {
            assertTrue(Double.isFinite(got[i]), what + "[" + i + "] = " + got[i]);
            assertTrue(Math.abs(want[i] - got[i]) <= 1e-12 * scale, what + "[" + i + "]: " + got[i] + " vs Java " + want[i]);
        }
    }

    static int[] subset(Random r, int p, int k) {
        return r.ints(3L * k + 3, 0, p).distinct().limit(k).toArray(); // not sorted: the engine's order is arbitrary
    }

    @Test
    void everyDeviceRouteMatchesTheJavaLoops() {
        List<Backend> devices = new ArrayList<>();
        for (Backend b : Backends.available()) if (!b.name().equals("java")) devices.add(b);
        assumeFalse(devices.isEmpty(), "no non-Java backend can run here");
        for (Backend be : devices) {
            int checked = 0;
            for (int[] sh : SHAPES) {
                int n = sh[0], p = sh[1];
                Block blk = block(n, p, sh[2], 31L * n + p);
                Random r = new Random(n + 7L * p);
                String what = be.name() + " " + n + "x" + p + (blk.dense ? " dense" : " csr");
                PassOps ref = new JavaOps(blk);
                try (PassOps dev = DeviceOps.open(be.name(), blk)) {
                    assertEquals(n == 0 ? "java" : be.name(), dev.name(), what + ": the route");
                    int[] bi = subset(r, p, Math.max(1, p / 3));
                    double[] bv = r.doubles(bi.length, -1, 1).toArray();
                    double c0 = r.nextGaussian();
                    close(ref.eta(c0, bi, bv), dev.eta(c0, bi, bv), what + " eta");
                    close(ref.eta(0, new int[0], new double[0]), dev.eta(0, new int[0], new double[0]), what + " eta at 0");
                    double[] res = r.doubles(n, -1, 1).toArray();
                    close(ref.xtr(res), dev.xtr(res), what + " xtr");
                    double[] w = r.doubles(n, 0, 0.25).toArray();
                    if (n > 1) w[1] = 0; // a row of zero weight is skipped by the loops
                    int[] R = subset(r, p, Math.min(p, 11)), C = subset(r, p, Math.min(p, 5));
                    for (double[] wt : new double[][]{null, w}) {
                        double[][] a = ref.gram(R, C, wt), b = dev.gram(R, C, wt);
                        close(a[0], b[0], what + " gram");
                        close(a[1], b[1], what + " gram xw");
                        double[][] s = ref.gram(R, R, wt), t = dev.gram(R, R, wt);
                        close(s[0], t[0], what + " symmetric gram");
                        close(s[1], t[1], what + " symmetric gram xw");
                        for (int q = 0; q < R.length; q++)
                            for (int m = 0; m < q; m++) assertEquals(t[0][m * R.length + q], t[0][q * R.length + m], what + " symmetric");
                    }
                    checked++;
                }
            }
            assertEquals(SHAPES.length, checked);
        }
    }

    @Test
    void theDenseGramIsChunkedWithoutChangingIt() {
        List<Backend> devices = new ArrayList<>();
        for (Backend b : Backends.available()) if (!b.name().equals("java")) devices.add(b);
        assumeFalse(devices.isEmpty(), "no non-Java backend can run here");
        Block blk = block(300, 40, 40, 5);
        Random r = new Random(9);
        int[] R = subset(r, 40, 23), C = subset(r, 40, 17);
        double[] w = r.doubles(300, 0, 1).toArray();
        double[][] want = new JavaOps(blk).gram(R, C, w);
        try (PassOps dev = DeviceOps.open(devices.get(0).name(), blk)) {
            long[] chunks = {1, 300, 301, 300 * 7}; // one vector a matTVec, ..., several
            for (long ch : chunks) {
                DeviceOps.chunkOverride = ch;
                double[][] got = dev.gram(R, C, w);
                close(want[0], got[0], "chunk " + ch + " gram");
                close(want[1], got[1], "chunk " + ch + " xw");
            }
        } finally {
            DeviceOps.chunkOverride = 0;
        }
    }

    @Test
    void anUnknownOrUnavailableBackendFallsBackToTheJavaLoops() {
        Block blk = block(20, 6, 6, 3);
        Backend missing = null;
        for (Backend b : Backends.list()) if (!b.isAvailable()) missing = b;
        try (PassOps ops = DeviceOps.open("java", blk)) {
            assertEquals("java", ops.name());
        }
        if (missing != null) {
            try (PassOps ops = DeviceOps.open(missing.name(), blk)) {
                assertEquals("java", ops.name(), missing.name() + " cannot run here: Java loops");
            }
            String key = missing.name();
            assertTrue(DeviceOps.fallbacks().stream().anyMatch(s -> s.startsWith(key + ": ")),
                    "the fallback is logged with its reason: " + DeviceOps.fallbacks());
        }
    }
}
