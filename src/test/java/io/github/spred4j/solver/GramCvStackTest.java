package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Gram CV routes ({@link GramCv} whole, {@link LazyGramCv} lazy) keep a fold's answers in one stacked p×L buffer
 * ({@link GramCv.Stack}) and make FitResults only for a listener: a listener must change nothing in the curve, must
 * see every fit once and in order, and the fold fits it sees must be the ones the curve was computed from; a point
 * the engine refits must reach the curve and the listener too. At p > n (the lazy route's shapes), p < n, and a
 * fold of one row.
 */
class GramCvStackTest {
    static final Object[][] CASES = {{30, 70, 5}, {60, 17, 4}, {10, 23, 10}}; // n, p, folds

    @Test
    void aListenerSeesTheFitsTheCurveIsMadeOfAndChangesNothing() {
        try (Context ctx = Backends.get("java").open()) {
            for (Object[] c : CASES)
                for (String route : new String[]{"lazy", "whole"}) {
                    int n = (int) c[0], p = (int) c[1], K = (int) c[2];
                    String what = route + " " + n + "x" + p + " K=" + K;
                    int[] foldId = Spred.foldIds(n, K, p);
                    Dataset d = GramCvTest.random(n, p, 7L * n + p);
                    FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-12);
                    double[] lam = Spred.lambdas(d, o, 12, p > n ? 0.02 : 1e-3);
                    CvResult quiet = run(route, ctx, d, o, lam, foldId, K, PathListener.NONE);
                    List<FitResult> seen = new ArrayList<>();
                    CvResult heard = run(route, ctx, d, o, lam, foldId, K, recorder(seen, (K + 1) * lam.length, what));
                    assertArrayEquals(quiet.meanLoss(), heard.meanLoss(), what + ": a listener changes nothing");
                    assertArrayEquals(quiet.stdErr(), heard.stdErr(), what);
                    assertCurveFrom(seen, d, o, foldId, K, lam, heard, 1e-12, what);
                }
        }
    }

    @Test
    void refittedPointsReachTheCurveAndTheListener() {
        try (Context ctx = Backends.get("java").open()) {
            for (Object[] c : CASES)
                for (String route : new String[]{"lazy", "whole"}) {
                    int n = (int) c[0], p = (int) c[1], K = (int) c[2];
                    String what = route + " " + n + "x" + p + " K=" + K + " refitted";
                    int[] foldId = Spred.foldIds(n, K, p);
                    Dataset d = GramCvTest.random(n, p, 7L * n + p);
                    FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-12);
                    double[] lam = Spred.lambdas(d, o, 12, p > n ? 0.02 : 1e-3);
                    CvResult exact = run(route, ctx, d, o, lam, foldId, K, PathListener.NONE);
                    int refits = GramCv.REFITS.get();
                    CvResult quiet, heard;
                    List<FitResult> seen = new ArrayList<>();
                    GramCv.looseTarget = 1e-2; // most Gram answers miss 1e-12: the engine refits them
                    try {
                        quiet = run(route, ctx, d, o, lam, foldId, K, PathListener.NONE);
                        heard = run(route, ctx, d, o, lam, foldId, K, recorder(seen, (K + 1) * lam.length, what));
                    } finally {
                        GramCv.looseTarget = 0;
                    }
                    assertTrue(GramCv.REFITS.get() - refits > lam.length, what + ": refits " + (GramCv.REFITS.get() - refits));
                    for (int l = 0; l < lam.length; l++) { // two certified answers: curves within √tol
                        assertEquals(exact.meanLoss()[l], quiet.meanLoss()[l], 1e-6 * exact.meanLoss()[l], what + ": curve at λ " + l);
                        assertTrue(heard.path().fits().get(l).certificate() <= o.tol(), what + ": full-data fit " + l + " certified");
                    }
                    assertCurveFrom(seen, d, o, foldId, K, lam, heard, 1e-12, what);
                }
        }
    }

    @Test
    void aStackOverJavasArrayLimitIsAOneLineErrorNotANegativeSize() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new GramCv.Stack(70_000, 40_000));
        assertTrue(e.getMessage().contains("70000 columns and 40000 lambda values"), e.getMessage());
        assertEquals(3 * 4, new GramCv.Stack(3, 4).betas.length);
    }

    static CvResult run(String route, Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int K, PathListener l) {
        return route.equals("lazy") ? LazyGramCv.runOn(ctx, d, o, lam, foldId, K, l, Long.MAX_VALUE) : GramCv.run(ctx, d, o, lam, foldId, K, l);
    }

    /** A listener that records each fit, checking the indices run 0..total−1 in order. */
    static PathListener recorder(List<FitResult> seen, int total, String what) {
        return (index, tot, fit) -> {
            assertEquals(seen.size(), index, what + ": fits in order");
            assertEquals(total, tot, what + ": total");
            assertNotNull(fit, what + ": fit " + index);
            seen.add(fit);
        };
    }

    /** The curve (weighted mean of the folds' held-out losses) from the listener's fold fits, host-side, equals the result's. */
    static void assertCurveFrom(List<FitResult> seen, Dataset d, FitOptions o, int[] foldId, int K, double[] lam, CvResult cv, double rel, String what) {
        assertEquals((K + 1) * lam.length, seen.size(), what + ": every fit heard once");
        double[] mean = new double[lam.length];
        for (int f = 1; f <= K; f++) {
            Dataset test = ManyProblemsTest.rows(d, foldId, f, true);
            for (int l = 0; l < lam.length; l++) {
                FitResult fr = seen.get((f - 1) * lam.length + l);
                assertTrue(fr.certificate() <= o.tol() && fr.certificate() >= -1e-12, what + ": fold " + f + " fit " + l + " certified: " + fr.certificate());
                mean[l] += test.n() * ManyProblemsTest.heldOut(test, fr, o.model()) / d.n();
            }
        }
        for (int l = 0; l < lam.length; l++)
            assertEquals(mean[l], cv.meanLoss()[l], rel * mean[l], what + ": the curve at λ " + l + " is made of the heard fits");
        for (int l = 0; l < lam.length; l++)
            assertArrayEquals(cv.path().fits().get(l).beta(), seen.get(K * lam.length + l).beta(), what + ": full-data fit " + l);
    }
}
