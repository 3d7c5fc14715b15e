package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** λ ≥ λ_max, batch vs one-by-one, path vs cold fits, cross-validation choice, standardisation, input checks. */
class SolverBehaviourTest {
    static Stream<String> backends() {
        return TestData.backends().stream().map(Backend::name);
    }

    static Dataset diabetes() throws Exception {
        return TestData.dataset(TestData.resourceDir(), "diabetes_raw");
    }

    static Dataset cancer() throws Exception {
        return TestData.dataset(TestData.resourceDir(), "breast_cancer");
    }

    static double mean(double[] a) {
        double s = 0;
        for (double v : a) s += v;
        return s / a.length;
    }

    static double certOf(Dataset d, Model m, FitResult f) {
        return TestData.certificate(d, m == Model.LOGISTIC ? "logistic" : "lasso", f.lambda(), f.intercept(), f.beta(), null)[1];
    }

    @ParameterizedTest
    @MethodSource("backends")
    void lambdaAtOrAboveMaxGivesExactZeroAndNullIntercept(String backend) throws Exception {
        try (Context ctx = Backends.get(backend).open()) {
            for (Dataset d : new Dataset[]{diabetes(), cancer()}) {
                Model m = d.p() == 10 ? Model.SQUARED : Model.LOGISTIC;
                FitOptions o = FitOptions.defaults(m);
                double lmax = Spred.lambdaMax(d, o);
                for (double l : new double[]{lmax, lmax * 1.5, lmax * 1e6}) {
                    FitResult f = Spred.fit(ctx, d, o.withLambda(l));
                    for (double b : f.beta()) assertEquals(0.0, b, 0.0);
                    assertEquals(0, f.nnz());
                    double ybar = mean(d.y());
                    double expect = m == Model.SQUARED ? ybar : Math.log(ybar / (1 - ybar));
                    assertEquals(expect, f.intercept(), 1e-12 * Math.abs(expect));
                    assertTrue(f.certificate() <= 1e-7, "certificate " + f.certificate());
                }
                // just below λ_max something enters
                FitResult f = Spred.fit(ctx, d, o.withLambda(lmax * 0.9));
                assertTrue(f.nnz() >= 1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void batchEqualsOneByOne(String backend) throws Exception {
        try (Context ctx = Backends.get(backend).open()) {
            for (Dataset d : new Dataset[]{diabetes(), cancer()}) {
                Model m = d.p() == 10 ? Model.SQUARED : Model.LOGISTIC;
                FitOptions o = FitOptions.defaults(m);
                double lmax = Spred.lambdaMax(d, o);
                double[] lams = {lmax * 2, lmax * 0.5, lmax * 0.05, lmax * 0.01};
                FitResult[] batch = Spred.fitBatch(ctx, d, o, lams);
                assertEquals(lams.length, batch.length);
                for (int i = 0; i < lams.length; i++) {
                    FitResult one = Spred.fit(ctx, d, o.withLambda(lams[i]));
                    assertEquals(lams[i], batch[i].lambda());
                    assertEquals(one.objective(), batch[i].objective(), 1e-9 * Math.abs(one.objective()), "λ index " + i);
                    assertEquals(one.nnz(), batch[i].nnz(), "λ index " + i);
                    for (int j = 0; j < d.p(); j++) assertEquals(one.beta()[j] != 0, batch[i].beta()[j] != 0);
                    assertTrue(certOf(d, m, batch[i]) <= o.tol());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void pathValuesEqualColdFits(String backend) throws Exception {
        try (Context ctx = Backends.get(backend).open()) {
            for (Dataset d : new Dataset[]{diabetes(), cancer()}) {
                Model m = d.p() == 10 ? Model.SQUARED : Model.LOGISTIC;
                FitOptions o = FitOptions.defaults(m);
                PathResult pr = Spred.path(ctx, d, o, 12, Double.NaN);
                double lmax = Spred.lambdaMax(d, o);
                assertEquals(12, pr.lambdas().length);
                // java: λ_max from ops that are the host loops (the same bits); other backends sum Xᵀr in their own order
                assertEquals(lmax, pr.lambdas()[0], backend.equals("java") ? 0.0 : 1e-13 * lmax);
                assertEquals(lmax * 1e-4, pr.lambdas()[11], 1e-12 * lmax); // n > p: glmnet's ratio 1e-4
                for (int i = 0; i < 12; i += 3) {
                    FitResult cold = Spred.fit(ctx, d, o.withLambda(pr.lambdas()[i]));
                    FitResult warm = pr.fits().get(i);
                    assertEquals(cold.objective(), warm.objective(), 1e-9 * Math.abs(cold.objective()), "λ index " + i);
                    assertEquals(cold.nnz(), warm.nnz());
                    assertTrue(certOf(d, m, warm) <= o.tol());
                }
            }
        }
    }

    @Test
    void cvPicksLambdaMinAndOneStandardErrorRuleAsCvGlmnet() {
        // hand-checkable: λ decreasing; min at index 3 (1.0), se there 0.25 → bound 1.25; the largest λ with
        // mean ≤ 1.25 is index 1 (1.2), not index 0 (1.3)
        double[] mean = {1.3, 1.2, 1.1, 1.0, 1.05, 1.4};
        double[] se = {0.1, 0.1, 0.1, 0.25, 0.1, 0.1};
        int[] pick = CvResult.pick(mean, se);
        assertEquals(3, pick[0]);
        assertEquals(1, pick[1]);
        // ties at the minimum: cv.glmnet's which.min takes the first (largest λ)
        assertArrayEquals(new int[]{0, 0}, CvResult.pick(new double[]{2, 2, 3}, new double[]{0, 0, 0}));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void cvOnDiabetes(String backend) throws Exception {
        Dataset d = diabetes();
        try (Context ctx = Backends.get(backend).open()) {
            CvResult cv = Spred.cv(ctx, d, FitOptions.defaults(Model.SQUARED), 6, 1e-2, 3, 42);
            assertEquals(6, cv.lambdas().length);
            // recompute the choice from the reported curve, by cv.glmnet's definition
            int iMin = 0;
            for (int i = 1; i < 6; i++) if (cv.meanLoss()[i] < cv.meanLoss()[iMin]) iMin = i;
            int i1 = iMin;
            for (int i = iMin; i >= 0; i--) if (cv.meanLoss()[i] <= cv.meanLoss()[iMin] + cv.stdErr()[iMin]) i1 = i;
            assertEquals(iMin, cv.indexMin());
            assertEquals(i1, cv.index1se());
            assertEquals(cv.lambdas()[iMin], cv.lambdaMin());
            assertTrue(cv.lambda1se() >= cv.lambdaMin());
            // MSE at λ_max is the variance of y (up to fold effects): far above the best
            assertTrue(cv.meanLoss()[0] > cv.meanLoss()[iMin]);
            assertEquals(6, cv.path().fits().size());
            // deterministic for a seed
            CvResult again = Spred.cv(ctx, d, FitOptions.defaults(Model.SQUARED), 6, 1e-2, 3, 42);
            assertArrayEquals(cv.meanLoss(), again.meanLoss(), 1e-9);
        }
    }

    @Test
    void foldsAreBalancedAndSeeded() {
        int[] f = Solver.foldAssignment(23, 5, 7);
        int[] cnt = new int[5];
        for (int v : f) cnt[v]++;
        for (int c : cnt) assertTrue(c == 4 || c == 5);
        assertArrayEquals(f, Solver.foldAssignment(23, 5, 7));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sparseInputGivesTheDenseAnswer(String backend) throws Exception {
        Dataset d = diabetes();
        int n = d.n(), p = d.p();
        int[] rp = new int[n + 1];
        List<Integer> ci = new java.util.ArrayList<>();
        List<Double> vs = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++)
                if (d.x()[i * p + j] != 0) {
                    ci.add(j);
                    vs.add(d.x()[i * p + j]);
                }
            rp[i + 1] = ci.size();
        }
        Dataset sp = Dataset.sparse(n, p, rp, ci.stream().mapToInt(Integer::intValue).toArray(),
                vs.stream().mapToDouble(Double::doubleValue).toArray(), d.y(), null);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withLambda(Spred.lambdaMax(d, FitOptions.defaults(Model.SQUARED)) * 0.1);
        try (Context ctx = Backends.get(backend).open()) {
            FitResult a = Spred.fit(ctx, d, o), b = Spred.fit(ctx, sp, o);
            assertEquals(a.objective(), b.objective(), 1e-12 * a.objective());
            assertEquals(a.nnz(), b.nnz());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void standardizeAndElasticNetAreCertified(String backend) throws Exception {
        Dataset d = diabetes();
        try (Context ctx = Backends.get(backend).open()) {
            FitOptions o = FitOptions.defaults(Model.SQUARED).withStandardize(true).withAlpha(0.5);
            double lmax = Spred.lambdaMax(d, o);
            FitResult z = Spred.fit(ctx, d, o.withLambda(lmax));
            assertEquals(0, z.nnz());
            FitResult f = Spred.fit(ctx, d, o.withLambda(lmax * 0.05));
            assertTrue(f.certificate() <= 1e-7, "certificate " + f.certificate());
            // optimality on the original scale: penalty λ(α Σ s_j|β_j| + (1−α)/2 Σ (s_j β_j)²), s_j the 1/n sd
            int n = d.n(), p = d.p();
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                double e = f.intercept();
                for (int j = 0; j < p; j++) e += d.x()[i * p + j] * f.beta()[j];
                r[i] = d.y()[i] - e;
            }
            double lam = lmax * 0.05;
            for (int j = 0; j < p; j++) {
                double m = 0, ss = 0, g = 0;
                for (int i = 0; i < n; i++) m += d.x()[i * p + j] / n;
                for (int i = 0; i < n; i++) {
                    ss += (d.x()[i * p + j] - m) * (d.x()[i * p + j] - m) / n;
                    g += (d.x()[i * p + j] - m) * r[i] / n;
                }
                double s = Math.sqrt(ss), bj = f.beta()[j] * s;
                double gs = g / s - lam * 0.5 * bj; // −∂(smooth)/∂b_j
                if (bj != 0) assertEquals(lam * 0.5 * Math.signum(bj), gs, 1e-6 * lam, "KKT at " + j);
                else assertTrue(Math.abs(gs) <= lam * 0.5 * (1 + 1e-9));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void firstOrderMethodsRunAndReportHonestly(String backend) throws Exception {
        Dataset d = diabetes();
        try (Context ctx = Backends.get(backend).open()) {
            FitOptions o = FitOptions.defaults(Model.SQUARED);
            double lam = Spred.lambdaMax(d, o) * 0.1;
            for (Method m : new Method[]{Method.SGD, Method.MOMENTUM, Method.ADAM}) {
                FitResult f = Spred.fit(ctx, d, o.withMethod(m).withMaxIter(400).withLambda(lam));
                double c = certOf(d, Model.SQUARED, f);
                assertTrue(c <= Math.max(10 * f.certificate(), 1e-7), m + ": recomputed " + c + " vs reported " + f.certificate());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void groupIdsNeedNotBeContiguous(String backend) throws Exception {
        Path dir = TestData.dir("birthwt_grp");
        org.junit.jupiter.api.Assumptions.assumeTrue(dir != null, "birthwt_grp not found (needs ../shared/data)");
        Dataset d = TestData.dataset(dir, "birthwt_grp");
        TestData.Ref ref = TestData.ref(dir, "birthwt_grp", "grouplasso");
        // reverse the columns: groups become non-contiguous in the solver's view only after the permutation
        int n = d.n(), p = d.p();
        double[] x = new double[n * p];
        int[] g = new int[p];
        for (int j = 0; j < p; j++) {
            g[j] = ref.groups()[p - 1 - j];
            for (int i = 0; i < n; i++) x[i * p + j] = d.x()[i * p + p - 1 - j];
        }
        Dataset rev = Dataset.dense(n, p, x, d.y(), null);
        double lam = TestData.num(ref.solutions().get(2), "lambda");
        try (Context ctx = Backends.get(backend).open()) {
            FitResult a = Spred.fit(ctx, d, FitOptions.defaults(Model.GROUP).withGroups(ref.groups()).withLambda(lam));
            FitResult b = Spred.fit(ctx, rev, FitOptions.defaults(Model.GROUP).withGroups(g).withLambda(lam));
            assertEquals(a.objective(), b.objective(), 1e-9 * a.objective());
            for (int j = 0; j < p; j++) assertEquals(a.beta()[j], b.beta()[p - 1 - j], 1e-6 * (1 + Math.abs(a.beta()[j])));
        }
    }

    @Test
    void invalidInputsAreRejectedWithAReason() throws Exception {
        Dataset d = diabetes();
        try (Context ctx = Backends.get("java").open()) {
            double[] x = d.x().clone();
            x[5 * d.p() + 3] = Double.NaN;
            var e = assertThrows(IllegalArgumentException.class,
                    () -> Spred.fit(ctx, Dataset.dense(d.n(), d.p(), x, d.y(), null), FitOptions.defaults(Model.SQUARED).withLambda(1)));
            assertTrue(e.getMessage().contains("X[5,3]"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Spred.fit(ctx, d, FitOptions.defaults(Model.LOGISTIC).withLambda(1)));
            assertThrows(IllegalArgumentException.class, () -> FitOptions.defaults(Model.SQUARED).withLambda(-1));
            assertThrows(IllegalArgumentException.class, () -> Spred.fit(ctx, d, FitOptions.defaults(Model.SQUARED)));
            assertThrows(IllegalArgumentException.class,
                    () -> Spred.fit(ctx, d, FitOptions.defaults(Model.GROUP).withGroups(new int[3]).withLambda(1)));
            double[] y0 = d.y().clone();
            double[] x0 = d.x().clone();
            Spred.fit(ctx, d, FitOptions.defaults(Model.SQUARED).withLambda(10).withPrecision(Precision.FLOAT32));
            assertArrayEquals(y0, d.y(), 0.0);
            assertArrayEquals(x0, d.x(), 0.0);
        }
    }

    @Test
    void noInterceptFits() throws Exception {
        Dataset d = diabetes();
        SplittableRandom rnd = new SplittableRandom(1);
        try (Context ctx = Backends.get("java").open()) {
            FitOptions o = FitOptions.defaults(Model.SQUARED).withIntercept(false);
            double lmax = Spred.lambdaMax(d, o);
            FitResult z = Spred.fit(ctx, d, o.withLambda(lmax));
            assertEquals(0, z.nnz());
            assertEquals(0.0, z.intercept());
            FitResult f = Spred.fit(ctx, d, o.withLambda(lmax * (0.05 + 0.1 * rnd.nextDouble())));
            assertEquals(0.0, f.intercept());
            assertTrue(f.certificate() <= 1e-7);
        }
    }
}
