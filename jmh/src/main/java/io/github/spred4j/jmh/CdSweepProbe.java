package io.github.spred4j.jmh;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.PathResult;
import io.github.spred4j.solver.Spred;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The engine's coordinate-descent sweeps through the native cd_sweep op against the Java loops
 * ({@code -Dspred4j.cdsweep=false}), interleaved in one process on one thread: per problem, a single λ
 * (0.01·λ_max) and the 100-λ path, CPU seconds of the fitting thread (ThreadMXBean), median and range of the
 * repeats after one warm-up of each, with iterations and the worst certificate (both routes must certify).
 *     java -cp benchmarks.jar io.github.spred4j.jmh.CdSweepProbe PROBLEM[,PROBLEM...] [repeats] [single|path|both]
 * PROBLEM: NxP (SolverBench's seeded synthetic, seed 42, 50 true nonzeros) or a ../shared data set name
 * (-Dspred4j.data=DIR, default SolverBench's).
 */
public final class CdSweepProbe {
    private CdSweepProbe() {
    }

    public static void main(String[] args) throws Exception {
        SolverBench.dataDir = System.getProperty("spred4j.data", SolverBench.dataDir);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String what = args.length > 2 ? args[2] : "both";
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("load %s; OMP_NUM_THREADS=%s%n", BenchReport.load(), System.getenv("OMP_NUM_THREADS"));
        try (Context ctx = Backends.get("native").open()) {
            for (String name : args[0].split(",")) {
                SolverBench.Problem pr = name.matches("\\d+x\\d+")
                        ? SolverBench.synthetic(MatrixBench.parseShape(name)[0], MatrixBench.parseShape(name)[1], 50, 0, 42)
                        : SolverBench.load(name);
                FitOptions o = FitOptions.defaults(pr.model()).withTol(1e-6);
                double[] lams = Spred.lambdas(pr.data(), o, 100, Double.NaN);
                double single = 0.01 * lams[0];
                for (String kind : new String[]{"single", "path"}) {
                    if (!what.equals("both") && !what.equals(kind)) continue;
                    double[][] cpu = new double[2][repeats];
                    String[] info = new String[2];
                    for (int rep = -1; rep < repeats; rep++)
                        for (int route = 0; route < 2; route++) { // 0 fused, 1 Java loops; interleaved
                            System.setProperty("spred4j.cdsweep", route == 0 ? "true" : "false");
                            long c0 = mx.getCurrentThreadCpuTime();
                            String s;
                            if (kind.equals("single")) {
                                FitResult f = Spred.fit(ctx, pr.data(), o.withLambda(single));
                                s = String.format("iters %d, certificate %.2e, nnz %d", f.iterations(), f.certificate(), f.nnz());
                            } else {
                                PathResult p = Spred.path(ctx, pr.data(), o, lams, null);
                                long it = 0;
                                double worst = 0;
                                for (FitResult f : p.fits()) {
                                    it += f.iterations();
                                    worst = Math.max(worst, f.certificate());
                                }
                                s = String.format("iters %d, worst certificate %.2e", it, worst);
                            }
                            double sec = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
                            if (rep >= 0) cpu[route][rep] = sec;
                            info[route] = s;
                        }
                    double[] ratio = new double[repeats];
                    for (int r = 0; r < repeats; r++) ratio[r] = cpu[0][r] / cpu[1][r];
                    System.out.printf("%s %s: fused %s s [%s], java %s s [%s], fused/java %.3f (range %.3f-%.3f); fused: %s; java: %s; load %s%n",
                            pr.name(), kind, fmt(median(cpu[0])), range(cpu[0]), fmt(median(cpu[1])), range(cpu[1]),
                            median(ratio), min(ratio), max(ratio), info[0], info[1], BenchReport.load());
                }
            }
        }
        System.clearProperty("spred4j.cdsweep");
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static String fmt(double v) {
        return String.format("%.4g", v);
    }

    private static String range(double[] v) {
        return fmt(min(v)) + "-" + fmt(max(v));
    }
}
