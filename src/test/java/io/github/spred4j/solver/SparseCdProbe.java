package io.github.spred4j.solver;

import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;
import io.github.spred4j.data.SparseCache;

import java.util.Arrays;
import java.util.Locale;

/**
 * Probe (not a test) of {@link SparseCd}'s lockstep CV on an rcv1-shaped set ({@link BatchBench}'s synthetics, its
 * fold ids and λ): thread CPU time, column sweeps (deterministic: the measure of a solver change on a loaded machine),
 * rounds and the final certificates' spread in decades below tol over the 100 λ × (10 folds + full data), as
 * {@link SparseCdCv#run} drives the solver (without its refits: an unsettled set is counted). With a fifth argument,
 * one line a λ (last rep): sweeps, rounds, the final threshold, active columns, the worst certificate.
 * <pre>java [-Dprobe.tol=1e-3] -cp test-classes:classes io.github.spred4j.solver.SparseCdProbe n p perRow reps [verbose]</pre>
 */
public final class SparseCdProbe {
    private SparseCdProbe() {
    }

    public static void main(String[] a) {
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        int n = Integer.parseInt(a[0]), p = Integer.parseInt(a[1]), per = Integer.parseInt(a[2]), reps = Integer.parseInt(a[3]);
        boolean verbose = a.length > 4;
        Setup s = Setup.of(n, p, per);
        Dataset d = s.d(); FitOptions o = s.o(); double[] lam = s.lam(); int[] held = s.held(); CscMatrix x = s.x();
        LossFamily fam = s.fam();
        double[] times = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = cpu.getCurrentThreadCpuTime();
            SparseCd cd = new SparseCd(x, d.y(), held, 11, o);
            double prev = lam[0];
            for (int t = 0; t < 11; t++) prev = Math.max(prev, cd.lambdaMax(t));
            int[] hist = new int[12];
            int unsettled = 0, negative = 0;
            long rounds = 0;
            double worst = 0;
            for (int l = 0; l < lam.length; l++) {
                long before = cd.columnSweeps;
                Certificates.Certificate[] c = cd.solve(lam[l], prev, fam);
                prev = lam[l];
                rounds += cd.lastRounds;
                for (int t = 0; t < 11; t++) {
                    if (cd.unsettled(t)) unsettled++;
                    double v = c[t].value();
                    if (v < -Certificates.NEGATIVE_SLACK) negative++;
                    worst = Math.max(worst, v);
                    int bin = v <= 0 ? 11 : Math.min(10, Math.max(0, (int) Math.floor(-Math.log10(v / o.tol()))));
                    hist[bin]++;
                }
                if (verbose && r == reps - 1) {
                    int na = 0;
                    for (int j = 0; j < p; j++) if (cd.b[j * 11 + 10] != 0) na++;
                    double w = 0;
                    for (int t = 0; t < 11; t++) w = Math.max(w, c[t].value());
                    System.out.printf(Locale.ROOT, "l %3d thr %.1e worst/tol %.2e sweeps %8d rounds %d active(full) %4d gaps/tol full %.2e f0 %.2e%n", l, cd.lastThr, w / o.tol(), cd.columnSweeps - before, cd.lastRounds, na,
                            c[10].value() / o.tol(), c[0].value() / o.tol());
                }
            }
            times[r] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "rep %d cpu %.3f s sweeps %d rounds %d unsettled %d negative %d worst %.3e gap/tol decades [0..10, <=0] %s%n",
                    r, times[r], cd.columnSweeps, rounds, unsettled, negative, worst, Arrays.toString(hist));
        }
        Arrays.sort(times);
        System.out.printf(Locale.ROOT, "median cpu %.3f s (min %.3f max %.3f)%n", times[reps / 2], times[0], times[reps - 1]);
    }

    /** BatchBench's rcv1-shaped set with its λ (100, default ratio), fold ids (10, seed 2026, 0-based) and CSC copy. */
    record Setup(Dataset d, FitOptions o, double[] lam, int[] held, CscMatrix x, LossFamily fam) {
        static Setup of(int n, int p, int per) {
            Dataset d = Rcv1Shaped.generate(n, p, per, 11);
            FitOptions o = FitOptions.defaults(Model.SQUARED);
            int[] fid = Spred.foldIds(n, 10, 2026), held = new int[n];
            for (int i = 0; i < n; i++) held[i] = fid[i] - 1;
            double[] lam = Spred.lambdas(d, o, 100, Double.NaN); // the bench's λ (from the default options)
            o = o.withTol(Double.parseDouble(System.getProperty("probe.tol", "1e-7"))); // -Dprobe.tol: a looser certificate
            return new Setup(d, o, lam, held, SparseCache.csc(d, HostX::csr), Families.of(o.model()));
        }
    }
}
