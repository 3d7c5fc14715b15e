package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.util.Arrays;
import java.util.Locale;

/**
 * Probe (not a test): what the CLI's listener costs a CV. {@code spred4j cv} always passes one (CvFitCounts and the
 * progress printer, which reads the fit's λ, nnz and certificate even when it prints nothing), so every fold fit
 * builds a FitResult; the API with no listener writes the fold answers into reused p×L stacks instead. Runs
 * {@link Spred#cv} alternately without a listener (A) and with the CLI's (B) in one JVM after warm-ups, and prints
 * the thread CPU time and the memory allocated per run, then the medians (min–max) of each.
 * <pre>java -cp test-classes:classes:deps io.github.spred4j.solver.CvListenerProbe SET MODEL PAIRS [backend]</pre>
 * SET: a ../shared set (glmnet's 100 λ, 10 seeded folds as GlmCvProbe) or dense_2000x500 (BatchBench's synthetic).
 */
public final class CvListenerProbe {
    private static final com.sun.management.ThreadMXBean ALLOC = (com.sun.management.ThreadMXBean) BatchBench.CPU;

    private CvListenerProbe() {
    }

    public static void main(String[] args) throws Exception {
        String set = args[0];
        Model model = Model.valueOf(args[1]);
        int pairs = Integer.parseInt(args[2]);
        String backend = args.length > 3 ? args[3] : "native";
        Dataset d;
        FitOptions o = FitOptions.defaults(model);
        if (set.equals("dense_2000x500")) d = BatchBench.synthetic(2000, 500, 20, 7);
        else d = GlmCvProbe.Setup.of(set, model).d();
        double[] lam = Spred.lambdas(d, o, 100, Double.NaN);
        int[] foldId = Spred.foldIds(d.n(), 10, 2026);
        double[][] cpu = new double[2][pairs], mb = new double[2][pairs];
        int warm = 3;
        try (Context ctx = Backends.get(backend).open()) {
            for (int r = -warm; r < pairs; r++)
                for (int mode = 0; mode < 2; mode++) {
                    int m = r % 2 == 0 ? mode : 1 - mode; // A B, B A, ...: neither always runs first
                    CvFitCounts counts = new CvFitCounts(10, Certificates.tolerance(o));
                    long[] sink = {0};
                    PathListener cli = (i, total, f) -> { // as CvCommand: the counts, then Progress.listener()'s reads
                        counts.fitted(i, total, f);
                        sink[0] += f.nnz() + Double.doubleToLongBits(f.lambda()) + f.certificateName().length()
                                + Double.doubleToLongBits(f.certificate());
                    };
                    long a0 = ALLOC.getCurrentThreadAllocatedBytes(), c0 = BatchBench.CPU.getCurrentThreadCpuTime();
                    CvResult cv = m == 0 ? Spred.cv(ctx, d, o, lam, foldId) : Spred.cv(ctx, d, o, lam, foldId, cli);
                    double t = (BatchBench.CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                    double a = (ALLOC.getCurrentThreadAllocatedBytes() - a0) / 1e6;
                    if (m == 1 && counts.foldUncertified() + counts.fullUncertified() > 0)
                        System.out.println("  uncertified fits: " + counts.pairs());
                    if (r < 0) continue;
                    cpu[m][r] = t;
                    mb[m][r] = a;
                    System.out.printf(Locale.ROOT, "  run %d %s: cpu %.4f s, %.1f MB, lambda_min %.9g%s%n", r, m == 0 ? "A none" : "B cli ",
                            t, a, cv.lambdaMin(), m == 1 ? " (" + counts.seen() + " fits seen)" : "");
                }
        }
        System.out.printf(Locale.ROOT, "%s %s: A (no listener) cpu %s, B (CLI listener) cpu %s, B/A of medians %.3f; MB A %s, B %s%n",
                set, model, med(cpu[0]), med(cpu[1]), median(cpu[1]) / median(cpu[0]), med(mb[0]), med(mb[1]));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static String med(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return String.format(Locale.ROOT, "%.4f (%.4f-%.4f)", median(v), s[0], s[s.length - 1]);
    }
}
