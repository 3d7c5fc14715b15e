package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sparse paths of the inner solver's helpers (the polish's Gram, weighted sums, column updates; the host Xᵀr
 * and η of {@link Prepared}) against the dense paths on the same matrix, at awkward shapes: empty rows and columns,
 * a single nonzero, one row, p ≫ n. The Gram and the host passes sum in the dense order, so they must agree to
 * the bit; the sparse dot products use their own chains and agree to rounding.
 */
class SparseInnerTest {
    private static final int[][] SHAPES = {{1, 1}, {1, 9}, {9, 1}, {17, 5}, {6, 401}, {64, 33}, {5, 2000}};

    /** The {@link SparseEngineTest#data} matrix (empty rows 0 and n/3, every fourth column empty), or one nonzero. */
    private static Dataset sparse(int n, int p, long seed) {
        if (n == 1 && p == 1) return Dataset.sparse(1, 1, new int[]{0, 1}, new int[]{0}, new double[]{2.5}, new double[]{1}, null);
        if (n == 9 && p == 1) // a single nonzero in a column of nine rows
            return Dataset.sparse(9, 1, new int[]{0, 0, 0, 0, 1, 1, 1, 1, 1, 1}, new int[]{0}, new double[]{-3}, new double[]{1, 0, 1, 0, 1, 0, 1, 0, 1}, null);
        return SparseEngineTest.data(n, p, 0.3, Model.LOGISTIC, seed);
    }

    @Test
    void polishHelpersOfSparseEqualDense() {
        Random rnd = new Random(5);
        int cases = 0;
        try (Context ctx = Backends.get("java").open()) {
            for (int[] s : SHAPES)
                for (boolean intercept : new boolean[]{true, false}) {
                    Dataset sp = sparse(s[0], s[1], 31L * s[0] + s[1]), dn = SparseEngineTest.densified(sp);
                    FitOptions o = FitOptions.defaults(Model.SQUARED).withIntercept(intercept).withStandardize(!intercept);
                    String at = s[0] + "x" + s[1] + " intercept=" + intercept + ": ";
                    try (Prepared ps = new Prepared(ctx, sp, o); Prepared pd = new Prepared(ctx, dn, o);
                         Inner is = new Inner(ps); Inner id = new Inner(pd)) {
                        int n = s[0], p = s[1];
                        double[] w = new double[n], r = new double[n];
                        for (int i = 0; i < n; i++) {
                            w[i] = rnd.nextDouble();
                            r[i] = rnd.nextGaussian();
                        }
                        int[] S = new int[Math.min(p, 40)];
                        for (int a = 0; a < S.length; a++) S[a] = (int) ((long) a * p / S.length);
                        assertArrayEquals(id.weightedGram(S, w), is.weightedGram(S, w), 0.0, at + "weighted Gram (same bits)");
                        for (int a = 0; a < S.length; a++) {
                            int j = S[a], k = S[(a * 7 + 3) % S.length];
                            assertEquals(id.sumWeighted(j, w), is.sumWeighted(j, w), 0.0, at + "x_jᵀw at " + j);
                            double dd = id.dot(j, k);
                            assertEquals(dd, is.dot(j, k), 1e-14 * (1 + Math.abs(dd)), at + "x_jᵀx_k at " + j + "," + k);
                            double[] vd = r.clone(), vs = r.clone();
                            id.addColumn(vd, 0.75, j);
                            is.addColumn(vs, 0.75, j);
                            assertArrayEquals(vd, vs, 0.0, at + "v + a·x_j at " + j);
                        }
                        assertArrayEquals(pd.exact.xtr(r), ps.exact.xtr(r), 0.0, at + "float64 Xᵀr (same bits)");
                        double[] beta = new double[p];
                        for (int j = 0; j < p; j += 3) beta[j] = rnd.nextGaussian();
                        assertArrayEquals(pd.exact.eta(0.5, beta), ps.exact.eta(0.5, beta), 0.0, at + "float64 η (same bits)");
                        // standardised (the no-intercept cases) the scale is the sd about the column mean (glmnet's),
                        // summed over every row densely and over the nonzeros plus (n − nnz)·m² sparsely: same to rounding
                        double slack = o.standardize() ? 1e-14 * Math.abs(pd.lambdaMax) : 0.0;
                        assertEquals(pd.lambdaMax, ps.lambdaMax, slack, at + "λ_max (same bits unscaled)");
                        cases++;
                    }
                }
        }
        assertEquals(2 * SHAPES.length, cases);
    }

    /** The working-set order: |g| descending, ties by index; every candidate exactly once. */
    @Test
    void candidatesComeWorstFirst() {
        for (int p : new int[]{0, 1, 2, 7, 1000, 65537}) {
            Random rnd = new Random(p);
            double[] g = new double[p], b = new double[p];
            for (int j = 0; j < p; j++) g[j] = j % 5 == 0 ? 0.5 : rnd.nextGaussian(); // ties at 0.5
            boolean[] safe = new boolean[p];
            int[] c = Screening.strong(g, b, safe, 0.1, 1.0); // bound < 0: every column is a candidate
            assertEquals(p, c.length);
            boolean[] seen = new boolean[p];
            for (int q = 0; q < p; q++) {
                assertFalse(seen[c[q]], "column " + c[q] + " twice");
                seen[c[q]] = true;
                if (q > 0) {
                    // the documented order: |g| descending to float rounding, ties (at float rounding) by index
                    float prev = (float) Math.abs(g[c[q - 1]]), cur = (float) Math.abs(g[c[q]]);
                    assertTrue(prev >= cur, "order at " + q + ": " + prev + " then " + cur);
                    if (prev == cur) assertTrue(c[q - 1] < c[q], "ties in index order at " + q);
                }
            }
        }
    }

    /** The limited candidate lists are the prefixes of the full ones (the quickselect keeps the sort's order). */
    @Test
    void limitedCandidatesArePrefixes() {
        for (int p : new int[]{0, 1, 2, 3, 31, 1000, 100_003}) {
            Random rnd = new Random(7L * p);
            double[] g = new double[p], b = new double[p];
            for (int j = 0; j < p; j++) g[j] = j % 7 == 0 ? 0.25 : j % 11 == 0 ? 0 : rnd.nextGaussian();
            boolean[] safe = new boolean[p], inW = new boolean[p];
            for (int j = 0; j < p; j += 13) inW[j] = true;
            int[] all = Screening.strong(g, b, safe, 0.1, 1.0), viol = Screening.violators(g, b, inW, safe, 0.3);
            for (int limit : new int[]{0, 1, 2, 32, 64, p / 2, p - 1, p, p + 5}) {
                if (limit < 0) continue;
                assertArrayEquals(java.util.Arrays.copyOf(all, Math.min(limit, all.length)), Screening.strong(g, b, safe, 0.1, 1.0, limit),
                        "strong p=" + p + " limit=" + limit);
                assertArrayEquals(java.util.Arrays.copyOf(viol, Math.min(limit, viol.length)), Screening.violators(g, b, inW, safe, 0.3, limit),
                        "violators p=" + p + " limit=" + limit);
            }
        }
        Random rnd = new Random(3);
        for (int m : new int[]{1, 2, 5, 97, 4096}) {
            long[] k = new long[m];
            for (int i = 0; i < m; i++) k[i] = rnd.nextInt(m / 2 + 1); // duplicates too
            long[] sorted = k.clone();
            java.util.Arrays.sort(sorted);
            for (int t : new int[]{0, m / 3, m - 1}) {
                long[] c = k.clone();
                Screening.select(c, t);
                assertEquals(sorted[t], c[t], "select m=" + m + " t=" + t);
                for (int i = 0; i < t; i++) assertTrue(c[i] <= c[t]);
                for (int i = t + 1; i < m; i++) assertTrue(c[i] >= c[t]);
            }
        }
    }
}
