package io.github.spred4j.data;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;
import io.github.spred4j.backend.Required;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SparseDesign's passes against the float64 DenseDesign of the same matrix (the reference twin) on java, native
 * and opencl-cpu, at awkward shapes: one entry, empty rows and columns, primes, p far larger than n, k = 0, 1, 3.
 */
class SparseDesignTest {
    private static final int[][] SHAPES = {{1, 1}, {2, 7}, {13, 1}, {31, 17}, {65, 257}, {5, 400}};

    /** Seeded n×p CSR with density about d, rows 0 and n/2 and every third column left empty. */
    static CsrMatrix random(int n, int p, double d, long seed) {
        Random rnd = new Random(seed);
        long[] rp = new long[n + 1];
        java.util.List<Integer> ci = new java.util.ArrayList<>();
        java.util.List<Double> v = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++)
                if (i != 0 && i != n / 2 && j % 3 != 2 && rnd.nextDouble() < d) {
                    ci.add(j);
                    v.add(rnd.nextGaussian() + 0.5);
                }
            rp[i + 1] = ci.size();
        }
        if (n > 1 && p > 0 && rp[n] == 0) { // at least one entry (the last row)
            ci.add(0);
            v.add(1.5);
            rp[n] = 1;
        }
        return new CsrMatrix(n, p, rp, ci.stream().mapToInt(Integer::intValue).toArray(),
                v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static double[] randomVec(Random rnd, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) x[i] = rnd.nextGaussian();
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu"})
    void passesEqualTheDenseDesign(String name) {
        Backend b = Backends.get(name);
        Required.backend(b);
        try (Context ctx = b.open()) {
            for (int[] s : SHAPES) {
                int n = s[0], p = s[1];
                CsrMatrix x = random(n, p, 0.2, 7L * n + p);
                String at = name + " " + n + "x" + p + " nnz " + x.nnz() + ": ";
                Random rnd = new Random(n * 31L + p);
                try (SparseDesign sd = new SparseDesign(ctx, Precision.FLOAT64, x);
                     DenseDesign dd = DenseDesign.rowMajor(ctx, Precision.FLOAT64, n, p, x.toDense())) {
                    assertEquals(n, sd.n());
                    assertEquals(p, sd.p());
                    for (int k : new int[]{0, 1, 3}) {
                        double[] bv = randomVec(rnd, p * k), rv = randomVec(rnd, n * k);
                        try (DeviceBuffer bb = ctx.upload(Precision.FLOAT64, bv); DeviceBuffer rb = ctx.upload(Precision.FLOAT64, rv);
                             DeviceBuffer o1 = ctx.alloc(Precision.FLOAT64, (long) n * k); DeviceBuffer o2 = ctx.alloc(Precision.FLOAT64, (long) n * k);
                             DeviceBuffer g1 = ctx.alloc(Precision.FLOAT64, (long) p * k); DeviceBuffer g2 = ctx.alloc(Precision.FLOAT64, (long) p * k)) {
                            sd.times(o1, bb, k);
                            dd.times(o2, bb, k);
                            close(at + "Xb k=" + k, o2.toDoubleArray(), o1.toDoubleArray());
                            sd.transposeTimes(g1, rb, k);
                            dd.transposeTimes(g2, rb, k);
                            close(at + "X'r k=" + k, g2.toDoubleArray(), g1.toDoubleArray());
                        }
                    }
                    close(at + "column sums", dd.columnSums(), sd.columnSums());
                    double[] m = randomVec(rnd, p);
                    close(at + "centred sums of squares", dd.centredSumSquares(m), sd.centredSumSquares(m));
                    int[] cols = p == 1 ? new int[]{0, 0} : new int[]{p - 1, 0, p / 2, p - 1};
                    assertArrayEquals(dd.columns(cols), sd.columns(cols), 0.0, at + "columns");
                    try (Design sel = sd.select(cols); DeviceBuffer bb = ctx.upload(Precision.FLOAT64, randomVec(rnd, cols.length));
                         DeviceBuffer o = ctx.alloc(Precision.FLOAT64, n)) {
                        assertEquals(cols.length, sel.p());
                        sel.times(o, bb, 1);
                        double[] want = new double[n], c = sd.columns(cols), bh = bb.toDoubleArray();
                        for (int a = 0; a < cols.length; a++) for (int i = 0; i < n; i++) want[i] += c[a * n + i] * bh[a];
                        close(at + "select", want, o.toDoubleArray());
                    }
                    assertFalse(sd.hasOnePassGradient(io.github.spred4j.api.Loss.SQUARED));
                }
                assertEquals(0, ctx.liveObjects(), at + "every device object closed");
            }
        }
    }

    /** Centred norms with a large mean: the stored-entry form keeps full accuracy (no cancellation). */
    @Test
    void centredSumSquaresDoNotCancel() {
        int n = 1000;
        long[] rp = new long[n + 1];
        int[] ci = new int[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            rp[i + 1] = i + 1;
            v[i] = 1e8 + (i % 2); // column of 1e8 and 1e8+1: mean 1e8+0.5, centred sum of squares n/4
        }
        CsrMatrix x = new CsrMatrix(n, 1, rp, ci, v);
        double mean = SparseDesign.columnSums(x.toCsc())[0] / n;
        double ss = SparseDesign.centredSumSquares(x.toCsc(), new double[]{mean})[0];
        assertEquals(n / 4.0, ss, 1e-9 * n, "centred sum of squares");
    }

    private static void close(String what, double[] want, double[] got) {
        assertEquals(want.length, got.length, what + ": length");
        for (int i = 0; i < want.length; i++) {
            assertFalse(Double.isNaN(got[i]), what + " [" + i + "] is NaN");
            assertEquals(want[i], got[i], 1e-12 * (1 + Math.abs(want[i])), what + " [" + i + "]");
        }
    }
}
