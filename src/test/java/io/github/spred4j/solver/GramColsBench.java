package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;
import java.util.*;

/**
 * Benchmark (not a test): {@link GramBatch#gram}'s two routes on the same X, the lower-triangle blocks through
 * Stacked.xb (host transpose, block copies) and one gram_cols call (the full centred Gram), CPU time of this thread.
 * <pre>java -cp test-classes:classes io.github.spred4j.solver.GramColsBench BACKEND REPS [small]</pre>
 * (the raw log of 2 Dec: docs/perf/2026-12-02-gram-cols.txt). On opencl-cpu the work runs on PoCL's threads: this
 * thread's CPU time is not its cost there.
 */
public final class GramColsBench {
    private GramColsBench() {
    }

    static double[] viaGramCols(Context ctx, double[] x, int n, int p, double[] m) {
        int[] cols = new int[p];
        for (int j = 0; j < p; j++) cols[j] = j;
        try (DeviceBuffer X = ctx.upload(Precision.FLOAT64, x); DeviceBuffer M = ctx.upload(Precision.FLOAT64, m);
             DeviceBuffer o = ctx.alloc(Precision.FLOAT64, (long) p * p)) {
            ctx.gramCols(o, X, n, p, M, cols);
            double[] S = o.toDoubleArray();
            for (int a = 0; a < p; a++) for (int c = a + 1; c < p; c++) { double v = 0.5 * (S[a * p + c] + S[c * p + a]); S[a * p + c] = v; S[c * p + a] = v; }
            return S;
        }
    }

    public static void main(String[] a) {
        var CPU = java.lang.management.ManagementFactory.getThreadMXBean();
        int reps = Integer.parseInt(a[1]);
        try (Context ctx = Backends.get(a[0]).open()) {
            System.out.println("backend " + ctx.backendName() + " (" + ctx.deviceName() + ")");
            for (int[] s : a.length > 2 ? new int[][]{{442, 64}, {400, 200}, {2000, 500}} : new int[][]{{442, 64}, {400, 200}, {2000, 500}, {100, 1000}, {5000, 1000}}) {
                int n = s[0], p = s[1];
                Random r = new Random(n + p);
                double[] x = new double[n * p], m = new double[p];
                for (int k = 0; k < x.length; k++) x[k] = r.nextGaussian() + (k % p % 3 == 0 ? 2 : 0);
                for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) m[j] += x[i * p + j] / n;
                double[] t1 = new double[reps], t2 = new double[reps];
                double diff = 0;
                for (int rep = -2; rep < reps; rep++) {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    double[] A = GramBatch.gram(ctx, x, p, null, m);
                    long c1 = CPU.getCurrentThreadCpuTime();
                    double[] B = viaGramCols(ctx, x, n, p, m);
                    long c2 = CPU.getCurrentThreadCpuTime();
                    if (rep >= 0) { t1[rep] = (c1 - c0) / 1e9; t2[rep] = (c2 - c1) / 1e9; }
                    double sc = 0;
                    for (int k = 0; k < A.length; k++) sc = Math.max(sc, Math.abs(A[k]));
                    for (int k = 0; k < A.length; k++) diff = Math.max(diff, Math.abs(A[k] - B[k]) / sc);
                }
                Arrays.sort(t1); Arrays.sort(t2);
                System.out.printf(Locale.ROOT, "n %5d p %5d: triangle blocks (Stacked.xb) CPU median %.4f s [%.4f, %.4f]; gram_cols %.4f s [%.4f, %.4f]; gram_cols / triangle %.2f; max rel diff %.1e%n",
                        n, p, t1[reps / 2], t1[0], t1[reps - 1], t2[reps / 2], t2[0], t2[reps - 1], t2[reps / 2] / t1[reps / 2], diff);
            }
        }
    }
}
