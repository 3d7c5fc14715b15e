package io.github.spred4j.solver;

import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.SparseCache;
import io.github.spred4j.data.SparseDesign;

/**
 * X of a dataset on the host in float64 for the passes that judge an answer ({@link Certificates#of}): dense
 * row-major as given, or sparse as its CSC (from {@link SparseCache}, never densified). Every pass costs O(n·p)
 * dense and O(nnz + n + p) sparse.
 */
abstract class HostX {
    final int n, p;

    private HostX(int n, int p) {
        this.n = n;
        this.p = p;
    }

    /** The dataset's X, validated (one-line errors on bad input). */
    static HostX of(Dataset d) {
        return d.isSparse() ? new Sparse(SparseCache.csc(d, Problem::csr)) : new Dense(Problem.dense(d), d.n(), d.p());
    }

    /** Column sums. */
    abstract double[] columnSums();

    /** Σ_i (x_ij − m_j)². */
    abstract double[] centredSumSquares(double[] m);

    /** η = b0 + Xβ. */
    abstract double[] eta(double b0, double[] beta);

    /** Xᵀr. */
    abstract double[] xtr(double[] r);

    private static final class Dense extends HostX {
        private final double[] x;

        Dense(double[] x, int n, int p) {
            super(n, p);
            this.x = x;
        }

        @Override
        double[] columnSums() {
            double[] s = new double[p];
            for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) s[j] += x[i * p + j];
            return s;
        }

        @Override
        double[] centredSumSquares(double[] m) {
            double[] ss = new double[p];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < p; j++) {
                    double t = x[i * p + j] - m[j];
                    ss[j] += t * t;
                }
            return ss;
        }

        @Override
        double[] eta(double b0, double[] beta) {
            double[] e = new double[n];
            for (int i = 0; i < n; i++) {
                double s = b0;
                for (int j = 0; j < p; j++) s += x[i * p + j] * beta[j];
                e[i] = s;
            }
            return e;
        }

        @Override
        double[] xtr(double[] r) {
            double[] g = new double[p];
            for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) g[j] += x[i * p + j] * r[i];
            return g;
        }
    }

    private static final class Sparse extends HostX {
        private final CscMatrix c;

        Sparse(CscMatrix c) {
            super(c.rows(), c.cols());
            this.c = c;
        }

        @Override
        double[] columnSums() {
            return SparseDesign.columnSums(c);
        }

        @Override
        double[] centredSumSquares(double[] m) {
            return SparseDesign.centredSumSquares(c, m);
        }

        @Override
        double[] eta(double b0, double[] beta) { // column by column: each η_i adds its terms in column order
            double[] e = new double[n];
            java.util.Arrays.fill(e, b0);
            long[] cp = c.colPtr();
            int[] ri = c.rowIdx();
            double[] v = c.values();
            for (int j = 0; j < p; j++) {
                double b = beta[j];
                if (b == 0) continue;
                for (int q = (int) cp[j], end = (int) cp[j + 1]; q < end; q++) e[ri[q]] += v[q] * b;
            }
            return e;
        }

        @Override
        double[] xtr(double[] r) {
            long[] cp = c.colPtr();
            int[] ri = c.rowIdx();
            double[] v = c.values();
            double[] g = new double[p];
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int q = (int) cp[j], end = (int) cp[j + 1]; q < end; q++) s += v[q] * r[ri[q]];
                g[j] = s;
            }
            return g;
        }
    }
}
