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
 * refit, at awkward sizes: p = 1, p > n, an empty column, a column whose nonzeros all lie in one fold (all zero on
 * that fold's training rows: a = 0 there), one row per fold; the elastic net with
 * standardisation; no intercept. Mutations caught (run once each): the own-fold term kept in the sweep's dot
 * (fold sets trained on their held-out rows: 120 refits at 41×7), the centring dropped from the sweep's gradient
 * (36 refits at 12×1, and the path test), Σu not updated after a move (24 refits), the held-out η without the
 * fold's intercept (the CV mean at λ_0 off 9×). Not caught, as expected: the x̄·Σr term of the certificate's
 * gradient dropped (Σr over a training set is zero to rounding with an intercept; the term is kept for exactness).
 */
class SparseCdCvTest {
    static void check(Context ctx, Dataset sp, FitOptions o, double[] lam, int[] foldId, String what) {
        assertTrue(SparseCdCv.applies(sp, o, CrossValidation.checkFolds(foldId, sp.n()) + 1), what);
        SparseTwins.checkCv(SparseCdCv::run, ctx, sp, o, lam, foldId, what);
    }

    @Test
    void lockstepCvEqualsTheDensifiedTwinAndColdFitsAtAwkwardSizes() {
        int[][] shapes = {{12, 1, 3}, {23, 2, 4}, {41, 7, 10}, {60, 17, 5}, {30, 33, 3}, {25, 64, 5}, {101, 65, 7}, {97, 131, 10}};
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
                    Dataset d = SparseTwins.sparse(s[0], s[1], 0.3, 5L * s[0] + s[1], null);
                    String what = s[0] + "x" + s[1] + " " + o;
                    double[] lam = Spred.lambdas(d, o, 15, s[1] > s[0] ? 0.05 : 1e-3);
                    SparseTwins.checkPath((c, x, op, l) -> SparseCdCv.path(c, x, op, l, (i, t, f) -> { }, 0, l.length), ctx, d, o, lam, what);
                }
        }
    }

    /**
     * Where the sweep budget runs out, the engine refits the point (counted), and the curve and the full-data path
     * still equal the densified twin's; the route is taken beyond the fold-Gram crossover where columns are long, for
     * the squared loss by CD in float64 without weights only.
     */
    @Test
    void exhaustedSweepsAreRefittedByTheEngineAndTheRouteIsChosen() {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-10);
        int[] foldId = Spred.foldIds(60, 5, 17);
        Dataset d = SparseTwins.sparse(60, 17, 0.3, 31L * 60 + 17, foldId);
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
            CvResult e = Spred.cv(ctx, SparseTwins.densify(d), o, lam, foldId);
            for (int l = 0; l < lam.length; l++) {
                assertEquals(e.meanLoss()[l], s.meanLoss()[l], 1e-7 * e.meanLoss()[l], "refitted: CV mean at lambda " + l);
                FitResult f = s.path().fits().get(l);
                assertTrue(SparseTwins.certified(f, o), "refitted full-data fit " + l + ": " + f.certificate());
            }
            // the route: sparse, p > 500 and p² > 4·nnz (SparseGramCv declines), squared loss by CD in float64
            Dataset wide = SparseTwins.sparse(20, 600, 0.3, 1, null);
            assertFalse(SparseGramCv.applies(wide, o));
            assertTrue(SparseCdCv.applies(wide, o, 5));
            assertFalse(SparseCdCv.applies(SparseTwins.densify(wide), o, 5), "dense X");
            assertFalse(SparseCdCv.applies(wide, FitOptions.defaults(Model.LOGISTIC), 5), "logistic");
            assertFalse(SparseCdCv.applies(wide, o.withPrecision(io.github.spred4j.api.Precision.FLOAT32), 5), "float32");
            assertFalse(SparseCdCv.applies(wide, o.withMethod(Method.LBFGS), 5), "spred L-BFGS");
            double[] w = new double[20];
            java.util.Arrays.fill(w, 1);
            assertFalse(SparseCdCv.applies(wide, o.withWeights(w), 5), "observation weights");
            assertFalse(SparseCdCv.chosen(wide), "6 nonzeros a column: the per-fold engine");
            Dataset tall = SparseTwins.sparse(200, 600, 0.3, 2, null); // ~60 a column, p² > 4·nnz
            assertFalse(SparseGramCv.applies(tall, o));
            assertTrue(SparseCdCv.applies(tall, o, 5) && SparseCdCv.chosen(tall), "long columns: the lockstep route");
            int[] f4 = Spred.foldIds(200, 4, 5);
            double[] lw = Spred.lambdas(tall, o, 6, 0.1);
            int before = GramCv.REFITS.get();
            CvResult a = Spred.cv(ctx, tall, o, lw, f4), b = Spred.cv(ctx, SparseTwins.densify(tall), o, lw, f4);
            assertEquals(before, GramCv.REFITS.get(), "tall: no refit");
            for (int l = 0; l < lw.length; l++)
                assertEquals(b.meanLoss()[l], a.meanLoss()[l], 1e-6 * b.meanLoss()[l], "tall: CV mean at lambda " + l);
        }
    }

    /**
     * Where the support and signs hold (the path's tail on a tall problem: every column active), the lasso's path is
     * linear in λ, and {@link SparseCd} starts each λ on the line through the last two answers: the tail's λ then
     * take far fewer column sweeps than from plain warm starts, to the same certified objectives, for the full data
     * alone and for folds in lockstep. Mutation caught: the line's step with the wrong sign (r → −r): more sweeps
     * than plain warm starts.
     */
    @Test
    void eachLambdaStartsOnThePathsLine() {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-10);
        Dataset d = SparseTwins.sparse(300, 8, 0.6, 3, null);
        double[] lam = Spred.lambdas(d, o, 30, 1e-4);
        int[] held = new int[d.n()];
        for (int i = 0; i < held.length; i++) held[i] = i % 3;
        for (int k : new int[]{1, 4}) {
            long[] tail = new long[2];
            double[][] obj = new double[2][lam.length * k];
            for (int m = 0; m < 2; m++) {
                SparseCd cd = new SparseCd(io.github.spred4j.data.SparseCache.csc(d, HostX::csr), d.y(), k == 1 ? null : held, k, o);
                cd.line = m == 1;
                double prev = lam[0];
                for (int t = 0; t < k; t++) prev = Math.max(prev, cd.lambdaMax(t));
                for (int l = 0; l < lam.length; l++) {
                    long before = cd.columnSweeps;
                    Certificates.Certificate[] c = cd.solve(lam[l], prev, Families.of(Model.SQUARED));
                    prev = lam[l];
                    for (int t = 0; t < k; t++) {
                        assertFalse(cd.unsettled(t), "k " + k + " set " + t + " certified at lambda " + l);
                        obj[m][l * k + t] = c[t].objective();
                    }
                    if (l >= lam.length - 10) tail[m] += cd.columnSweeps - before;
                }
                for (int j = 0; j < 7; j++) assertNotEquals(0, cd.beta(k - 1)[j], "k " + k + ": column " + j + " active at the end");
            }
            assertTrue(2 * tail[1] <= tail[0], "k " + k + ": the line's starts take at most half the sweeps: " + tail[1] + " vs " + tail[0]);
            for (int q = 0; q < obj[0].length; q++) assertEquals(obj[0][q], obj[1][q], 1e-9 * Math.abs(obj[0][q]), "k " + k + ": objective " + q);
        }
    }

    /**
     * The active sweeps stop at a small fraction of the last strong-set sweep's step ({@link SparseCd#ACTIVE_STOP})
     * rather than at the threshold: fewer column sweeps (seeded rcv1-shaped 400×300, four sets in lockstep: −21%) to
     * the same certified objectives. Mutation caught: the stop at the threshold alone (as many sweeps as without).
     */
    @Test
    void activeSweepsStopAtAFractionOfTheStrongSweep() {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-10);
        Dataset d = Rcv1Shaped.generate(400, 300, 20, 11);
        double[] lam = Spred.lambdas(d, o, 30, 1e-3);
        int k = 4;
        int[] held = new int[d.n()];
        for (int i = 0; i < held.length; i++) held[i] = i % (k - 1);
        long[] sweeps = new long[2];
        double[][] obj = new double[2][lam.length * k];
        for (int m = 0; m < 2; m++) {
            SparseCd cd = new SparseCd(io.github.spred4j.data.SparseCache.csc(d, HostX::csr), d.y(), held, k, o);
            cd.activeStop = m == 0 ? 0 : SparseCd.ACTIVE_STOP;
            double prev = lam[0];
            for (int t = 0; t < k; t++) prev = Math.max(prev, cd.lambdaMax(t));
            for (int l = 0; l < lam.length; l++) {
                Certificates.Certificate[] c = cd.solve(lam[l], prev, Families.of(Model.SQUARED));
                prev = lam[l];
                for (int t = 0; t < k; t++) {
                    assertFalse(cd.unsettled(t), "stop " + cd.activeStop + " set " + t + " certified at lambda " + l);
                    obj[m][l * k + t] = c[t].objective();
                }
            }
            sweeps[m] = cd.columnSweeps;
        }
        assertTrue(SparseCd.ACTIVE_STOP > 0, "the stop is on by default");
        assertTrue(10 * sweeps[1] <= 9 * sweeps[0], "the early stop saves at least 10% of the sweeps: " + sweeps[1] + " vs " + sweeps[0]);
        for (int q = 0; q < obj[0].length; q++) assertEquals(obj[0][q], obj[1][q], 1e-9 * Math.abs(obj[0][q]), "objective " + q);
    }
}
