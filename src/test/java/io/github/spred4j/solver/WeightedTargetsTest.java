package io.github.spred4j.solver;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fitTargets / pathTargets with glmnet's weights and penalty factors, against glmnet 4.1 (GlmnetWeightsTest's
 * reference cases): two targets on the case's X, its y and the mirrored response (1 − y for the logistic loss,
 * −y for the squared loss), whose weighted problem has the mirrored answer (−b0, −β) exactly. Each target's fit is
 * certified and matches glmnet's coefficients (mirrored for the second).
 */
class WeightedTargetsTest {
    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (Backend b : TestData.backends())
            for (String c : new String[]{"sq_weights", "sq_pf", "logit_weights", "logit_w_pf0"}) a.add(Arguments.of(b.name(), c));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void eachTargetIsItsWeightedFit(String backend, String name) throws Exception {
        GlmnetCase c = GlmnetCase.load(name);
        double[][] ys = {c.data().y(), mirrored(c)};
        FitOptions o = c.options().withTol(1e-12);
        try (Context ctx = Backends.get(backend).open()) {
            int k = c.lambdas().length / 2;
            double[] lam = {c.lambdas()[k], c.lambdas()[k]};
            FitResult[] f = Spred.fitTargets(ctx, c.data(), ys, o, lam);
            check(c, k, f[0], 1, name + " target 0");
            check(c, k, f[1], -1, name + " target 1 (mirrored)");
            PathResult[] pr = Spred.pathTargets(ctx, c.data(), ys, o, c.lambdas(), null);
            for (int l = 0; l < c.lambdas().length; l++) {
                check(c, l, pr[0].fits().get(l), 1, name + " path target 0");
                check(c, l, pr[1].fits().get(l), -1, name + " path target 1 (mirrored)");
            }
        }
    }

    private static double[] mirrored(GlmnetCase c) {
        double[] y = c.data().y().clone();
        for (int i = 0; i < y.length; i++) y[i] = c.model() == Model.LOGISTIC ? 1 - y[i] : -y[i];
        return y;
    }

    private static void check(GlmnetCase c, int k, FitResult f, int sign, String what) {
        String at = what + " λ #" + k;
        assertTrue(f.certificate() <= 1e-12 && f.certificate() >= -Certificates.NEGATIVE_SLACK, at + ": certificate " + f.certificate());
        double[] g = c.coef()[k];
        double scale = 0;
        for (double v : g) scale = Math.max(scale, Math.abs(v));
        assertEquals(sign * g[0], f.intercept(), 1e-5 * (1 + scale), at + ": intercept");
        for (int j = 0; j < f.beta().length; j++) assertEquals(sign * g[j + 1], f.beta()[j], 1e-5 * (1 + scale), at + ": beta[" + j + "]");
        if (sign == 1) {
            double ours = c.objective(c.lambdas()[k], f.intercept(), f.beta()), theirs = c.objective()[k];
            assertTrue(ours <= theirs + 1e-12 * Math.abs(theirs), at + ": ours " + ours + " above glmnet's " + theirs);
            assertEquals(theirs, ours, 1e-9 * Math.abs(theirs), at + ": objective");
        }
    }
}
