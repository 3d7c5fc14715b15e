package io.github.spred4j.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Spark in local[2] inside JUnit: the distributed fit equals the local solver (Spred.fit) and glmnet's
 * references, compared on the same data with Spark's own LinearRegression; persistence round trips.
 */
class SpredSparkTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTests.session("spred4j-spark-test");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    // ---------------------------------------------------------------- data

    static Path dataDir(String set) {
        List<Path> c = new ArrayList<>();
        String prop = System.getProperty("spred4j.shared.data");
        if (prop != null) c.add(Path.of(prop));
        c.add(Path.of("../src/test/resources/data")); // the core's shipped copy (BSD-3 sets)
        c.add(Path.of("../../shared/data"));
        c.add(Path.of("/work/shared/data"));
        for (Path p : c) if (Files.exists(p.resolve("datasets/" + set + ".X.f64"))) return p;
        return null;
    }

    static double[] f64(Path f, int count) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        double[] a = new double[count];
        b.asDoubleBuffer().get(a);
        return a;
    }

    static Dataset load(Path dir, String set) throws IOException {
        JsonNode m = new ObjectMapper().readTree(dir.resolve("datasets/" + set + ".json").toFile());
        int n = m.get("n").asInt(), p = m.get("p").asInt();
        return Dataset.dense(n, p, f64(dir.resolve("datasets/" + set + ".X.f64"), n * p),
                f64(dir.resolve("datasets/" + set + ".y.f64"), n), null);
    }

    static org.apache.spark.sql.Dataset<Row> frame(Dataset d, int partitions) {
        return SparkTests.frame(spark, d, false, partitions, null, null);
    }

    static Dataset synthetic(int n, int p, int k, long seed, boolean logistic) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        double[] beta = new double[p];
        for (int j = 0; j < k; j++) beta[r.nextInt(p)] = (r.nextBoolean() ? 1 : -1) * (0.5 + r.nextDouble());
        for (int i = 0; i < n; i++) {
            double s = 0.3;
            for (int j = 0; j < p; j++) {
                double v = r.nextGaussian() * (1 + j % 3) + (j % 5 == 0 ? 2 : 0); // unequal scales and means
                x[i * p + j] = v;
                s += v * beta[j];
            }
            y[i] = logistic ? (r.nextDouble() < 1 / (1 + Math.exp(-s)) ? 1 : 0) : s + r.nextGaussian();
        }
        return Dataset.dense(n, p, x, y, null);
    }

    /** P(b0, β) in glmnet's scaling, computed independently here in float64. */
    static double objective(Dataset d, double b0, double[] beta, double lambda, double alpha, boolean logistic, double[] scale) {
        int n = d.n(), p = d.p();
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double e = b0;
            for (int j = 0; j < p; j++) e += d.x()[i * p + j] * beta[j];
            if (logistic) loss += SparkTests.logisticLoss(d.y()[i], e);
            else loss += (d.y()[i] - e) * (d.y()[i] - e) / 2;
        }
        double l1 = 0, l2 = 0;
        for (int j = 0; j < p; j++) {
            double b = beta[j] * (scale == null ? 1 : scale[j]);
            l1 += Math.abs(b);
            l2 += b * b;
        }
        return loss / n + lambda * (alpha * l1 + (1 - alpha) / 2 * l2);
    }

    static FitResult local(Dataset d, Model model, double lambda, double alpha, boolean standardize, double tol) {
        try (Context ctx = Backends.auto().open()) {
            return Spred.fit(ctx, d, FitOptions.defaults(model).withLambda(lambda).withAlpha(alpha)
                    .withStandardize(standardize).withTol(tol));
        }
    }

    static double[] support(double[] beta) {
        return java.util.Arrays.stream(beta).map(v -> v == 0 ? 0 : Math.signum(v)).toArray();
    }

    static double rel(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void diabetesLassoMatchesLocalGlmnetAndSparkLinearRegression() throws IOException {
        Path dir = dataDir("diabetes_raw");
        assumeTrue(dir != null && Files.exists(dir.resolve("refs/diabetes_raw.lasso.json")), "diabetes_raw data absent");
        Dataset d = load(dir, "diabetes_raw");
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("refs/diabetes_raw.lasso.json").toFile());
        org.apache.spark.sql.Dataset<Row> df = frame(d, 3).cache();
        for (int s : new int[]{2, 4}) {
            JsonNode sol = ref.get("solutions").get(s);
            double lambda = sol.get("lambda").asDouble();
            long t0 = System.nanoTime();
            SpredLinearRegressionModel m = new SpredLinearRegression().setRegParam(lambda).setTol(1e-10).fit(df);
            double tSpred = (System.nanoTime() - t0) / 1e9;
            double[] beta = m.coefficients().toArray();
            double P = objective(d, m.intercept(), beta, lambda, 1, false, null);
            FitResult lf = local(d, Model.SQUARED, lambda, 1, false, 1e-10);
            double refP = sol.get("objective").asDouble();
            assertEquals(P, m.objective(), 1e-12 * Math.abs(P), "reported objective");
            assertTrue(rel(P, lf.objective()) <= 1e-8, "distributed vs local: " + P + " vs " + lf.objective());
            assertTrue(rel(P, refP) <= 1e-6, "distributed vs glmnet: " + P + " vs " + refP);
            assertTrue(m.certificate() <= 1e-10, "certificate " + m.certificate());
            double[] refBeta = new double[d.p()];
            for (int a = 0; a < sol.get("active_idx").size(); a++)
                refBeta[sol.get("active_idx").get(a).asInt()] = sol.get("active_val").get(a).asDouble();
            assertArrayEquals(support(refBeta), support(beta), "support and signs");

            if (s != 2) continue; // one comparison with Spark's solver keeps the test near a minute
            // Spark's own OWL-QN on the same data and λ: regParam = λ with standardization = false is glmnet's
            // 1/(2n) lasso (Spark scales y by its sd internally and rescales λ, which cancels)
            // (Spark's defaults maxIter 100, tol 1e-6; solver l-bfgs forces OWL-QN instead of its normal equations)
            t0 = System.nanoTime();
            LinearRegressionModel sm = new LinearRegression().setRegParam(lambda).setElasticNetParam(1)
                    .setStandardization(false).setSolver("l-bfgs").fit(df);
            double tSpark = (System.nanoTime() - t0) / 1e9;
            double Ps = objective(d, sm.intercept(), sm.coefficients().toArray(), lambda, 1, false, null);
            System.out.printf("diabetes λ=%.4g: spred P=%.12g (gap %.1e, %d passes, nnz %d, %.2f s) | local %.12g | glmnet %.12g | "
                            + "Spark OWL-QN P=%.12g (rel %.1e, %d iterations, %.2f s)%n", lambda, P, m.certificate(), m.passes(),
                    m.numNonzeros(), tSpred, lf.objective(), refP, Ps, rel(Ps, refP), sm.summary().totalIterations(), tSpark);
            assertTrue(rel(Ps, refP) < 1e-3, "Spark's LinearRegression solves the same objective: " + Ps + " vs " + refP);
            assertTrue(P <= Ps + 1e-9 * Math.abs(Ps), "spred is at least as accurate as Spark's OWL-QN");
        }
        df.unpersist();
    }

    @Test
    void syntheticAcrossPartitionsMatchesLocalSolver() {
        Dataset d = synthetic(3000, 40, 8, 7, false);
        org.apache.spark.sql.Dataset<Row> df = frame(d, 5);
        double lmax = Spred.lambdaMax(d, FitOptions.defaults(Model.SQUARED));
        for (double[] c : new double[][]{{0.05, 1, 0}, {0.02, 0.5, 1}, {0.1, 1, 1}}) {
            double lambda = c[0] * lmax, alpha = c[1];
            boolean std = c[2] == 1;
            SpredLinearRegressionModel m = new SpredLinearRegression().setRegParam(lambda).setElasticNetParam(alpha)
                    .setStandardization(std).setTol(1e-10).fit(df);
            FitResult lf = local(d, Model.SQUARED, lambda, alpha, std, 1e-10);
            assertTrue(rel(m.objective(), lf.objective()) <= 1e-8,
                    "λ=" + lambda + " α=" + alpha + " std=" + std + ": " + m.objective() + " vs local " + lf.objective());
            assertArrayEquals(support(lf.beta()), support(m.coefficients().toArray()));
            assertTrue(m.certificate() <= 1e-10 && m.certificate() >= -io.github.spred4j.solver.Certificates.NEGATIVE_SLACK,
                    "certificate " + m.certificate());
            System.out.printf("synthetic 3000x40 λ=%.3g α=%.2g std=%b: P=%.12g local %.12g, %d passes, nnz %d%n",
                    lambda, alpha, std, m.objective(), lf.objective(), m.passes(), m.numNonzeros());
            // predictions: b0 + xᵀβ
            Row first = m.transform(df).select("features", "prediction").head();
            assertEquals(m.margin((org.apache.spark.ml.linalg.Vector) first.get(0)), first.getDouble(1), 1e-12);
        }
    }

    @Test
    void breastCancerLogisticMatchesLocalAndGlmnet() throws IOException {
        Path dir = dataDir("breast_cancer");
        assumeTrue(dir != null && Files.exists(dir.resolve("refs/breast_cancer.logistic.json")), "breast_cancer data absent");
        Dataset d = load(dir, "breast_cancer");
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("refs/breast_cancer.logistic.json").toFile());
        org.apache.spark.sql.Dataset<Row> df = frame(d, 3).cache();
        for (int s : new int[]{1, 3}) {
            JsonNode sol = ref.get("solutions").get(s);
            double lambda = sol.get("lambda").asDouble();
            SpredLogisticRegressionModel m = new SpredLogisticRegression().setRegParam(lambda).setTol(1e-10).fit(df);
            double P = objective(d, m.intercept(), m.coefficients().toArray(), lambda, 1, true, null);
            FitResult lf = local(d, Model.LOGISTIC, lambda, 1, false, 1e-10);
            double refP = sol.get("objective").asDouble();
            System.out.printf("breast_cancer λ=%.4g: spred P=%.12g (gap %.1e, %d passes, %d Newton steps, nnz %d) | local %.12g | glmnet %.12g%n",
                    lambda, P, m.certificate(), m.passes(), m.newtonSteps(), m.numNonzeros(), lf.objective(), refP);
            assertTrue(rel(P, lf.objective()) <= 1e-8, "distributed vs local: " + P + " vs " + lf.objective());
            assertTrue(rel(P, refP) <= 1e-6, "distributed vs glmnet: " + P + " vs " + refP);
            assertTrue(m.certificate() <= 1e-8 && m.certificate() >= -io.github.spred4j.solver.Certificates.NEGATIVE_SLACK,
                    "certificate " + m.certificate());
            Row r = m.transform(df).select("probability", "prediction").head();
            assertEquals(((org.apache.spark.ml.linalg.Vector) r.get(0)).apply(1) > 0.5 ? 1.0 : 0.0, r.getDouble(1));
        }
        df.unpersist();
    }

    /** glmnet's Poisson objective (1/n)Σ[e^η − yη] + λ‖β‖₁, in float64. */
    static double poissonObjective(Dataset d, double b0, double[] beta, double lambda) {
        double loss = 0, l1 = 0;
        for (int i = 0; i < d.n(); i++) {
            double eta = b0;
            for (int j = 0; j < d.p(); j++) eta += d.x()[i * d.p() + j] * beta[j];
            loss += Math.exp(eta) - d.y()[i] * eta;
        }
        for (double v : beta) l1 += Math.abs(v);
        return loss / d.n() + lambda * l1;
    }

    @Test
    void quinePoissonMatchesGlmnet() throws IOException {
        Path dir = dataDir("quine");
        assumeTrue(dir != null && Files.exists(dir.resolve("refs/quine.poisson.json")), "quine data absent (needs ../shared/data)");
        Dataset d = load(dir, "quine");
        JsonNode ref = new ObjectMapper().readTree(dir.resolve("refs/quine.poisson.json").toFile());
        org.apache.spark.sql.Dataset<Row> df = frame(d, 3).cache();
        for (int s : new int[]{1, 3, 4}) {
            JsonNode sol = ref.get("solutions").get(s);
            double lambda = sol.get("lambda").asDouble();
            SpredLinearRegressionModel m = new SpredLinearRegression().setFamily("poisson").setRegParam(lambda)
                    .setTol(1e-10).fit(df);
            double[] beta = m.coefficients().toArray();
            double P = poissonObjective(d, m.intercept(), beta, lambda);
            double refP = sol.get("objective").asDouble();
            System.out.printf("quine poisson λ=%.4g: spred P=%.12g (gap %.1e, %d passes, %d Newton steps, nnz %d) | glmnet %.12g (rel %.1e)%n",
                    lambda, P, m.certificate(), m.passes(), m.newtonSteps(), m.numNonzeros(), refP, rel(P, refP));
            assertTrue(rel(P, refP) <= 1e-9, "distributed vs glmnet: " + P + " vs " + refP);
            assertTrue(m.certificate() <= 1e-8 && m.certificate() >= -io.github.spred4j.solver.Certificates.NEGATIVE_SLACK,
                    "certificate " + m.certificate());
            double[] refBeta = new double[d.p()];
            for (int k = 0; k < sol.get("active_idx").size(); k++)
                refBeta[sol.get("active_idx").get(k).asInt()] = sol.get("active_val").get(k).asDouble();
            assertArrayEquals(support(refBeta), support(beta), "support at λ=" + lambda);
            Row r = m.transform(df).select("features", "prediction").head();
            double eta = m.intercept();
            double[] x = ((org.apache.spark.ml.linalg.Vector) r.get(0)).toArray();
            for (int j = 0; j < x.length; j++) eta += x[j] * beta[j];
            assertEquals(Math.exp(eta), r.getDouble(1), 1e-12 * Math.exp(eta), "prediction is the mean e^η");
        }
        df.unpersist();
    }

    /** The reference point (20000×500 lasso): passes and time of spred vs Spark's OWL-QN. -Dspred4j.bench=true */
    @Test
    void benchLasso20000x500() {
        assumeTrue(Boolean.getBoolean("spred4j.bench"), "benchmark: run with -Dspred4j.bench=true");
        int n = Integer.getInteger("spred4j.bench.n", 20000), p = Integer.getInteger("spred4j.bench.p", 500);
        Dataset d = synthetic(n, p, 25, 3, false);
        org.apache.spark.sql.Dataset<Row> df = frame(d, 4).cache();
        df.count();
        double lambda = 0.05 * Spred.lambdaMax(d, FitOptions.defaults(Model.SQUARED));
        for (int rep = 0; rep < 2; rep++) { // the second round is warm (JIT, Spark codegen)
            long t0 = System.nanoTime();
            SpredLinearRegressionModel m = new SpredLinearRegression().setRegParam(lambda).fit(df);
            double tSpred = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            LinearRegressionModel sm = new LinearRegression().setRegParam(lambda).setElasticNetParam(1)
                    .setStandardization(false).setSolver("l-bfgs").fit(df);
            double tSpark = (System.nanoTime() - t0) / 1e9;
            double Ps = objective(d, sm.intercept(), sm.coefficients().toArray(), lambda, 1, false, null);
            System.out.printf("bench %dx%d λ=%.3g (backend %s): spred %d passes %.2f s P=%.12g gap %.1e nnz %d | "
                            + "Spark OWL-QN %d iterations %.2f s P=%.12g (rel excess %.1e) nnz %d%n", n, p, lambda,
                    Backends.auto().name(), m.passes(), tSpred, m.objective(), m.certificate(), m.numNonzeros(),
                    sm.summary().totalIterations(), tSpark, Ps, (Ps - m.objective()) / m.objective(),
                    sm.coefficients().numNonzeros());
        }
        df.unpersist();
    }

    @Test
    void persistenceRoundTrip(@TempDir Path tmp) throws IOException {
        Dataset d = synthetic(400, 12, 4, 11, true);
        org.apache.spark.sql.Dataset<Row> df = frame(d, 2);
        SpredLogisticRegression est = new SpredLogisticRegression().setRegParam(0.01).setElasticNetParam(0.8)
                .setProbabilityCol("p1");
        SpredLogisticRegressionModel m = est.fit(df);
        String mp = tmp.resolve("model").toString(), ep = tmp.resolve("est").toString();
        m.write().overwrite().save(mp);
        est.write().overwrite().save(ep);
        SpredLogisticRegressionModel m2 = SpredLogisticRegressionModel.load(mp);
        SpredLogisticRegression e2 = SpredLogisticRegression.load(ep);
        assertEquals(m.uid(), m2.uid());
        assertEquals(m.intercept(), m2.intercept());
        assertArrayEquals(m.coefficients().toArray(), m2.coefficients().toArray());
        assertEquals(m.certificate(), m2.certificate());
        assertEquals("p1", m2.getProbabilityCol());
        assertEquals(0.01, m2.getRegParam());
        assertEquals(0.8, e2.getElasticNetParam());
        assertEquals("p1", e2.getProbabilityCol());
        assertTrue(Files.exists(tmp.resolve("model/data")), "coefficients stored as a Parquet data file");
        List<Row> a = m.transform(df).select("p1").collectAsList(), b = m2.transform(df).select("p1").collectAsList();
        assertEquals(a, b);
        assertEquals(0, BlockCache.size(), "no packed partition left behind");
    }
}
