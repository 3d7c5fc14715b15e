package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Many problems on one X: cross-validation with given fold ids and λ (its CV curve against the held-out losses
 * this test computes itself from independent cold fits on each fold's training rows), λ sequences, and one fit
 * or path per response column (against the one-at-a-time fits).
 */
class ManyProblemsTest {
    static Stream<String> backends() {
        return SolverBehaviourTest.backends();
    }

    /** Fold ids 1..sizes.length with the given fold sizes, in a seeded random order (deliberately unequal folds). */
    static int[] foldIds(int[] sizes, long seed) {
        int n = 0;
        for (int s : sizes) n += s;
        int[] f = new int[n];
        int k = 0;
        for (int a = 0; a < sizes.length; a++) for (int i = 0; i < sizes[a]; i++) f[k++] = a + 1;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = f[i];
            f[i] = f[j];
            f[j] = t;
        }
        return f;
    }

    static Dataset rows(Dataset d, int[] foldId, int fold, boolean in) {
        int c = 0;
        for (int f : foldId) if (f == fold == in) c++;
        int p = d.p();
        double[] x = new double[c * p], y = new double[c];
        c = 0;
        for (int i = 0; i < d.n(); i++)
            if (foldId[i] == fold == in) {
                System.arraycopy(d.x(), i * p, x, c * p, p);
                y[c++] = d.y()[i];
            }
        return Dataset.dense(y.length, p, x, y, null);
    }

    /** The held-out loss of one fit on a test set, computed here: squared error or glmnet's clamped deviance. */
    static double heldOut(Dataset test, FitResult f, Model m) {
        double s = 0;
        for (int i = 0; i < test.n(); i++) {
            double eta = f.intercept();
            for (int j = 0; j < test.p(); j++) eta += test.x()[i * test.p() + j] * f.beta()[j];
            double y = test.y()[i];
            if (m == Model.LOGISTIC) {
                double mu = Math.min(Math.max(1 / (1 + Math.exp(-eta)), 1e-5), 1 - 1e-5);
                s += -2 * (y * Math.log(mu) + (1 - y) * Math.log(1 - mu));
            } else s += (y - eta) * (y - eta);
        }
        return s / test.n();
    }

    /** cv.glmnet's curve from the folds, recomputed from independent cold fits; compared with Spred.cv. */
    static void checkCurve(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId) {
        CvResult cv = Spred.cv(ctx, d, o, lam, foldId);
        int K = 0;
        for (int f : foldId) K = Math.max(K, f);
        double[][] loss = new double[K][lam.length];
        double[] w = new double[K];
        for (int f = 1; f <= K; f++) {
            Dataset train = rows(d, foldId, f, false), test = rows(d, foldId, f, true);
            w[f - 1] = test.n();
            for (int l = 0; l < lam.length; l++) {
                FitResult fr = Spred.fit(ctx, train, o.withLambda(lam[l]));
                assertTrue(fr.certificate() <= o.tol(), "fold " + f + " lambda " + lam[l] + " certified: " + fr.certificate());
                loss[f - 1][l] = heldOut(test, fr, o.model());
            }
        }
        int iMin = 0;
        double[] mean = new double[lam.length], se = new double[lam.length];
        for (int l = 0; l < lam.length; l++) {
            for (int f = 0; f < K; f++) mean[l] += w[f] * loss[f][l] / d.n();
            double v = 0;
            for (int f = 0; f < K; f++) v += w[f] * Math.pow(loss[f][l] - mean[l], 2) / d.n();
            se[l] = Math.sqrt(v / (K - 1));
            if (mean[l] < mean[iMin]) iMin = l;
        }
        int i1 = iMin;
        for (int l = iMin; l >= 0; l--) if (mean[l] <= mean[iMin] + se[iMin]) i1 = l;
        assertArrayEquals(lam, cv.lambdas(), 0.0, "the given sequence is the one used");
        for (int l = 0; l < lam.length; l++) {
            assertEquals(mean[l], cv.meanLoss()[l], 1e-7 * mean[l], "CV mean at lambda " + l);
            assertEquals(se[l], cv.stdErr()[l], 1e-6 * se[l] + 1e-12 * mean[l], "CV standard error at lambda " + l);
        }
        assertEquals(iMin, cv.indexMin(), "lambda_min");
        assertEquals(i1, cv.index1se(), "lambda_1se");
        assertEquals(lam[iMin], cv.lambdaMin());
        assertEquals(lam[i1], cv.lambda1se());
        assertEquals(lam.length, cv.path().fits().size());
        for (FitResult f : cv.path().fits()) assertTrue(f.certificate() <= o.tol(), "full-data path certified: " + f.certificate());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void lassoCvCurveEqualsIndependentHeldOutLosses(String backend) throws Exception {
        Dataset d = SolverBehaviourTest.diabetes(); // 442 rows
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-11);
        double[] lam = Spred.lambdas(d, o, 7, 1e-3);
        try (Context ctx = Backends.get(backend).open()) {
            checkCurve(ctx, d, o, lam, foldIds(new int[]{40, 90, 140, 172}, 3));
        }
    }

    /** The Gram route (fold Grams by subtraction) with the elastic net, standardisation and no intercept. */
    @Test
    void elasticNetStandardisedAndNoInterceptCvCurvesEqualIndependentHeldOutLosses() throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        int[] folds = foldIds(new int[]{100, 42, 150, 150}, 8);
        FitOptions[] variants = {
                FitOptions.defaults(Model.SQUARED).withAlpha(0.4).withStandardize(true).withTol(1e-11),
                FitOptions.defaults(Model.SQUARED).withIntercept(false).withTol(1e-11)};
        try (Context ctx = Backends.get("java").open()) {
            for (FitOptions o : variants) {
                int before = GramCv.REFITS.get();
                checkCurve(ctx, d, o, Spred.lambdas(d, o, 6, 1e-3), folds);
                assertEquals(before, GramCv.REFITS.get(), "every fit certified on its fold Gram, none refitted");
            }
        }
    }

    @Test
    void theGramRouteCertifiesEveryFitOfA100LambdaCvWithoutTheGeneralEngine() throws Exception {
        Dataset d = TestData.dataset(TestData.resourceDir(), "diabetes_raw");
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        int before = GramCv.REFITS.get();
        try (Context ctx = Backends.get("java").open()) {
            CvResult cv = Spred.cv(ctx, d, o, Spred.lambdas(d, o, 100, Double.NaN), Spred.foldIds(d.n(), 10, 1));
            for (FitResult f : cv.path().fits()) {
                assertTrue(f.certificate() <= o.tol() && f.certificate() > -1e-12, "certified: " + f.certificate());
                assertEquals(Spred.fit(ctx, d, o.withLambda(f.lambda())).objective(), f.objective(), 1e-9 * f.objective());
            }
        }
        assertEquals(before, GramCv.REFITS.get(), "no point needed the general engine");
    }

    @Test
    void logisticCvCurveEqualsIndependentHeldOutDeviance() throws Exception {
        Random r = new Random(11);
        int n = 90, p = 5;
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = 0.3;
            for (int j = 0; j < p; j++) {
                x[i * p + j] = r.nextGaussian();
                if (j < 3) eta += (j + 1) * 0.6 * x[i * p + j];
            }
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        Dataset d = Dataset.dense(n, p, x, y, null);
        FitOptions o = FitOptions.defaults(Model.LOGISTIC).withTol(1e-10);
        double[] lam = {0.3, 0.1, 0.04, 0.01, 0.002};
        try (Context ctx = Backends.get("java").open()) {
            checkCurve(ctx, d, o, lam, foldIds(new int[]{20, 30, 40}, 5));
        }
    }

    @Test
    void theSeedOverloadIsTheFoldIdOverloadWithTheSeededFolds() throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        try (Context ctx = Backends.get("java").open()) {
            CvResult a = Spred.cv(ctx, d, o, 6, 1e-2, 3, 42);
            int[] ids = Spred.foldIds(d.n(), 3, 42);
            int[] count = new int[4];
            for (int f : ids) count[f]++;
            assertEquals(0, count[0], "fold ids are 1-based, as cv.glmnet's");
            for (int f = 1; f <= 3; f++) assertTrue(count[f] == 147 || count[f] == 148, "balanced folds");
            CvResult b = Spred.cv(ctx, d, o, Spred.lambdas(d, o, 6, 1e-2), ids);
            assertArrayEquals(a.lambdas(), b.lambdas(), 0.0);
            assertArrayEquals(a.meanLoss(), b.meanLoss(), 0.0);
            assertArrayEquals(a.stdErr(), b.stdErr(), 0.0);
        }
    }

    @Test
    void badFoldIdsAndLambdasAreOneLineErrors() throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        int n = d.n();
        double[] lam = {10, 1};
        int[] ok = Spred.foldIds(n, 3, 1);
        try (Context ctx = Backends.get("java").open()) {
            String[][] cases = {
                    {"short", "foldId has length 441, expected n = 442"},
                    {"zero", "foldId[5] = 0 is not a fold number"},
                    {"one", "at least 2 folds"},
                    {"gap", "fold 2 has no rows"},
            };
            for (String[] c : cases) {
                int[] f = switch (c[0]) {
                    case "short" -> java.util.Arrays.copyOf(ok, n - 1);
                    case "zero" -> {
                        int[] z = ok.clone();
                        z[5] = 0;
                        yield z;
                    }
                    case "one" -> new int[n];
                    default -> {
                        int[] g = ok.clone();
                        for (int i = 0; i < n; i++) if (g[i] == 2) g[i] = 3;
                        yield g;
                    }
                };
                if (c[0].equals("one")) java.util.Arrays.fill(f, 1);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spred.cv(ctx, d, o, lam, f));
                assertTrue(e.getMessage().contains(c[1]), c[0] + ": " + e.getMessage());
            }
            double[][] badLam = {{1, 2}, {1, 1}, {1, 0}, {1, Double.NaN}, {Double.POSITIVE_INFINITY, 1}, {}};
            String[] want = {"strictly decreasing", "strictly decreasing", "lambda[1] must be finite and > 0", "lambda[1] must be finite",
                    "lambda[0] must be finite", "empty"};
            for (int a = 0; a < badLam.length; a++) {
                double[] l = badLam[a];
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spred.cv(ctx, d, o, l, ok));
                assertTrue(e.getMessage().contains(want[a]), e.getMessage());
                IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class, () -> Spred.path(ctx, d, o, l, PathListener.NONE));
                assertEquals(e.getMessage(), e2.getMessage(), "path checks the sequence the same way");
            }
        }
    }

    @Test
    void anExplicitSequenceGivesTheSamePathAsTheGeneratedOne() throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        try (Context ctx = Backends.get("java").open()) {
            PathResult a = Spred.path(ctx, d, o, 9, Double.NaN);
            double[] lam = Spred.lambdas(d, o, 9, Double.NaN);
            assertArrayEquals(a.lambdas(), lam, 0.0);
            assertEquals(Spred.lambdaMax(d, o), lam[0], 0.0);
            int[] seen = new int[1];
            PathResult b = Spred.path(ctx, d, o, lam, (i, total, f) -> {
                assertEquals(seen[0]++, i);
                assertEquals(9, total);
            });
            assertEquals(9, seen[0]);
            for (int i = 0; i < 9; i++) assertArrayEquals(a.fits().get(i).beta(), b.fits().get(i).beta(), 0.0);
        }
    }

    /** Three responses on diabetes' X: y, a rescaled and shifted y, and y with noise (different supports and λ_max). */
    static double[][] targets(Dataset d) {
        Random r = new Random(4);
        double[][] ys = new double[3][d.n()];
        for (int i = 0; i < d.n(); i++) {
            ys[0][i] = d.y()[i];
            ys[1][i] = 0.01 * d.y()[i] - 3;
            ys[2][i] = d.y()[i] + 60 * r.nextGaussian();
        }
        return ys;
    }

    static Dataset withY(Dataset d, double[] y) {
        return Dataset.dense(d.n(), d.p(), d.x(), y, d.names());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void oneFitPerTargetEqualsTheSingleFits(String backend) throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        double[][] ys = targets(d);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-10);
        double[] lams = new double[3];
        for (int t = 0; t < 3; t++) lams[t] = 0.05 * Spred.lambdaMax(withY(d, ys[t]), o);
        try (Context ctx = Backends.get(backend).open()) {
            int before = GramCv.REFITS.get();
            FitResult[] many = Spred.fitTargets(ctx, d, ys, o, lams);
            assertEquals(before, GramCv.REFITS.get(), "every target certified on the shared Gram");
            assertEquals(3, many.length);
            for (int t = 0; t < 3; t++) {
                FitResult one = Spred.fit(ctx, withY(d, ys[t]), o.withLambda(lams[t]));
                assertEquals(lams[t], many[t].lambda());
                assertTrue(many[t].certificate() <= o.tol(), "target " + t + " certified: " + many[t].certificate());
                assertEquals(one.objective(), many[t].objective(), 1e-9 * Math.abs(one.objective()));
                double scale = 0;
                for (double b : one.beta()) scale = Math.max(scale, Math.abs(b));
                for (int j = 0; j < d.p(); j++)
                    assertEquals(one.beta()[j], many[t].beta()[j], 1e-4 * scale, "target " + t + " beta " + j);
                assertEquals(one.nnz(), many[t].nnz(), "target " + t + " support");
            }
            FitResult[] same = Spred.fitTargets(ctx, d, ys, o.withLambda(1.0));
            for (FitResult f : same) assertEquals(1.0, f.lambda());
        }
    }

    /**
     * Many targets advance on one Gram solver, each from the previous target's solution: every one certified on
     * its own problem and equal to its single fit, whatever the supports (noise, rescaling, λ above λ_max).
     */
    @Test
    void manyTargetsOnOneSolverAreEachCertifiedAndEqualTheSingleFits() throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        Random r = new Random(12);
        int k = 40;
        double[][] ys = new double[k][d.n()];
        double[] lams = new double[k];
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-9);
        for (int t = 0; t < k; t++) {
            double scale = t % 3 == 0 ? 1 : t % 3 == 1 ? -0.02 : 5, noise = 100 * r.nextDouble();
            for (int i = 0; i < d.n(); i++) ys[t][i] = scale * (d.y()[i] + noise * r.nextGaussian()) + t;
            double lmax = Spred.lambdaMax(withY(d, ys[t]), o);
            lams[t] = t == 7 ? 1.5 * lmax : lmax * Math.pow(1e-3, r.nextDouble());
        }
        try (Context ctx = Backends.get("java").open()) {
            int before = GramCv.REFITS.get();
            FitResult[] many = Spred.fitTargets(ctx, d, ys, o, lams);
            assertEquals(before, GramCv.REFITS.get(), "every target certified on the shared Gram");
            for (int t = 0; t < k; t++) {
                FitResult one = Spred.fit(ctx, withY(d, ys[t]), o.withLambda(lams[t]));
                assertTrue(many[t].certificate() <= o.tol() && many[t].certificate() > -1e-12, "target " + t + ": " + many[t].certificate());
                double within = Math.max(one.certificate(), many[t].certificate()) + 1e-12;
                assertEquals(one.objective(), many[t].objective(), within * Math.abs(one.objective()), "target " + t);
            }
            assertEquals(0, many[7].nnz(), "above its lambda_max: beta = 0");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aBatchOfLambdasInAnyOrderEqualsTheSingleFitsAndIsSolvedOnTheGram(String backend) throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        for (FitOptions o : new FitOptions[]{FitOptions.defaults(Model.SQUARED),
                FitOptions.defaults(Model.SQUARED).withAlpha(0.3).withStandardize(true)}) {
            double lmax = Spred.lambdaMax(d, o);
            double[] lam = new double[23];
            Random r = new Random(6);
            for (int i = 0; i < lam.length; i++) lam[i] = i == 5 ? 2 * lmax : lmax * Math.pow(1e-4, r.nextDouble()); // one above λ_max
            int before = GramCv.REFITS.get();
            try (Context ctx = Backends.get(backend).open()) {
                FitResult[] b = Spred.fitBatch(ctx, d, o, lam);
                assertEquals(before, GramCv.REFITS.get(), "every λ certified on the Gram route");
                for (int i = 0; i < lam.length; i++) {
                    assertEquals(lam[i], b[i].lambda(), 0.0, "input order");
                    assertTrue(b[i].certificate() <= o.tol() && b[i].certificate() > -1e-12, "certified: " + b[i].certificate());
                    FitResult one = Spred.fit(ctx, d, o.withLambda(lam[i]));
                    // both certified: each objective within its relative gap of the optimum
                    double within = Math.max(one.certificate(), b[i].certificate()) + 1e-12;
                    assertEquals(one.objective(), b[i].objective(), within * one.objective(), "lambda " + lam[i]);
                    assertEquals(one.nnz(), b[i].nnz(), "lambda " + lam[i]);
                }
                assertEquals(0, b[5].nnz(), "above lambda_max: beta = 0");
            }
        }
    }

    @Test
    void onePathPerTargetEqualsTheSinglePaths() throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        double[][] ys = targets(d);
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        try (Context ctx = Backends.get("java").open()) {
            double[] lam = {20, 5, 1, 0.2};
            int[] calls = new int[1];
            PathResult[] shared = Spred.pathTargets(ctx, d, ys, o, lam, (i, total, f) -> {
                assertEquals(calls[0]++, i, "fits counted over all targets");
                assertEquals(12, total);
            });
            assertEquals(12, calls[0]);
            PathResult[] own = Spred.pathTargets(ctx, d, ys, o, 5, 0.01, PathListener.NONE);
            for (int t = 0; t < 3; t++) {
                PathResult one = Spred.path(ctx, withY(d, ys[t]), o, lam, PathListener.NONE);
                for (int i = 0; i < lam.length; i++) { // one Gram for all targets' paths: the same problems, each certified
                    FitResult a = one.fits().get(i), b = shared[t].fits().get(i);
                    assertTrue(b.certificate() <= o.tol() && b.certificate() > -1e-12, "target " + t + " lambda " + i + ": " + b.certificate());
                    double within = Math.max(a.certificate(), b.certificate()) + 1e-12;
                    assertEquals(a.objective(), b.objective(), within * Math.abs(a.objective()), "target " + t + " lambda " + i);
                    assertEquals(a.nnz(), b.nnz(), "target " + t + " lambda " + i);
                }
                assertEquals(Spred.lambdaMax(withY(d, ys[t]), o), own[t].lambdas()[0], 0.0, "each target's own sequence");
                assertEquals(5, own[t].fits().size());
            }
            assertNotEquals(own[0].lambdas()[0], own[1].lambdas()[0]);
        }
    }

    @Test
    void badTargetsAreNamed() throws Exception {
        Dataset d = SolverBehaviourTest.diabetes();
        FitOptions o = FitOptions.defaults(Model.SQUARED).withLambda(1);
        double[][] ys = targets(d);
        try (Context ctx = Backends.get("java").open()) {
            double[][] shortY = {ys[0], java.util.Arrays.copyOf(ys[1], 10)};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spred.fitTargets(ctx, d, shortY, o));
            assertTrue(e.getMessage().contains("target 1 has length 10, expected n = 442"), e.getMessage());
            double[][] nanY = {ys[0], ys[1].clone()};
            nanY[1][7] = Double.NaN;
            e = assertThrows(IllegalArgumentException.class, () -> Spred.fitTargets(ctx, d, nanY, o));
            assertTrue(e.getMessage().startsWith("target 1: y[7] is not finite"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Spred.fitTargets(ctx, d, ys, o, new double[]{1, 2}));
            assertTrue(e.getMessage().contains("one lambda per target: 3 targets, 2 lambdas"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> Spred.fitTargets(ctx, d, new double[0][], o));
            assertTrue(e.getMessage().contains("no targets"), e.getMessage());
        }
    }
}
