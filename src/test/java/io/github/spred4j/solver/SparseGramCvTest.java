package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

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
    /** The sparse Gram route against the densified twin (itself checked against cold per-fold fits). */
    static void check(Context ctx, Dataset sp, FitOptions o, double[] lam, int[] foldId, String what) {
        SparseTwins.checkCv(SparseGramCv::run, ctx, sp, o, lam, foldId, what);
    }

    @Test
    void sparseGramCvEqualsTheDensifiedTwinAndColdFitsAtAwkwardSizes() {
        int[][] shapes = {{12, 1, 3}, {23, 2, 4}, {41, 7, 10}, {60, 17, 5}, {30, 33, 3}, {25, 64, 5}, {101, 65, 7}}; // n, p, folds
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-11);
        try (Context ctx = Backends.get("java").open()) {
            for (int[] s : shapes) {
                int[] foldId = Spred.foldIds(s[0], s[2], s[1]);
                Dataset d = SparseTwins.sparse(s[0], s[1], 0.3, 31L * s[0] + s[1], foldId);
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
                int[] foldId = SparseTwins.leaveOneOut(9);
                Dataset d = SparseTwins.sparse(9, 5, 0.5, 7, foldId);
                check(ctx, d, o, Spred.lambdas(d, o, 8, 1e-2), foldId, "leave-one-out " + o);
                int[] f2 = Spred.foldIds(47, 4, 3);
                Dataset d2 = SparseTwins.sparse(47, 13, 0.25, 8, f2);
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
                    Dataset d = SparseTwins.sparse(s[0], s[1], 0.3, 5L * s[0] + s[1], null);
                    String what = s[0] + "x" + s[1] + " " + o;
                    assertTrue(SparseGramCv.applies(d, o), what);
                    double[] lam = Spred.lambdas(d, o, 15, s[1] > s[0] ? 0.05 : 1e-3);
                    SparseTwins.checkPath((c, x, op, l) -> Spred.path(c, x, op, l, null), ctx, d, o, lam, what);
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
        Dataset small = SparseTwins.sparse(200, 20, 0.3, 1, null); // nnz ~1140, p² 400
        Dataset wide = SparseTwins.sparse(20, 600, 0.3, 1, null); // nnz ~3600, p² 360000
        Dataset dense = SparseTwins.sparse(700, 600, 0.6, 1, null); // nnz ~250000, p² 360000
        assertTrue(SparseGramCv.applies(small, o));
        assertTrue(SparseGramCv.applies(SparseTwins.sparse(10, 400, 0.1, 1, null), o), "p ≤ 500: the Gram route whatever the density");
        assertTrue(SparseGramCv.applies(dense, o), "p > 500 but p² ≤ 4·nnz");
        assertFalse(SparseGramCv.applies(wide, o), "p > 500 and p² far above nnz: the per-fold engine");
        assertFalse(SparseGramCv.applies(SparseTwins.densify(small), o), "dense X: GramCv's route");
        assertFalse(SparseGramCv.applies(small, FitOptions.defaults(Model.LOGISTIC)), "logistic");
        assertFalse(SparseGramCv.applies(small, o.withPrecision(io.github.spred4j.api.Precision.FLOAT32)), "float32");
        // and the wide set still cross-validates (per-fold engine), with the same curve as its densified twin's
        FitOptions t = o.withTol(1e-10);
        int[] foldId = Spred.foldIds(20, 4, 5);
        double[] lam = Spred.lambdas(wide, t, 6, 0.1);
        try (Context ctx = Backends.get("java").open()) {
            CvResult s = Spred.cv(ctx, wide, t, lam, foldId), d = Spred.cv(ctx, SparseTwins.densify(wide), t, lam, foldId);
            for (int l = 0; l < lam.length; l++)
                assertEquals(d.meanLoss()[l], s.meanLoss()[l], 1e-6 * d.meanLoss()[l], "wide: CV mean at lambda " + l);
        }
    }
}
