package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The spred methods on data of extreme magnitude ({@link SpredScale}): `fit --method lbfgs` on X and y scaled by
 * 1e100 gave "a must be finite, got NaN" (L-BFGS's yᵀy overflowed) while the default engine fitted it. Now the
 * squared loss is solved on the exactly rescaled problem and reported on the original scale; the logistic loss
 * with a huge X is refused in one line naming the cell and the method that fits it. Mutation caught: returning
 * the scaled fit unconverted (intercept and objective off by 1e100 and 1e200).
 */
class SpredScaleTest {
    @Test
    void lbfgsOnDataScaledBy1e100EqualsTheFitAtScaleOne() {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withMethod(Method.LBFGS);
        try (Context ctx = Backends.get("java").open()) {
            for (double s : new double[]{1e100, 3e120}) {
                Dataset small = EntryChecksTest.data(1, 1), big = EntryChecksTest.data(s, s);
                FitResult ref = Spred.fit(ctx, small, o.withLambda(0.05));
                FitResult f = Spred.fit(ctx, big, o.withLambda(0.05 * s * s));
                assertTrue(f.certificate() <= 1e-7 && f.certificate() >= -1e-12, s + ": certificate " + f.certificate());
                for (int j = 0; j < EntryChecksTest.P; j++)
                    assertEquals(ref.beta()[j], f.beta()[j], 1e-6 * (1 + Math.abs(ref.beta()[j])), s + ": beta " + j);
                assertEquals(ref.intercept(), f.intercept() / s, 1e-6, s + ": intercept");
                assertEquals(ref.objective(), f.objective() / (s * s), 1e-6 * ref.objective(), s + ": objective");
                assertEquals(0.05 * s * s, f.lambda(), 1e-12 * f.lambda(), s + ": lambda reported on the caller's scale");
                // the path and a batch too, each point on the caller's scale
                double[] lam = {0.2 * s * s, 0.05 * s * s};
                PathResult pr = Spred.path(ctx, big, o, lam, PathListener.NONE);
                FitResult[] b = Spred.fitBatch(ctx, big, o, lam);
                for (int l = 0; l < lam.length; l++) {
                    assertEquals(lam[l], pr.lambdas()[l], 1e-12 * lam[l]);
                    assertEquals(lam[l], b[l].lambda(), 1e-12 * lam[l]);
                    assertTrue(pr.fits().get(l).certificate() <= 1e-7, "path " + l + ": " + pr.fits().get(l).certificate());
                    assertTrue(b[l].certificate() <= 1e-7, "batch " + l + ": " + b[l].certificate());
                }
                assertEquals(f.intercept(), pr.fits().get(1).intercept(), 1e-6 * Math.abs(f.intercept()) + 1e-6 * s);
            }
        }
    }

    @Test
    void aHugeXForTheLogisticSpredMethodIsRefusedInOneLineNamingTheCell() {
        Dataset d = EntryChecksTest.data(1e100, 1);
        double[] y = d.y().clone();
        for (int i = 0; i < y.length; i++) y[i] = y[i] > 0 ? 1 : 0;
        Dataset logit = Dataset.dense(d.n(), d.p(), d.x(), y, null);
        FitOptions o = FitOptions.defaults(Model.LOGISTIC).withMethod(Method.LBFGS).withLambda(1e-3);
        try (Context ctx = Backends.get("java").open()) {
            EntryChecksTest.refused(() -> Spred.fit(ctx, logit, o), "X[", "too large for --method lbfgs", "logistic", "--method cd");
        }
    }
}
