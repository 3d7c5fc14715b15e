package io.github.spred4j.solver;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Weighted / penalty-factored cross-validation against cv.glmnet 4.1 itself (scripts/glmnet-weights-refs.R, same
 * foldid and λ, thresh 1e-16): the curve within 1e-4 relative at every λ, its standard error, and the same λ_min
 * and λ_1se; every fold's and the full path's fits certified.
 */
class WeightedCvTest {
    static final String[] NAMES = {"cv_sq_weights", "cv_sq_pf", "cv_logit_weights", "cv_pois_weights"};

    static Stream<Arguments> cases() {
        List<Arguments> a = new ArrayList<>();
        for (Backend b : TestData.backends())
            for (String c : NAMES) a.add(Arguments.of(b.name(), c));
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void curveAndChoiceMatchCvGlmnet(String backend, String name) throws Exception {
        Path dir = Path.of(WeightedCvTest.class.getResource("/glmnet-weights-cv/" + name + "/opts.txt").toURI()).getParent();
        GlmnetCase c = GlmnetCase.loadFrom(dir, name);
        int[] foldId = Files.readAllLines(dir.resolve("foldid.txt")).stream().mapToInt(Integer::parseInt).toArray();
        double[] cvm = GlmnetCase.col(dir.resolve("cvm.txt")), cvsd = GlmnetCase.col(dir.resolve("cvsd.txt"));
        String[] choice = Files.readString(dir.resolve("choice.txt")).trim().split(" ");
        List<FitResult> seen = new ArrayList<>();
        try (Context ctx = Backends.get(backend).open()) {
            CvResult r = Spred.cv(ctx, c.data(), c.options().withTol(1e-12), c.lambdas(), foldId, (i, t, f) -> seen.add(f));
            for (int l = 0; l < cvm.length; l++) {
                assertEquals(cvm[l], r.meanLoss()[l], 1e-4 * Math.abs(cvm[l]), name + " cvm at λ #" + l);
                assertEquals(cvsd[l], r.stdErr()[l], 1e-3 * Math.abs(cvsd[l]) + 1e-12, name + " cvsd at λ #" + l);
            }
            assertEquals(Double.parseDouble(choice[0]), r.lambdaMin(), 1e-12 * r.lambdaMin(), name + " lambda.min");
            assertEquals(Double.parseDouble(choice[1]), r.lambda1se(), 1e-12 * r.lambda1se(), name + " lambda.1se");
            int folds = 0;
            for (int f : foldId) folds = Math.max(folds, f);
            assertEquals((folds + 1) * cvm.length, seen.size(), "every fold's path and the full path reported");
            for (FitResult f : seen)
                assertTrue(f.certificate() <= 1e-12 && f.certificate() >= -Certificates.NEGATIVE_SLACK, name + " fit at λ " + f.lambda() + ": " + f.certificate());
        }
    }

    /**
     * cv.glmnet's cvm and cvsd on a worked example (weights 4, 7, 5; worked by hand: m = Σ w L / Σ w and
     * se² = Σ w (L − m)² / Σ w / (K − 1)), and the unweighted route's fold sizes give the same numbers.
     */
    @Test
    void foldStatisticsAreCvGlmnets() {
        double[][] loss = {{1.0, 2.0}, {3.0, 2.5}, {0.5, 4.0}};
        double[][] b = CvResult.statistics(loss, new double[]{4, 7, 5});
        assertEquals(27.5 / 16, b[0][0], 1e-15);
        assertEquals(45.5 / 16, b[0][1], 1e-15);
        assertEquals(Math.sqrt(20.984375 / 32), b[1][0], 1e-15);
        assertEquals(Math.sqrt(10.359375 / 32), b[1][1], 1e-15);
        double[][] a = CrossValidation.statistics(loss, new int[]{4, 7, 5});
        for (int l = 0; l < 2; l++) {
            assertEquals(b[0][l], a[0][l], 0.0);
            assertEquals(b[1][l], a[1][l], 0.0);
        }
    }

    @Test
    void aFoldOfZeroWeightsIsAOneLineError() throws Exception {
        Path dir = Path.of(WeightedCvTest.class.getResource("/glmnet-weights-cv/cv_sq_weights/opts.txt").toURI()).getParent();
        GlmnetCase c = GlmnetCase.loadFrom(dir, "cv_sq_weights");
        Dataset d = c.data();
        int n = d.n();
        int[] foldId = new int[n];
        double[] w = c.weights().clone();
        for (int i = 0; i < n; i++) {
            foldId[i] = i < 10 ? 1 : 2;
            if (i < 10) w[i] = 0;
        }
        try (Context ctx = Backends.get("java").open()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Spred.cv(ctx, d, c.options().withWeights(w), c.lambdas(), foldId));
            assertEquals("fold 1: its 10 rows all have weight 0 (cv.glmnet's weighted fold mean is undefined)", e.getMessage());
        }
    }
}
