package io.github.spred4j.data;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** Probe (a main, not a test): A/B of Engine.check's per-row work: separate residual/mean/weightAt calls vs residualsAndWeights (thread CPU). */
public class RowsProbe {
    public static void main(String[] a) {
        LossFamily f = a.length > 0 && a[0].equals("poisson") ? LossFamily.POISSON : LossFamily.LOGISTIC;
        int n = 569, reps = 4000;
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        double[] eta = new double[n], y = new double[n], rr = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            eta[i] = f == LossFamily.POISSON ? r.nextGaussian() : 4 * r.nextGaussian();
            y[i] = f == LossFamily.POISSON ? r.nextInt(5) : (eta[i] + r.nextGaussian() > 0 ? 1 : 0);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double sink = 0;
        double[][] t = new double[2][15];
        for (int round = 0; round < 20; round++)
            for (int v = 0; v < 2; v++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int k = 0; k < reps; k++) {
                    if (v == 0)
                        for (int i = 0; i < n; i++) {
                            double m = f.mean(eta[i]);
                            rr[i] = f.residual(y[i], eta[i]);
                            w[i] = f.weightAt(eta[i], m);
                        }
                    else f.residualsAndWeights(y, eta, rr, w);
                    sink += rr[k % n] + w[k % n];
                }
                long dt = mx.getCurrentThreadCpuTime() - t0;
                if (round >= 5) t[v][round - 5] = dt / 1e9 / ((double) reps * n) * 1e9;
            }
        for (int v = 0; v < 2; v++) {
            double[] s = t[v].clone();
            java.util.Arrays.sort(s);
            System.out.printf("%s %s: ns/row median %.2f (min %.2f, max %.2f)%n", f.name(), v == 0 ? "separate calls" : "residualsAndWeights", s[7], s[0], s[14]);
        }
        System.out.println("sink " + sink);
    }
}
