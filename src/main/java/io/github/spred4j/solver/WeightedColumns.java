package io.github.spred4j.solver;

import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;

import java.util.Arrays;

/**
 * {@link WeightedGlm}'s columns: the kept features of X, each divided by its scale, as the products of a Newton step
 * read them (u_cᵀz, z += t·u_c, w∘u_c). Dense X gives dense columns (no larger than X); sparse X gives CSC columns of
 * its nonzeros (never densified; no centring is needed, the intercept is its own coordinate, u_m = 1).
 */
final class WeightedColumns {
    final int n;
    private final double[][] u; // u[c] = x_kept[c] / s[c] (dense: n values; sparse: its nonzeros); u[m] = 1 with an intercept
    private final int[][] ix;   // the rows of u[c]'s values when X is sparse (CSC), else null

    /** Columns kept[0..m) of d divided by s, and a column of ones after them with an intercept. */
    WeightedColumns(Dataset d, int[] kept, double[] s, boolean intercept) {
        n = d.n();
        int p = d.p(), m = kept.length;
        u = new double[m + (intercept ? 1 : 0)][];
        ix = new int[u.length][];
        if (intercept) {
            u[m] = new double[n];
            Arrays.fill(u[m], 1);
        }
        int[] to = new int[p];
        Arrays.fill(to, -1);
        for (int c = 0; c < m; c++) to[kept[c]] = c;
        if (!d.isSparse()) {
            for (int c = 0; c < m; c++) u[c] = new double[n];
            double[] x = HostX.dense(d);
            for (int i = 0; i < n; i++)
                for (int c = 0; c < m; c++) u[c][i] = x[i * p + kept[c]] / s[c];
            return;
        }
        CsrMatrix x = HostX.csr(d);
        long[] rp = x.rowPtr();
        int[] ci = x.colIdx();
        double[] val = x.values();
        int[] count = new int[m];
        for (long q = 0; q < rp[n]; q++) {
            int c = to[ci[(int) q]];
            if (c >= 0) count[c]++;
        }
        for (int c = 0; c < m; c++) {
            u[c] = new double[count[c]];
            ix[c] = new int[count[c]];
            count[c] = 0;
        }
        for (int i = 0; i < n; i++) // rows in order: each column's rows ascending
            for (int q = (int) rp[i]; q < rp[i + 1]; q++) {
                int c = to[ci[q]];
                if (c < 0) continue;
                u[c][count[c]] = val[q] / s[c];
                ix[c][count[c]++] = i;
            }
    }

    /** u_cᵀr for every coordinate (the intercept's included): one pass over the kept columns. */
    double[] gradient(double[] r) {
        double[] g = new double[u.length];
        for (int c = 0; c < u.length; c++) g[c] = dot(c, r);
        return g;
    }

    /** u_cᵀz (dense: {@link Inner#dot}'s four partial sums; one sum was most of a Newton step's time). */
    double dot(int c, double[] z) {
        double[] col = u[c];
        int[] rows = ix[c];
        if (rows == null) return Inner.dot(col, z);
        double t = 0;
        for (int q = 0; q < rows.length; q++) t += col[q] * z[rows[q]];
        return t;
    }

    /** z += t·u_c. */
    void axpy(int c, double t, double[] z) {
        if (ix[c] != null) Inner.axpySparse(z, t, ix[c], u[c]);
        else Inner.axpy(z, t, u[c]);
    }

    /** out = wt∘u_c as a dense n-vector. */
    void weighted(int c, double[] wt, double[] out) {
        double[] col = u[c];
        int[] rows = ix[c];
        if (rows == null) {
            for (int i = 0; i < n; i++) out[i] = wt[i] * col[i];
            return;
        }
        Arrays.fill(out, 0);
        for (int q = 0; q < rows.length; q++) out[rows[q]] = wt[rows[q]] * col[q];
    }
}
