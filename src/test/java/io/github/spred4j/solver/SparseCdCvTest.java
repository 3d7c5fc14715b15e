package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Cross-validation and paths on sparse X by lockstep naive-mode coordinate descent ({@link SparseCdCv},
 * {@link SparseCd}): the curve, λ_min, λ_1se and the full-data path equal those of the densified twin (whose CV is
 * checked against independent cold fits on every fold's rows by {@link ManyProblemsTest#checkCurve}), with no engine
 * refit, at awkward sizes: p = 1, p > n, an empty column, a column whose nonzeros all lie in one fold (zero on that
 * fold's training rows... and on every other fold's held-out rows), one row per fold; the elastic net with
 * standardisation; no intercept. Mutations caught (run once each): the own-fold term kept in the sweep's dot
 * (fold sets trained on their held-out rows: 120 refits at 41×7), the centring dropped from the sweep's gradient
 * (36 refits at 12×1, and the path test), Σu not updated after a move (24 refits), the held-out η without the
 * fold's intercept (the CV mean at λ_0 off 9×). Not caught, as expected: the x̄·Σr term of the certificate's
 * gradient dropped (Σr over a training set is zero to rounding with an intercept; the term is kept for exactness).
 */
class SparseCdCvTest {
    static void check(Context ctx, Dataset sp, FitOptions o, double[] lam, int[] foldId, String what) {
        Dataset dense = SparseGramCvTest.densify(sp);
        ManyProblemsTest.checkCurve(ctx, dense, o, lam, foldId); // the dense CV = independent cold fits per fold
        int folds = CrossValidation.checkFolds(foldId, sp.n());
        assertTrue(SparseCdCv.applies(sp, o, folds + 1), what);
        int refits = GramCv.REFITS.get();
        int[] seen = new int[(folds + 1) * lam.length];
        CvResult s = SparseCdCv.run(ctx, sp, o, lam, foldId, folds, (i, t, f) -> {
            assertEquals(seen.length, t, what + ": listener total");
            seen[i]++;
            assertTrue(f.certificate() <= o.tol() && f.certificate() >= -Certificates.NEGATIVE_SLACK, what + ": fit " + i + " certified: " + f.certificate());
        });
        assertEquals(refits, GramCv.REFITS.get(), what + ": every point certified by the lockstep CD (no engine refit)");
        for (int c : seen) assertEquals(1, c, what + ": every fit reported once to the listener");
        CvResult d = Spred.cv(ctx, dense, o, lam, foldId);
        for (int l = 0; l < lam.length; l++) {
            assertEquals(d.meanLoss()[l], s.meanLoss()[l], 1e-7 * d.meanLoss()[l], what + ": CV mean at lambda " + l);
            assertEquals(d.stdErr()[l], s.stdErr()[l], 1e-6 * d.stdErr()[l] + 1e-12 * d.meanLoss()[l], what + ": CV standard error at lambda " + l);
            FitResult fs = s.path().fits().get(l), fd = d.path().fits().get(l);
            assertTrue(fs.certificate() <= o.tol() && fs.certificate() >= -Certificates.NEGATIVE_SLACK,
                    what + ": full-data fit " + l + " certified: " + fs.certificate());
            assertEquals(fd.objective(), fs.objective(), 1e-9 * Math.abs(fd.objective()), what + ": objective at lambda " + l);
            double indep = Certificates.of(sp, o, lam[l], fs.intercept(), fs.beta()).value();
            assertEquals(indep, fs.certificate(), 1e-9, what + ": the reported certificate is the host one at lambda " + l);
        }
        assertEquals(d.indexMin(), s.indexMin(), what + ": lambda_min");
        assertEquals(d.index1se(), s.index1se(), what + ": lambda_1se");
    }

    @Test
    void lockstepCvEqualsTheDensifiedTwinAndColdFitsAtAwkwardSizes() {
        int[][] shapes = {{12, 1, 3}, {23, 2, 4}, {41, 7, 10}, {60, 17, 5}, {30, 33, 3}, {25, 64, 5}, {101, 65, 7}, {97, 131, 10}};
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-11);
        try (Context ctx = Backends.get("java").open()) {
            for (int[] s : shapes) {
                int[] foldId = Spred.foldIds(s[0], s[2], s[1]);
                Dataset d = SparseGramCvTest.sparse(s[0], s[1], 0.3, 31L * s[0] + s[1], foldId);
                double[] lam = Spred.lambdas(d, o, 12, s[1] > s[0] ? 0.05 : 1e-3);
                check(ctx, d, o, lam, foldId, s[0] + "x" + s[1]);
            }
        }
    }

    /** Leave-one-out (one row per fold), the elastic net with standardisation, and no intercept (with and without). */
    @Test
    void oneRowPerFoldElasticNetAndNoIntercept() {
        FitOptions[] variants = {
                FitOptions.defaults(Model.SQUARED).withTol(1e-11),
                FitOptions.defaults(Model.SQUARED).withAlpha(0.4).withStandardize(true).withTol(1e-11),
                FitOptions.defaults(Model.SQUARED).withIntercept(false).withTol(1e-11),
                FitOptions.defaults(Model.SQUARED).withIntercept(false).withStandardize(true).withAlpha(0.7).withTol(1e-11)};
        try (Context ctx = Backends.get("java").open()) {
            for (FitOptions o : variants) {
                int n = 9;
                int[] foldId = new int[n];
                for (int i = 0; i < n; i++) foldId[i] = i + 1;
                Dataset d = SparseGramCvTest.sparse(n, 5, 0.5, 7, foldId);
                check(ctx, d, o, Spred.lambdas(d, o, 8, 1e-2), foldId, "leave-one-out " + o);
                int[] f2 = Spred.foldIds(47, 4, 3);
                Dataset d2 = SparseGramCvTest.sparse(47, 13, 0.25, 8, f2);
                check(ctx, d2, o, Spred.lambdas(d2, o, 10, 1e-3), f2, "47x13 " + o);
            }
        }
    }

    /**
     * The full-data path alone ({@link SparseCdCv#path}) against the engine's path on the same CSR data: every fit
     * certified, with the host certificate, and the same objectives.
     */
    @Test
    void lockstepPathEqualsTheEnginePath() {
        int[][] shapes = {{12, 1}, {40, 7}, {30, 33}, {101, 65}, {64, 257}};
        FitOptions[] variants = {
                FitOptions.defaults(Model.SQUARED).withTol(1e-10),
                FitOptions.defaults(Model.SQUARED).withAlpha(0.5).withStandardize(true).withTol(1e-10),
                FitOptions.defaults(Model.SQUARED).withIntercept(false).withTol(1e-10)};
        try (Context ctx = Backends.get("java").open()) {
            for (int[] s : shapes)
                for (FitOptions o : variants) {
                    Dataset d = SparseGramCvTest.sparse(s[0], s[1], 0.3, 5L * s[0] + s[1], null);
                    String what = s[0] + "x" + s[1] + " " + o;
                    double[] lam = Spred.lambdas(d, o, 15, s[1] > s[0] ? 0.05 : 1e-3);
                    int refits = GramCv.REFITS.get();
                    PathResult g = SparseCdCv.path(ctx, d, o, lam, (i, t, f) -> { }, 0, lam.length);
                    assertEquals(refits, GramCv.REFITS.get(), what + ": every point certified by the lockstep CD");
                    PathResult e = Paths.enginePath(ctx, d, o, lam, (i, t, f) -> { }, 0, lam.length);
                    for (int l = 0; l < lam.length; l++) {
                        FitResult a = g.fits().get(l), b = e.fits().get(l);
                        assertTrue(a.certificate() <= o.tol() && a.certificate() >= -Certificates.NEGATIVE_SLACK,
                                what + ": path fit " + l + " certified: " + a.certificate());
                        assertEquals(b.objective(), a.objective(), 1e-8 * Math.abs(b.objective()), what + ": objective at lambda " + l);
                        double indep = Certificates.of(d, o, lam[l], a.intercept(), a.beta()).value();
                        assertEquals(indep, a.certificate(), 1e-9, what + ": the reported certificate is the host one at lambda " + l);
                    }
                }
        }
    }

    /**
     * Where the sweep budget runs out, the engine refits the point (counted), and the curve and the full-data path
     * still equal the densified twin's; the route is taken beyond the fold-Gram crossover, for the squared loss by
     * CD in float64 without weights only.
     */
    @Test
    void exhaustedSweepsAreRefittedByTheEngineAndTheRouteIsChosen() {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-10);
        int[] foldId = Spred.foldIds(60, 5, 17);
        Dataset d = SparseGramCvTest.sparse(60, 17, 0.3, 31L * 60 + 17, foldId);
        double[] lam = Spred.lambdas(d, o, 12, 1e-3);
        try (Context ctx = Backends.get("java").open()) {
            int refits = GramCv.REFITS.get();
            CvResult s;
            SparseCd.sweepLimit = 3;
            try {
                s = SparseCdCv.run(ctx, d, o, lam, foldId, 5, PathListener.NONE);
            } finally {
                SparseCd.sweepLimit = Long.MAX_VALUE;
            }
            assertTrue(GramCv.REFITS.get() - refits > lam.length, "three sweeps per lambda cannot certify: refits " + (GramCv.REFITS.get() - refits));
            CvResult e = Spred.cv(ctx, SparseGramCvTest.densify(d), o, lam, foldId);
            for (int l = 0; l < lam.length; l++) {
                assertEquals(e.meanLoss()[l], s.meanLoss()[l], 1e-7 * e.meanLoss()[l], "refitted: CV mean at lambda " + l);
                FitResult f = s.path().fits().get(l);
                assertTrue(f.certificate() <= o.tol() && f.certificate() >= -Certificates.NEGATIVE_SLACK, "refitted full-data fit " + l + ": " + f.certificate());
            }
            // the route: sparse, p > 500 and p² > 4·nnz (SparseGramCv declines), squared loss by CD in float64
            Dataset wide = SparseGramCvTest.sparse(20, 600, 0.3, 1, null);
            assertFalse(SparseGramCv.applies(wide, o));
            assertTrue(SparseCdCv.applies(wide, o, 5));
            assertFalse(SparseCdCv.applies(SparseGramCvTest.densify(wide), o, 5), "dense X");
            assertFalse(SparseCdCv.applies(wide, FitOptions.defaults(Model.LOGISTIC), 5), "logistic");
            assertFalse(SparseCdCv.applies(wide, o.withPrecision(io.github.spred4j.api.Precision.FLOAT32), 5), "float32");
            assertFalse(SparseCdCv.applies(wide, o.withMethod(Method.LBFGS), 5), "spred L-BFGS");
            double[] w = new double[20];
            java.util.Arrays.fill(w, 1);
            assertFalse(SparseCdCv.applies(wide, o.withWeights(w), 5), "observation weights");
            int[] f4 = Spred.foldIds(20, 4, 5);
            double[] lw = Spred.lambdas(wide, o, 6, 0.1);
            int before = GramCv.REFITS.get();
            CvResult a = Spred.cv(ctx, wide, o, lw, f4), b = Spred.cv(ctx, SparseGramCvTest.densify(wide), o, lw, f4);
            assertEquals(before, GramCv.REFITS.get(), "wide: no refit");
            for (int l = 0; l < lw.length; l++)
                assertEquals(b.meanLoss()[l], a.meanLoss()[l], 1e-6 * b.meanLoss()[l], "wide: CV mean at lambda " + l);
        }
    }
}
