package io.github.spred4j.solver;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Fits checked against {@link IndependentCertificate}, the elastic-net duality gap and KKT conditions recomputed in
 * the test from the definitions: the L1-logistic with α &lt; 1 and with standardisation (issue 15), and the
 * first-order methods (SGD, momentum, Adam) reaching a certificate on the lasso and the logistic, with and without
 * standardisation (sgd and momentum with it diverged to NaN until 2026-12-01).
 */
class IndependentCertificateTest {
    /** The test's gap is at another dual point than the solver's: it may be larger, by this factor of --tol at most. */
    static final double GAP_FACTOR = 10;

    static Context open(String name) {
        Backend b = Backends.get(name);
        io.github.spred4j.backend.Required.backend(b);
        return b.open();
    }

    static void check(Dataset d, FitOptions o, FitResult r, String what) {
        boolean logistic = o.model() == Model.LOGISTIC;
        assertTrue(Double.isFinite(r.intercept()) && Double.isFinite(r.objective()), what + ": non-finite result " + r);
        for (double b : r.beta()) assertTrue(Double.isFinite(b), what + ": non-finite coefficient");
        assertTrue(r.certificate() <= Certificates.tolerance(o), what + ": not certified, " + r.certificateName() + "=" + r.certificate());
        IndependentCertificate c = IndependentCertificate.of(d, logistic, r.lambda(), o.alpha(), o.standardize(), r.intercept(), r.beta());
        String msg = String.format(java.util.Locale.ROOT, "%s: P=%.12g D=%.12g gap=%.3e (solver %.3e) kkt=%.3e allowed %.3e, objective %.12g",
                what, c.primal(), c.dual(), c.relGap(), r.certificate(), c.kkt(), c.kktAllowed(), r.objective());
        System.out.println(msg);
        assertTrue(c.relGap() >= -1e-12, msg + ": negative gap (a dual above the primal is a bug)");
        assertTrue(c.relGap() <= GAP_FACTOR * o.tol(), msg + ": the recomputed gap is above " + GAP_FACTOR + " x tol");
        assertEquals(c.primal(), r.objective(), 1e-10 * Math.abs(c.primal()), msg + ": the reported objective");
        assertTrue(c.kkt() <= c.kktAllowed(), msg + ": KKT violation beyond what the gap allows");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native"})
    void logisticElasticNet(String backend) throws IOException {
        Dataset d = TestData.dataset(TestData.resourceDir(), "breast_cancer");
        try (Context ctx = open(backend)) {
            for (double alpha : new double[]{0.5, 0.2})
                for (boolean std : new boolean[]{true, false}) {
                    FitOptions o = FitOptions.defaults(Model.LOGISTIC).withAlpha(alpha).withStandardize(std).withTol(1e-8);
                    double lam = 0.02 * Spred.lambdaMax(d, o);
                    o = o.withLambda(lam);
                    check(d, o, Spred.fit(ctx, d, o), backend + " logistic alpha=" + alpha + " standardize=" + std);
                }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu"})
    void firstOrderMethodsReachACertificate(String backend) throws IOException {
        Dataset lasso = TestData.dataset(TestData.resourceDir(), "diabetes_raw");
        Dataset logit = TestData.dataset(TestData.resourceDir(), "breast_cancer");
        try (Context ctx = open(backend)) {
            for (Method m : new Method[]{Method.SGD, Method.MOMENTUM, Method.ADAM}) {
                for (boolean std : new boolean[]{false, true}) {
                    FitOptions o = FitOptions.defaults(Model.SQUARED).withMethod(m).withStandardize(std).withTol(1e-6).withMaxIter(200_000);
                    o = o.withLambda(0.05 * Spred.lambdaMax(lasso, o));
                    check(lasso, o, Spred.fit(ctx, lasso, o), backend + " lasso " + m + " standardize=" + std);
                }
                FitOptions o = FitOptions.defaults(Model.LOGISTIC).withMethod(m).withStandardize(true).withTol(1e-6).withMaxIter(200_000);
                o = o.withLambda(0.05 * Spred.lambdaMax(logit, o));
                check(logit, o, Spred.fit(ctx, logit, o), backend + " logistic " + m + " standardize=true");
                // the elastic net through the first-order path as well, where the test's KKT bound applies
                o = o.withAlpha(0.5).withLambda(0.05 * Spred.lambdaMax(logit, o.withAlpha(0.5)));
                check(logit, o, Spred.fit(ctx, logit, o), backend + " logistic alpha=0.5 " + m + " standardize=true");
            }
        }
    }
}
