package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A Java caller's mistakes at the public API (found by acting as a client program, 2 Dec 2026): each gets one
 * IllegalArgumentException naming it. Before: a null context, options, λ array or β threw NullPointerException
 * from inside a solver; n = 0 "fitted" to a NaN intercept after 100500 iterations; X or y so large that their
 * squares overflow float64 gave a NaN fit (API) or "lambda must be finite, got Infinity" (CLI, no λ given), and
 * λ_max overflowed already at 1e100-scaled X and y, which fit fine.
 */
class EntryChecksTest {
    static final int N = 30, P = 6;

    static Dataset data(double xScale, double yScale) {
        SplittableRandom g = new SplittableRandom(7);
        double[] x = new double[N * P], y = new double[N];
        for (int k = 0; k < x.length; k++) x[k] = g.nextDouble(-1, 1) * xScale;
        for (int i = 0; i < N; i++) y[i] = (x[i * P] / xScale + 0.3 * g.nextDouble(-1, 1)) * yScale;
        return Dataset.dense(N, P, x, y, null);
    }

    static void refused(Executable e, String... fragments) {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, e);
        for (String f : fragments) assertTrue(ex.getMessage().contains(f), ex.getMessage());
        assertFalse(ex.getMessage().contains("\n"), ex.getMessage());
    }

    @Test
    void nullArgumentsAndEmptyShapesAreNamed() {
        Dataset d = data(1, 1);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withLambda(0.05);
        try (Context ctx = Backends.get("java").open()) {
            refused(() -> Spred.fit(null, d, o), "context is null");
            refused(() -> Spred.fit(ctx, d, null), "options are null");
            refused(() -> Spred.fit(ctx, null, o), "dataset is null");
            refused(() -> Spred.path(ctx, d, null, 5, Double.NaN), "options are null");
            refused(() -> Spred.fitBatch(ctx, d, o, null), "lambdas is null");
            refused(() -> Spred.predict(d, 0, null, Model.SQUARED), "beta is null");
            refused(() -> Spred.fit(ctx, Dataset.dense(0, 3, new double[0], new double[0], null), o), "n >= 1", "n=0");
            refused(() -> Spred.fit(ctx, Dataset.dense(N, -1, d.x(), d.y(), null), o), "p=-1");
            refused(() -> Spred.fit(ctx, Dataset.dense(N, P, null, d.y(), null), o), "X is null");
            refused(() -> Spred.fit(ctx, Dataset.dense(N, P, d.x(), d.y(), new String[]{"a"}), o), "names has length 1", "p = 6");
            refused(() -> Spred.lambdaMax(Dataset.dense(0, 3, new double[0], new double[0], null), o), "n=0");
            refused(() -> Spred.cv(ctx, d, null, new double[]{0.1, 0.01}, new int[N]), "options are null");
        }
    }

    @Test
    void valuesWhoseSquaresOverflowAreRefusedNamingTheCell() {
        FitOptions sq = FitOptions.defaults(Model.SQUARED);
        try (Context ctx = Backends.get("java").open()) {
            Dataset bigX = data(1e160, 1);
            refused(() -> Spred.fit(ctx, bigX, sq.withLambda(0.01)), "X[", "too large", "n = 30", "rescale");
            refused(() -> Spred.lambdaMax(bigX, sq), "too large");
            Dataset bigY = data(1, 1e160);
            refused(() -> Spred.fit(ctx, bigY, sq.withLambda(0.01)), "y[", "too large", "rescale y");
            Dataset bigSparse = Dataset.sparse(2, 2, new int[]{0, 1, 2}, new int[]{0, 1}, new double[]{1, -1e300}, new double[]{1, 2}, null);
            refused(() -> Spred.fit(ctx, bigSparse, sq.withLambda(0.01)), "X[1,1]", "too large");

            // the bound is not tighter than it must be: X at 1e100 and y at 1e100 fit, scale-equivariantly
            FitResult ref = Spred.fit(ctx, data(1, 1), sq.withLambda(0.05));
            FitResult big = Spred.fit(ctx, data(1e100, 1e100), sq.withLambda(0.05 * 1e200));
            assertTrue(big.certificate() <= 1e-7, "certificate " + big.certificate());
            for (int j = 0; j < P; j++)
                assertEquals(ref.beta()[j], big.beta()[j], 1e-9 * (1 + Math.abs(ref.beta()[j])), "beta " + j);
            assertEquals(ref.intercept(), big.intercept() / 1e100, 1e-9);
            // λ_max's norm of X_jᵀr/n (~1e200 here) was computed from its square: Infinity, so `fit` without --lambda
            // said "lambda must be finite, got Infinity"
            double lm = Spred.lambdaMax(data(1, 1), sq), lmBig = Spred.lambdaMax(data(1e100, 1e100), sq);
            assertEquals(lm, lmBig / 1e200, 1e-12 * lm);
            FitOptions grouped = FitOptions.defaults(Model.GROUP).withGroups(new int[]{1, 1, 2, 2, 3, 3});
            assertEquals(Spred.lambdaMax(data(1, 1), grouped), Spred.lambdaMax(data(1e100, 1e100), grouped) / 1e200, 1e-12 * lm);
        }
    }
}
