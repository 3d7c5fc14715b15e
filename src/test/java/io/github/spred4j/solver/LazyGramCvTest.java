package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Cross-validation on lazily computed Gram columns ({@link LazyGramCv}) against the whole-Gram route ({@link GramCv})
 * and against independent cold fits of every fold (the general engine), at awkward shapes: p = 1, p > n, p ≫ n, a
 * constant column, a column zero on one fold's rows (its training column is the full column minus a zero piece) and
 * one zero on all training rows but one fold, one row per fold, elastic net, no intercept, standardisation off; and
 * on the ../shared sets against the whole-Gram route and glmnet's reference solutions.
 */
class LazyGramCvTest {
    static final double TOL = 1e-11;

    /** A seeded problem with shifted, correlated columns; {@code kind} adds a constant or fold-zero column. */
    static Dataset problem(int n, int p, long seed, String kind, int[] foldId) {
        Dataset d = GramCvTest.random(n, p, seed);
        double[] x = d.x().clone();
        if (kind.equals("constant")) for (int i = 0; i < n; i++) x[i * p + p / 2] = 3.5;
        if (kind.equals("foldzero")) // column 0 zero on fold 1's rows, column p−1 zero everywhere but fold 2's
            for (int i = 0; i < n; i++) {
                if (foldId[i] == 1) x[i * p] = 0;
                if (foldId[i] != 2) x[i * p + p - 1] = 0;
            }
        return Dataset.dense(n, p, x, d.y(), null);
    }

    static FitOptions options(String kind) {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(TOL);
        return switch (kind) {
            case "enet" -> o.withAlpha(0.4);
            case "nointercept" -> o.withIntercept(false);
            case "raw" -> o.withStandardize(false);
            default -> o;
        };
    }

    /** n, p, folds and the variant: every awkward shape the route must get right. */
    static final Object[][] CASES = {
            {12, 1, 3, "plain"}, {9, 1, 9, "plain"}, {30, 33, 3, "plain"}, {25, 64, 5, "plain"}, {20, 300, 4, "plain"},
            {40, 57, 10, "constant"}, {35, 48, 5, "foldzero"}, {10, 23, 10, "plain"}, {31, 70, 5, "enet"},
            {28, 45, 4, "nointercept"}, {33, 60, 6, "raw"}, {101, 65, 7, "plain"}};

    @Test
    void lazyColumnsGiveTheWholeGramRoutesCurveAndPaths() {
        try (Context ctx = Backends.get("java").open()) {
            for (Object[] c : CASES) {
                int n = (int) c[0], p = (int) c[1], K = (int) c[2];
                String kind = (String) c[3], what = n + "x" + p + " K=" + K + " " + kind;
                int[] foldId = Spred.foldIds(n, K, p);
                Dataset d = problem(n, p, 13L * n + p, kind, foldId);
                FitOptions o = options(kind);
                double[] lam = Spred.lambdas(d, o, 15, p > n ? 0.02 : 1e-3);
                int refits = GramCv.REFITS.get();
                CvResult lazy = LazyGramCv.runOn(ctx, d, o, lam, foldId, K, PathListener.NONE, Long.MAX_VALUE);
                CvResult whole = GramCv.run(ctx, d, o, lam, foldId, K, PathListener.NONE);
                assertEquals(refits, GramCv.REFITS.get(), what + ": every point settled on its Gram (no engine refit)");
                compare(what, lazy, whole, o, 1e-8);
            }
        }
    }

    /** The curves, λ_min / λ_1se and the full-data paths (objectives, coefficients) of two CV results. */
    static void compare(String what, CvResult lazy, CvResult whole, FitOptions o, double rel) {
        for (int l = 0; l < lazy.lambdas().length; l++) {
            double m = whole.meanLoss()[l];
            assertEquals(m, lazy.meanLoss()[l], rel * m, what + ": CV mean at lambda " + l);
            assertEquals(whole.stdErr()[l], lazy.stdErr()[l], 100 * rel * (whole.stdErr()[l] + m), what + ": standard error at lambda " + l);
            FitResult a = lazy.path().fits().get(l), b = whole.path().fits().get(l);
            assertTrue(a.certificate() <= o.tol() && a.certificate() >= -Certificates.NEGATIVE_SLACK, what + ": certificate " + a.certificate());
            assertEquals(b.objective(), a.objective(), 2 * o.tol() * Math.abs(b.objective()), what + ": objective at lambda " + l);
            double scale = 1e-12;
            for (double v : b.beta()) scale = Math.max(scale, Math.abs(v));
            assertArrayEquals(b.beta(), a.beta(), 1e-4 * scale, what + ": coefficients at lambda " + l);
        }
        assertEquals(whole.indexMin(), lazy.indexMin(), what + ": lambda_min");
        assertEquals(whole.index1se(), lazy.index1se(), what + ": lambda_1se");
    }

    /**
     * Through {@code Spred.cv} (the route chosen for wide X), the curve equals independent cold fits of every fold
     * by the general engine.
     */
    @Test
    void theChosenRouteEqualsColdPerFoldFits() {
        try (Context ctx = Backends.get("java").open()) {
            for (Object[] c : new Object[][]{{25, 64, 5, "plain"}, {35, 48, 5, "foldzero"}, {10, 23, 10, "plain"}, {31, 70, 5, "enet"}, {12, 1, 3, "plain"}}) {
                int n = (int) c[0], p = (int) c[1], K = (int) c[2];
                int[] foldId = Spred.foldIds(n, K, p);
                Dataset d = problem(n, p, 7L * n + p, (String) c[3], foldId);
                FitOptions o = options((String) c[3]);
                String before = System.getProperty("spred4j.lazyGram");
                System.setProperty("spred4j.lazyGram", "true");
                long cols = LazyGramCv.COLUMNS.get();
                try {
                    ManyProblemsTest.checkCurve(ctx, d, o, Spred.lambdas(d, o, 8, p > n ? 0.05 : 1e-3), foldId);
                } finally {
                    if (before == null) System.clearProperty("spred4j.lazyGram");
                    else System.setProperty("spred4j.lazyGram", before);
                }
                assertTrue(LazyGramCv.COLUMNS.get() > cols, n + "x" + p + ": the lazy route ran");
            }
        }
    }

    /**
     * Wide X: only the columns of coordinates that move are computed (far fewer than the (K + 1)·p a whole Gram
     * per set holds); past the memory budget the route gives up in one piece and Spred.cv falls back to the per-fold
     * engine with the same curve.
     */
    @Test
    void wideProblemsComputeFewColumnsAndFallBackPastTheBudget() {
        int n = 30, p = 2000, K = 5;
        int[] foldId = Spred.foldIds(n, K, 3);
        Dataset d = problem(n, p, 5, "plain", foldId);
        FitOptions o = options("plain").withTol(1e-9);
        double[] lam = Spred.lambdas(d, o, 10, 0.1);
        try (Context ctx = Backends.get("java").open()) {
            long before = LazyGramCv.COLUMNS.get();
            CvResult lazy = LazyGramCv.runOn(ctx, d, o, lam, foldId, K, PathListener.NONE, Long.MAX_VALUE);
            long cols = LazyGramCv.COLUMNS.get() - before;
            assertTrue(cols > 0 && cols < (K + 1) * p / 10, "columns computed: " + cols + " of " + (K + 1) * p);
            assertThrows(LazyGramCv.OverBudget.class, () -> LazyGramCv.runOn(ctx, d, o, lam, foldId, K, PathListener.NONE, 8L * p * 3));
            CvResult engine = CrossValidation.perFold(ctx, d, o, lam, foldId, K, PathListener.NONE);
            for (int l = 0; l < lam.length; l++)
                assertEquals(engine.meanLoss()[l], lazy.meanLoss()[l], 1e-6 * engine.meanLoss()[l], "CV mean at lambda " + l);
            assertEquals(engine.indexMin(), lazy.indexMin());
        }
    }

    /**
     * The ../shared sets: gasoline (60×401) and diabetes_x2 (n &gt; p) against the whole-Gram route, golub's X with
     * its 0/1 labels as a response (38×3051; whole Grams would be 11·3051² doubles) against the per-fold engine; gasoline's
     * full-data path at glmnet's reference λ equals the reference objectives.
     */
    @Test
    void sharedSetsMatchTheWholeGramRouteAndGlmnetsReferences() throws Exception {
        for (String set : new String[]{"gasoline", "golub", "diabetes_x2"}) {
            Path dir = TestData.dir(set);
            Assumptions.assumeTrue(dir != null, "data set " + set + " not found (needs ../shared/data)");
            Dataset d = TestData.dataset(dir, set);
            FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-10);
            int[] foldId = Spred.foldIds(d.n(), 10, 2026);
            double[] lam = Spred.lambdas(d, o, 20, Double.NaN);
            try (Context ctx = Backends.get("native").open()) {
                CvResult lazy = LazyGramCv.runOn(ctx, d, o, lam, foldId, 10, PathListener.NONE, Long.MAX_VALUE);
                boolean wide = set.equals("golub");
                CvResult other = wide ? CrossValidation.perFold(ctx, d, o, lam, foldId, 10, PathListener.NONE)
                        : GramCv.run(ctx, d, o, lam, foldId, 10, PathListener.NONE);
                compare(set, lazy, other, o, wide ? 1e-6 : 1e-8);
                if (!set.equals("gasoline")) continue;
                TestData.Ref ref = TestData.ref(dir, set, "lasso");
                double[] rl = new double[ref.solutions().size()];
                for (int i = 0; i < rl.length; i++) rl[i] = TestData.num(ref.solutions().get(i), "lambda");
                CvResult at = LazyGramCv.runOn(ctx, d, o, rl, foldId, 10, PathListener.NONE, Long.MAX_VALUE);
                for (int i = 0; i < rl.length; i++) {
                    Map<String, Object> sol = ref.solutions().get(i);
                    FitResult f = at.path().fits().get(i);
                    double[] mine = TestData.certificate(d, "lasso", rl[i], f.intercept(), f.beta(), null);
                    double refObj = TestData.num(sol, "objective");
                    assertEquals(refObj, mine[0], 1e-9 * Math.abs(refObj), "gasoline at the reference lambda " + rl[i]);
                    assertTrue(mine[1] <= o.tol(), "gasoline: certificate recomputed " + mine[1]);
                }
            }
        }
    }
}
