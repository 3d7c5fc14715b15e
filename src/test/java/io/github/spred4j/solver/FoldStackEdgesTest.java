package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The per-fold CV's reused p×L stack and fold copies (no listener) at edge shapes, against the same CV with a
 * listener (fresh FitResults per fit): p = 1, a training set of two rows, p > n, fold sizes that alternate (a copy
 * reused, then not, then reused), λ above λ_max at the head of the sequence, no intercept, unstandardised, elastic
 * net, float32 and the spred working-set inner solve. The curves must agree to the bit and be finite, the listener
 * must see every fit, and the full-data fits at λ ≥ λ_max must be the null model (a fold's own λ_max may be larger).
 */
class FoldStackEdgesTest {
    @Test
    void stackedFoldsEqualListenedFoldsAtEdgeShapes() {
        try (Context ctx = Backends.get("java").open()) {
            long seed = 901;
            int cases = 0;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON, Model.SQUARED})
                for (int[] s : new int[][]{{23, 1}, {10, 3}, {14, 30}, {57, 9}})
                    for (int v = 0; v < 4; v++) {
                        Dataset d = IrlsCovarianceTest.problem(s[0], s[1], m == Model.SQUARED ? Model.POISSON : m, seed++);
                        FitOptions o = FitOptions.defaults(m).withIntercept(v != 1).withStandardize(v != 2)
                                .withAlpha(v == 3 ? 0.4 : 1);
                        if (v == 2) o = o.withPrecision(Precision.FLOAT32);
                        if (v == 3 && m == Model.SQUARED) o = o.withMethod(Method.SPRED_WS);
                        double lmax = Spred.lambdaMax(d, o);
                        if (!(lmax > 0)) continue;
                        double[] lam = {3 * lmax, lmax, 0.5 * lmax, 0.1 * lmax, 0.02 * lmax, 0.003 * lmax};
                        int folds = 5; // 23 rows: folds of 5,5,5,4,4; 10 rows: two a fold, eight to train
                        int[] foldId = CrossValidation.foldIds(d.n(), folds, seed);
                        String what = m + " " + s[0] + "x" + s[1] + " variant " + v;
                        CvResult a = CrossValidation.perFold(ctx, d, o, lam, foldId, folds, PathListener.NONE);
                        int total = (folds + 1) * lam.length;
                        int[] seen = new int[total];
                        CvResult b = CrossValidation.perFold(ctx, d, o, lam, foldId, folds, (i, t, f) -> {
                            seen[i]++;
                            if (i >= folds * lam.length && f.lambda() >= lmax) // the full data's fits at and above its λ_max: null
                                for (double x : f.beta()) assertEquals(0.0, x, what + ": β at λ = " + f.lambda());
                        });
                        for (int i = 0; i < total; i++) assertEquals(1, seen[i], what + ": fit " + i + " seen once");
                        for (int l = 0; l < lam.length; l++) {
                            assertTrue(Double.isFinite(a.meanLoss()[l]) && Double.isFinite(a.stdErr()[l]), what + ": λ " + l);
                            assertEquals(Double.doubleToLongBits(b.meanLoss()[l]), Double.doubleToLongBits(a.meanLoss()[l]), what + ": mean loss at λ " + l);
                            assertEquals(Double.doubleToLongBits(b.stdErr()[l]), Double.doubleToLongBits(a.stdErr()[l]), what + ": std error at λ " + l);
                        }
                        assertEquals(b.lambdaMin(), a.lambdaMin(), what);
                        assertEquals(b.lambda1se(), a.lambda1se(), what);
                        cases++;
                    }
            assertTrue(cases >= 40, "cases run: " + cases);
        }
    }
}
