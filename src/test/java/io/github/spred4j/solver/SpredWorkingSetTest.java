package io.github.spred4j.solver;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The working-set engine with the spred inner solve ({@link Method#SPRED_WS}) against the same engine with
 * coordinate descent ({@link Method#CD}) on the real data sets (files loaded as {@link ReferenceSolutionsTest}
 * does; skipped with a reason when ../shared/data is absent): at every reference λ and along a path, the same
 * support, the same objective to 1e-9 relative (and the reference's), a certificate ≤ tol that is not negative and
 * that the test recomputes from the definitions. SQUARED, LOGISTIC and POISSON.
 */
class SpredWorkingSetTest {
    static final String[][] SETS = {{"diabetes_raw", "lasso"}, {"diabetes_x2", "lasso"}, {"gasoline", "lasso"},
            {"breast_cancer", "logistic"}, {"golub", "logistic"}, {"quine", "poisson"}};

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (Backend b : TestData.backends())
            if (b.name().equals("java") || b.name().equals("native"))
                for (String[] s : SETS) a.add(Arguments.of(b.name(), s[0], s[1]));
        return a.stream();
    }

    static void sameAnswer(String what, Dataset d, String task, double lam, FitOptions o, FitResult cd, FitResult sp) {
        assertTrue(sp.certificate() <= o.tol(), what + ": certificate " + sp.certificate() + " > tol " + o.tol());
        assertTrue(sp.certificate() >= -Certificates.NEGATIVE_SLACK, what + ": negative gap " + sp.certificate());
        double[] mine = TestData.certificate(d, task, lam, sp.intercept(), sp.beta(), null);
        assertTrue(mine[1] >= -Certificates.NEGATIVE_SLACK && mine[1] <= Math.max(o.tol(), 10 * sp.certificate()),
                what + ": recomputed certificate " + mine[1] + " vs reported " + sp.certificate());
        assertEquals(cd.objective(), sp.objective(), 1e-9 * Math.abs(cd.objective()), what + ": objective vs CD");
        for (int j = 0; j < d.p(); j++)
            assertEquals(cd.beta()[j] != 0, sp.beta()[j] != 0, what + ": support differs from CD at column " + j
                    + " (cd " + cd.beta()[j] + ", spred " + sp.beta()[j] + ")");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void referenceLambdasMatchCoordinateDescent(String backend, String set, String task) throws Exception {
        Path dir = TestData.dir(set);
        Assumptions.assumeTrue(dir != null, "data set " + set + " not found (needs ../shared/data)");
        Dataset d = TestData.dataset(dir, set);
        TestData.Ref ref = TestData.ref(dir, set, task);
        FitOptions o = FitOptions.defaults(ReferenceSolutionsTest.model(task));
        try (Context ctx = Backends.get(backend).open()) {
            for (Map<String, Object> sol : ref.solutions()) {
                double lam = TestData.num(sol, "lambda");
                FitResult cd = Spred.fit(ctx, d, o.withLambda(lam));
                FitResult sp = Spred.fit(ctx, d, o.withMethod(Method.SPRED_WS).withLambda(lam));
                System.out.printf("%s %s λ=%.4g: cd nnz=%d iters=%d cert=%.2e %.3fs | spred nnz=%d iters=%d cert=%.2e %.3fs%n",
                        backend, set, lam, cd.nnz(), cd.iterations(), cd.certificate(), cd.seconds(), sp.nnz(),
                        sp.iterations(), sp.certificate(), sp.seconds());
                String what = backend + " " + set + " λ=" + lam;
                sameAnswer(what, d, task, lam, o, cd, sp);
                double refObj = TestData.num(sol, "objective");
                assertEquals(refObj, sp.objective(), 1e-9 * Math.abs(refObj), what + ": objective vs the reference");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void pathsMatchCoordinateDescent(String backend, String set, String task) throws Exception {
        Path dir = TestData.dir(set);
        Assumptions.assumeTrue(dir != null, "data set " + set + " not found (needs ../shared/data)");
        Dataset d = TestData.dataset(dir, set);
        FitOptions o = FitOptions.defaults(ReferenceSolutionsTest.model(task));
        try (Context ctx = Backends.get(backend).open()) {
            PathResult cd = Spred.path(ctx, d, o, 30, Double.NaN);
            PathResult sp = Spred.path(ctx, d, o.withMethod(Method.SPRED_WS), 30, Double.NaN);
            assertEquals(cd.lambdas().length, sp.lambdas().length);
            for (int i = 0; i < cd.lambdas().length; i++)
                sameAnswer(backend + " " + set + " path fit " + i, d, task, cd.lambdas()[i],
                        o, cd.fits().get(i), sp.fits().get(i));
        }
    }
    /**
     * The options on the shipped diabetes_raw set (always present): elastic net, no intercept, standardised, λ = 0
     * (least squares: certificate gradient_ratio), a constant column (curvature 0: stays exactly zero), and the
     * logistic and Poisson losses on responses derived from y; spred_ws against CD, same support and objective.
     */
    @org.junit.jupiter.api.Test
    void optionsMatchCoordinateDescent() throws Exception {
        Path dir = TestData.dir("diabetes_raw");
        Assumptions.assumeTrue(dir != null, "diabetes_raw not found");
        Dataset raw = TestData.dataset(dir, "diabetes_raw");
        int n = raw.n(), p = raw.p();
        double[] x = raw.x().clone(), y = raw.y();
        for (int i = 0; i < n; i++) x[i * p + 3] = 2.5; // a constant column
        double[] sorted = y.clone();
        java.util.Arrays.sort(sorted);
        double[] labels = new double[n], counts = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = y[i] > sorted[n / 2] ? 1 : 0;
            counts[i] = Math.floor(y[i] / 50);
        }
        Dataset sq = Dataset.dense(n, p, x, y, null), lg = Dataset.dense(n, p, x, labels, null), po = Dataset.dense(n, p, x, counts, null);
        try (Context ctx = Backends.get("java").open()) {
            for (Model m : new Model[]{Model.SQUARED, Model.LOGISTIC, Model.POISSON}) {
                Dataset d = m == Model.SQUARED ? sq : m == Model.LOGISTIC ? lg : po;
                for (double alpha : new double[]{1, 0.5})
                    for (boolean ic : new boolean[]{true, false})
                        for (boolean std : new boolean[]{false, true}) {
                            if (m == Model.POISSON && !ic) continue; // counts around e^0 without an intercept: fine too, but slow to certify
                            FitOptions o = FitOptions.defaults(m).withAlpha(alpha).withIntercept(ic).withStandardize(std);
                            double lmax = Spred.lambdaMax(d, o);
                            for (double frac : new double[]{0.3, 0.01, 0}) {
                                if (frac == 0 && m != Model.SQUARED) continue; // an unpenalised GLM may not exist
                                FitOptions fo = o.withLambda(frac * lmax);
                                FitResult cd = Spred.fit(ctx, d, fo), sp = Spred.fit(ctx, d, fo.withMethod(Method.SPRED_WS));
                                String what = m + " α=" + alpha + " intercept=" + ic + " std=" + std + " λ=" + frac + "·λmax";
                                assertTrue(sp.certificate() <= o.tol() && sp.certificate() >= -Certificates.NEGATIVE_SLACK,
                                        what + ": certificate " + sp.certificate() + " (" + sp.certificateName() + ")");
                                assertEquals(cd.objective(), sp.objective(), 1e-9 * Math.abs(cd.objective()), what + ": objective");
                                if (ic) assertEquals(0.0, sp.beta()[3], 0, what + ": the constant column (centred: zero)");
                                for (int j = 0; j < p; j++)
                                    assertEquals(cd.beta()[j] != 0, sp.beta()[j] != 0, what + ": support at " + j);
                            }
                        }
            }
        }
    }
}
