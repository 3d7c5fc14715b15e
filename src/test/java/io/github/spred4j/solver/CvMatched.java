package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The matched-accuracy half of {@link BatchBench}'s CV comparison (run by scripts/bench-batch.sh): the same CV at
 * several of our tolerances, so each side can be judged against one accurate reference curve instead of ours at the
 * default tol being the yardstick for glmnet alone. Writes, into the set's directory:
 * <ul>
 * <li>{@code spred_default_fits.txt}: how many fold and full-data fits of the default-tol CV are certified;</li>
 * <li>{@code reference_cv.csv} / {@code reference_summary.txt}: the reference curve, ours at {@code bench.refTol}
 *     (default 1e-10) — every fit carries a duality-gap certificate at that tol, which glmnet's curves do not;</li>
 * <li>{@code spred_cv_tol_T.csv} and one {@code search} line a tol of {@code bench.tols} (loosest first, default
 *     1e-2 … 1e-7): the first whose curve is within {@code bench.target} (1e-4) relative of the reference at every
 *     λ with the same λ_min and λ_1se is the loosest meeting it;</li>
 * <li>{@code spred_matched.txt}: that tol timed as the default is (warm-ups, median of reps), in alternation with the
 *     default tol ({@code spred_default_timed.txt}), or {@code tol=none}.</li>
 * </ul>
 * Every summary file is one line of key=value pairs ({@link CvFitCounts#pairs}). The counting runs use a listener,
 * which makes some routes build per-fit results they otherwise skip, so they are never the timed runs.
 */
final class CvMatched {
    private CvMatched() {
    }

    /** One CV at one tol with its counts and the CPU / wall seconds of that single (listened) run. */
    record Curve(double tol, CvResult cv, CvFitCounts counts, double cpu, double wall) {
        /** Max over λ of |mean − ref mean| / |ref mean|; infinite when a value is not finite or the lengths differ. */
        double distance(Curve ref) {
            double[] a = cv.meanLoss(), b = ref.cv.meanLoss();
            if (a.length != b.length) return Double.POSITIVE_INFINITY;
            double d = 0;
            for (int i = 0; i < a.length; i++) {
                double r = Math.abs(a[i] - b[i]) / Math.abs(b[i]);
                if (!(r <= d)) d = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
            }
            return d;
        }

        boolean sameChoice(Curve ref) {
            return cv.indexMin() == ref.cv.indexMin() && cv.index1se() == ref.cv.index1se();
        }
    }

    static Curve listened(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId) {
        int folds = 0;
        for (int f : foldId) folds = Math.max(folds, f);
        CvFitCounts n = new CvFitCounts(folds, Certificates.tolerance(o));
        long t0 = System.nanoTime(), c0 = BatchBench.CPU.getCurrentThreadCpuTime();
        CvResult cv = Spred.cv(ctx, d, o, lam, foldId, n);
        return new Curve(o.tol(), cv, n, (BatchBench.CPU.getCurrentThreadCpuTime() - c0) / 1e9, (System.nanoTime() - t0) / 1e9);
    }

    /** After BatchBench timed the default tol: its counts, the reference, the search, and the matched tol's timing. */
    static void run(Context ctx, String name, Dataset d, FitOptions o, double[] lam, int[] foldId, Path dir, int reps, int warmup) throws IOException {
        Curve def = listened(ctx, d, o, lam, foldId);
        Files.writeString(dir.resolve("spred_default_fits.txt"), String.format(Locale.ROOT, "tol=%s %s%n", tag(o.tol()), def.counts.pairs()));
        Curve ref = listened(ctx, d, o.withTol(Double.parseDouble(System.getProperty("bench.refTol", "1e-10"))), lam, foldId);
        writeCurve(dir.resolve("reference_cv.csv"), ref.cv);
        Files.writeString(dir.resolve("reference_summary.txt"), String.format(Locale.ROOT, "tol=%s lambda_min=%.17g lambda_1se=%.17g cpu=%.6f %s%n",
                tag(ref.tol), ref.cv.lambdaMin(), ref.cv.lambda1se(), ref.cpu, ref.counts.pairs()));
        System.out.printf(Locale.ROOT, "reference %s: ours at tol %s, one run cpu %.4f s; %s; our default tol %s vs it: curve %.2e, lambda_min/1se same %b; default run's %s%n",
                name, tag(ref.tol), ref.cpu, ref.counts.pairs(), tag(o.tol()), def.distance(ref), def.sameChoice(ref), def.counts.pairs());
        double target = Double.parseDouble(System.getProperty("bench.target", "1e-4"));
        Curve found = null;
        for (String t : System.getProperty("bench.tols", "1e-2 1e-3 1e-4 1e-5 1e-6 1e-7").trim().split("\\s+")) {
            Curve c = listened(ctx, d, o.withTol(Double.parseDouble(t)), lam, foldId);
            writeCurve(dir.resolve("spred_cv_tol_" + t + ".csv"), c.cv);
            boolean met = c.distance(ref) <= target && c.sameChoice(ref);
            System.out.printf(Locale.ROOT, "search %s: spred4j(tol %s) max rel cvm diff vs reference %.2e (target %s: %s), lambda_min same %b, lambda_1se same %b, cpu %.4f s (one run, listened); %s%n",
                    name, t, c.distance(ref), tag(target), met ? "met" : "not met", c.cv.indexMin() == ref.cv.indexMin(),
                    c.cv.index1se() == ref.cv.index1se(), c.cpu, c.counts.pairs());
            if (met) {
                found = c;
                break;
            }
        }
        if (found == null) {
            Files.writeString(dir.resolve("spred_matched.txt"), "tol=none\n");
            System.out.printf(Locale.ROOT, "matched %s: no tol searched meets the curve target %s against the reference%n", name, tag(target));
            return;
        }
        // the default and the matched tol timed in alternation (warm-ups, then default, matched, default, …), so
        // neither gets the JIT's or the box's better minutes; the default's earlier "cv" line stays as it was
        FitOptions m = o.withTol(found.tol);
        for (int w = warmup; w > 0; w--) {
            Spred.cv(ctx, d, o, lam, foldId);
            Spred.cv(ctx, d, m, lam, foldId);
        }
        double[] wall = new double[reps], cpu = new double[reps], wallDef = new double[reps], cpuDef = new double[reps];
        for (int r = 0; r < reps; r++) {
            time(ctx, d, o, lam, foldId, wallDef, cpuDef, r);
            time(ctx, d, m, lam, foldId, wall, cpu, r);
        }
        Files.writeString(dir.resolve("spred_default_timed.txt"), String.format(Locale.ROOT, "tol=%s %s%n", tag(o.tol()), medians(wallDef, cpuDef)));
        String line = String.format(Locale.ROOT, "tol=%s %s lambda_min=%.17g lambda_1se=%.17g curve=%.3e %s", tag(found.tol), medians(wall, cpu),
                found.cv.lambdaMin(), found.cv.lambda1se(), found.distance(ref), found.counts.pairs());
        Files.writeString(dir.resolve("spred_matched.txt"), line + "\n");
        System.out.printf(Locale.ROOT, "matched %s: spred4j at its loosest tol meeting the target, median of %d after %d warm-ups, alternating with the default tol %s (%s): %s%n",
                name, reps, warmup, tag(o.tol()), medians(wallDef, cpuDef), line);
    }

    private static void time(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, double[] wall, double[] cpu, int r) {
        long t0 = System.nanoTime(), c0 = BatchBench.CPU.getCurrentThreadCpuTime();
        Spred.cv(ctx, d, o, lam, foldId);
        wall[r] = (System.nanoTime() - t0) / 1e9;
        cpu[r] = (BatchBench.CPU.getCurrentThreadCpuTime() - c0) / 1e9;
    }

    /** Median, min and max of the wall and CPU seconds as key=value pairs (sorts the arrays). */
    private static String medians(double[] wall, double[] cpu) {
        Arrays.sort(wall);
        Arrays.sort(cpu);
        int n = wall.length;
        return String.format(Locale.ROOT, "wall=%.6f wall_min=%.6f wall_max=%.6f cpu=%.6f cpu_min=%.6f cpu_max=%.6f", wall[n / 2], wall[0], wall[n - 1], cpu[n / 2], cpu[0], cpu[n - 1]);
    }

    /** The tol as the bench names it (1e-07 → 1e-7), so file names and lines match the list given. */
    static String tag(double v) {
        String s = String.format(Locale.ROOT, "%.0e", v);
        return s.replace("e-0", "e-").replace("e+0", "e+");
    }

    static void writeCurve(Path f, CvResult cv) throws IOException {
        StringBuilder sb = new StringBuilder("lambda,cvm,cvsd\n");
        for (int i = 0; i < cv.lambdas().length; i++)
            sb.append(Double.toString(cv.lambdas()[i])).append(',').append(Double.toString(cv.meanLoss()[i])).append(',')
                    .append(Double.toString(cv.stdErr()[i])).append('\n');
        Files.writeString(f, sb);
    }
}
