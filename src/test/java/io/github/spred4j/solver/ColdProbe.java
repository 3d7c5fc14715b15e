package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The JIT warm-up of one JVM (not a test): runs {@code Spred.cv} (10 folds × 100 λ, fixed fold ids) or
 * {@code Spred.path} (100 λ) on one ../shared set {@code runs} times back to back and prints each run's thread CPU
 * time, then the first run, the median of the first five, and the median of the last half ("warm").
 *
 * <pre>java -cp test-classes:classes:deps io.github.spred4j.solver.ColdProbe SET cv|path [runs] [backend]</pre>
 */
public final class ColdProbe {
    private ColdProbe() {
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) BatchBench.CPU).getCurrentThreadAllocatedBytes();
    }

    public static void main(String[] args) throws Exception {
        String set = args[0], what = args[1];
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        String backend = args.length > 3 ? args[3] : "native";
        Path dir = TestData.dir(set);
        if (dir == null) dir = TestData.sharedDir();
        if (dir == null || !Files.exists(dir.resolve("datasets/" + set + ".X.f64"))) {
            System.out.println("skip " + set + ": not found");
            return;
        }
        Dataset d = TestData.dataset(dir, set);
        Model model = Files.exists(dir.resolve("refs/" + set + ".logistic.json")) ? Model.LOGISTIC : Model.SQUARED;
        if (set.equals("quine")) model = Model.POISSON;
        FitOptions o = FitOptions.defaults(model);
        double[] lam = Spred.lambdas(d, o, 100, Double.NaN);
        int[] foldId = Spred.foldIds(d.n(), 10, 2026);
        double[] cpu = new double[runs];
        StringBuilder line = new StringBuilder();
        try (Context ctx = Backends.get(backend).open()) {
            for (int r = 0; r < runs; r++) {
                long c0 = BatchBench.CPU.getCurrentThreadCpuTime(), u0 = BatchBench.CPU.getCurrentThreadUserTime(), a0 = allocated();
                int bad = 0;
                if (what.equals("cv")) {
                    CvResult cv = Spred.cv(ctx, d, o, lam, foldId);
                    for (FitResult f : cv.path().fits()) if (!(f.certificate() <= o.tol())) bad++;
                } else {
                    PathResult p = Spred.path(ctx, d, o, lam, PathListener.NONE);
                    for (FitResult f : p.fits()) if (!(f.certificate() <= o.tol())) bad++;
                }
                cpu[r] = (BatchBench.CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                if (bad > 0) throw new IllegalStateException(bad + " uncertified fits in run " + r);
                line.append(String.format(Locale.ROOT, " %.3f", cpu[r]));
                if (Boolean.getBoolean("probe.refits"))
                    line.append(String.format(Locale.ROOT, "[refits %d, user %.3f, alloc %.1f MB]", GramCv.REFITS.get(),
                            (BatchBench.CPU.getCurrentThreadUserTime() - u0) / 1e9, (allocated() - a0) / 1e6));
            }
        }
        double[] first5 = Arrays.copyOf(cpu, Math.min(5, runs)), warm = Arrays.copyOfRange(cpu, runs / 2, runs);
        Arrays.sort(first5);
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "probe %s %s %s (%s) %dx%d, %d runs, cpu s:%s%n", set, what, model, backend, d.n(), d.p(), runs, line);
        System.out.printf(Locale.ROOT, "probe %s %s: first %.4f s, median of first 5 %.4f s, warm median (last %d) %.4f s, total %.3f s%n",
                set, what, cpu[0], first5[first5.length / 2], warm.length, warm[warm.length / 2], Arrays.stream(cpu).sum());
    }
}
