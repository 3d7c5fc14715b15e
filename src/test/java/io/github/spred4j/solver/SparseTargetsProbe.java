package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.SparseCache;
import io.github.spred4j.data.SparseDesign;

import java.util.Locale;
import java.util.Random;

/** Probe (not a test): where sparse fitTargets' time goes, phase by phase (thread CPU time), on SparseTargetsBench's set. */
public final class SparseTargetsProbe {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), p = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]), reps = Integer.parseInt(args[3]);
        Dataset d = Rcv1Shaped.generate(n, p, 20, 1);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-6);
        Random r = new Random(3);
        double sd = 0;
        for (double v : d.y()) sd += v * v / n;
        sd = Math.sqrt(sd);
        double[][] ys = new double[k][n];
        for (int t = 0; t < k; t++) {
            double noise = sd * (0.05 + 0.5 * (t % 5) / 4.0);
            for (int i = 0; i < n; i++) ys[t][i] = d.y()[i] + noise * r.nextGaussian();
        }
        double[] lmax = MultiTarget.lambdaMax(d, ys, o), l = new double[k];
        for (int t = 0; t < k; t++) l[t] = 0.05 * lmax[t];
        try (Context ctx = Backends.get("native").open()) {
            for (int rep = 0; rep < reps; rep++) {
                long c0 = TargetsBench.CPU.getCurrentThreadCpuTime();
                CsrMatrix x = HostX.csr(d);
                CscMatrix xc = SparseCache.csc(d, HostX::csr);
                double[] cs = SparseDesign.columnSums(xc), xbar = Certificates.means(cs, n);
                double[] s = Certificates.scales(SparseDesign.centredSumSquares(xc, xbar), n, o.standardize());
                long c1 = TargetsBench.CPU.getCurrentThreadCpuTime();
                double[] Q = SparseTargets.scaledGram(x, xbar, s);
                long c2 = TargetsBench.CPU.getCurrentThreadCpuTime();
                double[] ybar = new double[k], yy = new double[k];
                double[] xty = SparseTargets.centredRhs(xc, ys, xbar, true, ybar, yy);
                long c3 = TargetsBench.CPU.getCurrentThreadCpuTime();
                double[] old = oldRhs(x, ys, xbar, true, new double[k], new double[k]);
                long c3b = TargetsBench.CPU.getCurrentThreadCpuTime();
                System.out.printf(Locale.ROOT, "old rhs %.3f s, same bits: %b%n", (c3b - c3) / 1e9, java.util.Arrays.equals(old, xty));
                long rhsT = c3 - c2;
                long s0 = TargetsBench.CPU.getCurrentThreadCpuTime();
                double[] ms = new double[k];
                for (int t = 0; t < k; t++) {
                    double m = 0, sum = 0, ss = 0;
                    for (double v : ys[t]) m += v;
                    m /= n;
                    for (double v : ys[t]) { sum += v - m; ss += (v - m) * (v - m); }
                    ms[t] = m + sum + ss;
                }
                System.out.printf(Locale.ROOT, "stats alone %.3f s %s%n", (TargetsBench.CPU.getCurrentThreadCpuTime() - s0) / 1e9, ms[3] > 0 ? "" : " ");
                GramTargets.Solved sv = GramTargets.solve(Q, s, xbar, xty, ybar, yy, l, o, n);
                long c4 = TargetsBench.CPU.getCurrentThreadCpuTime();
                FitResult[] f = Spred.fitTargets(ctx, d, ys, o, l);
                long c5 = TargetsBench.CPU.getCurrentThreadCpuTime();
                long nnzb = 0, its = 0;
                for (int t = 0; t < k; t++) {
                    for (double v : sv.betas()[t]) if (v != 0) nnzb++;
                    its += sv.its()[t];
                }
                System.out.printf(Locale.ROOT, "rep %d: setup %.3f gram %.3f rhs %.3f solve %.3f | whole fitTargets %.3f s; mean |supp| %.1f, mean steps %.2f; certified %s%n",
                        rep, (c1 - c0) / 1e9, (c2 - c1) / 1e9, rhsT / 1e9, (c4 - c3b) / 1e9, (c5 - c4) / 1e9,
                        nnzb / (double) k, its / (double) k, TargetsBench.certified(f, o));
            }
        }
    }

    static double[] oldRhs(CsrMatrix x, double[][] ys, double[] xbar, boolean intercept, double[] ybar, double[] yy) {
        int n = x.rows(), p = x.cols(), k = ys.length;
        double[] Y = new double[n * k], sums = new double[k];
        for (int t = 0; t < k; t++) {
            double[] y = ys[t];
            double m = 0, sum = 0, ss = 0;
            if (intercept) {
                for (double v : y) m += v;
                m /= n;
            }
            for (double v : y) {
                sum += v - m;
                ss += (v - m) * (v - m);
            }
            ybar[t] = m;
            sums[t] = sum;
            yy[t] = ss / n;
        }
        for (int i0 = 0; i0 < n; i0 += 64)
            for (int t = 0; t < k; t++) {
                double[] y = ys[t];
                for (int i = i0, e = Math.min(n, i0 + 64); i < e; i++) Y[i * k + t] = y[i] - ybar[t];
            }
        long[] rp = x.rowPtr();
        int[] ci = x.colIdx();
        double[] val = x.values(), XtY = new double[p * k];
        for (int i = 0; i < n; i++)
            for (int a = (int) rp[i], e = (int) rp[i + 1]; a < e; a++) {
                int o = ci[a] * k, yo = i * k;
                double v = val[a];
                for (int t = 0; t < k; t++) XtY[o + t] += v * Y[yo + t];
            }
        double[] xty = new double[k * p];
        for (int j = 0; j < p; j++)
            for (int t = 0; t < k; t++) xty[t * p + j] = XtY[j * k + t] - xbar[j] * sums[t];
        return xty;
    }
}
