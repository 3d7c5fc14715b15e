package io.github.spred4j.jmh;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.PathResult;
import io.github.spred4j.solver.Spred;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Our 100-λ path on SolverBench's seeded synthetic, one line per λ (nnz, sweeps + rounds, certificate, CPU seconds
 * of the fitting thread): where a path's time goes, for profiling (not a comparison).
 *     java -cp benchmarks.jar io.github.spred4j.jmh.PathProbe [NxP] [backend] [repeats]
 */
public final class PathProbe {
    private PathProbe() {
    }

    public static void main(String[] args) throws Exception {
        int[] np = MatrixBench.parseShape(args.length > 0 ? args[0] : "10000x5000");
        String backend = args.length > 1 ? args[1] : "native";
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        SolverBench.Problem pr = SolverBench.synthetic(np[0], np[1], 50, 0, 42);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-6);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        System.out.printf("%s; backend %s; load %s%n", pr.name(), backend, BenchReport.load());
        try (Context ctx = Backends.get(backend).open()) {
            for (int r = 0; r < repeats; r++) {
                final boolean print = r == repeats - 1;
                double[] lams = Spred.lambdas(pr.data(), o, 100, Double.NaN);
                long[] last = {mx.getCurrentThreadCpuTime()};
                long c0 = last[0];
                long[] iters = {0};
                double[] worst = {0};
                PathResult res = Spred.path(ctx, pr.data(), o, lams, (i, total, f) -> {
                    long now = mx.getCurrentThreadCpuTime();
                    iters[0] += f.iterations();
                    worst[0] = Math.max(worst[0], f.certificate());
                    if (print)
                        System.out.printf("%3d lambda=%.4g nnz=%d iters=%d cert=%.2e cpu=%.3fs%n", i, f.lambda(), f.nnz(),
                                f.iterations(), f.certificate(), (now - last[0]) / 1e9);
                    last[0] = now;
                });
                System.out.printf("path: %.2f s cpu, iterations %d, worst certificate %.2e, nnz at the end %d; load %s%n",
                        (mx.getCurrentThreadCpuTime() - c0) / 1e9, iters[0], worst[0],
                        res.fits().get(res.fits().size() - 1).nnz(), BenchReport.load());
            }
        }
    }
}
