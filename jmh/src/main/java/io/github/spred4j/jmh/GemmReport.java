package io.github.spred4j.jmh;

import io.github.spred4j.api.Precision;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GFLOP/s of the {@link GemmBench} methods by <b>thread CPU time</b> (ThreadMXBean), for a machine too loaded for
 * wall-clock JMH figures to mean anything (the JMH class itself still runs under the JMH runner for wall time).
 * Per backend, precision and k: R rounds; in each round every benchmark method is called in turn (interleaved),
 * warmed up, then timed over enough calls for ~0.15 s of CPU. Printed per method: the median GFLOP/s (2·n·p·k
 * flops per call) and the ratios, each computed within a round and given as median [min, max] over the rounds:
 * op ÷ blasPeak (a 512³ OpenBLAS dgemm: the practical double-FMA peak of the core), op ÷ OpenBLAS at the same
 * shape, op ÷ the matrix-vector pass it replaces. Native kernels and OpenBLAS run on the calling thread when
 * OMP_NUM_THREADS=1 and OPENBLAS_NUM_THREADS=1, so its CPU time is theirs.
 *
 * <pre>OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 java -cp jmh/target/benchmarks.jar io.github.spred4j.jmh.GemmReport
 *      [--backend native] [--precisions FLOAT64,FLOAT32] [--ks 1,8,64,1000] [--shape 2000x500] [--rounds 3]</pre>
 */
public final class GemmReport {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final String[] METHODS = {"gemmXtR", "gemmXB", "gramCols", "matTVec", "matVec", "blasXtR", "blasXB", "blasPeak"};

    public static void main(String[] args) throws Exception {
        String backend = "native", precisions = "FLOAT64,FLOAT32", ks = "1,8,64,1000", shape = "2000x500";
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--backend": backend = args[++i]; break;
                case "--precisions": precisions = args[++i]; break;
                case "--ks": ks = args[++i]; break;
                case "--shape": shape = args[++i]; break;
                case "--rounds": rounds = Integer.parseInt(args[++i]); break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        int[] np = MatrixBench.parseShape(shape);
        System.out.printf("GEMM-shaped passes, backend %s, X %s, BLAS %s; GFLOP/s by thread CPU time (median of %d interleaved rounds)%n",
                backend, shape, GemmBench.blasName(), rounds);
        for (String prec : precisions.split(","))
            for (String kk : ks.split(",")) {
                GemmBench b = new GemmBench();
                b.backend = backend;
                b.precision = Precision.valueOf(prec);
                b.shape = shape;
                b.k = Integer.parseInt(kk);
                b.setup();
                Map<String, Runnable> m = new LinkedHashMap<>();
                m.put("gemmXtR", b::gemmXtR);
                m.put("gemmXB", b::gemmXB);
                m.put("gramCols", b::gramCols);
                m.put("matTVec", b::matTVec);
                m.put("matVec", b::matVec);
                m.put("blasXtR", b::blasXtR);
                m.put("blasXB", b::blasXB);
                m.put("blasPeak", b::blasPeak);
                double[][] gf = new double[METHODS.length][rounds], wall = new double[METHODS.length][rounds];
                for (int r = 0; r < rounds; r++)
                    for (int i = 0; i < METHODS.length; i++) {
                        double[] t = time(m.get(METHODS[i]), r == 0 ? 1 : 0);
                        double f = GemmBench.flops(METHODS[i], np[0], np[1], b.k);
                        gf[i][r] = f / t[0] / 1e9;
                        wall[i][r] = f / t[1] / 1e9;
                    }
                b.tearDown();
                System.out.printf("%n%s %s k=%d   (GFLOP/s CPU, wall in parentheses)%n", backend, prec, b.k);
                for (int i = 0; i < METHODS.length; i++)
                    System.out.printf("  %-9s %8.2f (%6.2f)%n", METHODS[i], median(gf[i]), median(wall[i]));
                ratio("gemmXtR / peak", gf[0], gf[7]);
                ratio("gemmXB / peak", gf[1], gf[7]);
                ratio("gramCols / peak", gf[2], gf[7]);
                ratio("gemmXtR / blasXtR", gf[0], gf[5]);
                ratio("gemmXB / blasXB", gf[1], gf[6]);
                ratio("gemmXtR / matTVec", gf[0], gf[3]);
                ratio("gemmXB / matVec", gf[1], gf[4]);
            }
    }

    /** {CPU seconds, wall seconds} per call, after {@code warm} untimed calls. */
    private static double[] time(Runnable f, int warm) {
        for (int i = 0; i < warm; i++) f.run();
        long c0 = MX.getCurrentThreadCpuTime(), w0 = System.nanoTime();
        f.run();
        long once = Math.max(1, MX.getCurrentThreadCpuTime() - c0);
        int reps = (int) Math.max(1, Math.min(1000, 150_000_000L / once));
        c0 = MX.getCurrentThreadCpuTime();
        w0 = System.nanoTime();
        for (int i = 0; i < reps; i++) f.run();
        return new double[]{(MX.getCurrentThreadCpuTime() - c0) / 1e9 / reps, (System.nanoTime() - w0) / 1e9 / reps};
    }

    private static void ratio(String name, double[] a, double[] b) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < a.length; i++) r.add(a[i] / b[i]);
        double[] v = r.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("  %-20s %6.2f [%.2f, %.2f]%n", name, median(v), v[0], v[v.length - 1]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
