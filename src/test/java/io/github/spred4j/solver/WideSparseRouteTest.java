package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Single fits and paths on wide sparse X with very short columns go to the lockstep coordinate descent at one set
 * ({@link SparseCdCv#wide}): the answer is the route's own (bitwise: the engine's differs in the last digits), certified,
 * with the engine's objective; the route is not taken where p ≤ n, columns are long, λ = 0 or the loss is not squared.
 * Mutations caught (run once each): Paths.fit not routed (β differs from the route's), Paths.path not routed (same),
 * {@code wide} true for p ≤ n, or without its column-length test (the refusals below); the refit by Spred.fit
 * instead of the engine (StackOverflowError: the refit came back to the route).
 */
class WideSparseRouteTest {
    /** n rows of {@code per} ones in distinct uniform columns, y from 5 true columns plus noise (the users' wide.svm shape). */
    static Dataset onesPerRow(int n, int p, int per, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] rp = new int[n + 1], ci = new int[n * per];
        double[] v = new double[n * per], y = new double[n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            TreeSet<Integer> s = new TreeSet<>();
            while (s.size() < per) s.add(r.nextInt(p));
            for (int j : s) {
                ci[w] = j;
                v[w++] = 1;
                if (j < 5 * p / 10) y[i] += j % 2 == 0 ? 1 : -0.5;
            }
            y[i] += r.nextGaussian();
            rp[i + 1] = w;
        }
        return Dataset.sparse(n, p, rp, ci, v, y, null);
    }

    @Test
    void wideShortColumnFitsAndPathsTakeTheLockstepRouteAndMatchTheEngine() {
        FitOptions[] variants = {FitOptions.defaults(Model.SQUARED).withTol(1e-10),
                FitOptions.defaults(Model.SQUARED).withAlpha(0.5).withTol(1e-10),
                FitOptions.defaults(Model.SQUARED).withIntercept(false).withTol(1e-10)};
        try (Context ctx = Backends.get("java").open()) {
            for (FitOptions o : variants) {
                Dataset d = onesPerRow(40, 600, 3, 11);
                double[] lam = Spred.lambdas(d, o, 12, 0.05);
                assertTrue(SparseCdCv.wide(d, o, lam), o.toString());
                double[] one = {lam[8]};
                FitResult f = Spred.fit(ctx, d, o.withLambda(one[0]));
                FitResult route = SparseCdCv.path(ctx, d, o, one, PathListener.NONE, 0, 1).fits().get(0);
                FitResult engine = Paths.enginePath(ctx, d, o, one, PathListener.NONE, 0, 1).fits().get(0);
                assertArrayEquals(route.beta(), f.beta(), 0, "fit is the route's answer: " + o);
                certifiedAsTheEngine(f, engine, o);
                PathResult pr = Spred.path(ctx, d, o, lam, PathListener.NONE);
                PathResult rp = SparseCdCv.path(ctx, d, o, lam, PathListener.NONE, 0, lam.length);
                PathResult ep = Paths.enginePath(ctx, d, o, lam, PathListener.NONE, 0, lam.length);
                for (int l = 0; l < lam.length; l++) {
                    assertArrayEquals(rp.fits().get(l).beta(), pr.fits().get(l).beta(), 0, "path is the route's: " + l);
                    certifiedAsTheEngine(pr.fits().get(l), ep.fits().get(l), o);
                }
            }
        }
    }

    private static void certifiedAsTheEngine(FitResult f, FitResult engine, FitOptions o) {
        assertTrue(f.certificate() <= o.tol(), "certified: " + f.certificate() + " " + o); // NaN fails
        assertTrue(f.certificate() >= -1e-12, "a negative gap is a bug: " + f.certificate());
        // the relative gap bounds both answers' distance to the optimum; an uncertified engine answer only from above
        if (engine.certificate() <= o.tol())
            assertEquals(engine.objective(), f.objective(), 2 * o.tol() * Math.abs(engine.objective()), "objective " + o);
        else assertTrue(f.objective() <= engine.objective(), "objective " + o);
    }

    /** A point the route leaves unsettled is refitted by the engine itself (routing the refit back recursed). */
    @Test
    void anUnsettledWideFitIsRefittedByTheEngine() {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-10);
        Dataset d = onesPerRow(40, 600, 3, 11);
        double[] lam = Spred.lambdas(d, o, 12, 0.05);
        try (Context ctx = Backends.get("java").open()) {
            int refits = GramCv.REFITS.get();
            FitResult f;
            SparseCd.sweepLimit = 3;
            try {
                f = Spred.fit(ctx, d, o.withLambda(lam[8]));
            } finally {
                SparseCd.sweepLimit = Long.MAX_VALUE;
            }
            assertTrue(GramCv.REFITS.get() > refits, "refitted");
            FitResult engine = Paths.enginePath(ctx, d, o, new double[]{lam[8]}, PathListener.NONE, 0, 1).fits().get(0);
            assertArrayEquals(engine.beta(), f.beta(), 0, "the engine's answer");
            assertTrue(f.certificate() <= o.tol(), "certified: " + f.certificate());
        }
    }

    @Test
    void theRouteIsTakenOnlyForWideShortColumnSquaredFits() {
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        double[] lam = {0.5, 0.1};
        assertTrue(SparseCdCv.wide(onesPerRow(40, 400, 3, 1), o, lam));
        assertFalse(SparseCdCv.wide(onesPerRow(400, 300, 3, 1), o, lam), "p <= n");
        assertFalse(SparseCdCv.wide(onesPerRow(40, 400, 60, 1), o, lam), "long columns (6 a column)");
        assertFalse(SparseCdCv.wide(onesPerRow(40, 400, 3, 1), o, new double[]{0.5, 0}), "lambda 0");
        assertFalse(SparseCdCv.wide(onesPerRow(40, 400, 3, 1), FitOptions.defaults(Model.LOGISTIC), lam), "logistic");
        Dataset d = onesPerRow(40, 400, 3, 1);
        assertFalse(SparseCdCv.wide(Dataset.dense(40, 400, HostX.csr(d).toDense(), d.y(), null), o, lam), "dense X");
    }
}
