package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Cross-validation on sparse (CSR) X by fold Grams from sparse row products ({@link SparseGramCv}): its curve,
 * λ_min, λ_1se and full-data path equal those of the densified twin, whose CV curve is checked here against
 * independent cold fits on every fold's rows ({@link ManyProblemsTest#checkCurve}), at awkward sizes: p = 1, p > n,
 * empty columns, a column whose nonzeros all lie in one fold (all zero in that fold's training rows), one row per
 * fold. Mutations caught (run once each): the diagonal left out of a row's outer product (c = a + 1 in
 * {@link SparseGramCv#add}): 35 of the 36 points of the 12×1 set refitted by the engine (Gram solves that cannot
 * certify); the fold's Σx not subtracted (training sets centred by the wrong means): 8 refits there.
 */
class SparseGramCvTest {
    /**
     * A seeded sparse problem: each entry nonzero with probability {@code density}, values around 1 (so centring
     * matters), the last column empty, column 0's nonzeros only in rows of fold 1 when {@code foldId} is given.
     */
    static Dataset sparse(int n, int p, double density, long seed, int[] foldId) {
        Random r = new Random(seed);
        int[] rp = new int[n + 1];
        int[] ci = new int[n * p];
        double[] v = new double[n * p], y = new double[n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                if (p > 1 && j == p - 1) continue; // an empty column
                if (j == 0 && foldId != null && foldId[i] != 1) continue; // all zero outside fold 1
                if (r.nextDouble() >= density && !(j == 0 && foldId != null)) continue;
                double x = 1 + r.nextGaussian();
                ci[w] = j;
                v[w++] = x;
                if (j < 5) y[i] += (j % 2 == 0 ? 1.5 : -1) * x;
            }
            y[i] += 2 + 0.5 * r.nextGaussian();
            rp[i + 1] = w;
        }
        return Dataset.sparse(n, p, rp, Arrays.copyOf(ci, w), Arrays.copyOf(v, w), y, null);
    }

    static Dataset densify(Dataset s) {
        return Dataset.dense(s.n(), s.p(), HostX.csr(s).toDense(), s.y(), null);
    }

    /** The sparse Gram route against the densified twin (itself checked against cold per-fold fits). */
    static void check(Context ctx, Dataset sp, FitOptions o, double[] lam, int[] foldId, String what) {
        Dataset dense = densify(sp);
        ManyProblemsTest.checkCurve(ctx, dense, o, lam, foldId); // the dense CV = independent cold fits per fold
        int folds = CrossValidation.checkFolds(foldId, sp.n());
        int refits = GramCv.REFITS.get();
        CvResult s = SparseGramCv.run(ctx, sp, o, lam, foldId, folds, (i, t, f) -> { });
        assertEquals(refits, GramCv.REFITS.get(), what + ": every point settled on its Gram (no engine refit)");
        CvResult d = Spred.cv(ctx, dense, o, lam, foldId);
        for (int l = 0; l < lam.length; l++) {
            assertEquals(d.meanLoss()[l], s.meanLoss()[l], 1e-7 * d.meanLoss()[l], what + ": CV mean at lambda " + l);
            assertEquals(d.stdErr()[l], s.stdErr()[l], 1e-6 * d.stdErr()[l] + 1e-12 * d.meanLoss()[l], what + ": CV standard error at lambda " + l);
            FitResult fs = s.path().fits().get(l), fd = d.path().fits().get(l);
            assertTrue(fs.certificate() <= o.tol() && fs.certificate() >= -Certificates.NEGATIVE_SLACK,
                    what + ": full-data fit " + l + " certified: " + fs.certificate());
            assertEquals(fd.objective(), fs.objective(), 1e-9 * Math.abs(fd.objective()), what + ": objective at lambda " + l);
        }
        assertEquals(d.indexMin(), s.indexMin(), what + ": lambda_min");
        assertEquals(d.index1se(), s.index1se(), what + ": lambda_1se");
    }

    @Test
    void sparseGramCvEqualsTheDensifiedTwinAndColdFitsAtAwkwardSizes() {
        int[][] shapes = {{12, 1, 3}, {23, 2, 4}, {41, 7, 10}, {60, 17, 5}, {30, 33, 3}, {25, 64, 5}, {101, 65, 7}}; // n, p, folds
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-11);
        try (Context ctx = Backends.get("java").open()) {
            for (int[] s : shapes) {
                int[] foldId = Spred.foldIds(s[0], s[2], s[1]);
                Dataset d = sparse(s[0], s[1], 0.3, 31L * s[0] + s[1], foldId);
                double[] lam = Spred.lambdas(d, o, 12, s[1] > s[0] ? 0.05 : 1e-3);
                check(ctx, d, o, lam, foldId, s[0] + "x" + s[1]);
            }
        }
    }

    /** Leave-one-out (one row per fold), the elastic net with standardisation, and no intercept. */
    @Test
    void oneRowPerFoldElasticNetAndNoIntercept() {
        FitOptions[] variants = {
                FitOptions.defaults(Model.SQUARED).withTol(1e-11),
                FitOptions.defaults(Model.SQUARED).withAlpha(0.4).withStandardize(true).withTol(1e-11),
                FitOptions.defaults(Model.SQUARED).withIntercept(false).withTol(1e-11)};
        try (Context ctx = Backends.get("java").open()) {
            for (FitOptions o : variants) {
                int n = 9;
                int[] foldId = new int[n];
                for (int i = 0; i < n; i++) foldId[i] = i + 1;
                Dataset d = sparse(n, 5, 0.5, 7, foldId);
                check(ctx, d, o, Spred.lambdas(d, o, 8, 1e-2), foldId, "leave-one-out " + o);
                int[] f2 = Spred.foldIds(47, 4, 3);
                Dataset d2 = sparse(47, 13, 0.25, 8, f2);
                check(ctx, d2, o, Spred.lambdas(d2, o, 10, 1e-3), f2, "47x13 " + o);
            }
        }
    }

    /**
     * A path of sparse X on its Gram ({@link SparseGramCv#path}, what {@link Spred#path} runs where the route
     * applies) against the engine's path on the same CSR data: every fit certified from residuals, the same
     * objectives (the minimum is unique even where β is not, p > n). Mutation caught: the centring dropped from
     * {@link SparseGramCv#certify} (Xᵀr for Zcᵀr/n): all 15 points of the 12×1 path refitted by the engine.
     */
    @Test
    void sparsePathOnTheGramEqualsTheEnginePath() {
        int[][] shapes = {{12, 1}, {40, 7}, {30, 33}, {101, 65}};
        FitOptions[] variants = {
                FitOptions.defaults(Model.SQUARED).withTol(1e-10),
                FitOptions.defaults(Model.SQUARED).withAlpha(0.5).withStandardize(true).withTol(1e-10),
                FitOptions.defaults(Model.SQUARED).withIntercept(false).withTol(1e-10)};
        try (Context ctx = Backends.get("java").open()) {
            for (int[] s : shapes)
                for (FitOptions o : variants) {
                    Dataset d = sparse(s[0], s[1], 0.3, 5L * s[0] + s[1], null);
                    String what = s[0] + "x" + s[1] + " " + o;
                    assertTrue(SparseGramCv.applies(d, o), what);
                    double[] lam = Spred.lambdas(d, o, 15, s[1] > s[0] ? 0.05 : 1e-3);
                    int refits = GramCv.REFITS.get();
                    PathResult g = Spred.path(ctx, d, o, lam, null);
                    assertEquals(refits, GramCv.REFITS.get(), what + ": every point settled on the Gram");
                    PathResult e = Paths.enginePath(ctx, d, o, lam, (i, t, f) -> { }, 0, lam.length);
                    for (int l = 0; l < lam.length; l++) {
                        FitResult a = g.fits().get(l), b = e.fits().get(l);
                        assertTrue(a.certificate() <= o.tol() && a.certificate() >= -Certificates.NEGATIVE_SLACK,
                                what + ": Gram path fit " + l + " certified: " + a.certificate());
                        assertEquals(b.objective(), a.objective(), 1e-8 * Math.abs(b.objective()), what + ": objective at lambda " + l);
                        double indep = Certificates.of(d, o, lam[l], a.intercept(), a.beta()).value();
                        assertEquals(a.certificate(), indep, 1e-9, what + ": the reported certificate is the host one at lambda " + l);
                    }
                }
        }
    }

    /**
     * The route is chosen by the measured rule (p ≤ SMALL_P or p² ≤ NNZ_RATIO·nnz; p ≤ MAX_P), squared loss in
     * float64 only.
     */
    @Test
    void theRouteIsTakenWhereTheGramIsSmallAgainstX() {
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        Dataset small = sparse(200, 20, 0.3, 1, null); // nnz ~1140, p² 400
        Dataset wide = sparse(20, 600, 0.3, 1, null); // nnz ~3600, p² 360000
        Dataset dense = sparse(700, 600, 0.6, 1, null); // nnz ~250000, p² 360000
        assertTrue(SparseGramCv.applies(small, o));
        assertTrue(SparseGramCv.applies(sparse(10, 400, 0.1, 1, null), o), "p ≤ 500: the Gram route whatever the density");
        assertTrue(SparseGramCv.applies(dense, o), "p > 500 but p² ≤ 4·nnz");
        assertFalse(SparseGramCv.applies(wide, o), "p > 500 and p² far above nnz: the per-fold engine");
        assertFalse(SparseGramCv.applies(densify(small), o), "dense X: GramCv's route");
        assertFalse(SparseGramCv.applies(small, FitOptions.defaults(Model.LOGISTIC)), "logistic");
        assertFalse(SparseGramCv.applies(small, o.withPrecision(io.github.spred4j.api.Precision.FLOAT32)), "float32");
        // and the wide set still cross-validates (per-fold engine), with the same curve as its densified twin's
        FitOptions t = o.withTol(1e-10);
        int[] foldId = Spred.foldIds(20, 4, 5);
        double[] lam = Spred.lambdas(wide, t, 6, 0.1);
        try (Context ctx = Backends.get("java").open()) {
            CvResult s = Spred.cv(ctx, wide, t, lam, foldId), d = Spred.cv(ctx, densify(wide), t, lam, foldId);
            for (int l = 0; l < lam.length; l++)
                assertEquals(d.meanLoss()[l], s.meanLoss()[l], 1e-6 * d.meanLoss()[l], "wide: CV mean at lambda " + l);
        }
    }
}
