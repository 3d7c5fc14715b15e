package io.github.spred4j.jmh;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.solver.Certificates;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Method;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.PathResult;
import io.github.spred4j.solver.Spred;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time to a certified relative duality gap (default 1e-6) for single λ values and for the whole path, per backend,
 * on the shared real data sets and a seeded synthetic problem; the same λ values timed in glmnet (R, in-process
 * timing after a warm-up; {@code scripts/glmnet-time.R}); and a batch of λ values in one {@link Spred#fitBatch}
 * against a loop of single fits. Times are taken inside this JVM after a warm-up run of the same task: the JVM's
 * and R's start-up are excluded. Each time is the median of {@code --repeats} batches, each batch long enough
 * (≥ 0.2 s, repeating the task) that the clock's resolution does not matter; [min, max] over the batches is printed.
 *
 * <pre>java -Xmx8g -cp jmh/target/benchmarks.jar io.github.spred4j.jmh.SolverBench [--data DIR] [--datasets a,b]
 *     [--backends native,java] [--synthetic 10000x5000] [--nnz 50] [--rho 0.5] [--tol 1e-6] [--repeats 5]
 *     [--nlambda 100] [--batch 1000] [--batch-data diabetes_x2] [--no-glmnet] [--no-path] [--rscript PATH]
 *     [--factors 0.01] [--nnz-targets 50,500] [--methods cd,spred_ws]</pre>
 * Single λ: each real set at λ_max times each factor; the synthetic problem at the λ values of the path whose
 * fits have about {@code --nnz-targets} nonzeros (the path runs first to find them). Each single fit starts
 * from zero, in its own call. {@code --methods} times each backend once per listed {@link Method} (labels
 * {@code backend/method}), in the same run against the same glmnet timings; default: each model's default method.
 */
public final class SolverBench {
    record Problem(String name, Dataset data, Model model, int[] groups) {
    }

    /** Median, min, max of seconds per task. */
    /** Wall seconds per task (median, min, max over the batches) and CPU seconds per task (same statistics). */
    record Timing(double median, double min, double max, double cpuMedian, double cpuMin, double cpuMax) {
        String fmt() {
            return String.format("%.4g s [%.3g, %.3g] wall, %.4g s [%.3g, %.3g] cpu", median, min, max, cpuMedian, cpuMin, cpuMax);
        }

        /** ours ÷ other, wall and CPU, each with the bounds that pair min with max. */
        String ratio(Timing o) {
            return String.format("ours÷glmnet wall %.3g [%.3g, %.3g], cpu %.3g [%.3g, %.3g]", median / o.median, min / o.max,
                    max / o.min, cpuMedian / o.cpuMedian, cpuMin / o.cpuMax, cpuMax / o.cpuMin);
        }
    }

    static String dataDir = "/work/shared/data";
    static double tol = 1e-6;
    static int repeats = 5, nLambda = 100;
    static double minBatchSeconds = 0.2;

    public static void main(String[] args) throws Exception {
        List<String> backends = new ArrayList<>();
        for (Backend b : Backends.available()) backends.add(b.name());
        String synthetic = "10000x5000", datasets = null, batchData = "diabetes_x2", rscript = null;
        int nnz = 50, batch = 1000;
        String factors = "0.01";       // single-λ fits at these multiples of λ_max (real sets)
        String targets = "50,500";     // synthetic: single λ where the path has about these many nonzeros
        double rho = 0.5;
        boolean glmnet = true, path = true;
        String methods = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data": dataDir = args[++i]; break;
                case "--datasets": datasets = args[++i]; break;
                case "--backends": backends = List.of(args[++i].split(",")); break;
                case "--synthetic": synthetic = args[++i]; break;
                case "--nnz": nnz = Integer.parseInt(args[++i]); break;
                case "--rho": rho = Double.parseDouble(args[++i]); break;
                case "--tol": tol = Double.parseDouble(args[++i]); break;
                case "--repeats": repeats = Integer.parseInt(args[++i]); break;
                case "--nlambda": nLambda = Integer.parseInt(args[++i]); break;
                case "--batch": batch = Integer.parseInt(args[++i]); break;
                case "--batch-data": batchData = args[++i]; break;
                case "--no-glmnet": glmnet = false; break;
                case "--no-path": path = false; break;
                case "--rscript": rscript = args[++i]; break;
                case "--factors": factors = args[++i]; break;
                case "--nnz-targets": targets = args[++i]; break;
                case "--methods": methods = args[++i]; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (rscript == null) rscript = findScript();
        if (methods != null) { // each backend once per method: "native/cd", "native/spred_ws", ...
            List<String> runs = new ArrayList<>();
            for (String b : backends) for (String m : methods.split(",")) runs.add(b + "/" + m);
            backends = runs;
        }
        System.out.printf("date %s; cpus %d; load %s; java %s; tol %.1g; repeats %d%n", java.time.Instant.now(),
                Runtime.getRuntime().availableProcessors(), BenchReport.load(), System.getProperty("java.version"), tol, repeats);
        List<Problem> problems = new ArrayList<>();
        for (String name : datasetNames(datasets)) problems.add(load(name));
        if (!synthetic.equals("none")) {
            int[] np = MatrixBench.parseShape(synthetic);
            problems.add(synthetic(np[0], np[1], nnz, rho, 42));
        }
        List<String> summary = new ArrayList<>();
        for (Problem pr : problems) {
            FitOptions o = FitOptions.defaults(pr.model).withTol(tol);
            if (pr.groups != null) o = o.withGroups(pr.groups);
            double lmax = Spred.lambdaMax(pr.data, o);
            boolean synth = pr.name.startsWith("synthetic");
            System.out.printf("%n== %s: n=%d p=%d %s (λmax=%.6g)%n", pr.name, pr.data.n(), pr.data.p(), pr.model, lmax);
            Timing glmPath = null;
            double[] pathLams = null;
            double[] singles = null;
            Timing[] glmSingles = null;
            for (String bname : backends) {
                String[] bm = bname.split("/");
                try (Context ctx = Backends.get(bm[0]).open()) {
                    final FitOptions fo = bm.length > 1 ? o.withMethod(Method.valueOf(bm[1].toUpperCase().replace('-', '_'))) : o;
                    Timing pt = null;
                    PathResult[] last = new PathResult[1];
                    if (path || synth) {
                        double[] pw = {0};
                        pt = time(() -> {
                            last[0] = Spred.path(ctx, pr.data, fo, nLambda, Double.NaN);
                            pw[0] = 0;
                            for (FitResult r : last[0].fits()) pw[0] = Math.max(pw[0], r.certificate());
                            return null;
                        });
                        pathLams = last[0].lambdas();
                        System.out.printf("%-11s path of %d λ: %s; worst certificate %.2g; nnz at the end %d%n", bname,
                                pathLams.length, pt.fmt(), pw[0], last[0].fits().get(pathLams.length - 1).nnz());
                    }
                    if (singles == null) singles = synth ? nearNnz(last[0], targets) : scaled(lmax, factors);
                    Timing[] ours = new Timing[singles.length];
                    for (int k = 0; k < singles.length; k++) {
                        double l = singles[k];
                        double[] worst = {0};
                        int[] nz = {0};
                        ours[k] = time(() -> {
                            FitResult r = Spred.fit(ctx, pr.data, fo.withLambda(l));
                            worst[0] = r.certificate();
                            nz[0] = r.nnz();
                            return null;
                        });
                        System.out.printf("%-11s single λ=%.4g (%.3g λmax, nnz %d, from zero): %s; %s %.2g%n", bname, l,
                                l / lmax, nz[0], ours[k].fmt(), pr.model == Model.GROUP ? "kkt" : "gap", worst[0]);
                    }
                    if (glmnet && pr.model != Model.GROUP && glmSingles == null) {
                        glmSingles = new Timing[singles.length];
                        for (int k = 0; k < singles.length; k++) {
                            Timing[] g = glmnet(rscript, pr, o, new double[]{singles[k]}, k == 0 && path ? pathLams : null);
                            glmSingles[k] = g[0];
                            if (k == 0) glmPath = g[1];
                        }
                    }
                    for (int k = 0; k < singles.length; k++) {
                        if (glmSingles != null && glmSingles[k] != null)
                            summary.add(String.format("%-18s %-11s single λ=%.3g·λmax ours %.4g s (cpu %.4g), glmnet %.4g s (cpu %.4g), %s",
                                    pr.name, bname, singles[k] / lmax, ours[k].median, ours[k].cpuMedian, glmSingles[k].median,
                                    glmSingles[k].cpuMedian, ours[k].ratio(glmSingles[k])));
                        else
                            summary.add(String.format("%-18s %-11s single λ=%.3g·λmax %s (no glmnet comparison%s)", pr.name, bname,
                                    singles[k] / lmax, ours[k].fmt(), pr.model == Model.GROUP ? ": glmnet has no group lasso" : ""));
                    }
                    if (pt != null && path) {
                        if (glmPath != null)
                            summary.add(String.format("%-18s %-11s path %d λ ours %.4g s (cpu %.4g), glmnet %.4g s (cpu %.4g), %s",
                                    pr.name, bname, pathLams.length, pt.median, pt.cpuMedian, glmPath.median, glmPath.cpuMedian,
                                    pt.ratio(glmPath)));
                        else summary.add(String.format("%-18s %-11s path %d λ %s (no glmnet comparison)", pr.name, bname,
                                pathLams.length, pt.fmt()));
                    }
                } catch (Throwable t) {
                    System.out.printf("%-11s FAILED: %s%n", bname, t);
                    summary.add(String.format("%-18s %-11s FAILED: %s", pr.name, bname, t));
                }
            }
        }
        if (batch > 0) summary.addAll(batchBench(backends, load(batchData), batch));
        System.out.printf("%n== summary (median [min, max] over %d repeats; ratio bounds pair min with max)%n", repeats);
        summary.forEach(System.out::println);
        System.out.printf("load at end: %s%n", BenchReport.load());
    }

    static double[] scaled(double lmax, String factors) {
        return Arrays.stream(factors.split(",")).mapToDouble(f -> lmax * Double.parseDouble(f)).toArray();
    }

    /** The λ of the path whose fit has the nonzero count nearest each target. */
    static double[] nearNnz(PathResult pr, String targets) {
        return Arrays.stream(targets.split(",")).mapToInt(Integer::parseInt).mapToDouble(t -> {
            int best = 0;
            for (int i = 0; i < pr.fits().size(); i++)
                if (Math.abs(pr.fits().get(i).nnz() - t) < Math.abs(pr.fits().get(best).nnz() - t)) best = i;
            return pr.lambdas()[best];
        }).toArray();
    }

    // ---------------------------------------------------------------- batch

    static List<String> batchBench(List<String> backends, Problem pr, int count) {
        List<String> out = new ArrayList<>();
        FitOptions o = FitOptions.defaults(pr.model).withTol(tol);
        double lmax = Spred.lambdaMax(pr.data, o);
        double[] lams = new double[count];
        for (int k = 0; k < count; k++) lams[k] = lmax * Math.pow(1e-3, (double) k / Math.max(1, count - 1));
        System.out.printf("%n== batch: %d λ values on %s (λmax·10^[0,-3]), one fitBatch vs a loop of fit%n", count, pr.name);
        for (String bname : backends) {
            try (Context ctx = Backends.get(bname.split("/")[0]).open()) {
                double[] worst = {0, 0};
                // warm-up on a few λ, then one timed run of each (each run is long)
                Spred.fitBatch(ctx, pr.data, o, Arrays.copyOf(lams, Math.min(10, count)));
                for (int k = 0; k < Math.min(10, count); k++) Spred.fit(ctx, pr.data, o.withLambda(lams[k]));
                long t0 = System.nanoTime();
                for (FitResult r : Spred.fitBatch(ctx, pr.data, o, lams)) worst[0] = Math.max(worst[0], r.certificate());
                double tb = (System.nanoTime() - t0) * 1e-9;
                t0 = System.nanoTime();
                for (double l : lams) worst[1] = Math.max(worst[1], Spred.fit(ctx, pr.data, o.withLambda(l)).certificate());
                double tl = (System.nanoTime() - t0) * 1e-9;
                String s = String.format("batch %-11s %d λ on %s: fitBatch %.3g s (worst gap %.2g), loop %.3g s (worst gap %.2g), loop÷batch %.3g",
                        bname, count, pr.name, tb, worst[0], tl, worst[1], tl / tb);
                System.out.println(s);
                out.add(s);
            } catch (Throwable t) {
                out.add("batch " + bname + " FAILED: " + t);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- timing

    /**
     * Warm-up (once when the first run takes 2 s or more, else until 1 s of CPU time has been used), then
     * {@link #repeats} batches of enough calls to last {@link #minBatchSeconds}; wall and thread CPU time per call.
     */
    static Timing time(Supplier<Object> task) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        task.get();
        double first = (System.nanoTime() - t0) * 1e-9;
        if (first < 2) {
            // the first runs are also the JIT's warm-up: short tasks run until they have used 1 s of CPU (at most 200
            // runs; on a loaded machine the compiler threads get little CPU, and a few runs would time interpreted
            // code), then one more is timed for the batch size
            for (int w = 0; w < 200 && mx.getCurrentThreadCpuTime() - c0 < 1_000_000_000L; w++) task.get();
            t0 = System.nanoTime();
            task.get();
            first = (System.nanoTime() - t0) * 1e-9;
        }
        int reps = (int) Math.max(1, Math.min(1_000_000, Math.ceil(minBatchSeconds / Math.max(first, 1e-7))));
        double[] t = new double[repeats], c = new double[repeats];
        for (int b = 0; b < repeats; b++) {
            long s = System.nanoTime(), cs = mx.getCurrentThreadCpuTime(); // one thread: the fit runs on this one
            for (int i = 0; i < reps; i++) task.get();
            t[b] = (System.nanoTime() - s) * 1e-9 / reps;
            c[b] = (mx.getCurrentThreadCpuTime() - cs) * 1e-9 / reps;
        }
        Arrays.sort(t);
        Arrays.sort(c);
        return new Timing(median(t), t[0], t[t.length - 1], median(c), c[0], c[c.length - 1]);
    }

    static double median(double[] t) {
        return t.length % 2 == 1 ? t[t.length / 2] : (t[t.length / 2 - 1] + t[t.length / 2]) / 2;
    }

    // ---------------------------------------------------------------- glmnet

    /** Every exponent from 1e-7 to 1e-20: the loosest that reaches the gap is the fair glmnet time. */
    static final double[] THRESHOLDS = {1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12, 1e-13, 1e-14, 1e-15, 1e-16, 1e-17, 1e-18, 1e-19, 1e-20};

    /**
     * Round 1: R fits every λ with each thresh in {@link #THRESHOLDS} (untimed) and writes the coefficients; we
     * pick, separately for the single-λ fits and the path, the largest thresh whose every answer has our relative
     * duality gap ≤ tol. Round 2: R times glmnet at that thresh. Returns {single, path} (path null if none).
     */
    static Timing[] glmnet(String rscript, Problem pr, FitOptions o, double[] lams, double[] pathLams) throws Exception {
        Path dir = Files.createTempDirectory("spred4j-glmnet");
        try {
            Dataset d = pr.data;
            writeF64(dir.resolve("X.f64"), d.x());
            writeF64(dir.resolve("y.f64"), d.y());
            writeF64(dir.resolve("single.f64"), lams);
            writeF64(dir.resolve("path.f64"), pathLams == null ? new double[0] : pathLams);
            String family = pr.model == Model.LOGISTIC ? "binomial" : pr.model == Model.POISSON ? "poisson" : "gaussian";
            StringBuilder th = new StringBuilder();
            for (double t : THRESHOLDS) th.append(th.length() == 0 ? "" : ",").append(t);
            rsh(rscript, dir, d, family, "coefs", th.toString());
            double chosenSingle = chooseThresh(dir, "single", pr, o, lams), chosenPath = pathLams == null ? Double.NaN
                    : chooseThresh(dir, "path", pr, o, pathLams);
            System.out.printf("glmnet      thresh chosen: single %s, path %s (largest of %s whose answers all reach gap <= %.1g)%n",
                    chosenSingle, chosenPath, Arrays.toString(THRESHOLDS), tol);
            String outp = rsh(rscript, dir, d, family, "time",
                    (Double.isNaN(chosenSingle) ? THRESHOLDS[THRESHOLDS.length - 1] : chosenSingle) + ","
                            + (Double.isNaN(chosenPath) ? THRESHOLDS[THRESHOLDS.length - 1] : chosenPath));
            Timing single = null, path = null;
            java.util.Map<String, String[]> rows = new java.util.HashMap<>();
            for (String line : outp.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4) rows.put(f[0], f);
            }
            if (rows.containsKey("single")) single = timing(rows.get("single"), rows.get("single_cpu"));
            if (rows.containsKey("path") && pathLams != null && pathLams.length > 0) path = timing(rows.get("path"), rows.get("path_cpu"));
            if (single != null) System.out.printf("glmnet      single λ=%.4g: %s%s%n", lams[0], single.fmt(), Double.isNaN(chosenSingle) ? " (NO thresh reached the gap)" : "");
            if (path != null) System.out.printf("glmnet      path of %d λ: %s%s%n", pathLams.length, path.fmt(), Double.isNaN(chosenPath) ? " (NO thresh reached the gap)" : "");
            return new Timing[]{single, path};
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** "kind median min max" (wall) and "kind_cpu median min max" (user + sys) from glmnet-time.R. */
    static Timing timing(String[] w, String[] c) {
        if (c == null) throw new IllegalStateException("glmnet-time.R printed no CPU line for " + w[0]);
        return new Timing(Double.parseDouble(w[1]), Double.parseDouble(w[2]), Double.parseDouble(w[3]),
                Double.parseDouble(c[1]), Double.parseDouble(c[2]), Double.parseDouble(c[3]));
    }

    static double chooseThresh(Path dir, String kind, Problem pr, FitOptions o, double[] lams) throws IOException {
        int p = pr.data.p();
        double chosen = Double.NaN;
        StringBuilder gaps = new StringBuilder();
        for (int t = 0; t < THRESHOLDS.length; t++) {
            double[] c = readF64(dir.resolve("coef_" + kind + "_" + t + ".f64"));
            double worst = 0;
            for (int k = 0; k < lams.length; k++) {
                double[] beta = Arrays.copyOfRange(c, k * (p + 1) + 1, (k + 1) * (p + 1));
                worst = Math.max(worst, Certificates.of(pr.data, o.withLambda(lams[k]), lams[k], c[k * (p + 1)], beta).value());
            }
            gaps.append(String.format(" %.0e:%.1e", THRESHOLDS[t], worst));
            if (worst <= tol && Double.isNaN(chosen)) chosen = THRESHOLDS[t];
        }
        System.out.printf("glmnet      worst gap per thresh (%s):%s%n", kind, gaps);
        return chosen;
    }

    static String rsh(String rscript, Path dir, Dataset d, String family, String mode, String thresh) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("Rscript", "--vanilla", rscript, dir.toString(), Integer.toString(d.n()),
                Integer.toString(d.p()), family, mode, thresh, Integer.toString(repeats), Double.toString(minBatchSeconds));
        pb.redirectErrorStream(true);
        Process pr = pb.start();
        String out = new String(pr.getInputStream().readAllBytes());
        if (pr.waitFor() != 0) throw new IOException("Rscript failed:\n" + out);
        return out;
    }

    static String findScript() {
        for (String c : new String[]{"scripts/glmnet-time.R", "../scripts/glmnet-time.R"})
            if (Files.exists(Path.of(c))) return c;
        return "scripts/glmnet-time.R";
    }

    // ---------------------------------------------------------------- data

    static List<String> datasetNames(String list) throws IOException {
        if (list != null) return list.isEmpty() || list.equals("none") ? List.of() : List.of(list.split(","));
        List<String> names = new ArrayList<>();
        try (var s = Files.list(Path.of(dataDir, "refs"))) {
            s.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted()
                    .forEach(f -> names.add(f.substring(0, f.indexOf('.'))));
        }
        return names;
    }

    static Problem load(String name) throws IOException {
        Path ds = Path.of(dataDir, "datasets");
        String meta = Files.readString(ds.resolve(name + ".json"));
        int n = intField(meta, "n"), p = intField(meta, "p");
        double[] x = readF64(ds.resolve(name + ".X.f64")), y = readF64(ds.resolve(name + ".y.f64"));
        Path refs = Path.of(dataDir, "refs");
        Model model = Model.SQUARED;
        int[] groups = null;
        if (Files.exists(refs.resolve(name + ".logistic.json"))) model = Model.LOGISTIC;
        if (Files.exists(refs.resolve(name + ".poisson.json"))) model = Model.POISSON;
        if (Files.exists(refs.resolve(name + ".grouplasso.json"))) {
            model = Model.GROUP;
            Matcher m = Pattern.compile("\"groups\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(Files.readString(refs.resolve(name + ".grouplasso.json")));
            if (m.find()) groups = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .mapToInt(s -> (int) Double.parseDouble(s.replace("\"", ""))).toArray();
        }
        return new Problem(name, Dataset.dense(n, p, x, y, null), model, groups);
    }

    static int intField(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) throw new IllegalArgumentException("no field " + field);
        return Integer.parseInt(m.group(1));
    }

    /**
     * Seeded synthetic lasso: rows of X are AR(1) across columns (corr(x_j, x_k) = ρ^|j−k|), `nnz` true
     * coefficients ±(1..2) at evenly spaced columns, y = Xβ + ε with ε ~ N(0, 1).
     */
    static Problem synthetic(int n, int p, int nnz, double rho, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[Math.toIntExact((long) n * p)], y = new double[n], beta = new double[p];
        for (int k = 0; k < Math.min(nnz, p); k++) beta[(int) ((long) k * p / Math.min(nnz, p))] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble());
        double s = Math.sqrt(1 - rho * rho);
        for (int i = 0; i < n; i++) {
            double prev = r.nextGaussian(), eta = 0;
            for (int j = 0; j < p; j++) {
                double v = j == 0 ? prev : rho * prev + s * r.nextGaussian();
                x[i * p + j] = v;
                prev = v;
                eta += v * beta[j];
            }
            y[i] = eta + r.nextGaussian();
        }
        return new Problem(String.format("synthetic %dx%d", n, p), Dataset.dense(n, p, x, y, null), Model.SQUARED, null);
    }

    static double[] readF64(Path f) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        double[] a = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(a);
        return a;
    }

    static void writeF64(Path f, double[] a) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(a.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(a);
        Files.write(f, b.array());
    }
}
