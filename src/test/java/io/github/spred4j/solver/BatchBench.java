package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark of many problems at once (not a test; run by scripts/bench-batch.sh): (1) cross-validation, 10 folds ×
 * 100 λ with fold ids and λ fixed here and written for R, timed in-process after a warm-up run; cv.glmnet runs
 * on the same files in the script and the two curves are compared there; (2) a batch of k problems (k λ in one
 * fitBatch, k targets in one fitTargets) against a loop of single fits. Prints one line per measurement.
 *
 * <pre>java -cp test-classes:classes:deps io.github.spred4j.solver.BatchBench OUTDIR [backend] [reps] [batchK]</pre>
 * {@code -Dbench.warmup=N} runs N untimed cross-validations first (default 1; the JIT needs several on small sets).
 * After the default-tol timing {@link CvMatched} adds the reference curve and the search for our loosest tol meeting
 * the curve target ({@code -Dbench.noMatched=true} skips it).
 */
public final class BatchBench {
    static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private BatchBench() {
    }

    record Set(String name, Dataset data, Model model) {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        String backend = args.length > 1 ? args[1] : "native";
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int batchK = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        String only = System.getProperty("bench.sets");
        Files.createDirectories(out);
        List<Set> sets = new ArrayList<>();
        Path shared = TestData.sharedDir();
        for (String[] s : new String[][]{{"diabetes_raw", "SQUARED"}, {"diabetes_x2", "SQUARED"}, {"gasoline", "SQUARED"},
                {"breast_cancer", "LOGISTIC"}, {"golub", "LOGISTIC"}, {"quine", "POISSON"}}) {
            Path dir = TestData.dir(s[0]);
            if (dir == null && shared != null) dir = shared;
            if (dir == null || !Files.exists(dir.resolve("datasets/" + s[0] + ".X.f64"))) {
                System.out.println("skip " + s[0] + ": not found");
                continue;
            }
            sets.add(new Set(s[0], TestData.dataset(dir, s[0]), Model.valueOf(s[1])));
        }
        sets.add(new Set("dense_2000x500", synthetic(2000, 500, 20, 7), Model.SQUARED));
        // wide dense X (p > n): lazy Gram columns (LazyGramCv); built only when asked for (bench.sets)
        for (int[] np : new int[][]{{200, 5000}, {1000, 20000}})
            if (only != null && Arrays.asList(only.split(",")).contains("dense_" + np[0] + "x" + np[1]))
                sets.add(new Set("dense_" + np[0] + "x" + np[1], synthetic(np[0], np[1], 20, 7), Model.SQUARED));
        sets.add(new Set("sparse_5000x2000", Rcv1Shaped.generate(5000, 2000, 20, 11), Model.SQUARED)); // CSR, ~1% nonzero
        // sparse shapes where the fold-Gram route (SparseGramCv) is taken (p² ≤ 4·nnz): ~20 and ~30 nonzeros a row
        sets.add(new Set("sparse_20000x300", Rcv1Shaped.generate(20000, 300, 20, 11), Model.SQUARED));
        sets.add(new Set("sparse_10000x1000", Rcv1Shaped.generate(10000, 1000, 30, 11), Model.SQUARED));
        // beyond the fold-Gram crossover (SparseCdCv's lockstep CD): ~0.1% nonzero, p² = 5000·nnz
        sets.add(new Set("sparse_20000x5000", Rcv1Shaped.generate(20000, 5000, 5, 11), Model.SQUARED));
        try (Context ctx = Backends.get(backend).open()) {
            System.out.printf(Locale.ROOT, "backend %s (%s), reps %d%n", ctx.backendName(), ctx.deviceName(), reps);
            for (Set s : sets) {
                if (only != null && !Arrays.asList(only.split(",")).contains(s.name)) continue;
                cv(ctx, s, out, reps);
            }
            if (only == null || only.contains("batch")) batch(ctx, sets.stream().filter(s -> s.name.equals("diabetes_x2")).findFirst().orElse(sets.get(0)), batchK, reps);
        }
    }

    static Dataset synthetic(int n, int p, int nnz, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n], b = new double[p];
        for (int j = 0; j < nnz; j++) b[r.nextInt(p)] = (r.nextBoolean() ? 1 : -1) * (0.5 + r.nextDouble());
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int j = 0; j < p; j++) {
                x[i * p + j] = r.nextGaussian();
                e += x[i * p + j] * b[j];
            }
            y[i] = e + r.nextGaussian();
        }
        return Dataset.dense(n, p, x, y, null);
    }

    static void cv(Context ctx, Set s, Path out, int reps) throws IOException {
        Dataset d = s.data;
        FitOptions o = FitOptions.defaults(s.model);
        double[] lam = Spred.lambdas(d, o, 100, Double.NaN);
        int[] foldId = Spred.foldIds(d.n(), 10, 2026);
        Path dir = out.resolve(s.name);
        Files.createDirectories(dir);
        if (d.isSparse()) writeTriplets(dir, d); // R builds a dgCMatrix from them: glmnet's sparse path, as a user would
        else writeF64(dir.resolve("X.f64"), d.x());
        writeF64(dir.resolve("y.f64"), d.y());
        StringBuilder sb = new StringBuilder();
        for (int f : foldId) sb.append(f).append('\n');
        Files.writeString(dir.resolve("foldid.txt"), sb);
        sb.setLength(0);
        for (double l : lam) sb.append(Double.toString(l)).append('\n');
        Files.writeString(dir.resolve("lambda.txt"), sb);
        Files.writeString(dir.resolve("meta.txt"), d.n() + " " + d.p() + " " + (s.model == Model.LOGISTIC ? "binomial" : s.model == Model.POISSON ? "poisson" : "gaussian")
                + (d.isSparse() ? " sparse" : "") + "\n");
        CvResult cv = null;
        double[] t = new double[reps], cpu = new double[reps];
        for (int w = Integer.getInteger("bench.warmup", 1); w > 0; w--) Spred.cv(ctx, d, o, lam, foldId); // warm-up (JIT)
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime(), c0 = CPU.getCurrentThreadCpuTime();
            cv = Spred.cv(ctx, d, o, lam, foldId);
            t[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        Arrays.sort(t);
        Arrays.sort(cpu);
        int worst = 0;
        for (FitResult f : cv.path().fits()) if (f.certificate() > o.tol()) worst++;
        CvMatched.writeCurve(dir.resolve("spred_cv.csv"), cv);
        Files.writeString(dir.resolve("spred_summary.txt"), String.format(Locale.ROOT, "%s %d %d %.6f %.6f %.6f %.6f %.17g %.17g %d%n",
                s.name, d.n(), d.p(), t[0], t[reps / 2], t[reps - 1], cpu[reps / 2], cv.lambdaMin(), cv.lambda1se(), worst));
        System.out.printf(Locale.ROOT, "cv %-16s %5dx%-5d 10 folds x %d lambda: wall median %.4f s (min %.4f, max %.4f), cpu median %.4f s (min %.4f, max %.4f); lambda_min %.6g lambda_1se %.6g; uncertified full-data fits %d; engine refits so far %d%n",
                s.name, d.n(), d.p(), lam.length, t[reps / 2], t[0], t[reps - 1], cpu[reps / 2], cpu[0], cpu[reps - 1], cv.lambdaMin(), cv.lambda1se(), worst, GramCv.REFITS.get());
        if (!Boolean.getBoolean("bench.noMatched")) CvMatched.run(ctx, s.name, d, o, lam, foldId, dir, reps, Integer.getInteger("bench.warmup", 1));
    }

    /** k problems in one call against a loop of k single fits: k λ (fitBatch) and k targets (fitTargets). */
    static void batch(Context ctx, Set s, int k, int reps) {
        Dataset d = s.data;
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-6);
        double lmax = Spred.lambdaMax(d, o);
        double[] lam = new double[k];
        for (int i = 0; i < k; i++) lam[i] = lmax * Math.pow(0.01, (i + 0.5) / k); // 1000 distinct λ in (0.01, 1)·λ_max
        Random r = new Random(3);
        double[][] ys = new double[k][d.n()];
        for (int t = 0; t < k; t++) for (int i = 0; i < d.n(); i++) ys[t][i] = d.y()[i] + 40 * r.nextGaussian();
        double[] tl = new double[k];
        Arrays.fill(tl, 0.05 * lmax);
        // warm-up (JIT) of all four on a slice, then `reps` timed rounds, batch and loop interleaved
        Spred.fitBatch(ctx, d, o, Arrays.copyOf(lam, 50));
        Spred.fitTargets(ctx, d, Arrays.copyOf(ys, 50), o, Arrays.copyOf(tl, 50));
        for (int i = 0; i < 50; i++) Spred.fit(ctx, d, o.withLambda(lam[i]));
        for (int i = 0; i < 50; i++) Spred.fit(ctx, MultiTarget.column(d, ys[i]), o.withLambda(tl[i]));
        double[][] ratio = new double[2][reps];
        for (int rep = 0; rep < reps; rep++) {
            long t0 = System.nanoTime(), c0 = CPU.getCurrentThreadCpuTime();
            FitResult[] b = Spred.fitBatch(ctx, d, o, lam);
            double tb = (System.nanoTime() - t0) / 1e9, cb = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            t0 = System.nanoTime();
            c0 = CPU.getCurrentThreadCpuTime();
            double worstLoop = 0;
            for (double l : lam) worstLoop = Math.max(worstLoop, Spred.fit(ctx, d, o.withLambda(l)).certificate());
            double tloop = (System.nanoTime() - t0) / 1e9, cloop = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "batch %s: %d lambda  fitBatch wall %.3f s cpu %.3f s, loop of fit wall %.3f s cpu %.3f s, speed-up wall %.2fx cpu %.2fx; worst gap batch %.2e loop %.2e (tol %.0e); %s%n",
                    s.name, k, tb, cb, tloop, cloop, tloop / tb, cloop / cb, worst(b), worstLoop, o.tol(), certified(b, o));
            ratio[0][rep] = cloop / cb;
            t0 = System.nanoTime();
            c0 = CPU.getCurrentThreadCpuTime();
            FitResult[] m = Spred.fitTargets(ctx, d, ys, o, tl);
            double tm = (System.nanoTime() - t0) / 1e9, cm = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            t0 = System.nanoTime();
            c0 = CPU.getCurrentThreadCpuTime();
            worstLoop = 0;
            for (int t = 0; t < k; t++)
                worstLoop = Math.max(worstLoop, Spred.fit(ctx, MultiTarget.column(d, ys[t]), o.withLambda(tl[t])).certificate());
            tloop = (System.nanoTime() - t0) / 1e9;
            cloop = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            System.out.printf(Locale.ROOT, "batch %s: %d targets fitTargets wall %.3f s cpu %.3f s, loop of fit wall %.3f s cpu %.3f s, speed-up wall %.2fx cpu %.2fx; worst gap batch %.2e loop %.2e (tol %.0e); %s; engine refits so far %d%n",
                    s.name, k, tm, cm, tloop, cloop, tloop / tm, cloop / cm, worst(m), worstLoop, o.tol(), certified(m, o), GramCv.REFITS.get());
            ratio[1][rep] = cloop / cm;
        }
        for (int w = 0; w < 2; w++) {
            double[] q = ratio[w].clone();
            Arrays.sort(q);
            System.out.printf(Locale.ROOT, "batch %s: %d %s, loop / batch CPU over %d rounds: median %.2fx, range %.2f-%.2fx%n",
                    s.name, k, w == 0 ? "lambda (fitBatch)" : "targets (fitTargets)", reps, q[reps / 2], q[0], q[reps - 1]);
        }
    }

    private static double worst(FitResult[] f) {
        double w = 0;
        for (FitResult r : f) w = Math.max(w, r.certificate());
        return w;
    }

    /** How many problems carry a certificate within the tolerance (a negative gap beyond rounding counts as not). */
    private static String certified(FitResult[] f, FitOptions o) {
        int c = 0;
        for (FitResult r : f) if (r.certificate() <= o.tol() && r.certificate() >= -1e-12) c++;
        return "certified " + c + "/" + f.length;
    }

    /** A CSR design as 1-based (row, column) int32 pairs and float64 values: X_i.i32, X_j.i32, X_x.f64. */
    static void writeTriplets(Path dir, Dataset d) throws IOException {
        int[] rp = d.rowPtr(), ci = d.colIdx();
        int nnz = rp[d.n()];
        ByteBuffer bi = ByteBuffer.allocate(nnz * 4).order(ByteOrder.LITTLE_ENDIAN), bj = ByteBuffer.allocate(nnz * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < d.n(); i++)
            for (int q = rp[i]; q < rp[i + 1]; q++) {
                bi.putInt(i + 1);
                bj.putInt(ci[q] + 1);
            }
        Files.write(dir.resolve("X_i.i32"), bi.array());
        Files.write(dir.resolve("X_j.i32"), bj.array());
        writeF64(dir.resolve("X_x.f64"), java.util.Arrays.copyOf(d.values(), nnz));
    }

    static void writeF64(Path f, double[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : a) b.putDouble(v);
        Files.write(f, b.array());
    }
}
