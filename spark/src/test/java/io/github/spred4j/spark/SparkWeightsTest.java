package io.github.spred4j.spark;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Observation weights (weightCol), glmnet's conventions (the loss Σ w_i ℓ_i / Σ w, weighted
 * means and standardisation): against the core's weighted fit (FitOptions.withWeights) on the rows collected here,
 * against glmnet 4.1.6's weighted references (src/test/resources/glmnet-weights, loaded from the files); weighted
 * logistic / Poisson fits and weighted cross-validation (the lockstep route) against the core's weighted fit and
 * Spred.cv (cv.glmnet's weighted folds); bad weights as one-line errors.
 */
class SparkWeightsTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTests.session("spred4j-spark-weights-test");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static org.apache.spark.sql.Dataset<Row> frame(Dataset d, double[] w, boolean sparse, int partitions) {
        return SparkTests.frame(spark, d, sparse, partitions, w, null);
    }

    /** Weights in [0, 3) with every seventh row 0 (a zero weight drops the row, as in glmnet). */
    static double[] weights(int n, long seed) {
        Random r = new Random(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) w[i] = i % 7 == 3 ? 0 : 3 * r.nextDouble();
        return w;
    }

    /** glmnet's weighted objective Σ (w_i/Σw) ℓ_i + λ Σ (α|s_j β_j| + (1−α)/2 (s_j β_j)²), s_j the weighted sd, written here. */
    static double objective(Dataset d, double[] w, double b0, double[] beta, double lambda, double alpha, boolean standardize) {
        int n = d.n(), p = d.p();
        double ws = 0, loss = 0, pen = 0;
        for (double v : w) ws += v;
        for (int i = 0; i < n; i++) {
            double e = b0;
            for (int j = 0; j < p; j++) e += d.x()[i * p + j] * beta[j];
            loss += w[i] / ws * 0.5 * (d.y()[i] - e) * (d.y()[i] - e);
        }
        for (int j = 0; j < p; j++) {
            double s = 1;
            if (standardize) {
                double m = 0, q = 0;
                for (int i = 0; i < n; i++) m += w[i] / ws * d.x()[i * p + j];
                for (int i = 0; i < n; i++) q += w[i] / ws * (d.x()[i * p + j] - m) * (d.x()[i * p + j] - m);
                s = Math.sqrt(q);
            }
            double b = s * beta[j];
            pen += alpha * Math.abs(b) + (1 - alpha) / 2 * b * b;
        }
        return loss + lambda * pen;
    }

    @Test
    void weightedSquaredLossMatchesTheCoresWeightedFit() {
        Dataset d = SpredSparkTest.synthetic(500, 17, 5, 71, false);
        double[] w = weights(d.n(), 3);
        // {intercept, standardize, alpha, sparse rows}
        Object[][] cases = {{true, false, 1.0, false}, {true, true, 0.5, true}, {false, true, 1.0, false}};
        for (Object[] c : cases) {
            boolean icpt = (Boolean) c[0], std = (Boolean) c[1], sparse = (Boolean) c[3];
            double alpha = (Double) c[2];
            FitOptions o = FitOptions.defaults(Model.SQUARED).withAlpha(alpha).withIntercept(icpt).withStandardize(std)
                    .withWeights(w).withTol(1e-12);
            double lambda;
            FitResult f;
            try (Context ctx = Backends.auto().open()) {
                lambda = 0.05 * Spred.lambdas(d, o, 1, Double.NaN)[0];
                f = Spred.fit(ctx, d, o.withLambda(lambda));
            }
            SpredLinearRegressionModel m = new SpredLinearRegression().setWeightCol("w").setRegParam(lambda)
                    .setElasticNetParam(alpha).setFitIntercept(icpt).setStandardization(std).setTol(1e-12)
                    .fit(frame(d, w, sparse, 3));
            double[] beta = m.coefficients().toArray();
            double P = objective(d, w, m.intercept(), beta, lambda, alpha, std);
            String at = "intercept " + icpt + ", standardize " + std + ", α " + alpha + ", sparse " + sparse;
            assertEquals(P, m.objective(), 1e-12 * Math.abs(P), at + ": the reported objective is glmnet's weighted one");
            assertTrue(SpredSparkTest.rel(P, f.objective()) <= 1e-10, at + ": " + P + " vs core " + f.objective());
            assertTrue(m.certificate() <= 1e-12 && m.certificate() > -1e-12, at + ": certificate " + m.certificate());
            assertArrayEquals(SpredSparkTest.support(f.beta()), SpredSparkTest.support(beta), at + ": support and signs");
            for (int j = 0; j < d.p(); j++) assertEquals(f.beta()[j], beta[j], 1e-6, at + ": β_" + j);
            System.out.printf("weighted (%s): P %.15g, core %.15g, gap %.1e, %d passes%n", at, P, f.objective(), m.certificate(), m.passes());
        }
    }

    @Test
    void weightsAreScaleFreeAndOnesAreTheUnweightedFit() {
        Dataset d = SpredSparkTest.synthetic(300, 9, 3, 81, false);
        double[] ones = new double[d.n()], twos = new double[d.n()];
        java.util.Arrays.fill(ones, 1);
        java.util.Arrays.fill(twos, 2.5);
        SpredLinearRegression est = new SpredLinearRegression().setRegParam(0.05).setStandardization(true).setTol(1e-12);
        SpredLinearRegressionModel plain = est.fit(frame(d, ones, false, 2));
        SpredLinearRegressionModel one = est.copy(new org.apache.spark.ml.param.ParamMap()).setWeightCol("w").fit(frame(d, ones, false, 2));
        SpredLinearRegressionModel two = est.copy(new org.apache.spark.ml.param.ParamMap()).setWeightCol("w").fit(frame(d, twos, false, 2));
        // to rounding, not bits: the weighted Gram is another product on the device (X_Rᵀ(w∘X_C))
        assertArrayEquals(plain.coefficients().toArray(), one.coefficients().toArray(), 1e-12, "weights of 1 are the unweighted fit");
        assertEquals(plain.objective(), one.objective(), 1e-14 * plain.objective());
        assertArrayEquals(plain.coefficients().toArray(), two.coefficients().toArray(), 1e-9, "only relative weights matter (glmnet normalises them)");
        assertEquals(plain.objective(), two.objective(), 1e-12 * plain.objective());
    }

    @Test
    void glmnetWeightedReferences() throws IOException {
        for (String name : new String[]{"sq_weights", "sq_weights_nostd"}) {
            Path dir = Path.of("../src/test/resources/glmnet-weights/" + name);
            assumeTrue(Files.exists(dir.resolve("opts.txt")), "glmnet weight references absent: " + dir);
            String[] opts = Files.readString(dir.resolve("opts.txt")).trim().split(" ");
            assertEquals("gaussian", opts[0]);
            double alpha = Double.parseDouble(opts[1]);
            boolean icpt = Boolean.parseBoolean(opts[2].toLowerCase()), std = Boolean.parseBoolean(opts[3].toLowerCase());
            double[][] x = rows(dir.resolve("X.csv")), coef = rows(dir.resolve("coef.csv"));
            double[] y = col(dir.resolve("y.txt")), w = col(dir.resolve("weights.txt")), lam = col(dir.resolve("lambda.txt"));
            double[] obj = col(dir.resolve("objective.txt")), pf = col(dir.resolve("pf.txt"));
            for (double v : pf) assertEquals(1, v, 0, "a reference with penalty factors does not apply");
            int n = x.length, p = x[0].length;
            double[] flat = new double[n * p];
            for (int i = 0; i < n; i++) System.arraycopy(x[i], 0, flat, i * p, p);
            Dataset d = Dataset.dense(n, p, flat, y, null);
            org.apache.spark.sql.Dataset<Row> df = frame(d, w, false, 2).cache();
            for (int k = 1; k < lam.length; k += 3) {
                SpredLinearRegressionModel m = new SpredLinearRegression().setWeightCol("w").setRegParam(lam[k])
                        .setElasticNetParam(alpha).setFitIntercept(icpt).setStandardization(std).setTol(1e-12).fit(df);
                double[] beta = m.coefficients().toArray(), ref = java.util.Arrays.copyOfRange(coef[k], 1, coef[k].length);
                double ours = objective(d, w, m.intercept(), beta, lam[k], alpha, std);
                double theirs = objective(d, w, coef[k][0], ref, lam[k], alpha, std);
                String at = name + " λ #" + k;
                assertEquals(obj[k], theirs, 1e-12 * Math.abs(theirs), at + ": this test's objective formula is R's");
                assertTrue(ours <= theirs + 1e-9 * Math.abs(theirs), at + ": ours " + ours + " above glmnet's " + theirs);
                assertTrue(theirs - ours <= 1e-9 * Math.abs(theirs), at + ": ours " + ours + " far below glmnet's " + theirs);
                assertEquals(coef[k][0], m.intercept(), 1e-5, at + ": intercept");
                for (int j = 0; j < p; j++) assertEquals(ref[j], beta[j], 1e-5, at + ": β_" + j);
            }
            df.unpersist();
        }
    }

    @Test
    void weightedLogisticAndPoissonMatchTheCoresWeightedFit() {
        Object[][] cases = {{Model.LOGISTIC, SpredSparkTest.synthetic(400, 9, 3, 93, true)}, {Model.POISSON, SparkCvTest.poisson(400, 9, 95)}};
        for (Object[] c : cases) {
            Model model = (Model) c[0];
            Dataset d = (Dataset) c[1];
            double[] w = weights(d.n(), 7);
            FitOptions o = FitOptions.defaults(model).withWeights(w).withTol(1e-12);
            double lambda;
            FitResult f;
            try (Context ctx = Backends.auto().open()) {
                lambda = 0.05 * Spred.lambdas(d, o, 1, Double.NaN)[0];
                f = Spred.fit(ctx, d, o.withLambda(lambda));
            }
            SpredEstimator<?, ?> est = model == Model.POISSON ? new SpredLinearRegression().setFamily("poisson") : new SpredLogisticRegression();
            SpredModel<?> m = est.setWeightCol("w").setRegParam(lambda).setTol(1e-12).fit(frame(d, w, false, 3));
            assertTrue(SpredSparkTest.rel(m.objective(), f.objective()) <= 1e-10, model + ": " + m.objective() + " vs core " + f.objective());
            assertTrue(m.certificate() <= 1e-11 && m.certificate() > -1e-12, model + ": certificate " + m.certificate());
            double[] beta = m.coefficients().toArray();
            assertArrayEquals(SpredSparkTest.support(f.beta()), SpredSparkTest.support(beta), model + ": support and signs");
            for (int j = 0; j < d.p(); j++) assertEquals(f.beta()[j], beta[j], 1e-5, model + ": β_" + j);
            System.out.printf("weighted %s: P %.15g, core %.15g, gap %.1e, %d passes%n", model, m.objective(), f.objective(), m.certificate(), m.passes());
        }
    }

    @Test
    void weightedCrossValidationMatchesSpredCv() {
        Object[][] cases = {{Model.LOGISTIC, SpredSparkTest.synthetic(300, 7, 3, 97, true)}, {Model.SQUARED, SpredSparkTest.synthetic(300, 7, 3, 99, false)}};
        for (Object[] c : cases) {
            Model model = (Model) c[0];
            Dataset d = (Dataset) c[1];
            double[] w = weights(d.n(), 11);
            int[] fold = Spred.foldIds(d.n(), 4, 13);
            FitOptions o = FitOptions.defaults(model).withWeights(w).withTol(1e-12);
            double[] lam;
            try (Context ctx = Backends.auto().open()) {
                double[] full = Spred.lambdas(d, o, 100, Double.NaN);
                lam = new double[]{full[2], full[15], full[40], full[70]};
            }
            org.apache.spark.sql.Dataset<Row> df = SparkTests.frame(spark, d, false, 3, w, fold);
            SpredEstimator<?, ?> est = model == Model.SQUARED ? new SpredLinearRegression() : new SpredLogisticRegression();
            SpredModel<?> m = est.setWeightCol("w").setFoldCol("fold").setCvLambdas(lam).setTol(1e-12).fit(df);
            SpredCvSummary cv = m.cvSummary();
            assertEquals("lockstep", cv.route(), "weighted CV runs in lockstep");
            assertTrue(cv.worstCertificate() <= 1e-11 && cv.worstCertificate() >= -1e-12, model + ": every fold fit certified: " + cv.worstCertificate());
            CvResult ref;
            try (Context ctx = Backends.auto().open()) {
                ref = Spred.cv(ctx, d, o, lam, fold);
            }
            double worst = SparkCvTest.assertSameCv(ref, cv);
            FitResult f;
            try (Context ctx = Backends.auto().open()) {
                f = Spred.fit(ctx, d, o.withLambda(cv.lambda()));
            }
            assertTrue(SpredSparkTest.rel(m.objective(), f.objective()) <= 1e-9, model + ": " + m.objective() + " vs core " + f.objective());
            System.out.printf("weighted %s CV: curve within %.1e of Spred.cv, %d passes%n", model, worst, cv.passes());
        }
    }

    @Test
    void badWeightsAreOneLineErrors() {
        Dataset d = SpredSparkTest.synthetic(60, 3, 1, 91, true);
        double[] w = weights(d.n(), 5);
        org.apache.spark.sql.Dataset<Row> df = frame(d, w, false, 2);
        List<String> msgs = new ArrayList<>();
        msgs.add(assertThrows(IllegalArgumentException.class, () -> new SpredLinearRegression().setWeightCol("nope").fit(df)).getMessage());
        assertTrue(msgs.get(0).contains("nope"), msgs.get(0));
        double[] neg = w.clone();
        neg[5] = -1;
        Exception e = assertThrows(Exception.class, () -> new SpredLinearRegression().setWeightCol("w").setRegParam(0.1).fit(frame(d, neg, false, 2)));
        msgs.add(rootMessage(e));
        assertTrue(msgs.get(1).contains("weight") && msgs.get(1).contains("-1"), msgs.get(1));
        Exception cvNeg = assertThrows(Exception.class, () -> new SpredLogisticRegression().setWeightCol("w").setCvFolds(3).fit(frame(d, neg, false, 2)));
        msgs.add(rootMessage(cvNeg));
        assertTrue(msgs.get(2).contains("weight") && msgs.get(2).contains("-1"), msgs.get(2));
        Exception z = assertThrows(Exception.class, () -> new SpredLinearRegression().setWeightCol("w").setRegParam(0.1)
                .fit(frame(d, new double[d.n()], false, 2)));
        msgs.add(rootMessage(z));
        assertTrue(msgs.get(3).contains("sum to 0"), msgs.get(3));
        Exception zcv = assertThrows(Exception.class, () -> new SpredLogisticRegression().setWeightCol("w").setCvFolds(3)
                .fit(frame(d, new double[d.n()], false, 2)));
        msgs.add(rootMessage(zcv));
        assertTrue(msgs.get(4).contains("sum to 0"), msgs.get(4));
        for (String m : msgs) assertTrue(!m.contains("\n"), "one line: " + m);
    }

    /** The executor's message (Spark wraps a task's exception in its own). */
    static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    static double[] col(Path f) throws IOException {
        return Files.readAllLines(f).stream().mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }

    static double[][] rows(Path f) throws IOException {
        return Files.readAllLines(f).stream().map(l -> java.util.Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                .toArray(double[][]::new);
    }
}
