package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A/B of the dense squared-loss CV routes in one JVM, alternating: lazy Gram columns ({@link LazyGramCv}), whole fold
 * Grams ({@link GramCv}) where they fit, the per-fold engine; thread CPU time and bytes allocated per CV (10 folds ×
 * 100 λ, default tol). {@code java ... LazyGramBench SETS REPS [BACKEND]}, SETS e.g. gasoline,dense_200x5000.
 */
final class LazyGramBench {
    private LazyGramBench() {
    }

    static Dataset set(String name) throws Exception {
        if (name.startsWith("dense_")) {
            String[] np = name.substring(6).split("x");
            return BatchBench.synthetic(Integer.parseInt(np[0]), Integer.parseInt(np[1]), 20, 7);
        }
        Path dir = TestData.dir(name);
        return TestData.dataset(dir, name);
    }

    public static void main(String[] args) throws Exception {
        int reps = Integer.parseInt(args[1]);
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        String[] routes = (args.length > 3 ? args[3] : "lazy,whole,engine").split(",");
        try (Context ctx = Backends.get(args.length > 2 ? args[2] : "native").open()) {
            for (String name : args[0].split(",")) {
                Dataset d = set(name);
                FitOptions o = FitOptions.defaults(Model.SQUARED);
                double[] lam = Spred.lambdas(d, o, 100, Double.NaN);
                int[] foldId = Spred.foldIds(d.n(), 10, 2026);
                List<String> rs = new ArrayList<>();
                for (String r : routes) if (!r.equals("whole") || GramCv.applies(d, o, 10)) rs.add(r);
                double[][] cpu = new double[rs.size()][reps], mb = new double[rs.size()][reps];
                CvResult[] last = new CvResult[rs.size()];
                for (int rep = -1; rep < reps; rep++)
                    for (int k = 0; k < rs.size(); k++) {
                        long c0 = mx.getCurrentThreadCpuTime(), a0 = mx.getThreadAllocatedBytes(tid), cols = LazyGramCv.COLUMNS.get();
                        CvResult cv = switch (rs.get(k)) {
                            case "lazy" -> LazyGramCv.runOn(ctx, d, o, lam, foldId, 10, PathListener.NONE, LazyGramCv.budget());
                            case "whole" -> GramCv.run(ctx, d, o, lam, foldId, 10, PathListener.NONE);
                            case "spred" -> Spred.cv(ctx, d, o, lam, foldId); // the public call: the route auto picks
                            default -> CrossValidation.perFold(ctx, d, o, lam, foldId, 10, PathListener.NONE);
                        };
                        double c = (mx.getCurrentThreadCpuTime() - c0) / 1e9, a = (mx.getThreadAllocatedBytes(tid) - a0) / 1e6;
                        if (rep >= 0) {
                            cpu[k][rep] = c;
                            mb[k][rep] = a;
                        }
                        last[k] = cv;
                        System.out.printf(Locale.ROOT, "  %s %s rep %d: cpu %.4f s, alloc %.2f MB, columns %d, lambda_min %.6g%n", name, rs.get(k), rep, c, a,
                                LazyGramCv.COLUMNS.get() - cols, cv.lambdaMin());
                    }
                for (int k = 0; k < rs.size(); k++) {
                    Arrays.sort(cpu[k]);
                    Arrays.sort(mb[k]);
                    double rel = 0;
                    for (int l = 0; l < lam.length; l++)
                        rel = Math.max(rel, Math.abs(last[k].meanLoss()[l] - last[0].meanLoss()[l]) / last[0].meanLoss()[l]);
                    System.out.printf(Locale.ROOT, "%s %dx%d %s: cpu median %.4f s [%.4f, %.4f], alloc median %.2f MB; max rel cvm diff vs %s %.2e, same lambda_min %b, lambda_1se %b%n",
                            name, d.n(), d.p(), rs.get(k), cpu[k][reps / 2], cpu[k][0], cpu[k][reps - 1], mb[k][reps / 2], rs.get(0), rel,
                            last[k].indexMin() == last[0].indexMin(), last[k].index1se() == last[0].index1se());
                }
            }
        }
    }
}
