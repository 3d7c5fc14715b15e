package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Benchmark of the engine's outer step with the gradient kept on the device (issue 12 item 5, second half; not a
 * test): 100-λ paths with {@code spred4j.deviceControl} true (gap and screening by device reductions and the
 * select_above compaction) and false (g brought to the host each pass, the route before), interleaved per repeat in
 * one JVM. Reports numbers read back from the device per pass over X ({@link Checks#READ_BACK} / {@link Checks#PASSES})
 * and the path's wall and thread CPU time, median [min, max].
 *
 * <pre>java -cp test-classes:classes:deps io.github.spred4j.solver.GapRouteBench [backend] [reps] [denseN denseP sparseN sparseP]</pre>
 */
public final class GapRouteBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private GapRouteBench() {
    }

    public static void main(String[] args) throws Exception {
        String backend = args.length > 0 ? args[0] : "native";
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int dn = args.length > 5 ? Integer.parseInt(args[2]) : 1000, dp = args.length > 5 ? Integer.parseInt(args[3]) : 20000;
        int sn = args.length > 5 ? Integer.parseInt(args[4]) : 20000, sp = args.length > 5 ? Integer.parseInt(args[5]) : 50000;
        System.out.printf(Locale.ROOT, "GapRouteBench backend=%s reps=%d java=%s cpus=%d%n", backend, reps,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        List<Object[]> sets = new ArrayList<>();
        for (String[] s : new String[][]{{"gasoline", "SQUARED"}, {"diabetes_x2", "SQUARED"}, {"golub", "LOGISTIC"}}) {
            Path dir = TestData.dir(s[0]);
            if (dir == null) System.out.println("# " + s[0] + ": not found (../shared), skipped");
            else sets.add(new Object[]{s[0], TestData.dataset(dir, s[0]), Model.valueOf(s[1])});
        }
        sets.add(new Object[]{"dense synthetic " + dn + "x" + dp, ControlBench.denseData(dn, dp, 11), Model.SQUARED});
        sets.add(new Object[]{"sparse rcv1-shaped " + sn + "x" + sp, Rcv1Shaped.generate(sn, sp, 70, 3), Model.SQUARED});
        try (Context ctx = Backends.get(backend).open()) {
            for (Object[] s : sets) run(ctx, (String) s[0], (Dataset) s[1], (Model) s[2], reps);
        }
    }

    private static void run(Context ctx, String name, Dataset d, Model model, int reps) {
        FitOptions o = FitOptions.defaults(model);
        double lmr = d.n() < d.p() ? 0.01 : 1e-4;
        List<double[]> dev = new ArrayList<>(), host = new ArrayList<>();
        long[] cd = new long[2], ch = new long[2];
        double[] gaps = new double[2];
        for (int k = 0; k < reps + 1; k++)
            for (boolean device : new boolean[]{true, false}) {
                System.setProperty("spred4j.deviceControl", Boolean.toString(device));
                long r0 = Checks.READ_BACK.get(), p0 = Checks.PASSES.get();
                long t0 = System.nanoTime(), c0 = CPU.getCurrentThreadCpuTime();
                PathResult pr = Spred.path(ctx, d, o, 100, lmr);
                double[] t = {(System.nanoTime() - t0) / 1e6, (CPU.getCurrentThreadCpuTime() - c0) / 1e6};
                long[] c = device ? cd : ch;
                c[0] = Checks.READ_BACK.get() - r0;
                c[1] = Checks.PASSES.get() - p0;
                double worst = 0;
                for (FitResult f : pr.fits()) worst = Math.max(worst, f.certificate());
                gaps[device ? 0 : 1] = worst;
                if (k > 0) (device ? dev : host).add(t);
            }
        System.clearProperty("spred4j.deviceControl");
        report(name + " " + model + " p=" + d.p() + " 100-lambda path, device control", dev, cd, gaps[0]);
        report(name + " " + model + " p=" + d.p() + " 100-lambda path, host route", host, ch, gaps[1]);
    }

    private static void report(String what, List<double[]> ts, long[] c, double worstGap) {
        double[] wall = ts.stream().mapToDouble(a -> a[0]).sorted().toArray();
        double[] cpu = ts.stream().mapToDouble(a -> a[1]).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-75s passes %5d  read/pass %9.1f  worst gap %.2e  wall ms %9.1f [%8.1f, %8.1f]  cpu ms %9.1f [%8.1f, %8.1f]%n",
                what, c[1], c[1] == 0 ? 0.0 : (double) c[0] / c[1], worstGap, wall[wall.length / 2], wall[0], wall[wall.length - 1],
                cpu[cpu.length / 2], cpu[0], cpu[cpu.length - 1]);
    }
}
