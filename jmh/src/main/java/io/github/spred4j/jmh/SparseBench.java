package io.github.spred4j.jmh;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SparseIndex;
import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.CsrMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The sparse-X passes of one iteration on a seeded rcv1-shaped synthetic (n×p with about m nonzeros a row,
 * Zipf-like column popularity, tf-idf-like values, rows L2-normalised): η = Xb fused with the residual (CSR),
 * Xᵀr as a gather (CSC), and the column statistics. Bytes moved per call: {@link #bytes}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SparseBench {
    @Param({"native"})
    public String backend;

    @Param({"FLOAT64"})
    public Precision precision;

    /** n x p x nonzeros per row: rcv1.binary is about 20242 x 47236 x 74. */
    @Param({"20000x50000x75"})
    public String shape;

    private Context ctx;
    private SparseIndex csr, csc;
    private DeviceBuffer rowVal, colVal, b, y, eta, r, out, sum, sumsq, centre, gathered;
    private static final int[] WORKING_SET = java.util.stream.IntStream.range(0, 64).toArray();

    /** A seeded rcv1-shaped CSR (see the class comment). */
    public static CsrMatrix synthetic(int n, int p, int perRow, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] rp = new long[n + 1];
        int[] ci = new int[n * perRow * 2];
        double[] v = new double[ci.length];
        boolean[] seen = new boolean[p];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int len = Math.max(1, (int) Math.round(perRow * (0.25 + 1.5 * rnd.nextDouble())));
            int start = k;
            for (int t = 0; t < len && k < ci.length; t++) {
                int j = (int) Math.min(p - 1, Math.floor(Math.pow(p, rnd.nextDouble())) - 1); // Zipf-like: log-uniform rank
                if (seen[j]) continue;
                seen[j] = true;
                ci[k] = j;
                v[k++] = (1 + Math.log(1 + rnd.nextInt(5))) * Math.log((double) p / (j + 1) + 1); // tf·idf
            }
            sortRow(ci, v, start, k);
            double norm = 0;
            for (int q = start; q < k; q++) {
                seen[ci[q]] = false;
                norm += v[q] * v[q];
            }
            for (int q = start; q < k; q++) v[q] /= Math.sqrt(norm);
            rp[i + 1] = k;
        }
        return new CsrMatrix(n, p, rp, java.util.Arrays.copyOf(ci, k), java.util.Arrays.copyOf(v, k));
    }

    /** Sorts one row's (index, value) pairs by index (insertion sort: rows are short). */
    private static void sortRow(int[] ci, double[] v, int lo, int hi) {
        for (int a = lo + 1; a < hi; a++) {
            int c = ci[a];
            double x = v[a];
            int b = a - 1;
            while (b >= lo && ci[b] > c) {
                ci[b + 1] = ci[b];
                v[b + 1] = v[b];
                b--;
            }
            ci[b + 1] = c;
            v[b + 1] = x;
        }
    }

    /** Bytes one call of each pass reads and writes (values, indices, offsets, the gathered and written vectors). */
    public static long bytes(long n, long p, long nnz, int realBytes) {
        return nnz * (realBytes + 4 + realBytes) + 8 * (n + 1) + 3 * n * realBytes;
    }

    @Setup(Level.Trial)
    public void setup() {
        String[] s = shape.split("x");
        int n = Integer.parseInt(s[0]), p = Integer.parseInt(s[1]), m = Integer.parseInt(s[2]);
        CsrMatrix x = synthetic(n, p, m, 13);
        CscMatrix c = x.toCsc();
        ctx = Backends.get(backend).open();
        csr = ctx.sparse(SparseIndex.Layout.CSR, n, p, x.rowPtr(), x.colIdx());
        csc = ctx.sparse(SparseIndex.Layout.CSC, n, p, c.colPtr(), c.rowIdx());
        rowVal = ctx.upload(precision, x.values());
        colVal = ctx.upload(precision, c.values());
        SplittableRandom rnd = new SplittableRandom(5);
        double[] bv = new double[p], yv = new double[n];
        for (int j = 0; j < p; j++) bv[j] = rnd.nextDouble() < 0.01 ? rnd.nextGaussian() : 0;
        for (int i = 0; i < n; i++) yv[i] = rnd.nextGaussian();
        b = ctx.upload(precision, bv);
        y = ctx.upload(precision, yv);
        eta = ctx.alloc(precision, n);
        r = ctx.alloc(precision, n);
        out = ctx.alloc(precision, p);
        sum = ctx.alloc(precision, p);
        sumsq = ctx.alloc(precision, p);
        centre = ctx.alloc(precision, p);
        ctx.fill(centre, 0.25);
        gathered = ctx.alloc(precision, (long) n * WORKING_SET.length);
        ctx.csrResidual(eta, r, csr, rowVal, b, y, 0.1, Loss.SQUARED);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (ctx != null) ctx.close();
    }

    @Benchmark
    public DeviceBuffer csrResidual() {
        ctx.csrResidual(eta, r, csr, rowVal, b, y, 0.1, Loss.SQUARED);
        ctx.synchronize();
        return r;
    }

    @Benchmark
    public DeviceBuffer cscMatTVec() {
        ctx.cscMatTVec(out, csc, colVal, r);
        ctx.synchronize();
        return out;
    }

    /** A working set of 64 columns, the most popular (Zipf rank 0..63: the densest columns). */
    @Benchmark
    public DeviceBuffer cscGather() {
        ctx.cscGather(gathered, csc, colVal, WORKING_SET);
        ctx.synchronize();
        return gathered;
    }

    @Benchmark
    public DeviceBuffer cscColStats() {
        ctx.cscColStats(sum, sumsq, csc, colVal, centre);
        ctx.synchronize();
        return sum;
    }
}
