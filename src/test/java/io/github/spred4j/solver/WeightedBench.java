package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Benchmark of the weighted logistic / Poisson route (not a test; run by scripts/bench-weights.sh): a 100-λ path
 * with observation weights w_i = 0.5 + (i·7919 mod 100)/50 (written for R, which runs glmnet on the same files),
 * standardised, tol 1e-7, timed as thread CPU per path, {@code reps} paths in one JVM (the first ones JIT-cold).
 *
 * <pre>java -cp test-classes:classes io.github.spred4j.solver.WeightedBench DATADIR SET MODEL OUTDIR [reps]</pre>
 */
public final class WeightedBench {
    private WeightedBench() {
    }

    public static void main(String[] a) throws Exception {
        Path dir = Path.of(a[0]), out = Path.of(a[3]);
        String set = a[1];
        Model model = Model.valueOf(a[2]);
        int reps = a.length > 4 ? Integer.parseInt(a[4]) : 5;
        String meta = Files.readString(dir.resolve(set + ".json"));
        int n = num(meta, "n"), p = num(meta, "p");
        double[] x = f64(dir.resolve(set + ".X.f64"), n * p), y = f64(dir.resolve(set + ".y.f64"), n), w = new double[n];
        for (int i = 0; i < n; i++) w[i] = 0.5 + ((long) i * 7919 % 100) / 50.0;
        Dataset d = Dataset.dense(n, p, x, y, null);
        FitOptions o = FitOptions.defaults(model).withStandardize(true).withWeights(w);
        double[] lam = Spred.lambdas(d, o, 100, Double.NaN);
        Files.createDirectories(out);
        StringBuilder ws = new StringBuilder(), ls = new StringBuilder();
        for (double v : w) ws.append(String.format(Locale.ROOT, "%.17g%n", v));
        for (double v : lam) ls.append(String.format(Locale.ROOT, "%.17g%n", v));
        Files.writeString(out.resolve(set + ".weights.txt"), ws);
        Files.writeString(out.resolve(set + ".lambda.txt"), ls);
        var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        try (Context ctx = Backends.get("java").open()) {
            for (int r = 0; r < reps; r++) {
                long c0 = cpu.getCurrentThreadCpuTime(), t0 = System.nanoTime();
                PathResult pr = Spred.path(ctx, d, o, lam, null);
                double c = (cpu.getCurrentThreadCpuTime() - c0) / 1e9, wall = (System.nanoTime() - t0) / 1e9;
                double worst = 0, obj = 0;
                for (FitResult f : pr.fits()) worst = Math.max(worst, f.certificate());
                for (FitResult f : pr.fits()) obj += f.objective();
                System.out.printf(Locale.ROOT, "ours %s %s rep %d cpu %.4f s wall %.4f s worst_gap %.2e sum_objective %.15g%n",
                        set, model, r, c, wall, worst, obj);
            }
        }
    }

    private static int num(String json, String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + key + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) throw new IllegalArgumentException(key + " not in the metadata");
        return Integer.parseInt(m.group(1));
    }

    private static double[] f64(Path f, int count) throws java.io.IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[count];
        for (int i = 0; i < count; i++) v[i] = b.getDouble();
        return v;
    }
}
