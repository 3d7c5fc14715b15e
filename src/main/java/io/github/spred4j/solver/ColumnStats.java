package io.github.spred4j.solver;

import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;

/**
 * Weighted column statistics in glmnet's convention, on the host in float64 (dense or CSR, never densified):
 * the weighted mean x̄_j = Σ a_i x_ij and standard deviation sqrt(Σ a_i (x_ij − x̄_j)²) for weights a summing to 1
 * (glmnet's {@code standard}: centred at the weighted mean with or without an intercept), and whether a column is
 * constant over all rows (glmnet's {@code chkvars}: such a column never enters the model).
 */
final class ColumnStats {
    final double[] mean, sd;
    final boolean[] constant;

    private ColumnStats(double[] mean, double[] sd, boolean[] constant) {
        this.mean = mean;
        this.sd = sd;
        this.constant = constant;
    }

    static ColumnStats of(Dataset d, double[] a) {
        int n = d.n(), p = d.p();
        double[] mean = new double[p], ss = new double[p];
        boolean[] constant = new boolean[p];
        if (!d.isSparse()) {
            double[] x = HostX.dense(d);
            for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) mean[j] += a[i] * x[i * p + j];
            for (int j = 0; j < p; j++) {
                boolean same = true;
                for (int i = 0; i < n; i++) {
                    double v = x[i * p + j], t = v - mean[j];
                    ss[j] += a[i] * t * t;
                    same &= v == x[j];
                }
                constant[j] = same;
            }
        } else {
            CsrMatrix x = HostX.csr(d);
            long[] rp = x.rowPtr();
            int[] ci = x.colIdx();
            double[] v = x.values();
            int[] count = new int[p];
            double[] first = new double[p], sq = new double[p];
            boolean[] differ = new boolean[p];
            for (int i = 0; i < n; i++)
                for (int q = (int) rp[i]; q < rp[i + 1]; q++) {
                    int j = ci[q];
                    mean[j] += a[i] * v[q];
                    if (count[j]++ == 0) first[j] = v[q];
                    else differ[j] |= v[q] != first[j];
                }
            // Σ a (x − x̄)² = Σ_{stored} a (x − x̄)² + x̄² Σ_{not stored} a
            double[] aStored = new double[p];
            for (int i = 0; i < n; i++)
                for (int q = (int) rp[i]; q < rp[i + 1]; q++) {
                    int j = ci[q];
                    double t = v[q] - mean[j];
                    sq[j] += a[i] * t * t;
                    aStored[j] += a[i];
                }
            double aAll = 0;
            for (double w : a) aAll += w;
            for (int j = 0; j < p; j++) {
                ss[j] = sq[j] + mean[j] * mean[j] * Math.max(0, aAll - aStored[j]);
                constant[j] = count[j] == 0 || (count[j] == n && !differ[j]) || (count[j] < n && !differ[j] && first[j] == 0);
            }
        }
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) sd[j] = Math.sqrt(ss[j]);
        return new ColumnStats(mean, sd, constant);
    }
}
