package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The batched routes (fitTargets, fitBatch, pathTargets) at awkward numbers of problems (1, 2, 7, 1000) and
 * shapes (p = 1, 7, p > n, 64): every problem carries its own certificate (signed, within [−1e-12, tol]) and
 * equals an independent single fit of that problem (objectives within the larger of the two certificates).
 */
class TargetsBatchTest {
    static final double TOL = 1e-9;

    static Stream<String> backends() {
        return SolverBehaviourTest.backends();
    }

    /** Seeded dense X (n×p, columns correlated through a shared factor) and y. */
    static Dataset data(int n, int p, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            double f = r.nextGaussian();
            for (int j = 0; j < p; j++) x[i * p + j] = 0.6 * f + r.nextGaussian() + (j % 3 == 0 ? 5 : 0);
            y[i] = 3 * x[i * p] - (p > 2 ? 2 * x[i * p + 2] : 0) + r.nextGaussian();
        }
        return Dataset.dense(n, p, x, y, null);
    }

    /** k responses: y rescaled, shifted, sign-flipped, with noise of several sizes. */
    static double[][] targets(Dataset d, int k, long seed) {
        Random r = new Random(seed);
        double[][] ys = new double[k][d.n()];
        for (int t = 0; t < k; t++) {
            double scale = t % 3 == 0 ? 1 : t % 3 == 1 ? -0.03 : 40, noise = 3 * r.nextDouble();
            for (int i = 0; i < d.n(); i++) ys[t][i] = scale * (d.y()[i] + noise * r.nextGaussian()) + t;
        }
        return ys;
    }

    /**
     * As {@link #sameProblem(FitResult, FitResult, String)} for a fitTargets answer, whose objective is computed in
     * centred coordinates ({@link GramCertificate}): the single fit's objective is taken the same way for the
     * comparison, because its residual form rounds at ~1e-12 relative where the response has a large mean and a
     * small spread (y = −0.03·(…) + t here; the closing note's defect 2), more than the two answers differ.
     */
    static void sameTarget(Dataset dt, FitOptions o, FitResult one, FitResult many, String what) {
        double centred = GramCertificateTest.Gram.of(dt, o).certificate(one.beta(), one.lambda(), o.alpha()).objective();
        sameProblem(new FitResult(one.intercept(), one.beta(), one.lambda(), centred, one.certificateName(), one.certificate(),
                one.nnz(), one.iterations(), one.seconds(), one.backend(), one.device()), many, what);
    }

    static void sameProblem(FitResult one, FitResult many, String what) {
        assertTrue(many.certificate() <= TOL && many.certificate() >= -1e-12, what + ": batched certificate " + many.certificate());
        // the single fit's certificate is the engine's: signed, within [−1e-12, tol] too (its residual no longer rounds
        // at |y|'s scale and its covariance-mode gradient is centred with the residual's own sum)
        assertTrue(one.certificate() <= TOL && one.certificate() >= -1e-12, what + ": single certificate " + one.certificate());
        assertEquals(one.lambda(), many.lambda(), 1e-13 * one.lambda(), what);
        double within = Math.max(one.certificate(), many.certificate()) + 1e-12;
        assertEquals(one.objective(), many.objective(), within * Math.abs(one.objective()), what + ": objective");
        double scale = Math.abs(one.intercept());
        for (double b : one.beta()) scale = Math.max(scale, Math.abs(b));
        for (int j = 0; j < one.beta().length; j++)
            assertEquals(one.beta()[j], many.beta()[j], 1e-3 * scale + 1e-9, what + ": beta " + j);
        assertEquals(one.intercept(), many.intercept(), 1e-3 * scale + 1e-9, what + ": intercept");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void targetsAtAwkwardCountsAndShapesAreEachCertifiedAndEqualTheSingleFits(String backend) throws Exception {
        int[][] shapes = {{40, 1}, {31, 7}, {50, 61}};
        try (Context ctx = Backends.get(backend).open()) {
            for (int[] s : shapes)
                for (int k : new int[]{1, 2, 7}) check(ctx, data(s[0], s[1], 7 + s[1]), k, "n=" + s[0] + " p=" + s[1] + " k=" + k);
        }
    }

    @Test
    void aThousandTargetsAndAThousandLambdasAreEachCertifiedAndEqualTheSingleFits() throws Exception {
        try (Context ctx = Backends.get("java").open()) {
            check(ctx, data(31, 7, 3), 1000, "k=1000");
        }
    }

    private static void check(Context ctx, Dataset d, int k, String what) {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(TOL);
        double[][] ys = targets(d, k, k);
        double[] lmax = Spred.lambdaMaxTargets(d, ys, o), lams = new double[k];
        Random r = new Random(k);
        for (int t = 0; t < k; t++) {
            assertEquals(Spred.lambdaMax(MultiTarget.column(d, ys[t]), o), lmax[t], 0.0, what + ": target " + t + "'s lambda_max, bit for bit");
            lams[t] = (t == 1 ? 1.3 : Math.pow(1e-3, r.nextDouble())) * lmax[t]; // target 1 above its λ_max
        }
        int refits = GramCv.REFITS.get();
        FitResult[] many = Spred.fitTargets(ctx, d, ys, o, lams);
        assertEquals(k, many.length);
        for (int t = 0; t < k; t++)
            sameTarget(MultiTarget.column(d, ys[t]), o, Spred.fit(ctx, MultiTarget.column(d, ys[t]), o.withLambda(lams[t])), many[t], what + " target " + t);
        if (k > 1) assertEquals(0, many[1].nnz(), what + ": above lambda_max");

        double lm = Spred.lambdaMax(d, o);
        double[] lam = new double[k];
        for (int i = 0; i < k; i++) lam[i] = lm * (i == 0 && k > 1 ? 2 : Math.pow(1e-4, r.nextDouble()));
        FitResult[] batch = Spred.fitBatch(ctx, d, o, lam);
        for (int i = 0; i < k; i++) sameProblem(Spred.fit(ctx, d, o.withLambda(lam[i])), batch[i], what + " lambda " + i);
        assertEquals(refits, GramCv.REFITS.get(), what + ": every problem certified on the shared Gram");

        if (k > 7) return; // paths: k × L single paths
        double[] seq = {2 * lm, 0.5 * lm, 0.1 * lm, 0.02 * lm, 0.003 * lm};
        int[] calls = new int[1];
        PathResult[] paths = Spred.pathTargets(ctx, d, ys, o, seq, (i, total, f) -> {
            assertEquals(calls[0]++, i, "fits counted over all targets");
            assertEquals(k * seq.length, total);
        });
        assertEquals(k * seq.length, calls[0]);
        PathResult[] own = Spred.pathTargets(ctx, d, ys, o, 4, 0.01, PathListener.NONE);
        for (int t = 0; t < k; t++) {
            Dataset dt = MultiTarget.column(d, ys[t]);
            PathResult one = Spred.path(ctx, dt, o, seq, PathListener.NONE), oneOwn = Spred.path(ctx, dt, o, 4, 0.01);
            // the same sequence (the single path's λ_max comes from its device pass, this one from Spred.lambdaMax's
            // host pass: equal to rounding)
            assertArrayEquals(oneOwn.lambdas(), own[t].lambdas(), 1e-13 * oneOwn.lambdas()[0], what + ": target " + t + "'s own sequence");
            assertEquals(lmax[t], own[t].lambdas()[0], 0.0, what + ": own sequence from Spred.lambdaMax");
            for (int i = 0; i < seq.length; i++)
                sameProblem(one.fits().get(i), paths[t].fits().get(i), what + " path of target " + t + " lambda " + i);
            for (int i = 0; i < 4; i++)
                sameProblem(oneOwn.fits().get(i), own[t].fits().get(i), what + " own path of target " + t + " lambda " + i);
        }
        assertEquals(refits, GramCv.REFITS.get(), what + ": every path fit certified on the shared Gram");
    }

    /** The elastic net (a ridge term in every Gram block, the support guess's factor included), standardised. */
    @Test
    void elasticNetTargetsAreEachCertifiedAndEqualTheSingleFits() throws Exception {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withAlpha(0.5).withStandardize(true).withTol(TOL);
        try (Context ctx = Backends.get("java").open()) {
            for (int[] s : new int[][]{{31, 7}, {50, 61}}) {
                Dataset d = data(s[0], s[1], 5);
                double[][] ys = targets(d, 9, 4);
                double[] lmax = Spred.lambdaMaxTargets(d, ys, o), lams = new double[9];
                for (int t = 0; t < 9; t++) lams[t] = lmax[t] * (t % 2 == 0 ? 0.05 : 0.2);
                int refits = GramCv.REFITS.get();
                FitResult[] many = Spred.fitTargets(ctx, d, ys, o, lams);
                for (int t = 0; t < 9; t++)
                    sameTarget(MultiTarget.column(d, ys[t]), o, Spred.fit(ctx, MultiTarget.column(d, ys[t]), o.withLambda(lams[t])), many[t], "alpha 0.5 p=" + s[1] + " target " + t);
                assertEquals(refits, GramCv.REFITS.get(), "every elastic-net target certified on the shared Gram");
            }
        }
    }

    @Test
    void sparseXGivesEachTargetsLambdaMaxAsTheSingleCall() throws Exception {
        Dataset d = Rcv1Shaped.generate(300, 40, 5, 2);
        double[][] ys = targets(d, 3, 9);
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        double[] l = Spred.lambdaMaxTargets(d, ys, o);
        for (int t = 0; t < 3; t++) assertEquals(Spred.lambdaMax(MultiTarget.column(d, ys[t]), o), l[t], 0.0);
        Dataset small = data(20, 3, 1);
        double[][] bad = {small.y().clone(), small.y().clone()};
        bad[1][4] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spred.lambdaMaxTargets(small, bad, o));
        assertTrue(e.getMessage().contains("target 1"), e.getMessage());
    }
    /**
     * At each target's λ_max and an ulp-scale below it (two codes' λ_max differ in the last bits) fitTargets answers
     * β = 0 exactly, certified, on the feature-sign route as on descent; a target well below keeps its support.
     */
    @Test
    void targetsAtLambdaMaxToRoundingGetExactZeros() throws Exception {
        try (Context ctx = Backends.get("java").open()) {
            for (double alpha : new double[]{1, 0.5}) {
                FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(TOL).withAlpha(alpha);
                Dataset d = data(60, 9, 21);
                double[][] ys = targets(d, 12, 4);
                double[] lmax = Spred.lambdaMaxTargets(d, ys, o), lams = new double[ys.length];
                for (int t = 0; t < ys.length; t++) lams[t] = lmax[t] * (t % 3 == 0 ? 1 : t % 3 == 1 ? 1 - 1e-12 : 0.2);
                FitResult[] f = Spred.fitTargets(ctx, d, ys, o, lams);
                for (int t = 0; t < ys.length; t++) {
                    String what = "alpha " + alpha + " target " + t;
                    assertTrue(f[t].certificate() <= TOL && f[t].certificate() >= -1e-12, what + ": certificate " + f[t].certificate());
                    if (t % 3 == 2) assertTrue(f[t].nnz() > 0, what + ": below lambda_max");
                    else for (double b : f[t].beta()) assertEquals(0.0, b, what + ": exact zero at lambda_max to rounding");
                }
            }
        }
    }
}
