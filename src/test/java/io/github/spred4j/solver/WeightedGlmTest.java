package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Edge cases of {@link WeightedGlm}'s route (weighted logistic): separable classes at a tiny λ (the gap stays a
 * valid, non-negative bound: the loss of a well-classified row is computed without cancellation), every column
 * constant (λ_max 0, the intercept-only model certified), λ = 0 (the gradient ratio), bad input in one line.
 */
class WeightedGlmTest {
    private static final int N = 20, P = 3;

    private static double[] labels() {
        double[] y = new double[N];
        for (int i = 0; i < N; i++) y[i] = i % 3 == 0 ? 1 : 0;
        return y;
    }

    private static double[] weights() {
        double[] w = new double[N];
        for (int i = 0; i < N; i++) w[i] = 1 + i % 4;
        return w;
    }

    @Test
    void separableClassesKeepAValidGap() throws Exception {
        double[] y = labels(), x = new double[N * P];
        for (int i = 0; i < N; i++) {
            x[i * P] = y[i] == 1 ? 1 + i : -1 - i; // the first column separates the classes
            x[i * P + 1] = Math.sin(i);
            x[i * P + 2] = Math.cos(3 * i);
        }
        FitOptions o = FitOptions.defaults(Model.LOGISTIC).withWeights(weights()).withTol(1e-10);
        try (Context ctx = Backends.get("java").open()) {
            for (double lam : new double[]{1e-2, 1e-4, 1e-6}) {
                FitResult f = Spred.fit(ctx, Dataset.dense(N, P, x, y, null), o.withLambda(lam));
                assertTrue(f.certificate() >= -Certificates.NEGATIVE_SLACK, "λ " + lam + ": negative gap " + f.certificate());
                assertTrue(f.certificate() <= 1e-10, "λ " + lam + ": not certified " + f.certificate());
                assertTrue(Double.isFinite(f.objective()) && f.objective() > 0, "λ " + lam + ": objective " + f.objective());
            }
            FitResult z = Spred.fit(ctx, Dataset.dense(N, P, x, y, null), o.withLambda(1e-3).withLambda(0.0).withTol(1e-6));
            assertEquals("gradient_ratio", z.certificateName());
        }
    }

    @Test
    void constantColumnsLeaveTheInterceptOnly() throws Exception {
        double[] y = labels(), w = weights(), x = new double[N * P];
        for (int i = 0; i < N; i++) {
            x[i * P] = 1;
            x[i * P + 2] = 2.5;
        }
        Dataset d = Dataset.dense(N, P, x, y, null);
        FitOptions o = FitOptions.defaults(Model.LOGISTIC).withWeights(w);
        assertEquals(0.0, Spred.lambdaMax(d, o), 0);
        double sw = 0, swy = 0;
        for (int i = 0; i < N; i++) {
            sw += w[i];
            swy += w[i] * y[i];
        }
        try (Context ctx = Backends.get("java").open()) {
            FitResult f = Spred.fit(ctx, d, o.withLambda(0.1));
            assertEquals(0, f.nnz());
            assertTrue(f.certificate() <= 1e-7 && f.certificate() >= -Certificates.NEGATIVE_SLACK, "certificate " + f.certificate());
            assertEquals(Math.log(swy / (sw - swy)), f.intercept(), 1e-9, "the weighted log-odds");
        }
    }

    @Test
    void badInputIsOneLine() throws Exception {
        double[] y = labels().clone(), x = new double[N * P];
        for (int i = 0; i < N * P; i++) x[i] = Math.sin(i);
        FitOptions o = FitOptions.defaults(Model.POISSON).withWeights(weights()).withLambda(0.1);
        try (Context ctx = Backends.get("java").open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Spred.fit(ctx, Dataset.dense(N, P, x, y, null), o.withWeights(new double[]{1, 2})));
            assertEquals("weights has length 2, expected one per row, n = " + N, e.getMessage());
            y[3] = -1;
            e = assertThrows(IllegalArgumentException.class, () -> Spred.fit(ctx, Dataset.dense(N, P, x, y, null), o));
            assertTrue(e.getMessage().contains("y[3]") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
