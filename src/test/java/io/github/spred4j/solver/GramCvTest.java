package io.github.spred4j.solver;

import io.github.spred4j.backend.Required;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The squared-loss cross-validation route on fold Grams ({@link GramCv}) and the two pieces its speed rests on:
 * the path's Newton step on the support plus the entering KKT violators ({@link GramLasso}), and the factor's
 * batched append ({@link GramFactor#addAll}). The curves are compared with the plain per-fold route (independent
 * cold fits of the general engine on each fold's rows, held-out losses computed here) on seeded random problems at
 * awkward sizes, p > n included.
 */
class GramCvTest {
    static Dataset random(int n, int p, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < p; j++) x[i * p + j] = 0.4 * common + r.nextGaussian() + (j % 3 == 0 ? 2 : 0); // shifted columns: centring matters
            for (int j = 0; j < Math.min(p, 4); j++) y[i] += (j % 2 == 0 ? 1.5 : -1) * x[i * p + j];
            y[i] += 3 + r.nextGaussian();
        }
        return Dataset.dense(n, p, x, y, null);
    }

    @Test
    void gramRouteCurvesEqualThePlainPerFoldRouteOnRandomProblemsAtAwkwardSizes() {
        int[][] shapes = {{12, 1, 3}, {23, 2, 4}, {41, 7, 10}, {60, 17, 5}, {30, 33, 3}, {25, 64, 5}, {101, 65, 7}}; // n, p, folds
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-11);
        try (Context ctx = Backends.get("java").open()) {
            for (int[] s : shapes) {
                Dataset d = random(s[0], s[1], 31L * s[0] + s[1]);
                assertTrue(GramCv.applies(d, o, s[2]), "the Gram route applies to " + s[0] + "x" + s[1]);
                double[] lam = Spred.lambdas(d, o, 12, s[1] > s[0] ? 0.05 : 1e-3);
                int refits = GramCv.REFITS.get();
                ManyProblemsTest.checkCurve(ctx, d, o, lam, Spred.foldIds(s[0], s[2], s[1]));
                assertEquals(refits, GramCv.REFITS.get(), s[0] + "x" + s[1] + ": every point settled on its Gram (no engine refit)");
            }
        }
    }

    /**
     * Both ways of holding the fold Grams ({@link GramCv}: kept when the folds are large, n/K > 64; computed again
     * by {@link FoldGrams} when a small fold's path starts) give the plain per-fold route's curve, on the Java
     * reference and on the native backend (one device buffer for all folds). Mutation caught: a small fold's path
     * started on the previous fold's Gram (the second computation skipped) moves the curve.
     */
    @Test
    void keptAndRecomputedFoldGramsGiveThePlainRoutesCurve() {
        int[][] shapes = {{700, 9, 5}, {60, 41, 10}, {131, 2, 3}}; // n, p, folds: n/K 140 (kept), 6 and 43 (computed again)
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-11);
        for (String backend : new String[]{"java", "native"})
            try (Context ctx = Required.open(backend)) {
                for (int[] s : shapes) {
                    Dataset d = random(s[0], s[1], 17L * s[0] + s[1]);
                    double[] lam = Spred.lambdas(d, o, 10, s[1] > s[0] ? 0.05 : 1e-3);
                    int refits = GramCv.REFITS.get();
                    ManyProblemsTest.checkCurve(ctx, d, o, lam, Spred.foldIds(s[0], s[2], s[1]));
                    assertEquals(refits, GramCv.REFITS.get(), backend + " " + s[0] + "x" + s[1] + ": no engine refit");
                }
            }
    }

    /**
     * Along a decreasing path on a well-conditioned Gram most λ are settled by the certified extrapolation or one
     * Newton step on the support plus the entering violators. Mutation caught: violators entering with the sign of
     * g instead of −g (each such step fails and descent takes over) gives 89–174 iterations on these paths.
     */
    @Test
    void aPathSettlesMostLambdasInOneNewtonStepWithTheEnteringViolators() {
        for (int[] np : new int[][]{{400, 60}, {300, 100}, {200, 33}, {1000, 150}}) {
            double[][] pr = GramLassoTest.problem(np[0], np[1], 0.3, 5);
            GramLasso gl = new GramLasso(np[1], pr[0], pr[1], pr[2][0], 1);
            gl.target = 1e-10;
            double lmax = gl.lambdaMax(), prev = lmax;
            int lambdas = 60;
            for (int l = 0; l < lambdas; l++) {
                double lam = lmax * Math.pow(1e-3, (l + 1.0) / lambdas);
                double gap = gl.solve(lam, prev);
                prev = lam;
                assertTrue(gap <= gl.target, np[0] + "x" + np[1] + " at lambda " + l + ": gap " + gap);
                GramLassoTest.assertOptimal(gl, lam, np[0] + "x" + np[1] + " at lambda " + l);
            }
            assertTrue(gl.iterations <= 1.25 * lambdas, np[0] + "x" + np[1] + ": " + gl.iterations + " iterations over " + lambdas
                    + " lambda (at most 75 expected; the path was ~110-125 before the violators entered the Newton step)");
        }
    }

    /**
     * The Gram from its lower triangle in column blocks equals X_cᵀX_c summed here, at sizes around the block width
     * (32) and the eight-block split, with a row subset and with all rows. Mutation caught: blocks against rows
     * j0 + 1..p (one row short) leave entries at 0.
     */
    @ParameterizedTest
    @ValueSource(strings = {"java", "native"}) // the triangle (Java reference) and the gram_cols route (native)
    void theBlockedGramEqualsTheCentredProduct(String backend) {
        try (Context ctx = Required.open(backend)) {
            for (int p : new int[]{1, 2, 31, 32, 33, 65, 257, 263}) {
                Random r = new Random(p);
                int n = 3 + p % 11 + 20;
                double[] x = new double[n * p], m = new double[p];
                for (int k = 0; k < x.length; k++) x[k] = r.nextGaussian() + (k % p) * 0.1;
                for (int j = 0; j < p; j++) m[j] = r.nextGaussian();
                int[] rows = {0, 2, 3, n - 1, 5, 7};
                for (int[] rs : new int[][]{null, rows}) {
                    double[] S = GramBatch.gram(ctx, x, p, rs, m);
                    int nr = rs == null ? n : rs.length;
                    for (int a = 0; a < p; a++)
                        for (int c = 0; c < p; c++) {
                            double e = 0, mag = 0;
                            for (int t = 0; t < nr; t++) {
                                int i = rs == null ? t : rs[t];
                                double v = (x[i * p + a] - m[a]) * (x[i * p + c] - m[c]);
                                e += v;
                                mag += Math.abs(v);
                            }
                            assertEquals(e, S[a * p + c], 1e-13 * mag + Double.MIN_VALUE, backend + " p " + p + " entry " + a + "," + c);
                            assertEquals(S[c * p + a], S[a * p + c], 0.0, "exactly symmetric");
                        }
                }
            }
        }
    }

    /** addAll is m calls of add, bit for bit: the same factor, the same solves (p one past the storage doublings). */
    @Test
    void theBatchedAppendEqualsOneAtATime() {
        for (int p : new int[]{1, 2, 7, 17, 33, 65}) {
            double[][] pr = GramLassoTest.problem(2 * p + 9, p, 0.5, 7L * p);
            for (double mu : new double[]{0, 0.2}) {
                GramFactor one = new GramFactor(p, pr[0], mu), all = new GramFactor(p, pr[0], mu);
                Random r = new Random(p);
                int[] order = new int[p];
                for (int j = 0; j < p; j++) order[j] = j;
                for (int j = p - 1; j > 0; j--) {
                    int t = r.nextInt(j + 1), v = order[j];
                    order[j] = order[t];
                    order[t] = v;
                }
                int done = 0;
                while (done < p) {
                    int m = Math.min(p - done, 1 + r.nextInt(5));
                    int[] js = java.util.Arrays.copyOfRange(order, done, done + m);
                    for (int j : js) assertTrue(one.add(j));
                    assertEquals(m, all.addAll(js, m));
                    done += m;
                    if (done < p && r.nextBoolean()) { // a coordinate leaves both
                        int j = order[r.nextInt(done)];
                        if (one.has(j)) {
                            one.remove(j);
                            all.remove(j);
                        }
                    }
                    assertEquals(one.k, all.k);
                    double[] rhs = new double[one.k];
                    for (int a = 0; a < one.k; a++) {
                        assertEquals(one.coordinate(a), all.coordinate(a));
                        rhs[a] = Math.sin(a + 1.0);
                    }
                    assertArrayEquals(one.solve(rhs), all.solve(rhs), 0.0, "p " + p + " mu " + mu + " after " + done);
                }
            }
        }
    }

}
