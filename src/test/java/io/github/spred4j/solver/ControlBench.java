package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.data.Dataset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Benchmark of device-resident control (issue 12 item 5; not a test): the per-problem passes over X that used to
 * run as Java loops (column sums, centred sums of squares, λ_max's Xᵀr; a float32 fit's float64 certificate: η and
 * Xᵀr) against the same passes as device ops, interleaved in one run on a large dense and a large sparse problem;
 * then whole single-λ fits (float64 and float32) on the device path. Wall and thread CPU time, median [min, max].
 *
 * <pre>java -cp test-classes:classes:deps io.github.spred4j.solver.ControlBench [backend] [reps] [denseN denseP]</pre>
 * {@code -Dbench.fits=false} times the passes only.
 */
public final class ControlBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private ControlBench() {
    }

    public static void main(String[] args) {
        String backend = args.length > 0 ? args[0] : "native";
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int n = args.length > 3 ? Integer.parseInt(args[2]) : 20000, p = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        System.out.printf(Locale.ROOT, "ControlBench backend=%s reps=%d java=%s cpus=%d%n", backend, reps,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        Dataset dense = denseData(n, p, 7), sparse = Rcv1Shaped.generate(20000, 50000, 70, 3);
        try (Context ctx = Backends.get(backend).open()) {
            for (Dataset d : new Dataset[]{dense, sparse}) {
                String name = (d.isSparse() ? "sparse rcv1-shaped " : "dense ") + d.n() + "x" + d.p()
                        + (d.isSparse() ? " nnz=" + d.rowPtr()[d.n()] : "");
                passes(ctx, d, name, reps);
                if (!"false".equals(System.getProperty("bench.fits"))) fits(ctx, d, name, reps);
            }
        }
    }

    static Dataset denseData(int n, int p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[Math.multiplyExact(n, p)], y = new double[n];
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int j = 0; j < p; j++) {
                double v = 1 + r.nextDouble() * 2 - 1 + 0.1 * j % 3;
                x[i * p + j] = v;
                if (j % 40 == 0) e += (j % 80 == 0 ? 1 : -1) * v;
            }
            y[i] = e + r.nextGaussian();
        }
        return Dataset.dense(n, p, x, y, null);
    }

    /** The statistics and certificate passes: host loops (HostMatrix, the pre-item-5 route) vs device ops. */
    private static void passes(Context ctx, Dataset d, String name, int reps) {
        int n = d.n(), p = d.p();
        double[] r = new double[n], beta = new double[p];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < n; i++) r[i] = rnd.nextGaussian();
        for (int j = 0; j < p; j += 50) beta[j] = rnd.nextGaussian();
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        HostMatrix hm = HostMatrix.of(d);
        List<double[]> host = new ArrayList<>(), dev = new ArrayList<>(), hostCert = new ArrayList<>(), devCert = new ArrayList<>();
        double sink = 0;
        try (Prepared pb = new Prepared(ctx, d, o)) { // a float64 design: the exact passes' design is the fit's
            for (int k = 0; k < reps + 1; k++) {
                // statistics + λ_max: sums, centred sums of squares, one Xᵀr
                long[] t = start();
                double[] s = hm.columnSums();
                double[] ss = hm.centredSumSquares(s);
                double[] g = hm.xtr(r);
                if (k > 0) host.add(stop(t));
                sink += s[0] + ss[0] + g[0];
                t = start();
                s = pb.x.columnSums();
                ss = pb.x.centredSumSquares(s);
                g = pb.exact.xtr(r);
                if (k > 0) dev.add(stop(t));
                sink += s[0] + ss[0] + g[0];
                // a float32 fit's float64 certificate passes: η = b0 + Xβ and Xᵀr
                t = start();
                double[] e = hm.eta(0.5, beta);
                g = hm.xtr(r);
                if (k > 0) hostCert.add(stop(t));
                sink += e[0] + g[0];
                t = start();
                e = pb.exact.eta(0.5, beta);
                g = pb.exact.xtr(r);
                if (k > 0) devCert.add(stop(t));
                sink += e[0] + g[0];
            }
        }
        report(name + " statistics+lambda_max passes, host Java loops", host);
        report(name + " statistics+lambda_max passes, device ops (" + ctx.backendName() + ")", dev);
        report(name + " float64 certificate passes, host Java loops", hostCert);
        report(name + " float64 certificate passes, device ops (" + ctx.backendName() + ")", devCert);
        System.out.println("  (checksum " + sink + ")");
    }

    /** Whole single-λ fits (0.1·λ_max) through the engine: float64 and float32 (whose certificate is the exact pass). */
    private static void fits(Context ctx, Dataset d, String name, int reps) {
        for (Precision pr : Precision.values()) {
            FitOptions o = FitOptions.defaults(Model.SQUARED).withPrecision(pr);
            o = o.withLambda(0.1 * Spred.lambdaMax(d, o));
            List<double[]> times = new ArrayList<>();
            FitResult f = null;
            for (int k = 0; k < reps + 1; k++) {
                long[] t = start();
                f = Spred.fit(ctx, d, o);
                if (k > 0) times.add(stop(t));
            }
            report(name + " single-lambda fit " + pr + " (nnz " + f.nnz() + ", " + f.certificateName() + " " + f.certificate() + ")", times);
        }
    }

    private static long[] start() {
        return new long[]{System.nanoTime(), CPU.getCurrentThreadCpuTime()};
    }

    private static double[] stop(long[] t) {
        return new double[]{(System.nanoTime() - t[0]) / 1e6, (CPU.getCurrentThreadCpuTime() - t[1]) / 1e6};
    }

    private static void report(String what, List<double[]> ts) {
        double[] wall = ts.stream().mapToDouble(a -> a[0]).sorted().toArray();
        double[] cpu = ts.stream().mapToDouble(a -> a[1]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-100s wall ms %9.1f [%8.1f, %8.1f]  cpu ms %9.1f [%8.1f, %8.1f]  (n=%d)%n", what,
                wall[wall.length / 2], wall[0], wall[wall.length - 1], cpu[cpu.length / 2], cpu[0], cpu[cpu.length - 1], wall.length);
        if (Arrays.stream(wall).anyMatch(v -> !Double.isFinite(v))) throw new IllegalStateException("non-finite time");
    }
}
