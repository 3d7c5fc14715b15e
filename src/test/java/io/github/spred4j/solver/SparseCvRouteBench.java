package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.util.Locale;

/**
 * Benchmark (not a test) behind {@link SparseGramCv#NNZ_RATIO}: the two cross-validation routes for sparse X, the
 * fold-Gram route ({@link SparseGramCv}) and the per-fold engine ({@link CrossValidation#perFold}), on the same
 * rcv1-shaped set, 10 folds × 100 λ, thread CPU time of one untimed then one timed run each (native, one thread).
 *
 * <pre>java -cp test-classes:classes io.github.spred4j.solver.SparseCvRouteBench n p perRow [n p perRow ...]</pre>
 * {@code -Dbench.path=true} also times the single 100-λ path on all rows both ways ({@link SparseGramCv#path},
 * {@link Paths#enginePath}).
 */
public final class SparseCvRouteBench {
    private SparseCvRouteBench() {
    }

    public static void main(String[] a) {
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        try (Context ctx = Backends.get(System.getProperty("bench.backend", "native")).open()) {
            for (int s = 0; s + 2 < a.length; s += 3) {
                int n = Integer.parseInt(a[s]), p = Integer.parseInt(a[s + 1]), per = Integer.parseInt(a[s + 2]);
                Dataset d = Rcv1Shaped.generate(n, p, per, 11);
                FitOptions o = FitOptions.defaults(Model.SQUARED);
                double[] lam = Spred.lambdas(d, o, 100, Double.NaN);
                int[] fid = Spred.foldIds(n, 10, 2026);
                double[] t = new double[2];
                CvResult g = null, e = null;
                for (int r = 0; r < 2; r++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    g = SparseGramCv.run(ctx, d, o, lam, fid, 10, (i, k, f) -> { });
                    long c1 = cpu.getCurrentThreadCpuTime();
                    e = CrossValidation.perFold(ctx, d, o, lam, fid, 10, (i, k, f) -> { });
                    long c2 = cpu.getCurrentThreadCpuTime();
                    t[0] = (c1 - c0) / 1e9;
                    t[1] = (c2 - c1) / 1e9;
                }
                double rel = 0;
                for (int l = 0; l < lam.length; l++) rel = Math.max(rel, Math.abs(g.meanLoss()[l] - e.meanLoss()[l]) / e.meanLoss()[l]);
                int nnzLast = 0;
                for (double v : g.path().fits().get(lam.length - 1).beta()) if (v != 0) nnzLast++;
                long nnz = d.rowPtr()[n];
                System.out.printf(Locale.ROOT, "routes %6dx%-5d nnz %8d p²/nnz %7.2f: gram %.3f s cpu, per-fold engine %.3f s cpu, gram/engine %.2f;"
                                + " curves differ by %.1e rel; final support %d; taken: %s%n", n, p, nnz, (double) p * p / nnz, t[0], t[1], t[0] / t[1],
                        rel, nnzLast, SparseGramCv.applies(d, o) ? "gram" : "engine");
                if (Boolean.getBoolean("bench.path")) { // the single 100-λ path on all rows: Gram route against the engine
                    double[] tp = new double[2];
                    PathResult pg = null, pe = null;
                    for (int r = 0; r < 2; r++) {
                        long c0 = cpu.getCurrentThreadCpuTime();
                        pg = SparseGramCv.path(ctx, d, o, lam, (i, k, f) -> { }, 0, lam.length);
                        long c1 = cpu.getCurrentThreadCpuTime();
                        pe = Paths.enginePath(ctx, d, o, lam, (i, k, f) -> { }, 0, lam.length);
                        long c2 = cpu.getCurrentThreadCpuTime();
                        tp[0] = (c1 - c0) / 1e9;
                        tp[1] = (c2 - c1) / 1e9;
                    }
                    double worst = 0, dobj = 0;
                    for (int l = 0; l < lam.length; l++) {
                        worst = Math.max(worst, pg.fits().get(l).certificate());
                        double og = pg.fits().get(l).objective(), oe = pe.fits().get(l).objective();
                        dobj = Math.max(dobj, Math.abs(og - oe) / Math.abs(oe));
                    }
                    System.out.printf(Locale.ROOT, "path   %6dx%-5d 100 lambda: gram %.3f s cpu, engine %.3f s cpu, gram/engine %.2f; worst certificate %.1e, objectives differ by %.1e rel%n",
                            n, p, tp[0], tp[1], tp[0] / tp[1], worst, dobj);
                }
            }
        }
    }
}
