package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The per-fold CV route ({@link CrossValidation#perFold}) without a listener writes each fold's answers into one
 * reused p×L stack ({@link Paths#enginePathInto}, no FitResults); with a listener it builds the fold's PathResult as
 * before. Both must give the same curve to the bit, and the listener must see every fit once, for the logistic,
 * Poisson and squared losses, standardised or not, lasso and elastic net, on seeded problems of awkward sizes.
 */
class PerFoldStackTest {
    @Test
    void aListenerChangesNothingAndSeesEveryFitOnce() {
        try (Context ctx = Backends.get("java").open()) {
            long seed = 301;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON, Model.SQUARED})
                for (int[] s : new int[][]{{61, 7}, {130, 17}, {36, 90}}) // p > n: the naive route
                    for (boolean std : new boolean[]{true, false}) {
                        Dataset d = IrlsCovarianceTest.problem(s[0], s[1], m == Model.SQUARED ? Model.POISSON : m, seed++);
                        FitOptions o = FitOptions.defaults(m).withStandardize(std).withAlpha(std ? 1 : 0.5);
                        double[] lam = CrossValidation.checkLambdas(Spred.lambdas(d, o, 20, Double.NaN));
                        int folds = 5;
                        int[] foldId = CrossValidation.foldIds(d.n(), folds, seed);
                        String what = m + " " + s[0] + "x" + s[1] + " std=" + std;
                        CvResult a = CrossValidation.perFold(ctx, d, o, lam, foldId, folds, PathListener.NONE);
                        int total = (folds + 1) * lam.length;
                        int[] seen = new int[total];
                        CvResult b = CrossValidation.perFold(ctx, d, o, lam, foldId, folds, (i, t, f) -> {
                            assertEquals(total, t, what);
                            seen[i]++;
                        });
                        for (int i = 0; i < total; i++) assertEquals(1, seen[i], what + ": fit " + i + " seen once");
                        for (int l = 0; l < lam.length; l++) {
                            assertTrue(Double.isFinite(a.meanLoss()[l]), what);
                            assertEquals(Double.doubleToLongBits(b.meanLoss()[l]), Double.doubleToLongBits(a.meanLoss()[l]), what + ": mean loss at λ " + l);
                            assertEquals(Double.doubleToLongBits(b.stdErr()[l]), Double.doubleToLongBits(a.stdErr()[l]), what + ": std error at λ " + l);
                        }
                        assertEquals(b.lambdaMin(), a.lambdaMin(), what);
                        assertEquals(b.lambda1se(), a.lambda1se(), what);
                    }
        }
    }

    /**
     * The reused fold copies and stack against each fold done from scratch: the training rows gathered afresh, the
     * engine's path with its FitResults, the held-out loss from them; fold sizes 13/12 (one reused, one not).
     */
    @Test
    void reusedFoldBuffersEqualFreshFolds() {
        try (Context ctx = Backends.get("java").open()) {
            long seed = 401;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON}) {
                Dataset d = IrlsCovarianceTest.problem(62, 9, m, seed++);
                FitOptions o = FitOptions.defaults(m);
                double[] lam = CrossValidation.checkLambdas(Spred.lambdas(d, o, 15, Double.NaN));
                int folds = 5;
                int[] foldId = CrossValidation.foldIds(d.n(), folds, seed);
                CvResult cv = CrossValidation.perFold(ctx, d, o, lam, foldId, folds, PathListener.NONE);
                double[][] loss = new double[folds][];
                int[] size = new int[folds];
                for (int f = 0; f < folds; f++) {
                    int[] in = CrossValidation.rows(foldId, f + 1, false), out = CrossValidation.rows(foldId, f + 1, true);
                    size[f] = out.length;
                    Dataset train = Dataset.dense(in.length, d.p(), CrossValidation.gather(d.x(), d.p(), in),
                            CrossValidation.gather(d.y(), 1, in), null);
                    PathResult pr = Paths.enginePath(ctx, train, o, lam, PathListener.NONE, 0, lam.length);
                    loss[f] = CrossValidation.heldOutLoss(ctx, o, CrossValidation.gather(d.x(), d.p(), out),
                            CrossValidation.gather(d.y(), 1, out), out.length, d.p(), pr);
                }
                double[] mean = CrossValidation.statistics(loss, size)[0];
                for (int l = 0; l < lam.length; l++)
                    assertEquals(Double.doubleToLongBits(mean[l]), Double.doubleToLongBits(cv.meanLoss()[l]), m + ": mean loss at λ " + l);
            }
        }
    }
}
