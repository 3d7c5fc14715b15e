package io.github.spred4j.solver;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * glmnet's weights and penalty.factor against glmnet 4.1 itself (references from scripts/glmnet-weights-refs.R,
 * thresh 1e-16): λ_max, and at each of glmnet's λ our certified fit's objective (computed here from the files by
 * glmnet's documented formula), coefficients and zeros; the certificate judges the weighted problem, not another.
 */
class GlmnetWeightsTest {
    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (Backend b : TestData.backends())
            for (String c : GlmnetCase.NAMES) a.add(Arguments.of(b.name(), c));
        return a.stream();
    }

    /** The test's own objective formula reproduces R's figure for glmnet's coefficients (checks the formula). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sq_weights", "sq_weights_nostd", "sq_pf", "sq_pf_enet", "sq_noint", "sq_noint_plain", "sq_wide", "logit_pf", "logit_noint_plain", "pois_pf",
            "logit_weights", "logit_w_pf0", "logit_w_noint", "logit_enet_pf", "pois_weights", "pois_w_pf0", "logit_w_nostd", "sq_enet_mixed"})
    void objectiveFormulaAgreesWithR(String name) throws Exception {
        GlmnetCase c = GlmnetCase.load(name);
        for (int k = 0; k < c.lambdas().length; k++) {
            double mine = c.objective(c.lambdas()[k], c.coef()[k][0], c.beta(k));
            assertEquals(c.objective()[k], mine, 1e-12 * Math.abs(mine), name + " λ #" + k);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sq_weights", "sq_weights_nostd", "sq_pf", "sq_pf_enet", "sq_noint", "sq_noint_plain", "sq_wide", "logit_pf", "logit_noint_plain", "pois_pf",
            "logit_weights", "logit_w_pf0", "logit_w_noint", "logit_enet_pf", "pois_weights", "pois_w_pf0", "logit_w_nostd", "sq_enet_mixed"})
    void lambdaMaxIsGlmnets(String name) throws Exception {
        GlmnetCase c = GlmnetCase.load(name);
        double l = Spred.lambdaMax(c.data(), c.options());
        assertEquals(c.lambdas()[0], l, 1e-9 * c.lambdas()[0], name);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void pathMatchesGlmnet(String backend, String name) throws Exception {
        GlmnetCase c = GlmnetCase.load(name);
        try (Context ctx = Backends.get(backend).open()) {
            PathResult r = Spred.path(ctx, c.data(), c.options().withTol(1e-12), c.lambdas(), null);
            check(c, r, name + " " + backend);
        }
    }

    /** Sparse X (CSR): the same answers (the column route keeps it sparse; the projected route densifies). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sq_pf", "logit_pf", "pois_pf", "logit_w_pf0", "pois_w_pf0"})
    void sparseInputGivesTheSameFits(String name) throws Exception {
        GlmnetCase c = GlmnetCase.load(name);
        Dataset d = c.data(), s = sparse(d);
        GlmnetCase cs = new GlmnetCase(name, s, c.weights(), c.pf(), c.model(), c.alpha(), c.intercept(), c.standardize(),
                c.lambdas(), c.coef(), c.objective());
        assertEquals(Spred.lambdaMax(d, c.options()), Spred.lambdaMax(s, c.options()), 1e-12 * c.lambdas()[0]);
        try (Context ctx = Backends.get("java").open()) {
            check(c, Spred.path(ctx, s, cs.options().withTol(1e-12), c.lambdas(), null), name + " sparse");
        }
    }

    private static void check(GlmnetCase c, PathResult r, String what) {
        for (int k = 0; k < c.lambdas().length; k++) {
            FitResult f = r.fits().get(k);
            double lam = c.lambdas()[k];
            String at = what + " λ #" + k + " = " + lam;
            assertEquals(lam, f.lambda(), 0, at + ": λ reported on the caller's scale");
            assertTrue(f.certificate() <= 1e-12, at + ": not certified " + f.certificate());
            assertTrue(f.certificate() >= -Certificates.NEGATIVE_SLACK, at + ": negative gap " + f.certificate());
            double ours = c.objective(lam, f.intercept(), f.beta()), theirs = c.objective(lam, c.coef()[k][0], c.beta(k));
            assertEquals(ours, f.objective(), 1e-10 * Math.abs(ours), at + ": reported objective is not this problem's");
            assertTrue(ours <= theirs + 1e-12 * Math.abs(theirs), at + ": ours " + ours + " above glmnet's " + theirs);
            assertEquals(theirs, ours, 1e-9 * Math.abs(theirs), at + ": objective");
            double[] g = c.coef()[k];
            double scale = 0;
            for (double v : g) scale = Math.max(scale, Math.abs(v));
            // 1e-5: glmnet stops on coefficient changes, not a gap; the objectives above are the tight check
            assertEquals(g[0], f.intercept(), 1e-5 * (1 + scale), at + ": intercept");
            for (int j = 0; j < f.beta().length; j++) {
                assertEquals(g[j + 1], f.beta()[j], 1e-5 * (1 + scale), at + ": beta[" + j + "]");
                if (Math.abs(g[j + 1]) > 1e-7 * (1 + scale)) assertTrue(f.beta()[j] != 0, at + ": beta[" + j + "] zero, glmnet's is " + g[j + 1]);
                if (Double.isInfinite(c.pf()[j])) assertEquals(0.0, f.beta()[j], 0, at + ": excluded feature " + j);
            }
        }
    }

    /** Certificates.of measures the weighted, penalty-factored problem: glmnet's answer passes it, not another's. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sq_weights", "sq_pf", "sq_noint", "logit_pf", "logit_weights", "logit_w_pf0", "pois_w_pf0", "logit_w_nostd", "sq_enet_mixed"})
    void certificateJudgesTheWeightedProblem(String name) throws Exception {
        GlmnetCase c = GlmnetCase.load(name);
        int k = c.lambdas().length / 2;
        double lam = c.lambdas()[k], b0 = c.coef()[k][0];
        double[] beta = c.beta(k);
        Certificates.Certificate ok = Certificates.of(c.data(), c.options(), lam, b0, beta); // glmnet stops on coefficient changes
        assertTrue(ok.value() <= 1e-7 && ok.value() >= -Certificates.NEGATIVE_SLACK, name + ": glmnet's answer " + ok.value());
        try (Context ctx = Backends.get("java").open()) { // our certified answer: the same measure, recomputed
            FitResult f = Spred.fit(ctx, c.data(), c.options().withTol(1e-12).withLambda(lam));
            Certificates.Certificate mine = Certificates.of(c.data(), c.options(), lam, f.intercept(), f.beta());
            assertTrue(mine.value() <= 1e-11 && mine.value() >= -Certificates.NEGATIVE_SLACK, name + ": ours recomputed " + mine.value());
        }
        assertEquals(c.objective(lam, b0, beta), ok.objective(), 1e-12 * Math.abs(ok.objective()), name + ": P");
        Certificates.Certificate plain = Certificates.of(c.data(), c.options().withWeights(null).withPenaltyFactor(null), lam, b0, beta);
        assertTrue(plain.value() > 1e-6, name + ": the unweighted problem's certificate should reject it, got " + plain.value());
        Certificates.Certificate moved = Certificates.of(c.data(), c.options(), lam, b0 + 1e-3, beta);
        assertTrue(moved.value() > 1e-8, name + ": a shifted intercept must show in the gap, got " + moved.value());
    }

    @Test
    void equalWeightsAndUnitFactorsAreTheUnweightedProblem() throws Exception {
        GlmnetCase c = GlmnetCase.load("sq_weights");
        double[] w = new double[c.data().n()];
        java.util.Arrays.fill(w, 3.5);
        double[] pf = new double[c.data().p()];
        java.util.Arrays.fill(pf, 1);
        FitOptions plain = FitOptions.defaults(Model.SQUARED).withStandardize(true).withTol(1e-12).withLambda(c.lambdas()[5]);
        try (Context ctx = Backends.get("java").open()) {
            FitResult a = Spred.fit(ctx, c.data(), plain), b = Spred.fit(ctx, c.data(), plain.withWeights(w).withPenaltyFactor(pf));
            assertEquals(a.intercept(), b.intercept(), 1e-8);
            for (int j = 0; j < a.beta().length; j++) assertEquals(a.beta()[j], b.beta()[j], 1e-8, "beta[" + j + "]");
            assertEquals(a.objective(), b.objective(), 1e-12 * a.objective());
        }
    }

    @Test
    void badWeightsAndFactorsAreOneLineErrors() throws Exception {
        GlmnetCase c = GlmnetCase.load("sq_weights");
        Dataset d = c.data();
        int n = d.n(), p = d.p();
        FitOptions o = FitOptions.defaults(Model.SQUARED).withLambda(0.1);
        refused(d, o.withWeights(new double[n - 1]), "weights has length " + (n - 1) + ", expected one per row, n = " + n);
        double[] w = ones(n);
        w[4] = -1;
        refused(d, o.withWeights(w), "weights[4] is negative: -1.0");
        w[4] = Double.NaN;
        refused(d, o.withWeights(w), "weights[4] is not finite: NaN");
        refused(d, o.withWeights(new double[n]), "weights are all zero: at least one row needs a positive weight");
        refused(d, o.withPenaltyFactor(new double[p + 2]), "penalty factor has length " + (p + 2) + ", expected one per feature, p = " + p);
        double[] f = ones(p);
        f[2] = -0.5;
        refused(d, o.withPenaltyFactor(f), "penalty factor [2] is negative: -0.5");
        f[2] = Double.NaN;
        refused(d, o.withPenaltyFactor(f), "penalty factor [2] is NaN");
        refused(d, o.withPenaltyFactor(new double[p]), "penalty factors are all zero or infinite: at least one feature must be penalised (a factor > 0 and finite)");
        double[] x = d.x().clone(), y = d.y().clone(); // a column duplicated: two unpenalised copies are not identifiable
        for (int i = 0; i < n; i++) x[i * p + 1] = x[i * p];
        f = ones(p);
        f[0] = 0;
        f[1] = 0;
        refused(Dataset.dense(n, p, x, y, null), o.withPenaltyFactor(f), "unpenalised feature x2 (penalty factor 0) is collinear with the intercept and the other unpenalised features on the rows with positive weight: their coefficients are not determined");
    }

    private static void refused(Dataset d, FitOptions o, String message) throws Exception {
        try (Context ctx = Backends.get("java").open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spred.fit(ctx, d, o));
            assertEquals(message, e.getMessage());
        }
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }

    private static Dataset sparse(Dataset d) {
        int n = d.n(), p = d.p();
        double[] x = d.x();
        int nnz = 0;
        for (double v : x) if (v != 0) nnz++;
        int[] rp = new int[n + 1], ci = new int[nnz];
        double[] val = new double[nnz];
        int o = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++)
                if (x[i * p + j] != 0) {
                    ci[o] = j;
                    val[o++] = x[i * p + j];
                }
            rp[i + 1] = o;
        }
        return Dataset.sparse(n, p, rp, ci, val, d.y(), null);
    }
}
