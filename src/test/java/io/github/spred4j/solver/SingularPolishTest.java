package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine on one-hot-like X with p ≫ n and an intercept (many columns identical, one-nonzero columns whose
 * centred sum is zero): the support's Newton Hessian is singular, and an unchecked Newton step along its null space
 * took β to ~1e16 (objective 1e14, certificate 1.0 after maxIter) on dense and sparse X alike. {@link Polish} now keeps
 * a step only if it lowers the objective. Checked against the lockstep coordinate descent's certified answer.
 * Mutation caught: the objective check removed from Polish.squared (certificate 1.0, objective ~1e14).
 */
class SingularPolishTest {
    @Test
    void theEngineCertifiesOneHotWideFitsWithAnIntercept() {
        Dataset d = WideSparseRouteTest.onesPerRow(40, 600, 3, 11);
        Dataset dense = Dataset.dense(40, 600, HostX.csr(d).toDense(), d.y(), null);
        try (Context ctx = Backends.get("java").open()) {
            for (double tol : new double[]{1e-7, 1e-10}) {
                FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(tol);
                double[] lam = Spred.lambdas(d, o, 12, 0.05);
                for (int l : new int[]{4, 8}) {
                    double[] one = {lam[l]};
                    FitResult ref = SparseCdCv.path(ctx, d, o, one, PathListener.NONE, 0, 1).fits().get(0);
                    assertTrue(ref.certificate() <= tol, "reference certified");
                    for (Dataset x : new Dataset[]{d, dense}) {
                        FitResult e = Paths.enginePath(ctx, x, o, one, PathListener.NONE, 0, 1).fits().get(0);
                        String what = (x.isSparse() ? "sparse" : "dense") + " tol " + tol + " lambda " + lam[l];
                        assertTrue(e.certificate() <= tol && e.certificate() >= -1e-12, what + ": certificate " + e.certificate());
                        assertEquals(ref.objective(), e.objective(), 2 * tol * Math.abs(ref.objective()), what);
                    }
                }
            }
        }
    }
}
