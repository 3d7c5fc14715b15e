package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weighted route ({@link WeightedGlm}) against independent answers on awkward shapes (p = 1, primes, p > n,
 * a row of weight 0, standardised or not, lasso and elastic net, logistic and Poisson): unit weights give the
 * unweighted engine's fit; integer weights give the unweighted engine's fit on the rows repeated (weight 0: the
 * row left out), which is glmnet's definition of the weighted problem (Σ w_i ℓ_i / Σ w_i, weighted
 * standardisation); a path (warm starts, the path predictor) gives each λ's own cold fit; sparse X gives its dense
 * twin's fit. Every fit is certified by its signed gap.
 */
class WeightedRouteTest {
    private static final double TOL = 1e-10;
    private static final int[][] SHAPES = {{2, 1}, {7, 1}, {13, 5}, {31, 7}, {17, 40}, {65, 3}};

    private static Dataset data(int n, int p, Model model, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n * p; i++) x[i] = r.nextGaussian() * (1 + i % 3);
        for (int i = 0; i < n; i++) {
            double e = 0.3;
            for (int j = 0; j < Math.min(p, 3); j++) e += 0.8 * x[i * p + j] / (1 + j % 3);
            y[i] = model == Model.LOGISTIC ? (r.nextDouble() < 1 / (1 + Math.exp(-e)) ? 1 : 0)
                    : Math.floor(Math.exp(0.3 * e) * (1 + r.nextDouble() * 2));
        }
        if (model == Model.LOGISTIC) { // both classes present
            y[0] = 1;
            y[n - 1] = 0;
        }
        return Dataset.dense(n, p, x, y, null);
    }

    private static void certified(FitResult f, String at) {
        assertTrue(f.certificate() <= TOL && f.certificate() >= -Certificates.NEGATIVE_SLACK, at + ": certificate " + f.certificate());
    }

    private static void same(FitResult a, FitResult b, String at) {
        assertEquals(b.objective(), a.objective(), 1e-9 * Math.abs(b.objective()), at + ": objective");
        double scale = 1 + Math.abs(b.intercept());
        for (double v : b.beta()) scale = Math.max(scale, 1 + Math.abs(v));
        assertEquals(b.intercept(), a.intercept(), 1e-4 * scale, at + ": intercept");
        for (int j = 0; j < b.beta().length; j++) assertEquals(b.beta()[j], a.beta()[j], 1e-4 * scale, at + ": beta[" + j + "]");
    }

    @Test
    void unitWeightsGiveTheUnweightedEnginesFit() throws Exception {
        try (Context ctx = Backends.get("java").open()) {
            for (Model model : new Model[]{Model.LOGISTIC, Model.POISSON})
                for (int[] s : SHAPES)
                    for (boolean std : new boolean[]{true, false}) {
                        Dataset d = data(s[0], s[1], model, 7L * s[0] + s[1]);
                        double alpha = std ? 1 : 0.5; // the elastic net: its dual point is searched over t
                        FitOptions o = FitOptions.defaults(model).withStandardize(std).withTol(TOL).withAlpha(alpha);
                        double[] ones = new double[s[0]];
                        java.util.Arrays.fill(ones, 1);
                        double lmax = Spred.lambdaMax(d, o);
                        assertEquals(lmax, WeightedFits.lambdaMax(d, o.withWeights(ones)), 1e-9 * lmax, model + " " + s[0] + "x" + s[1] + ": λ_max");
                        for (double frac : new double[]{0.5, 0.1, 0.02}) {
                            String at = model + " " + s[0] + "x" + s[1] + " std " + std + " α " + alpha + " λ " + frac + "·λ_max";
                            FitResult w = WeightedFits.fit(ctx, d, o.withWeights(ones).withLambda(frac * lmax));
                            FitResult u = Spred.fit(ctx, d, o.withLambda(frac * lmax));
                            certified(w, at + " (weighted route)");
                            certified(u, at + " (engine)");
                            same(w, u, at);
                        }
                    }
        }
    }

    @Test
    void integerWeightsGiveTheRepeatedRowsFit() throws Exception {
        try (Context ctx = Backends.get("java").open()) {
            for (Model model : new Model[]{Model.LOGISTIC, Model.POISSON})
                for (int[] s : SHAPES) {
                    if (s[0] < 7) continue; // room for a row of weight 0 with both classes left
                    int n = s[0], p = s[1];
                    Dataset d = data(n, p, model, 11L * n + p);
                    double[] w = new double[n];
                    int rows = 0;
                    for (int i = 0; i < n; i++) rows += w[i] = i == 3 ? 0 : 1 + i % 3;
                    double[] x = new double[rows * p], y = new double[rows];
                    int k = 0;
                    for (int i = 0; i < n; i++)
                        for (int c = 0; c < w[i]; c++, k++) {
                            System.arraycopy(d.x(), i * p, x, k * p, p);
                            y[k] = d.y()[i];
                        }
                    Dataset rep = Dataset.dense(rows, p, x, y, null);
                    FitOptions o = FitOptions.defaults(model).withStandardize(true).withTol(TOL);
                    double lmax = Spred.lambdaMax(rep, o);
                    assertEquals(lmax, Spred.lambdaMax(d, o.withWeights(w)), 1e-9 * lmax, model + " " + n + "x" + p + ": λ_max");
                    double[] lam = {0.6 * lmax, 0.2 * lmax, 0.05 * lmax};
                    PathResult pw = Spred.path(ctx, d, o.withWeights(w), lam, null), pu = Spred.path(ctx, rep, o, lam, null);
                    for (int l = 0; l < lam.length; l++) {
                        String at = model + " " + n + "x" + p + " λ #" + l;
                        certified(pw.fits().get(l), at + " (weighted)");
                        certified(pu.fits().get(l), at + " (repeated rows)");
                        same(pw.fits().get(l), pu.fits().get(l), at);
                    }
                }
        }
    }

    @Test
    void aPathGivesEachLambdasOwnFit() throws Exception {
        try (Context ctx = Backends.get("java").open()) {
            for (Model model : new Model[]{Model.LOGISTIC, Model.POISSON}) {
                Dataset d = data(61, 13, model, 5);
                double[] w = new double[61];
                for (int i = 0; i < w.length; i++) w[i] = 0.25 + (i * 37 % 11) / 4.0;
                FitOptions o = FitOptions.defaults(model).withStandardize(true).withTol(TOL).withWeights(w);
                PathResult pr = Spred.path(ctx, d, o, 40, Double.NaN, null);
                for (int l = 0; l < pr.fits().size(); l += 3) {
                    FitResult cold = Spred.fit(ctx, d, o.withLambda(pr.lambdas()[l]));
                    String at = model + " λ #" + l;
                    certified(pr.fits().get(l), at + " (path)");
                    certified(cold, at + " (cold)");
                    same(pr.fits().get(l), cold, at);
                }
            }
        }
    }
    /** Sparse X (CSR, kept as CSC columns, never densified) gives its dense twin's path: an empty column, a column with one nonzero, p > n. */
    @Test
    void sparseXGivesItsDenseTwinsPath() throws Exception {
        try (Context ctx = Backends.get("java").open()) {
            for (Model model : new Model[]{Model.LOGISTIC, Model.POISSON})
                for (int[] s : new int[][]{{29, 6}, {23, 41}}) {
                    int n = s[0], p = s[1];
                    Dataset dn = data(n, p, model, 3L * n + p);
                    double[] x = dn.x().clone();
                    for (int i = 0; i < n * p; i++) if ((i * 7 + i / p) % 3 != 0) x[i] = 0; // about two thirds zeros
                    for (int i = 0; i < n; i++) {
                        x[i * p + 1] = 0;                  // an empty column
                        x[i * p + 2] = i == 4 ? 1.5 : 0;   // a column with one nonzero
                    }
                    int[] rowPtr = new int[n + 1];
                    int nnz = 0;
                    for (double v : x) if (v != 0) nnz++;
                    int[] col = new int[nnz];
                    double[] val = new double[nnz];
                    int k = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < p; j++)
                            if (x[i * p + j] != 0) {
                                col[k] = j;
                                val[k++] = x[i * p + j];
                            }
                        rowPtr[i + 1] = k;
                    }
                    Dataset dense = Dataset.dense(n, p, x, dn.y(), null), sparse = Dataset.sparse(n, p, rowPtr, col, val, dn.y(), null);
                    double[] w = new double[n];
                    for (int i = 0; i < n; i++) w[i] = 0.5 + (i * 13 % 7) / 3.0;
                    FitOptions o = FitOptions.defaults(model).withStandardize(true).withTol(TOL).withWeights(w);
                    double lmax = Spred.lambdaMax(dense, o);
                    assertEquals(lmax, Spred.lambdaMax(sparse, o), 1e-12 * lmax, model + " " + n + "x" + p + ": λ_max");
                    double[] lam = {0.7 * lmax, 0.3 * lmax, 0.08 * lmax};
                    PathResult a = Spred.path(ctx, sparse, o, lam, null), b = Spred.path(ctx, dense, o, lam, null);
                    for (int l = 0; l < lam.length; l++) {
                        String at = model + " " + n + "x" + p + " λ #" + l;
                        certified(a.fits().get(l), at + " (sparse)");
                        certified(b.fits().get(l), at + " (dense)");
                        same(a.fits().get(l), b.fits().get(l), at);
                    }
                }
        }
    }
}
