package io.github.spred4j.jmh;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the kernel and matrix benchmarks (JMH sample-time mode; every time quoted is the median call, robust to
 * the preemption spikes of a shared machine) and prints, per backend, precision and size: each kernel's GB/s and its
 * ratio to the copy and triad ceilings measured in the same run; fused ÷ unfused speed-ups; the one-pass gradient
 * ÷ two BLAS GEMVs; the spred overhead as a fraction of one lasso iteration; and a table of the targets. With
 * {@code --repeats R} the whole set of benchmarks runs R times and every ratio is printed as median [min, max]
 * over the repeats (each ratio's numerator and denominator always come from the same repeat).
 *
 * <pre>java -jar jmh/target/benchmarks.jar [--backends native,opencl-cpu] [--precisions FLOAT32,FLOAT64]
 *      [--sizes 262144,16777216] [--shapes 2048x2048,10000x5000] [--quick] [--repeats 3] [--json out.json]
 *      [--no-matrix] [--no-kernels]</pre>
 *
 * {@code --quick}: in-process (no forks), 1 warm-up and 3 measured iterations of 80 ms, one size (4Mi elements)
 * and one shape (10000x5000); the whole report takes under 3 minutes on 2 loaded cores with native and opencl-cpu. Otherwise one fork per trial, 3 warm-up and 5
 * measured iterations of 300 ms.
 */
public final class BenchReport {
    public static void main(String[] args) throws Exception {
        List<String> backends = new ArrayList<>();
        for (Backend b : Backends.available()) if (!b.family().equalsIgnoreCase("java") && !b.name().equals("java")) backends.add(b.name());
        String precisions = "FLOAT32,FLOAT64", sizes = null, shapes = null, json = null;
        boolean quick = false, kernels = true, matrix = true;
        int repeats = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--backends": backends = List.of(args[++i].split(",")); break;
                case "--precisions": precisions = args[++i]; break;
                case "--sizes": sizes = args[++i]; break;
                case "--shapes": shapes = args[++i]; break;
                case "--quick": quick = true; break;
                case "--repeats": repeats = Integer.parseInt(args[++i]); break;
                case "--json": json = args[++i]; break;
                case "--no-matrix": matrix = false; break;
                case "--no-kernels": kernels = false; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (backends.isEmpty()) throw new IllegalStateException("no accelerated backend available; pass --backends java to time the reference");
        if (quick && sizes == null) sizes = "4194304";
        if (quick && shapes == null) shapes = "10000x5000";
        header(backends);
        List<Collection<RunResult>> runs = new ArrayList<>();
        for (int rep = 0; rep < repeats; rep++) {
            List<RunResult> all = new ArrayList<>();
            if (kernels) all.addAll(run(KernelBench.class.getName(), backends, precisions, "size", sizes, quick,
                    json == null ? null : json.replace(".json", "-kernels-" + rep + ".json")));
            if (matrix) all.addAll(run(MatrixBench.class.getName(), backends, precisions, "shape", shapes, quick,
                    json == null ? null : json.replace(".json", "-matrix-" + rep + ".json")));
            runs.add(all);
            System.out.printf("%n==== repeat %d of %d done at %s, load: %s%n", rep + 1, repeats, java.time.Instant.now(), load());
        }
        print(runs);
    }

    private static Collection<RunResult> run(String include, List<String> backends, String precisions, String sizeParam,
                                             String sizes, boolean quick, String json) throws Exception {
        ChainedOptionsBuilder o = new OptionsBuilder().include(include.replace(".", "\\.") + "\\.")
                .param("backend", backends.toArray(new String[0]))
                .param("precision", precisions.split(","))
                .forks(quick ? 0 : 1).jvmArgsAppend("-Xmx8g")
                .warmupIterations(quick ? 1 : 3).warmupTime(TimeValue.milliseconds(quick ? 80 : 300))
                .measurementIterations(quick ? 3 : 5).measurementTime(TimeValue.milliseconds(quick ? 80 : 300));
        if (sizes != null) o.param(sizeParam, sizes.split(","));
        if (json != null) o.resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON).result(json);
        return new Runner(o.build()).run();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void header(List<String> backends) {
        String model = "unknown";
        try {
            for (String l : Files.readAllLines(Path.of("/proc/cpuinfo")))
                if (l.startsWith("model name")) { model = l.substring(l.indexOf(':') + 1).trim(); break; }
        } catch (IOException ignored) {
        }
        System.out.printf("date %s; cpu %s x%d; load %s; java %s%n", java.time.Instant.now(), model,
                Runtime.getRuntime().availableProcessors(), load(), System.getProperty("java.version"));
        System.out.printf("backends %s; OMP_NUM_THREADS=%s; OPENBLAS_NUM_THREADS=%s; BLAS baseline: %s%n", backends,
                System.getenv("OMP_NUM_THREADS"), System.getenv("OPENBLAS_NUM_THREADS"),
                MatrixBench.blasName());
        for (String b : backends) {
            try {
                System.out.printf("  %s: %s%n", b, Backends.get(b).deviceName());
            } catch (Throwable t) {
                System.out.printf("  %s: %s%n", b, t);
            }
        }
    }

    /** One benchmark's result in one repeat: µs/op, its error and GB/s. */
    record Cell(double us, double err, double gbs) {
    }

    /** key ("backend precision size") → benchmark → one Cell per repeat. */
    static Map<String, Map<String, List<Cell>>> collect(List<Collection<RunResult>> runs, boolean matrix) {
        Map<String, Map<String, List<Cell>>> rows = new TreeMap<>();
        for (int rep = 0; rep < runs.size(); rep++) {
            for (RunResult r : runs.get(rep)) {
                var params = r.getParams();
                String full = params.getBenchmark();
                boolean isMatrix = full.contains("MatrixBench");
                if (isMatrix != matrix) continue;
                String bench = full.substring(full.lastIndexOf('.') + 1);
                int elem = params.getParam("precision").equals("FLOAT32") ? 4 : 8;
                // the median call: on a shared machine a preempted OpenMP thread turns a few calls into
                // milliseconds, which the mean would average in
                var st = r.getPrimaryResult().getStatistics();
                double us = st.getPercentile(50), err = (st.getPercentile(75) - st.getPercentile(25)) / 2;
                double bytes;
                String size;
                if (isMatrix) {
                    size = params.getParam("shape");
                    int[] np = MatrixBench.parseShape(size);
                    bytes = MatrixBench.bytes(bench, np[0], np[1], elem);
                } else {
                    size = params.getParam("size");
                    bytes = KernelBench.streams(bench) * Long.parseLong(size) * elem;
                }
                String key = String.format("%-11s %-8s %10s", params.getParam("backend"), params.getParam("precision"), size);
                rows.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(bench, k -> new ArrayList<>())
                        .add(new Cell(us, err, bytes / (us * 1e3)));
            }
        }
        return rows;
    }

    /** Median [min, max] of a ratio computed per repeat. */
    static double[] spread(List<Double> v) {
        if (v.isEmpty()) return new double[]{Double.NaN, Double.NaN, Double.NaN};
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double med = a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
        return new double[]{med, a[0], a[a.length - 1]};
    }

    static String fmt(double[] s) {
        if (Double.isNaN(s[0])) return "n/a";
        return s[1] == s[2] ? String.format("%.3g", s[0]) : String.format("%.3g [%.3g, %.3g]", s[0], s[1], s[2]);
    }

    /** The per-repeat ratio num/den of a field (0 = µs, 2 = GB/s). */
    static List<Double> ratio(Map<String, List<Cell>> row, String num, String den, boolean time) {
        List<Double> out = new ArrayList<>();
        List<Cell> a = row.get(num), b = row.get(den);
        if (a == null || b == null) return out;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++)
            out.add(time ? a.get(i).us() / b.get(i).us() : a.get(i).gbs() / b.get(i).gbs());
        return out;
    }

    static void print(List<Collection<RunResult>> runs) {
        Map<String, List<String>> targets = new LinkedHashMap<>();
        Map<String, Map<String, List<Cell>>> rows = collect(runs, false);
        if (!rows.isEmpty()) {
            System.out.printf("%n== kernels: GB/s (bytes as in spred-math.md) and ÷ the copy and triad ceilings of the same run;"
                    + " median [min, max] over repeats%n");
            System.out.printf("%-11s %-8s %10s %-20s %10s %8s %9s %-24s %-24s%n", "backend", "precision", "size", "kernel",
                    "p50 us", "+-IQR/2", "GB/s", "/copy", "/triad");
            for (var e : rows.entrySet()) {
                for (var k : e.getValue().entrySet()) {
                    Cell c = k.getValue().get(0);
                    double[] gbs = spread(k.getValue().stream().map(Cell::gbs).toList());
                    System.out.printf("%s %-20s %10.2f %8.2f %9.2f %-24s %-24s%n", e.getKey(), k.getKey(), c.us(), c.err(),
                            gbs[0], fmt(spread(ratio(e.getValue(), k.getKey(), "copy", false))),
                            fmt(spread(ratio(e.getValue(), k.getKey(), "triad", false))));
                }
            }
            System.out.printf("%n== fused ÷ unfused chain (time of the chain ÷ time of the fused kernel; model = streams moved ÷ fused streams)%n");
            System.out.printf("%-11s %-8s %10s %-34s %-26s %6s%n", "backend", "precision", "size", "pair", "speed-up", "model");
            String[][] pairs = {{"sgdChain", "sgdUpdate"}, {"sgdSplitChain", "sgdUpdate"}, {"momentumChain", "momentumUpdate"}};
            for (var e : rows.entrySet())
                for (String[] pr : pairs) {
                    double[] s = spread(ratio(e.getValue(), pr[0], pr[1], true));
                    if (Double.isNaN(s[0])) continue;
                    System.out.printf("%s %-34s %-26s %6.2f%n", e.getKey(), pr[0] + " / " + pr[1], fmt(s),
                            KernelBench.chainStreams(pr[0]) / KernelBench.streams(pr[1]));
                    targets.computeIfAbsent("fused >= 2.5x unfused chain (" + pr[0] + ")", k -> new ArrayList<>())
                            .add(e.getKey().trim().replaceAll(" +", " ") + ": " + fmt(s));
                }
            for (var e : rows.entrySet())
                for (String f : new String[]{"sgdUpdate", "momentumUpdate", "adamUpdate"}) {
                    double[] s = spread(ratio(e.getValue(), f, "triad", false));
                    double[] c = spread(ratio(e.getValue(), f, "copy", false));
                    if (!Double.isNaN(s[0]))
                        targets.computeIfAbsent("fused update >= 0.8 of triad on a CPU, >= 0.9 of copy on the H200 (" + f + ")",
                                k -> new ArrayList<>()).add(e.getKey().trim().replaceAll(" +", " ") + ": ÷triad " + fmt(s) + ", ÷copy " + fmt(c));
                }
        }
        Map<String, Map<String, List<Cell>>> mrows = collect(runs, true);
        if (!mrows.isEmpty()) {
            System.out.printf("%n== matrix passes (dense row-major n x p; GB/s counts X once and each vector once)%n");
            System.out.printf("%-11s %-8s %10s %-20s %12s %10s %9s%n", "backend", "precision", "shape", "kernel", "p50 us", "+-IQR/2", "GB/s");
            for (var e : mrows.entrySet())
                for (var k : e.getValue().entrySet()) {
                    Cell c = k.getValue().get(0);
                    System.out.printf("%s %-20s %12.2f %10.2f %9.2f%n", e.getKey(), k.getKey(), c.us(), c.err(), c.gbs());
                }
            System.out.printf("%n== one-pass gradient vs two GEMVs (time of the baseline ÷ time of lossGradient) and the spred overhead%n");
            System.out.printf("%-11s %-8s %10s %-26s %-26s %-28s%n", "backend", "precision", "shape", "vs 2 BLAS GEMV",
                    "vs own matVec+matTVec", "overhead / lasso iteration");
            for (var e : mrows.entrySet()) {
                double[] blas = spread(ratio(e.getValue(), "blasTwoGemv", "lossGradient", true));
                double[] own = spread(ratio(e.getValue(), "twoPass", "lossGradient", true));
                List<Double> ov = new ArrayList<>();
                List<Cell> sg = e.getValue().get("sgdUpdateP"), pl = e.getValue().get("plainStepP"), it = e.getValue().get("lassoIteration");
                if (sg != null && pl != null && it != null)
                    for (int i = 0; i < Math.min(sg.size(), Math.min(pl.size(), it.size())); i++)
                        ov.add((sg.get(i).us() - pl.get(i).us()) / it.get(i).us());
                double[] o = spread(ov);
                System.out.printf("%s %-26s %-26s %-28s%n", e.getKey(), fmt(blas), fmt(own),
                        Double.isNaN(o[0]) ? "n/a" : String.format("%.3g%% [%.3g, %.3g]", 100 * o[0], 100 * o[1], 100 * o[2]));
                String k = e.getKey().trim().replaceAll(" +", " ");
                if (!Double.isNaN(blas[0])) targets.computeIfAbsent("one-pass gradient >= 1.7x two BLAS GEMVs (" + MatrixBench.blasName()
                        .replaceAll(".*\\.", "") + ")", x -> new ArrayList<>()).add(k + ": " + fmt(blas));
                if (!Double.isNaN(o[0])) targets.computeIfAbsent("spred overhead <= 2% of a lasso iteration", x -> new ArrayList<>())
                        .add(k + ": " + String.format("%.3g%%", 100 * o[0]));
            }
        }
        System.out.printf("%n== targets (median [min, max] over repeats)%n");
        for (var t : targets.entrySet()) {
            System.out.println(t.getKey());
            for (String s : t.getValue()) System.out.println("    " + s);
        }
        System.out.printf("%nload at end: %s%n", load());
    }
}
