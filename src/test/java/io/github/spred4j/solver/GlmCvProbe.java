package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Probe (not a test): logistic/Poisson CV run back to back in one JVM, the CPU time of every run printed from the
 * first (the JIT's cold phase) on (the MB allocated by each of the first three in brackets), then the median of
 * the last half, with the covariance mode's counters.
 * <pre>java -cp test-classes:classes:deps io.github.spred4j.solver.GlmCvProbe SET MODEL RUNS [backend]</pre>
 */
public final class GlmCvProbe {
    private static final com.sun.management.ThreadMXBean ALLOC = (com.sun.management.ThreadMXBean) BatchBench.CPU;

    private GlmCvProbe() {
    }

    public static void main(String[] args) throws Exception {
        String set = args[0];
        Model model = Model.valueOf(args[1]);
        int runs = Integer.parseInt(args[2]);
        String backend = args.length > 3 ? args[3] : "native";
        Setup u = Setup.of(set, model);
        Dataset d = u.d;
        FitOptions o = u.o;
        double[] lam = u.lam;
        int[] foldId = u.foldId;
        double[] cpu = new double[runs];
        StringBuilder sb = new StringBuilder();
        CvResult cv = null;
        try (Context ctx = Backends.get(backend).open()) {
            for (int r = 0; r < runs; r++) {
                long a0 = ALLOC.getCurrentThreadAllocatedBytes(); // allocation per CV: fresh memory is what slows a young JVM
                long c0 = BatchBench.CPU.getCurrentThreadCpuTime();
                cv = Spred.cv(ctx, d, o, lam, foldId);
                cpu[r] = (BatchBench.CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                sb.append(String.format(Locale.ROOT, " %.4f", cpu[r]));
                // -Dprobe.uptime: when each run ended (ms since the JVM started), to line up with -XX:+PrintCompilation
                if (Boolean.getBoolean("probe.uptime")) sb.append('@').append(java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
                if (r < 3) sb.append(String.format(Locale.ROOT, "[%.1f MB]", (ALLOC.getCurrentThreadAllocatedBytes() - a0) / 1e6));
            }
        }
        double[] tail = Arrays.copyOfRange(cpu, runs / 2, runs);
        Arrays.sort(tail);
        long steps = 0;
        for (FitResult f : cv.path().fits()) steps += f.iterations();
        int unc = 0;
        for (FitResult f : cv.path().fits()) if (!(f.certificate() <= o.tol())) unc++;
        System.out.printf(Locale.ROOT, "%s %s: cpu per run%s%n  median of last half %.4f s (min %.4f); lambda_min %.9g lambda_1se %.9g; "
                        + "full-path iterations %d; uncertified full-data fits %d; handed back %d%n",
                set, model, sb, tail[tail.length / 2], tail[0], cv.lambdaMin(), cv.lambda1se(), steps, unc, IrlsCovariance.HANDED_BACK.get());
        System.out.printf(Locale.ROOT, "  column gradients skipped by the check's bound: %d (skip %s)%n", IrlsCheck.SKIPPED.get(), IrlsCheck.SKIP);
    }

    /** A set's CV as the probes run it: glmnet's 100 λ from its λ_max, 10 seeded folds. */
    record Setup(Dataset d, FitOptions o, double[] lam, int[] foldId) {
        static Setup of(String set, Model model) throws java.io.IOException {
            Path dir = TestData.dir(set);
            if (dir == null) dir = TestData.sharedDir();
            Dataset d = TestData.dataset(dir, set);
            FitOptions o = FitOptions.defaults(model);
            return new Setup(d, o, Spred.lambdas(d, o, 100, Double.NaN), Spred.foldIds(d.n(), 10, 2026));
        }
    }
}
