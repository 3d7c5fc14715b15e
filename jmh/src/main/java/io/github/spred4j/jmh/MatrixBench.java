package io.github.spred4j.jmh;

import dev.ludovic.netlib.blas.BLAS;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Deviance;
import io.github.spred4j.api.Loss;
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
 * The matrix passes of one lasso iteration on a dense row-major n×p X, and their baselines in the same run:
 * <ul>
 *   <li>{@code lossGradient}: the one-pass kernel (η = Xb, r = y − η, Xᵀr; X read once);</li>
 *   <li>{@code twoPass}: the same with the backend's own matVec, a residual and matTVec (X read twice);</li>
 *   <li>{@code blasTwoGemv}: the same through two GEMV calls of a real BLAS on host arrays
 *       ({@code dev.ludovic.netlib}: JNI to the system libblas.so.3 — OpenBLAS where installed — or its pure-Java
 *       fallback; {@link #blasName()} says which ran). Only meaningful against a CPU backend;</li>
 *   <li>{@code sgdUpdateP} vs {@code plainStepP}: the fused spred update of length p against the plain gradient
 *       step v ← v − lr·g (the spred overhead), and {@code lassoIteration} = lossGradient + sgdUpdate, so the
 *       report can give the overhead as a fraction of one iteration.</li>
 * </ul>
 * X does not rotate: a shape whose X fits the last-level cache measures the cache, the larger ones memory.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MatrixBench {
    @Param({"native"})
    public String backend;

    @Param({"FLOAT64"})
    public Precision precision;

    /**
     * n x p. 512x512: X is 1-2 MiB (cache-resident); 2048x2048: 16-32 MiB (about the 32 MiB L3);
     * 4096x4096: 64-128 MiB (2-4× L3); 10000x5000: the realistic lasso size of the solver benchmark (200-400 MiB).
     */
    @Param({"512x512", "2048x2048", "4096x4096", "10000x5000"})
    public String shape;

    private Context ctx;
    private int n, p;
    private DeviceBuffer x, b, y, eta, r, grad, offset, u, w, v, g, sumsq, cdState, cdOnes, cdZeros, cdWeights;
    private double[] xd, bd, yd, etad, rd, gd;
    private float[] xf, bf, yf, etaf, rf, gf;
    private static final BLAS BLAS_INSTANCE = BLAS.getInstance();
    private static final java.util.Map<String, double[][]> HOST = new java.util.HashMap<>();

    public static String blasName() {
        return BLAS_INSTANCE.getClass().getName();
    }

    public static int[] parseShape(String shape) {
        String[] s = shape.split("x");
        return new int[]{Integer.parseInt(s[0]), Integer.parseInt(s[1])};
    }

    @Setup(Level.Trial)
    public void setup() {
        int[] s = parseShape(shape);
        n = s[0];
        p = s[1];
        ctx = Backends.get(backend).open();
        double[][] host = HOST.get(shape);
        if (host == null) {
            HOST.clear(); // keep one shape's arrays: the in-process (--quick) runs reuse them across benchmarks
            SplittableRandom rnd = new SplittableRandom(11);
            host = new double[][]{random(rnd, (long) n * p, 1), random(rnd, p, 1e-2), random(rnd, n, 1),
                    random(rnd, p, 1), random(rnd, p, 1), random(rnd, p, 1e-2)};
            HOST.put(shape, host);
        }
        xd = host[0];
        bd = host[1];
        yd = host[2];
        etad = new double[n];
        rd = new double[n];
        gd = new double[p];
        x = ctx.upload(precision, xd);
        b = ctx.upload(precision, bd);
        y = ctx.upload(precision, yd);
        eta = ctx.alloc(precision, n);
        r = ctx.alloc(precision, n);
        grad = ctx.alloc(precision, p);
        offset = ctx.upload(precision, new double[]{0.1});
        u = ctx.upload(precision, host[3]);
        w = ctx.upload(precision, host[4]);
        v = ctx.alloc(precision, p);
        g = ctx.upload(precision, host[5]);
        sumsq = ctx.alloc(precision, p);
        cdState = ctx.alloc(precision, Context.CD_STATE);
        cdOnes = ctx.alloc(precision, p);
        ctx.fill(cdOnes, 1);
        cdZeros = ctx.alloc(precision, p);
        cdWeights = ctx.alloc(precision, n);
        ctx.fill(cdWeights, 1);
        if (precision == Precision.FLOAT32) {
            xf = toFloat(xd);
            bf = toFloat(bd);
            yf = toFloat(yd);
            etaf = new float[n];
            rf = new float[n];
            gf = new float[p];
            xd = null;
        }
        ctx.synchronize();
    }

    private static double[] random(SplittableRandom r, long len, double scale) {
        double[] a = new double[Math.toIntExact(len)];
        for (int i = 0; i < a.length; i++) a[i] = scale * (r.nextDouble() * 2 - 1);
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
        xd = null;
        xf = null;
    }

    @Benchmark
    public void matVec() {
        ctx.matVec(eta, x, n, p, b, 1);
        ctx.synchronize();
    }

    @Benchmark
    public void matTVec() {
        ctx.matTVec(grad, x, n, p, r, 1);
        ctx.synchronize();
    }

    @Benchmark
    public void lossGradient() {
        ctx.lossGradient(Loss.SQUARED, grad, eta, r, x, n, p, b, offset, y, 1);
        ctx.synchronize();
    }

    /** η = Xb, r = y − η, Xᵀr with the backend's separate kernels: X read twice. */
    @Benchmark
    public void twoPass() {
        ctx.matVec(eta, x, n, p, b, 1);
        ctx.copy(r, y);
        ctx.axpy(r, -1, eta);
        ctx.matTVec(grad, x, n, p, r, 1);
        ctx.synchronize();
    }

    /**
     * η = Xb, r = y − η, Xᵀr through BLAS. Row-major X (n×p) is column-major Xᵀ (p×n, lda p), so Xb is
     * gemv("T") and Xᵀr is gemv("N").
     */
    @Benchmark
    public void blasTwoGemv() {
        BLAS blas = BLAS_INSTANCE;
        if (precision == Precision.FLOAT32) {
            blas.sgemv("T", p, n, 1f, xf, p, bf, 1, 0f, etaf, 1);
            blas.scopy(n, yf, 1, rf, 1);
            blas.saxpy(n, -1f, etaf, 1, rf, 1);
            blas.sgemv("N", p, n, 1f, xf, p, rf, 1, 0f, gf, 1);
        } else {
            blas.dgemv("T", p, n, 1.0, xd, p, bd, 1, 0.0, etad, 1);
            blas.dcopy(n, yd, 1, rd, 1);
            blas.daxpy(n, -1.0, etad, 1, rd, 1);
            blas.dgemv("N", p, n, 1.0, xd, p, rd, 1, 0.0, gd, 1);
        }
    }

    /** The fused spred SGD update on the p coefficients. */
    @Benchmark
    public void sgdUpdateP() {
        ctx.sgdUpdate(u, w, v, g, KernelBench.SGD);
        ctx.synchronize();
    }

    /** The plain gradient step on p coefficients without the reparametrisation: v ← v − lr·g. */
    @Benchmark
    public void plainStepP() {
        ctx.axpy(v, -KernelBench.SGD.lr(), g);
        ctx.synchronize();
    }

    /** One first-order lasso iteration on spred: the one-pass gradient, then the fused update. */
    @Benchmark
    public void lassoIteration() {
        ctx.lossGradient(Loss.SQUARED, grad, eta, r, x, n, p, b, offset, y, 1);
        ctx.sgdUpdate(u, w, v, g, KernelBench.SGD);
        ctx.synchronize();
    }

    /** The centred column statistics (means and scales of implicit standardisation): X read once. */
    @Benchmark
    public void colStats() {
        ctx.colStats(grad, sumsq, x, n, p, g);
        ctx.synchronize();
    }

    /**
     * The held-out losses of p stacked predictions of length n (X's storage read as p vectors of n, the shape of a
     * fold's predictions at every λ): one deviance sum per vector, X read once.
     */
    @Benchmark
    public void colDeviance() {
        ctx.colDeviance(Deviance.SQUARED, grad, x, n, p, y, g);
        ctx.synchronize();
    }

    /**
     * One coordinate-descent sweep (squared loss, λ = 0, unit curvatures) over X read as a column-major n×p working
     * set: a dot and an axpy of length n per column (the fused CD op of the solver's inner loop).
     */
    @Benchmark
    public void cdSweep() {
        ctx.cdSweep(grad, r, eta, cdState, x, n, p, cdWeights, cdZeros, cdOnes, cdOnes, cdZeros, 0, 0, n, 0, 1, 0);
        ctx.synchronize();
    }

    /** Bytes moved per call, each input read once and each output written once (spred-math.md). */
    public static double bytes(String benchmark, int n, int p, int elem) {
        double xb = (double) n * p * elem;
        switch (benchmark) {
            case "matVec": return xb + (double) (p + n) * elem;
            case "matTVec": return xb + (double) (n + p) * elem;
            case "colStats": return xb + 3.0 * p * elem;
            case "colDeviance": return xb + (double) (n + 2 * p) * elem;
            case "cdSweep": return xb + 3.0 * n * p * elem; // X once; r read twice and written once per column
            // the useful traffic of the gradient: X once, b, y in; η, r, grad out
            case "lossGradient": case "twoPass": case "blasTwoGemv": return xb + (double) (2 * p + 3 * n) * elem;
            case "sgdUpdateP": return 6.0 * p * elem;
            case "plainStepP": return 3.0 * p * elem;
            case "lassoIteration": return xb + (double) (2 * p + 3 * n) * elem + 6.0 * p * elem;
            default: throw new IllegalArgumentException("unknown benchmark " + benchmark);
        }
    }
}
