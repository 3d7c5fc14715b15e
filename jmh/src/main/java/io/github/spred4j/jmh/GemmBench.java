package io.github.spred4j.jmh;

import dev.ludovic.netlib.blas.BLAS;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;
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
 * The GEMM-shaped passes for k vectors on a dense row-major n×p X (2·n·p·k flops each), their matrix-vector
 * counterparts, and the ceilings measured in the same run ({@link GemmReport} prints GFLOP/s and the ratios):
 * <ul>
 *   <li>{@code gemmXtR}, {@code gemmXB}, {@code gramCols}: the ops (gram_cols with k columns of X);</li>
 *   <li>{@code matTVec}, {@code matVec}: the same products by the bandwidth-shaped matrix passes (the route
 *       before the GEMM ops);</li>
 *   <li>{@code blasXtR}, {@code blasXB}: the same products by a real BLAS dgemm/sgemm on host arrays
 *       ({@code dev.ludovic.netlib}: JNI to the system libblas.so.3, OpenBLAS here) — the bound a tuned library
 *       reaches at this shape;</li>
 *   <li>{@code blasPeak}: a 512³ dgemm, the machine's practical double FMA peak (OpenBLAS reaches ~90 % of the
 *       nominal 16 flops/cycle of AVX2+FMA on a square product that fits the caches). float32 passes accumulate
 *       in double (the contract), so their ceiling is the double peak too.</li>
 * </ul>
 * Threads: whatever OMP_NUM_THREADS / OPENBLAS_NUM_THREADS say (1 for the committed runs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GemmBench {
    @Param({"native"})
    public String backend;

    @Param({"FLOAT64"})
    public Precision precision;

    /** n x p: 2000x500 is the dense synthetic of the batched engine (X 8 MB in float64). */
    @Param({"2000x500"})
    public String shape;

    @Param({"1", "8", "64", "1000"})
    public int k;

    static final int PEAK = 512;
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();

    private Context ctx;
    private int n, p;
    private int[] cols;
    private DeviceBuffer x, r, b, mean, outP, outN;
    private double[] xd, rd, bd, od, pa, pb, pc;
    private float[] xf, rf, bf, of;

    @Setup(Level.Trial)
    public void setup() {
        int[] s = MatrixBench.parseShape(shape);
        n = s[0];
        p = s[1];
        SplittableRandom rnd = new SplittableRandom(17);
        xd = random(rnd, (long) n * p);
        rd = random(rnd, (long) n * k);
        bd = random(rnd, (long) p * k);
        od = new double[Math.max(n, p) * k];
        cols = new int[k];
        for (int j = 0; j < k; j++) cols[j] = rnd.nextInt(p);
        ctx = Backends.get(backend).open();
        x = ctx.upload(precision, xd);
        r = ctx.upload(precision, rd);
        b = ctx.upload(precision, bd);
        mean = ctx.upload(precision, new double[p]);
        outP = ctx.alloc(precision, (long) p * k);
        outN = ctx.alloc(precision, (long) n * k);
        pa = random(rnd, (long) PEAK * PEAK);
        pb = random(rnd, (long) PEAK * PEAK);
        pc = new double[PEAK * PEAK];
        if (precision == Precision.FLOAT32) {
            xf = toFloat(xd);
            rf = toFloat(rd);
            bf = toFloat(bd);
            of = new float[od.length];
        }
        ctx.synchronize();
    }

    private static double[] random(SplittableRandom r, long len) {
        double[] a = new double[Math.toIntExact(len)];
        for (int i = 0; i < a.length; i++) a[i] = r.nextDouble() * 2 - 1;
        return a;
    }

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) f[i] = (float) a[i];
        return f;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ctx.close();
    }

    @Benchmark
    public void gemmXtR() {
        ctx.gemmXtR(outP, x, n, p, r, k);
        ctx.synchronize();
    }

    @Benchmark
    public void gemmXB() {
        ctx.gemmXB(outN, x, n, p, b, k);
        ctx.synchronize();
    }

    @Benchmark
    public void gramCols() {
        ctx.gramCols(outP, x, n, p, mean, cols);
        ctx.synchronize();
    }

    @Benchmark
    public void matTVec() {
        ctx.matTVec(outP, x, n, p, r, k);
        ctx.synchronize();
    }

    @Benchmark
    public void matVec() {
        ctx.matVec(outN, x, n, p, b, k);
        ctx.synchronize();
    }

    /** Xᵀ R: row-major X (n×p) is column-major Xᵀ (p×n, lda p); R is column-major n×k. */
    @Benchmark
    public void blasXtR() {
        if (precision == Precision.FLOAT32) BLAS_INSTANCE.sgemm("N", "N", p, k, n, 1f, xf, p, rf, n, 0f, of, p);
        else BLAS_INSTANCE.dgemm("N", "N", p, k, n, 1.0, xd, p, rd, n, 0.0, od, p);
    }

    /** X B: X = (column-major Xᵀ)ᵀ, B column-major p×k. */
    @Benchmark
    public void blasXB() {
        if (precision == Precision.FLOAT32) BLAS_INSTANCE.sgemm("T", "N", n, k, p, 1f, xf, p, bf, p, 0f, of, n);
        else BLAS_INSTANCE.dgemm("T", "N", n, k, p, 1.0, xd, p, bd, p, 0.0, od, n);
    }

    /** The practical double FMA peak: a square 512³ dgemm (2·512³ flops). */
    @Benchmark
    public void blasPeak() {
        BLAS_INSTANCE.dgemm("N", "N", PEAK, PEAK, PEAK, 1.0, pa, PEAK, pb, PEAK, 0.0, pc, PEAK);
    }

    public static String blasName() {
        return BLAS_INSTANCE.getClass().getName();
    }

    /** Flops of one call of a benchmark at (n, p, k). */
    public static double flops(String benchmark, int n, int p, int k) {
        return benchmark.equals("blasPeak") ? 2.0 * PEAK * PEAK * PEAK : 2.0 * n * p * k;
    }
}
