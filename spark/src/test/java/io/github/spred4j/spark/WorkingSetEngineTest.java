package io.github.spred4j.spark;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;
import io.github.spred4j.solver.Certificates;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The distributed working-set engine in local[2] (tasks may fail 3 times) against the single-machine engine
 * (Spred.fit on the same data): squared and logistic, dense and sparse rows, p &gt; n, p = 10⁵ with a tiny working
 * set, the libsvm data source, and a task failure injected in the middle of a fit (answer unchanged).
 */
class WorkingSetEngineTest {
    static SparkSession spark;
    static final StructType SCHEMA = new StructType().add("label", DataTypes.DoubleType, false)
            .add("features", SQLDataTypes.VectorType(), false);

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2,3]").appName("spred4j-ws-test")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    /** A seeded CSR design: Zipf-like column popularity, unequal scales, the given non-zeros a row. */
    static Dataset sparse(int n, int p, int perRow, int k, long seed, boolean logistic) {
        Random r = new Random(seed);
        double[] beta = new double[p];
        for (int j = 0; j < k; j++) beta[(int) (Math.pow(r.nextDouble(), 2) * p)] = (r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble());
        int[] ptr = new int[n + 1];
        List<int[]> cols = new ArrayList<>();
        List<double[]> vals = new ArrayList<>();
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int[] c = r.ints(perRow, 0, p).map(v -> (int) ((long) v * v / p)).sorted().distinct().toArray();
            double[] v = new double[c.length];
            double s = 0.2;
            for (int e = 0; e < c.length; e++) {
                v[e] = (0.5 + r.nextDouble()) * (1 + c[e] % 3);
                s += v[e] * beta[c[e]];
            }
            cols.add(c);
            vals.add(v);
            ptr[i + 1] = ptr[i] + c.length;
            y[i] = logistic ? (r.nextDouble() < LossFamily.sigmoid(s) ? 1 : 0) : s + 0.5 * r.nextGaussian();
        }
        int[] col = new int[ptr[n]];
        double[] val = new double[ptr[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(cols.get(i), 0, col, ptr[i], cols.get(i).length);
            System.arraycopy(vals.get(i), 0, val, ptr[i], vals.get(i).length);
        }
        return Dataset.sparse(n, p, ptr, col, val, y, null);
    }

    static org.apache.spark.sql.Dataset<Row> frame(Dataset d, int partitions, boolean sparseRows) {
        List<Row> rows = new ArrayList<>(d.n());
        for (int i = 0; i < d.n(); i++) {
            if (d.isSparse()) {
                int a = d.rowPtr()[i], b = d.rowPtr()[i + 1];
                int[] c = Arrays.copyOfRange(d.colIdx(), a, b);
                double[] v = Arrays.copyOfRange(d.values(), a, b);
                org.apache.spark.ml.linalg.Vector sv = Vectors.sparse(d.p(), c, v);
                rows.add(RowFactory.create(d.y()[i], sparseRows ? sv : sv.toDense()));
            } else {
                double[] xi = Arrays.copyOfRange(d.x(), i * d.p(), (i + 1) * d.p());
                rows.add(RowFactory.create(d.y()[i], sparseRows ? Vectors.dense(xi).toSparse() : Vectors.dense(xi)));
            }
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    }

    static FitResult local(Dataset d, Model m, double lambda, double alpha, boolean std) {
        try (Context ctx = Backends.get("java").open()) {
            return Spred.fit(ctx, d, FitOptions.defaults(m).withLambda(lambda).withAlpha(alpha).withStandardize(std)
                    .withTol(1e-12));
        }
    }

    static double[] signs(double[] b) {
        return Arrays.stream(b).map(Math::signum).toArray();
    }

    /** Fits both ways and checks objective (1e-9 relative), exact zeros and signs, a signed certificate. */
    static <M extends SpredModel<M>> M check(String what, SpredEstimator<M, ?> est, org.apache.spark.sql.Dataset<Row> df,
                                             Dataset d, Model model, double lambda, double alpha, boolean std) {
        M m = est.setRegParam(lambda).setElasticNetParam(alpha).setStandardization(std).setTol(1e-12).fit(df);
        FitResult lf = local(d, model, lambda, alpha, std);
        double rel = Math.abs(m.objective() - lf.objective()) / Math.abs(lf.objective());
        System.out.printf("%s λ=%.4g α=%.2f std=%b: P=%.15g local %.15g (rel %.1e), gap %.1e, %d passes, %d steps, nnz %d%n",
                what, lambda, alpha, std, m.objective(), lf.objective(), rel, m.certificate(), m.passes(),
                m.newtonSteps(), m.numNonzeros());
        assertTrue(rel <= 1e-9, what + ": distributed " + m.objective() + " vs local " + lf.objective());
        assertArrayEquals(signs(lf.beta()), signs(m.coefficients().toArray()), what + ": exact zeros and signs");
        assertTrue(m.certificate() <= 1e-9 && m.certificate() >= -Certificates.NEGATIVE_SLACK, what + ": gap " + m.certificate());
        assertTrue(m.numNonzeros() > 0, what + ": a non-trivial answer");
        return m;
    }

    @Test
    void squaredDenseAndSparseRowsMatchTheLocalEngine() {
        Dataset d = SpredSparkTest.synthetic(900, 60, 10, 5, false);
        double lmax = Spred.lambdaMax(d, FitOptions.defaults(Model.SQUARED));
        org.apache.spark.sql.Dataset<Row> dense = frame(d, 3, false), sparse = frame(d, 2, true);
        check("squared dense", new SpredLinearRegression(), dense, d, Model.SQUARED, 0.05 * lmax, 1, false);
        check("squared dense std enet", new SpredLinearRegression(), dense, d, Model.SQUARED, 0.02 * lmax, 0.6, true);
        check("squared sparse-vector rows", new SpredLinearRegression(), sparse, d, Model.SQUARED, 0.05 * lmax, 1, true);
    }

    @Test
    void logisticDenseAndSparseMatchTheLocalEngine() {
        Dataset d = SpredSparkTest.synthetic(800, 30, 6, 9, true);
        double lmax = Spred.lambdaMax(d, FitOptions.defaults(Model.LOGISTIC));
        check("logistic dense", new SpredLogisticRegression(), frame(d, 3, false), d, Model.LOGISTIC, 0.1 * lmax, 1, false);
        Dataset s = sparse(700, 400, 12, 12, 3, true);
        double smax = Spred.lambdaMax(s, FitOptions.defaults(Model.LOGISTIC));
        check("logistic CSR std enet", new SpredLogisticRegression(), frame(s, 2, true), s, Model.LOGISTIC, 0.1 * smax, 0.7, true);
    }

    @Test
    void widerThanTallSparse() {
        Dataset d = sparse(300, 3000, 20, 15, 4, false);
        double lmax = Spred.lambdaMax(d, FitOptions.defaults(Model.SQUARED));
        SpredLinearRegressionModel m = check("squared p>n CSR", new SpredLinearRegression(), frame(d, 2, true), d,
                Model.SQUARED, 0.1 * lmax, 1, false);
        assertEquals(3000, m.numFeatures());
    }

    @Test
    void hundredThousandFeaturesTinyWorkingSet() {
        int p = 100_000;
        Dataset d = sparse(2000, p, 15, 8, 6, false);
        double lmax = Spred.lambdaMax(d, FitOptions.defaults(Model.SQUARED));
        double lambda = 0.3 * lmax;
        org.apache.spark.sql.Dataset<Row> df = frame(d, 2, true);
        WorkingSetSolver.Result r = WorkingSetSolver.fit(df.select("label", "features").javaRDD(), p,
                new WorkingSetSolver.Options(LossFamily.SQUARED, lambda, 1, true, false, 100, 1e-12));
        FitResult lf = local(d, Model.SQUARED, lambda, 1, false);
        double rel = Math.abs(r.objective() - lf.objective()) / Math.abs(lf.objective());
        System.out.printf("p=1e5: P=%.15g local %.15g (rel %.1e), gap %.1e, |W| %d, nnz %d, %d passes%n",
                r.objective(), lf.objective(), rel, r.certificate(), r.workingSet(), r.nnz(), r.passes());
        assertTrue(rel <= 1e-9, "objective " + r.objective() + " vs " + lf.objective());
        assertArrayEquals(signs(lf.beta()), signs(r.beta()));
        assertTrue(r.certificate() <= 1e-9 && r.certificate() >= -Certificates.NEGATIVE_SLACK, "gap " + r.certificate());
        assertTrue(r.nnz() > 0 && r.workingSet() <= 300, "a tiny working set: |W| = " + r.workingSet());
        assertEquals(0, BlockCache.size(), "blocks released");
    }

    @Test
    void aWorkingSetOverTheGramLimitIsAOneLineErrorNotAnOutOfMemory() {
        Dataset d = SpredSparkTest.synthetic(300, 40, 20, 5, false);
        double lmax = Spred.lambdaMax(d, FitOptions.defaults(Model.SQUARED));
        org.apache.spark.sql.Dataset<Row> df = frame(d, 2, false);
        System.setProperty("spred4j.spark.gramLimit", "100"); // a 10-feature working set's Gram
        try {
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> new SpredLinearRegression().setRegParam(0.001 * lmax).fit(df));
            assertTrue(e.getMessage().contains("above the limit of 100") && !e.getMessage().contains("\n"), e.getMessage());
            // a λ whose working set stays within the limit still fits
            SpredLinearRegressionModel m = new SpredLinearRegression().setRegParam(0.9 * lmax).fit(df);
            assertTrue(m.certificate() <= 1e-6, "certified: " + m.certificate());
        } finally {
            System.clearProperty("spred4j.spark.gramLimit");
        }
    }

    @Test
    void libsvmDataSourceStaysSparse(@TempDir Path tmp) throws IOException {
        Dataset d = sparse(500, 800, 10, 10, 8, true);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.n(); i++) {
            sb.append((int) d.y()[i]);
            for (int e = d.rowPtr()[i]; e < d.rowPtr()[i + 1]; e++)
                sb.append(' ').append(d.colIdx()[e] + 1).append(':').append(Double.toString(d.values()[e]));
            sb.append('\n');
        }
        Path f = tmp.resolve("train.libsvm");
        Files.writeString(f, sb);
        org.apache.spark.sql.Dataset<Row> df = spark.read().format("libsvm").option("numFeatures", d.p()).load(f.toString());
        double lmax = Spred.lambdaMax(d, FitOptions.defaults(Model.LOGISTIC));
        check("libsvm logistic", new SpredLogisticRegression(), df, d, Model.LOGISTIC, 0.08 * lmax, 1, false);
    }

    @Test
    void aFailedTaskIsRescheduledAndTheAnswerIsUnchanged() {
        Dataset d = SpredSparkTest.synthetic(600, 25, 6, 12, true);
        org.apache.spark.sql.Dataset<Row> df = frame(d, 2, false).cache();
        double lambda = 0.1 * Spred.lambdaMax(d, FitOptions.defaults(Model.LOGISTIC));
        SpredLogisticRegression est = new SpredLogisticRegression().setRegParam(lambda).setTol(1e-12);
        SpredLogisticRegressionModel ref = est.fit(df);
        try {
            for (boolean drop : new boolean[]{false, true}) { // the block kept (task retried) or lost (repacked)
                BlockCache.dropOnFailure = drop;
                BlockCache.failPass = 3;
                int before = BlockCache.INJECTED.get();
                SpredLogisticRegressionModel m = est.fit(df);
                assertEquals(before + 1, BlockCache.INJECTED.get(), "one task attempt failed");
                assertEquals(ref.objective(), m.objective(), "objective after a failed task (drop " + drop + ")");
                assertArrayEquals(ref.coefficients().toArray(), m.coefficients().toArray());
                assertEquals(ref.intercept(), m.intercept());
                assertEquals(ref.passes(), m.passes(), "a retried task is not another pass");
            }
        } finally {
            BlockCache.failPass = -1;
            BlockCache.dropOnFailure = false;
        }
        assertEquals(0, BlockCache.size(), "blocks released");
        df.unpersist();
    }

    /**
     * The backend param reaches the executors: with "native" the partitions' reads of X run in the native library
     * (and none in the Java loops), with "java" the reverse, and the answers agree; an unknown name is a one-line
     * error before any job. A test that fails if the param is ignored.
     */
    @Test
    void theBackendParamChoosesTheExecutorsCodePath() {
        assumeTrue(Backends.list().stream().anyMatch(b -> b.name().equals("native") && b.isAvailable()),
                "the native backend cannot run here");
        Dataset d = SpredSparkTest.synthetic(700, 40, 6, 9, true);
        Dataset s = sparse(600, 900, 12, 10, 11, false);
        double lmax = Spred.lambdaMax(d, FitOptions.defaults(Model.LOGISTIC));
        double smax = Spred.lambdaMax(s, FitOptions.defaults(Model.SQUARED));
        Object[][] cases = {
                {"logistic dense", new SpredLogisticRegression().setRegParam(0.1 * lmax), frame(d, 2, false)},
                {"squared CSR", new SpredLinearRegression().setRegParam(0.1 * smax), frame(s, 2, true)}};
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            SpredEstimator<?, ?> est = (SpredEstimator<?, ?>) c[1];
            @SuppressWarnings("unchecked")
            org.apache.spark.sql.Dataset<Row> df = (org.apache.spark.sql.Dataset<Row>) c[2];
            est.setTol(1e-12);
            long n0 = DeviceOps.passes("native"), j0 = DeviceOps.passes("java");
            SpredModel<?> onNative = (SpredModel<?>) est.setBackend("native").fit(df);
            long n1 = DeviceOps.passes("native"), j1 = DeviceOps.passes("java");
            SpredModel<?> onJava = (SpredModel<?>) est.setBackend("java").fit(df);
            long n2 = DeviceOps.passes("native"), j2 = DeviceOps.passes("java");
            System.out.printf("%s: native %d partition passes (java %d), then java %d (native %d); P %.15g vs %.15g%n",
                    c[0], n1 - n0, j1 - j0, j2 - j1, n2 - n1, onNative.objective(), onJava.objective());
            assertTrue(n1 - n0 >= onNative.passes(), c[0] + ": backend native ran its passes in the native library");
            assertEquals(j0, j1, c[0] + ": no partition pass in the Java loops with backend native");
            assertTrue(j2 - j1 >= onJava.passes(), c[0] + ": backend java ran its passes in the Java loops");
            assertEquals(n1, n2, c[0] + ": no native pass with backend java");
            assertTrue(Math.abs(onNative.objective() - onJava.objective()) <= 1e-12 * Math.abs(onJava.objective()),
                    c[0] + ": " + onNative.objective() + " vs " + onJava.objective());
            assertArrayEquals(signs(onJava.coefficients().toArray()), signs(onNative.coefficients().toArray()), c[0] + ": zeros and signs");
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SpredLinearRegression().setBackend("tpu").fit(frame(s, 2, true)));
        assertTrue(e.getMessage().startsWith("unknown backend 'tpu'") && !e.getMessage().contains("\n"), e.getMessage());
        assertEquals(0, BlockCache.size(), "blocks (and their device copies) released");
    }
}
