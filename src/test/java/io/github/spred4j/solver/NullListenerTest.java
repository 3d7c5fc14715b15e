package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A null progress listener means "no progress" on every public entry point that takes one: an acceptance test as a
 * Java user found {@code Spred.path(ctx, d, o, lambdas, null)} throwing a NullPointerException from inside the path.
 */
class NullListenerTest {
    @Test
    void nullListenersGiveTheSameAnswersAsNone() throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        double[] lam = Spred.lambdas(d, o, 8, 1e-2);
        int[] folds = Spred.foldIds(d.n(), 4, 3);
        double[][] targets = {d.y(), d.y().clone()};
        try (Context ctx = Backends.get("java").open()) {
            assertPathsEqual(Spred.path(ctx, d, o, lam, PathListener.NONE), Spred.path(ctx, d, o, lam, null));
            assertPathsEqual(Spred.path(ctx, d, o, 8, 1e-2, PathListener.NONE), Spred.path(ctx, d, o, 8, 1e-2, null));
            assertArrayEquals(Spred.cv(ctx, d, o, lam, folds, PathListener.NONE).meanLoss(), Spred.cv(ctx, d, o, lam, folds, null).meanLoss());
            assertArrayEquals(Spred.cv(ctx, d, o, 8, 1e-2, 4, 3L, PathListener.NONE).meanLoss(), Spred.cv(ctx, d, o, 8, 1e-2, 4, 3L, null).meanLoss());
            PathResult[] a = Spred.pathTargets(ctx, d, targets, o, lam, PathListener.NONE), b = Spred.pathTargets(ctx, d, targets, o, lam, null);
            for (int t = 0; t < a.length; t++) assertPathsEqual(a[t], b[t]);
            assertEquals(2, Spred.pathTargets(ctx, d, targets, o, 8, 1e-2, null).length);
        }
    }

    private static void assertPathsEqual(PathResult a, PathResult b) {
        assertEquals(a.fits().size(), b.fits().size());
        for (int i = 0; i < a.fits().size(); i++) assertArrayEquals(a.fits().get(i).beta(), b.fits().get(i).beta());
    }
}
