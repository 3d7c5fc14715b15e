package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark (not a test; scripts/bench-targets.sh sparse) of fitTargets on sparse X ({@link SparseTargets}) against
 * a loop of sparse single fits ({@link Spred#fit} per target), an rcv1-shaped synthetic ({@link Rcv1Shaped}, n×p,
 * 20 nonzeros a row), k related targets (y plus noise of several sizes), each at 0.05 of its λ_max, lasso,
 * tol 1e-6, one thread: WARMUP untimed rounds, then REPS rounds each timing the batch then the loop (CPU time of
 * this thread). Each line counts the problems whose signed certificate lies in [−1e-12, tol].
 * <pre>java -cp test-classes:classes io.github.spred4j.solver.SparseTargetsBench n p k reps warmup [backend]</pre>
 */
public final class SparseTargetsBench {
    private SparseTargetsBench() {
    }

    /** k related targets: y plus seeded noise of five sizes (5% … 55% of y's root mean square). */
    static double[][] targets(Dataset d, int k) {
        int n = d.n();
        Random r = new Random(3);
        double sd = 0;
        for (double v : d.y()) sd += v * v / n;
        sd = Math.sqrt(sd);
        double[][] ys = new double[k][n];
        for (int t = 0; t < k; t++) {
            double noise = sd * (0.05 + 0.5 * (t % 5) / 4.0);
            for (int i = 0; i < n; i++) ys[t][i] = d.y()[i] + noise * r.nextGaussian();
        }
        return ys;
    }

    /** Each target's λ: 0.05 of its λ_max. */
    static double[] lambdas(Dataset d, double[][] ys, FitOptions o) {
        double[] l = MultiTarget.lambdaMax(d, ys, o);
        for (int t = 0; t < l.length; t++) l[t] *= 0.05;
        return l;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), p = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]);
        int reps = Integer.parseInt(args[3]), warmup = Integer.parseInt(args[4]);
        Dataset d = Rcv1Shaped.generate(n, p, 20, 1);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-6);
        double[][] ys = targets(d, k);
        double[] l = lambdas(d, ys, o);
        try (Context ctx = Backends.get(args.length > 5 ? args[5] : "native").open()) {
            System.out.printf(Locale.ROOT, "sparse fitTargets: rcv1-shaped %dx%d, nnz %d, k %d, backend %s, sparse Gram route applies: %b; %d warm-up, %d timed rounds%n",
                    n, p, d.rowPtr()[n], k, ctx.backendName(), SparseTargets.applies(d, o, k), warmup, reps);
            double[] ratio = new double[reps];
            for (int rep = -warmup; rep < reps; rep++) {
                int refits = GramCv.REFITS.get();
                long c0 = TargetsBench.CPU.getCurrentThreadCpuTime();
                FitResult[] b = Spred.fitTargets(ctx, d, ys, o, l);
                double cb = (TargetsBench.CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                int refitted = GramCv.REFITS.get() - refits;
                c0 = TargetsBench.CPU.getCurrentThreadCpuTime();
                FitResult[] f = new FitResult[k];
                for (int t = 0; t < k; t++) f[t] = Spred.fit(ctx, MultiTarget.column(d, ys[t]), o.withLambda(l[t]));
                double cl = (TargetsBench.CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                double maxDiff = 0;
                for (int t = 0; t < k; t++) maxDiff = Math.max(maxDiff, Math.abs(b[t].objective() - f[t].objective()) / Math.abs(f[t].objective()));
                if (rep >= 0) ratio[rep] = cl / cb;
                System.out.printf(Locale.ROOT, "%s round %d: batch cpu %.3f s, loop cpu %.3f s, loop/batch %.2fx; batch %s worst %.2e (engine refits %d); loop %s worst %.2e; max rel objective diff %.1e%n",
                        rep < 0 ? "warm-up" : "timed", rep, cb, cl, cl / cb, TargetsBench.certified(b, o), TargetsBench.worst(b), refitted,
                        TargetsBench.certified(f, o), TargetsBench.worst(f), maxDiff);
            }
            double[] s = ratio.clone();
            Arrays.sort(s);
            System.out.printf(Locale.ROOT, "sparse fitTargets %dx%d k %d: loop / batch CPU over %d rounds: median %.2fx, range %.2f-%.2fx%n",
                    n, p, k, reps, s[reps / 2], s[0], s[reps - 1]);
        }
    }
}
