package io.github.spred4j.jmh;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs the kernel benchmarks and prints each kernel's GB/s and its ratio to the copy and triad ceilings measured
 * in the same run on the same backend, precision and size.
 *
 * <pre>java -jar jmh/target/benchmarks.jar [--backends native,opencl-cpu] [--precisions FLOAT32,FLOAT64]
 *      [--sizes 65536,16777216] [--quick] [--json out.json]</pre>
 */
public final class BenchReport {
    public static void main(String[] args) throws Exception {
        List<String> backends = new ArrayList<>();
        for (Backend b : Backends.available()) if (!b.name().equals("java")) backends.add(b.name());
        String precisions = "FLOAT32,FLOAT64", sizes = null, json = null, include = KernelBench.class.getName();
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--backends": backends = List.of(args[++i].split(",")); break;
                case "--precisions": precisions = args[++i]; break;
                case "--sizes": sizes = args[++i]; break;
                case "--quick": quick = true; break;
                case "--json": json = args[++i]; break;
                case "--include": include = args[++i]; break;
                default: throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (backends.isEmpty()) throw new IllegalStateException("no accelerated backend available; pass --backends java to time the reference");
        ChainedOptionsBuilder o = new OptionsBuilder().include(include)
                .param("backend", backends.toArray(new String[0]))
                .param("precision", precisions.split(","))
                .forks(1)
                .warmupIterations(quick ? 2 : 5).warmupTime(TimeValue.milliseconds(quick ? 200 : 500))
                .measurementIterations(quick ? 3 : 10).measurementTime(TimeValue.milliseconds(quick ? 300 : 1000));
        if (sizes != null) o.param("size", sizes.split(","));
        if (json != null) o.resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON).result(json);
        Collection<RunResult> results = new Runner(o.build()).run();
        print(results);
    }

    /** Table of µs/op, GB/s, GB/s ÷ copy and GB/s ÷ triad, grouped by backend, precision and size. */
    static void print(Collection<RunResult> results) {
        Map<String, Map<String, double[]>> rows = new TreeMap<>();
        for (RunResult r : results) {
            var params = r.getParams();
            String bench = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
            int size = Integer.parseInt(params.getParam("size"));
            int bytes = params.getParam("precision").equals("FLOAT32") ? 4 : 8;
            double us = r.getPrimaryResult().getScore(), err = r.getPrimaryResult().getScoreError();
            double gbs = (double) KernelBench.streams(bench) * size * bytes / (us * 1e3);
            String key = String.format("%-11s %-8s %10d", params.getParam("backend"), params.getParam("precision"), size);
            rows.computeIfAbsent(key, k -> new TreeMap<>()).put(bench, new double[]{us, err, gbs});
        }
        System.out.printf("%n%-11s %-8s %10s %-15s %12s %10s %9s %8s %8s%n", "backend", "precision", "size", "kernel",
                "us/op", "+-", "GB/s", "/copy", "/triad");
        for (var e : rows.entrySet()) {
            double copy = e.getValue().containsKey("copy") ? e.getValue().get("copy")[2] : Double.NaN;
            double triad = e.getValue().containsKey("triad") ? e.getValue().get("triad")[2] : Double.NaN;
            for (var k : e.getValue().entrySet()) {
                double[] v = k.getValue();
                System.out.printf("%s %-15s %12.2f %10.2f %9.1f %8.2f %8.2f%n", e.getKey(), k.getKey(), v[0], v[1], v[2],
                        v[2] / copy, v[2] / triad);
            }
        }
    }
}
