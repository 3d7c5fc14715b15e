package io.github.spred4j.spark;

import java.util.Arrays;

/**
 * The float64 Java loops over a packed partition: the reference every device route is compared with, and the
 * route when the backend param is "java" or the chosen device cannot run on this executor. O(nnz) for η and Xᵀr,
 * O(Σ_i nnz_R(i)·nnz_C(i)) for a Gram block (only the rows' entries in R and C are visited).
 */
final class JavaOps implements PassOps {
    private final Block b;

    JavaOps(Block b) {
        this.b = b;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public double[] eta(double c0, int[] bi, double[] bv) {
        int n = b.n, p = b.p;
        double[] eta = new double[n];
        if (b.dense) {
            double[] x = b.x;
            for (int i = 0; i < n; i++) {
                double e = c0;
                int o = i * p;
                for (int k = 0; k < bi.length; k++) e += x[o + bi[k]] * bv[k];
                eta[i] = e;
            }
        } else {
            double[] beta = new double[p]; // once a pass and partition, not a row
            for (int k = 0; k < bi.length; k++) beta[bi[k]] = bv[k];
            for (int i = 0; i < n; i++) {
                double e = c0;
                for (int k = b.ptr[i]; k < b.ptr[i + 1]; k++) e += b.val[k] * beta[b.col[k]];
                eta[i] = e;
            }
        }
        return eta;
    }

    @Override
    public double[] xtr(double[] r) {
        int n = b.n, p = b.p;
        double[] g = new double[p];
        for (int i = 0; i < n; i++) {
            double ri = r[i];
            if (ri == 0) continue;
            if (b.dense) for (int j = 0, o = i * p; j < p; j++) g[j] += b.x[o + j] * ri;
            else for (int k = b.ptr[i]; k < b.ptr[i + 1]; k++) g[b.col[k]] += b.val[k] * ri;
        }
        return g;
    }

    @Override
    public double[][] gram(int[] R, int[] C, double[] wt) {
        int n = b.n, p = b.p, a = R.length, c = C.length;
        boolean sym = Arrays.equals(R, C);
        double[] G = new double[Math.multiplyExact(a, c)];
        double[] xw = new double[a];
        double[] xr = new double[a], xc = new double[c];
        int[] ir = new int[a], ic = new int[c];
        int[] mapR = null, mapC = null;
        if (!b.dense) { // column → position in R (C): p ints once a pass, not per row
            mapR = new int[p];
            Arrays.fill(mapR, -1);
            for (int k = 0; k < a; k++) mapR[R[k]] = k;
            if (sym) mapC = mapR;
            else {
                mapC = new int[p];
                Arrays.fill(mapC, -1);
                for (int k = 0; k < c; k++) mapC[C[k]] = k;
            }
        }
        for (int i = 0; i < n; i++) {
            double w = wt == null ? 1 : wt[i];
            if (w == 0) continue;
            if (b.dense) {
                int o = i * p;
                for (int k = 0; k < a; k++) xr[k] = b.x[o + R[k]];
                for (int k = 0; k < c; k++) xc[k] = w * b.x[o + C[k]];
                for (int k = 0; k < a; k++) {
                    double v = xr[k];
                    if (v == 0) continue;
                    xw[k] += w * v;
                    int off = k * c;
                    for (int m = sym ? k : 0; m < c; m++) G[off + m] += v * xc[m];
                }
            } else {
                int na = 0, nc = 0;
                for (int e = b.ptr[i]; e < b.ptr[i + 1]; e++) {
                    int jr = mapR[b.col[e]], jc = mapC[b.col[e]];
                    if (jr >= 0) {
                        ir[na] = jr;
                        xr[na++] = b.val[e];
                    }
                    if (jc >= 0) {
                        ic[nc] = jc;
                        xc[nc++] = w * b.val[e];
                    }
                }
                for (int k = 0; k < na; k++) {
                    double v = xr[k];
                    int off = ir[k] * c;
                    xw[ir[k]] += w * v;
                    for (int m = 0; m < nc; m++) if (!sym || ic[m] >= ir[k]) G[off + ic[m]] += v * xc[m];
                }
            }
        }
        if (sym) for (int k = 0; k < a; k++) for (int m = 0; m < k; m++) G[k * c + m] = G[m * c + k];
        return new double[][]{G, xw};
    }

    @Override
    public void close() {
    }
}
