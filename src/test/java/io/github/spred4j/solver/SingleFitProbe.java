package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Probe (not a test): one set's single fit (at FACTOR·λ_max from zero, SolverBench's) and 100-λ path, timed in
 * CPU time (ThreadMXBean) in rounds of BATCH back-to-back calls after WARM untimed rounds; prints each round's CPU
 * per call and the medians, with the single fit's certificate and iterations (an A/B runs it in alternating JVMs).
 * <pre>java -cp test-classes:classes:deps io.github.spred4j.solver.SingleFitProbe SET MODEL [ROUNDS BATCH WARM FACTOR TOL]</pre>
 */
public final class SingleFitProbe {
    private SingleFitProbe() {
    }

    public static void main(String[] args) throws Exception {
        String set = args[0];
        Model model = Model.valueOf(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 9;
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int warm = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        double factor = args.length > 5 ? Double.parseDouble(args[5]) : 0.01;
        double tol = args.length > 6 ? Double.parseDouble(args[6]) : 1e-6;
        Path dir = TestData.dir(set);
        if (dir == null) dir = TestData.sharedDir();
        Dataset d = TestData.dataset(dir, set);
        FitOptions o = FitOptions.defaults(model).withTol(tol);
        FitOptions single = o.withLambda(factor * Spred.lambdaMax(d, o));
        double[] fitCpu = new double[rounds], pathCpu = new double[rounds];
        FitResult fit = null;
        PathResult path = null;
        try (Context ctx = Backends.get("native").open()) {
            for (int r = -warm; r < rounds; r++) {
                long c0 = BatchBench.CPU.getCurrentThreadCpuTime();
                for (int b = 0; b < batch; b++) fit = Spred.fit(ctx, d, single);
                long c1 = BatchBench.CPU.getCurrentThreadCpuTime();
                for (int b = 0; b < Math.max(1, batch / 10); b++) path = Spred.path(ctx, d, o, 100, Double.NaN);
                long c2 = BatchBench.CPU.getCurrentThreadCpuTime();
                if (r < 0) continue;
                fitCpu[r] = (c1 - c0) / 1e9 / batch;
                pathCpu[r] = (c2 - c1) / 1e9 / Math.max(1, batch / 10);
            }
        }
        double worst = 0;
        for (FitResult f : path.fits()) worst = Math.max(worst, f.certificate());
        System.out.printf(Locale.ROOT, "%s %s single %.3g·λmax: cpu per fit %s median %.4g s; gap %.2g, iterations %d | "
                        + "path: cpu per path %s median %.4g s; worst gap %.2g%n", set, model, factor, fmt(fitCpu), median(fitCpu),
                fit.certificate(), fit.iterations(), fmt(pathCpu), median(pathCpu), worst);
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (double x : v) sb.append(String.format(Locale.ROOT, " %.4g", x));
        return sb.append(" ]").toString();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
