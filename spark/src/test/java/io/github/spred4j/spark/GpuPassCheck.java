package io.github.spred4j.spark;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Loss;

import java.util.Random;

/**
 * A device check without Spark (run by hand where a GPU is present): one partition's pass (lossGradient,
 * Hessian XᵀWX through matTVec with k = p) on a backend, compared with the native CPU backend; prints times.
 * Usage: java -cp ... io.github.spred4j.spark.GpuPassCheck [backend] [n] [p]
 */
public final class GpuPassCheck {
    public static void main(String[] a) {
        String be = a.length > 0 ? a[0] : "cuda";
        int n = a.length > 1 ? Integer.parseInt(a[1]) : 5000, p = a.length > 2 ? Integer.parseInt(a[2]) : 500;
        Random r = new Random(1);
        double[] x = new double[n * p], y = new double[n], yl = new double[n], beta = new double[p];
        for (int j = 0; j < p; j += 10) beta[j] = 0.1 * (r.nextGaussian());
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) s += (x[i * p + j] = r.nextGaussian() + (j % 7 == 0 ? 1 : 0)) * beta[j];
            y[i] = s + r.nextGaussian();
            yl[i] = r.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0;
        }
        double worst = 0;
        for (Loss loss : Loss.values()) {
            double[] yy = loss == Loss.LOGISTIC ? yl : y;
            Stats[] st = new Stats[2];
            String[] names = {be, "native"};
            for (int k = 0; k < 2; k++) {
                try (Context ctx = Backends.get(names[k]).open()) {
                    long t0 = System.nanoTime();
                    PartitionCache.Packed pk = PartitionCache.Packed.of(n, p, x, yy, ctx);
                    long t1 = System.nanoTime();
                    PassRequest q = new PassRequest("f", 0, p, (loss == Loss.LOGISTIC ? io.github.spred4j.data.LossFamily.LOGISTIC : io.github.spred4j.data.LossFamily.SQUARED).name(), 0.2, beta, true, false, 0, 0, names[k], true);
                    st[k] = pk.compute(q);
                    long t2 = System.nanoTime();
                    pk.compute(q);
                    long t3 = System.nanoTime();
                    PassRequest g = new PassRequest("f", 0, p, (loss == Loss.LOGISTIC ? io.github.spred4j.data.LossFamily.LOGISTIC : io.github.spred4j.data.LossFamily.SQUARED).name(), 0.2, beta, false, false, 0, 0, names[k], true);
                    pk.compute(g);
                    long t4 = System.nanoTime();
                    System.out.printf("%s %s %dx%d on %s: pack %.3f s, Hessian pass %.3f s (warm %.3f s), gradient pass %.4f s%n",
                            names[k], loss, n, p, ctx.deviceName(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9);
                    pk.close();
                }
            }
            double d = Math.max(maxRel(st[0].hess, st[1].hess), Math.max(maxRel(st[0].xtr, st[1].xtr), maxRel(st[0].xtw, st[1].xtw)));
            d = Math.max(d, Math.abs(st[0].loss - st[1].loss) / Math.abs(st[1].loss));
            System.out.printf("%s: max relative difference %s vs native (hess, Xᵀr, Xᵀw, loss): %.2e%n", loss, be, d);
            worst = Math.max(worst, d);
        }
        System.out.println(worst < 1e-10 ? "GPU PASS CHECK OK" : "GPU PASS CHECK FAILED");
        if (!(worst < 1e-10)) System.exit(1);
    }

    static double maxRel(double[] a, double[] b) {
        double m = 0, s = 0;
        for (double v : b) s = Math.max(s, Math.abs(v));
        for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(s, 1e-300));
        return m;
    }
}
