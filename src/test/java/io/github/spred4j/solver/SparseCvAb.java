package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.Backends;
import io.github.spred4j.data.Dataset;

import java.util.Arrays;
import java.util.Locale;

/**
 * Probe (not a test) for A/B runs of the sparse CV in fresh JVMs, e.g. native sweeps against Java ones
 * ({@code -Dspred4j.sparseCd.native=false}): one of {@link BatchBench}'s sparse synthetics, its fold ids and λ, at a
 * given tol; thread CPU time per rep after warm-ups, λ_min/λ_1se and a hash of every bit of the CV curve (so the
 * two sides can be seen to answer the same).
 * <pre>java [-Dprobe.backend=native] -cp test-classes:classes io.github.spred4j.solver.SparseCvAb n p perRow tol reps warmups</pre>
 */
public final class SparseCvAb {
    private SparseCvAb() {
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), p = Integer.parseInt(a[1]), per = Integer.parseInt(a[2]);
        double tol = Double.parseDouble(a[3]);
        int reps = Integer.parseInt(a[4]), warm = Integer.parseInt(a[5]);
        Dataset d = Rcv1Shaped.generate(n, p, per, 11);
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        double[] lam = Spred.lambdas(d, o, 100, Double.NaN);
        int[] foldId = Spred.foldIds(d.n(), 10, 2026);
        o = o.withTol(tol);
        try (Context ctx = Backends.get(System.getProperty("probe.backend", "native")).open()) {
            for (int w = 0; w < warm; w++) Spred.cv(ctx, d, o, lam, foldId);
            double[] cpu = new double[reps];
            CvResult cv = null;
            for (int r = 0; r < reps; r++) {
                long c0 = BatchBench.CPU.getCurrentThreadCpuTime();
                cv = Spred.cv(ctx, d, o, lam, foldId);
                cpu[r] = (BatchBench.CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            }
            long h = 17;
            for (double v : cv.meanLoss()) h = 31 * h + Double.doubleToRawLongBits(v);
            for (double v : cv.stdErr()) h = 31 * h + Double.doubleToRawLongBits(v);
            double[] sorted = cpu.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "sparse_%dx%d tol %.0e native=%s cpu median %.3f s (min %.3f max %.3f) reps %s lambda_min %.9g lambda_1se %.9g curve %016x%n",
                    n, p, tol, System.getProperty("spred4j.sparseCd.native", "true"), sorted[reps / 2], sorted[0],
                    sorted[reps - 1], Arrays.toString(cpu), cv.lambdaMin(), cv.lambda1se(), h);
        }
    }
}
