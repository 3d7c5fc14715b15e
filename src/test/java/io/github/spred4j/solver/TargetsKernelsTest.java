package io.github.spred4j.solver;

import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.SparseCache;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The many-targets kernels written for speed, against the plain loops they replace, bit for bit (they add the same
 * terms in the same order): {@link SparseTargets#centredRhs} (eight targets at a time over CSC) against one sparse
 * dot product per column and target, at k = 1 … 17 (a last block of 1 … 7 targets), with an empty column;
 * {@link GramCertificate#gradient} (four columns at a time) against one column at a time, for supports of 0 … 9
 * coordinates anywhere in p (first, last, neighbours); and {@link SparseGramColumns}' lazy columns and diagonal against
 * the pairwise sums over the rows (both triangles, columns asked in any order, a reused array overwritten).
 */
class TargetsKernelsTest {

    /** Xcᵀy_c the plain way: per target and column, Σ_i x_ij (y_i − ȳ) over the column's nonzeros, minus x̄_j·Σ(y − ȳ). */
    private static double[] plainRhs(CscMatrix x, double[][] ys, double[] xbar, boolean intercept) {
        int n = x.rows(), p = x.cols(), k = ys.length;
        double[] out = new double[k * p];
        for (int t = 0; t < k; t++) {
            double m = 0, sum = 0;
            if (intercept) {
                for (double v : ys[t]) m += v;
                m /= n;
            }
            for (double v : ys[t]) sum += v - m;
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int a = (int) x.colPtr()[j]; a < x.colPtr()[j + 1]; a++) s += x.values()[a] * (ys[t][x.rowIdx()[a]] - m);
                out[t * p + j] = s - xbar[j] * sum;
            }
        }
        return out;
    }

    @Test
    void centredRhsEqualsOneDotProductPerColumnAndTarget() {
        Dataset d = SparseTargetsTest.sparse(37, 11, 5); // column 1 empty
        CscMatrix xc = SparseCache.csc(d, HostX::csr);
        double[] xbar = new double[11];
        for (int j = 0; j < 11; j++) xbar[j] = 0.1 * j - 0.3;
        Random r = new Random(9);
        for (boolean intercept : new boolean[]{true, false})
            for (int k = 1; k <= 17; k++) {
                double[][] ys = new double[k][37];
                for (double[] y : ys) for (int i = 0; i < 37; i++) y[i] = 3 + r.nextGaussian();
                double[] ybar = new double[k], yy = new double[k];
                double[] got = SparseTargets.centredRhs(xc, ys, xbar, intercept, ybar, yy);
                double[] want = plainRhs(xc, ys, xbar, intercept);
                for (int a = 0; a < want.length; a++)
                    assertEquals(Double.doubleToLongBits(want[a]), Double.doubleToLongBits(got[a]),
                            "k " + k + " intercept " + intercept + " target " + a / 11 + " column " + a % 11 + ": " + got[a] + " vs " + want[a]);
                for (int t = 0; t < k; t++) {
                    double m = 0, ss = 0;
                    if (intercept) {
                        for (double v : ys[t]) m += v;
                        m /= 37;
                    }
                    for (double v : ys[t]) ss += (v - m) * (v - m);
                    assertEquals(m, ybar[t]);
                    assertEquals(ss / 37, yy[t]);
                }
            }
    }

    @Test
    void gradientFourColumnsAtATimeEqualsOneAtATime() {
        Random r = new Random(4);
        for (int p : new int[]{1, 2, 5, 13}) {
            double[] Q = new double[p * p], q = new double[p];
            for (int a = 0; a < p * p; a++) Q[a] = r.nextGaussian();
            for (int j = 0; j < p; j++) q[j] = r.nextGaussian();
            for (int trial = 0; trial < 200; trial++) {
                double[] b = new double[p];
                int nz = trial % (Math.min(p, 9) + 1);
                for (int e = 0; e < nz; e++) b[trial % 3 == 0 && e == 0 ? p - 1 : r.nextInt(p)] = r.nextGaussian() * 1e3;
                double[] want = new double[p], got = new double[p];
                for (int i = 0; i < p; i++) want[i] = -q[i];
                for (int j = 0; j < p; j++)
                    if (b[j] != 0) for (int i = 0; i < p; i++) want[i] += Q[j * p + i] * b[j];
                java.util.Arrays.fill(got, Double.NaN); // g is overwritten, never read first
                GramCertificate.gradient(Q, q, b, got);
                for (int i = 0; i < p; i++)
                    assertEquals(Double.doubleToLongBits(want[i]), Double.doubleToLongBits(got[i]), "p " + p + " trial " + trial + " row " + i);
            }
        }
    }

    @Test
    void lazyGramColumnsEqualThePairwiseSumsOverTheRows() {
        Random r = new Random(2);
        for (int[] sh : new int[][]{{37, 11}, {5, 1}, {3, 9}, {40, 2}}) {
            int n = sh[0], p = sh[1];
            Dataset d = SparseTargetsTest.sparse(n, p, 11L * n + p); // column 1 empty where p > 1
            double[] x = SparseTargetsTest.densified(d).x();
            double[] m = new double[p], s = new double[p];
            for (int j = 0; j < p; j++) {
                m[j] = r.nextGaussian();
                s[j] = 0.5 + r.nextDouble();
            }
            GramColumns Q = SparseGramColumns.of(HostX.csr(d), SparseCache.csc(d, HostX::csr), m, s);
            for (int trial = 0; trial < 2; trial++) // columns asked in a scrambled order, then again from the cache
                for (int u = 0; u < p; u++) {
                    int c = (5 * u + 3) % p; // a permutation (p = 1, 2, 9, 11)
                    for (int a = 0; a < p; a++) {
                        double want = pairwise(x, n, p, m, s, Math.min(a, c), Math.max(a, c));
                        String at = n + "x" + p + " column " + c + " row " + a + " trial " + trial;
                        assertEquals(Double.doubleToLongBits(want), Double.doubleToLongBits(Q.at(c, a)), at);
                    }
                    assertEquals(Double.doubleToLongBits(pairwise(x, n, p, m, s, c, c)), Double.doubleToLongBits(Q.diag(c)), "diagonal " + c);
                }
            assertEquals(p, Q.computed(), "each column computed once");
        }
    }

    @Test
    void aLazyColumnOverwritesAReusedArray() {
        Dataset d = SparseTargetsTest.sparse(37, 11, 5);
        double[] x = SparseTargetsTest.densified(d).x(), m = new double[11], s = new double[11];
        java.util.Arrays.fill(s, 1);
        SparseGramColumns src = new SparseGramColumns(HostX.csr(d), SparseCache.csc(d, HostX::csr), m, s);
        double[] into = new double[11];
        for (int c : new int[]{0, 2, 10}) {
            java.util.Arrays.fill(into, Double.NaN); // a pooled array's old contents: never added to
            src.column(c, into);
            for (int a = 0; a < 11; a++)
                assertEquals(Double.doubleToLongBits(pairwise(x, 37, 11, m, s, Math.min(a, c), Math.max(a, c))),
                        Double.doubleToLongBits(into[a]), "column " + c + " row " + a);
        }
    }

    /** (Σ_i x_ia·x_ic − n·m_a·m_c)/(n·s_a·s_c), a ≤ c, the rows in increasing order. */
    private static double pairwise(double[] x, int n, int p, double[] m, double[] s, int a, int c) {
        double sum = 0;
        for (int i = 0; i < n; i++) sum += x[i * p + a] * x[i * p + c];
        return (sum - n * m[a] * m[c]) / (n * s[a] * s[c]);
    }
}
