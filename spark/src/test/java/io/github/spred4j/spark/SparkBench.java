package io.github.spred4j.spark;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): the working-set engine against Spark's own LinearRegression and LogisticRegression
 * (OWL-QN, elasticNetParam = 1, regParam = λ, standardization = false: glmnet's objective) in one JVM, interleaved,
 * on a dense n≫p problem and an rcv1-shaped sparse synthetic. Reports wall and process CPU time, Spark jobs
 * (passes over the data) counted by a listener, Spark's iterations, and each objective against the
 * single-machine engine's (tol 1e-12). Run (see spark/README.md):
 * {@code java -cp ... io.github.spred4j.spark.SparkBench [denseN] [repeats]}.
 */
public final class SparkBench {
    private SparkBench() {
    }

    static final AtomicInteger JOBS = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int denseN = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int cores = Integer.getInteger("bench.cores", 2);
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("spred4j-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                // a loaded machine (load 100-200 seen) must not kill the local executor for missed heartbeats (exit 56)
                .config("spark.network.timeout", "1200s").config("spark.executor.heartbeatInterval", "60s")
                .getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart e) {
                JOBS.incrementAndGet();
            }
        });
        System.out.printf("# %s, java %s, Spark %s, local[%d], %d cores visible; load: %s%n", java.time.Instant.now(),
                System.getProperty("java.version"), spark.version(), cores, Runtime.getRuntime().availableProcessors(),
                load());
        String only = System.getProperty("bench.problems", "dense,rcv1,news20");
        if (only.contains("dense")) {
            Dataset dense = denseProblem(denseN, 100, 20, 1);
            run(spark, "dense " + denseN + "x100 squared", dense, false, 0.02, reps, cores);
            run(spark, "dense " + denseN + "x100 logistic", logisticLabels(dense, 2), true, 0.02, reps, cores);
        }
        if (only.contains("rcv1")) {
            Dataset rcv1 = rcv1Shaped(20000, 50000, 75, 3);
            run(spark, "rcv1-shaped 20000x50000 logistic", rcv1, true, 0.01, reps, cores);
            run(spark, "rcv1-shaped 20000x50000 squared", rcv1, false, 0.05, reps, cores);
        }
        if (only.contains("news20")) {
            int perRow = Integer.getInteger("bench.news20.perRow", 400);
            Dataset news = BenchData.news20Shaped(20000, 1 << 20, perRow, 4, true);
            String shape = "news20-shaped 20000x" + (1 << 20) + " (hashed)";
            run(spark, shape + " logistic", news, true, Double.parseDouble(System.getProperty("bench.news20.ratio", "0.02")), reps, cores);
            run(spark, shape + " squared", BenchData.news20Shaped(20000, 1 << 20, perRow, 4, false), false,
                    Double.parseDouble(System.getProperty("bench.news20.sqratio", "0.02")), reps, cores);
        }
        spark.stop();
    }

    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }

    static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    static void run(SparkSession spark, String name, Dataset d, boolean logistic, double ratio, int reps, int cores) {
        Model model = logistic ? Model.LOGISTIC : Model.SQUARED;
        double lambda = ratio * Spred.lambdaMax(d, FitOptions.defaults(model));
        org.apache.spark.sql.Dataset<Row> df = frame(spark, d, cores).cache();
        df.count();
        double t = System.nanoTime();
        FitResult ref;
        String glmnetDir = System.getProperty("bench.glmnet");
        if (glmnetDir != null) { // R glmnet on the same data written to files (see BenchData.glmnet)
            ref = BenchData.glmnet(Path.of(glmnetDir), name, d, logistic, lambda);
        } else if (Boolean.parseBoolean(System.getProperty("bench.reference", "true"))) {
            try (Context ctx = Backends.auto().open()) {
                ref = Spred.fit(ctx, d, FitOptions.defaults(model).withLambda(lambda).withTol(1e-12));
            }
        } else { // the reference is the distributed engine itself at tol 1e-12 (certified by its gap)
            SpredModel<?> m = logistic ? new SpredLogisticRegression().setRegParam(lambda).setTol(1e-12).fit(df)
                    : new SpredLinearRegression().setRegParam(lambda).setTol(1e-12).fit(df);
            ref = new FitResult(m.intercept(), m.coefficients().toArray(), lambda,
                    objective(d, m.intercept(), m.coefficients().toArray(), lambda, logistic), "duality_gap",
                    m.certificate(), m.numNonzeros(), m.passes(), 0, "spark", "spred distributed, tol 1e-12");
        }
        System.out.printf("%n## %s, λ = %.4g (%.3g λ_max), nnz(X) %d; reference (%s, tol 1e-12): P = %.15g, "
                        + "nnz %d, gap %.1e, %.2f s; load %s%n", name, lambda, ratio, nnz(d), "glmnet".equals(ref.backend())
                        ? ref.device() : !"spark".equals(ref.backend()) ? "single-machine engine " + Backends.auto().name() : ref.device(),
                ref.objective(), ref.nnz(), ref.certificate(), (System.nanoTime() - t) / 1e9, load());
        System.out.println("solver\trep\twall_s\tcpu_s\tjobs\titerations\tobjective\trel_excess\tnnz\tgap");
        for (int rep = 0; rep <= reps; rep++) { // rep 0 is the warm-up
            boolean spredFirst = rep % 2 == 0;
            for (int side = 0; side < 2; side++) {
                if ((side == 0) == spredFirst) spred(d, df, logistic, lambda, ref, rep);
                else if (!Boolean.getBoolean("bench.noSpark")) {
                    sparkFit(d, df, logistic, lambda, ref, rep, 100, 1e-6);
                    if (!Boolean.getBoolean("bench.noTight")) sparkFit(d, df, logistic, lambda, ref, rep, 300, 1e-10);
                }
            }
        }
        df.unpersist();
    }

    static void spred(Dataset d, org.apache.spark.sql.Dataset<Row> df, boolean logistic, double lambda, FitResult ref, int rep) {
        int j0 = JOBS.get();
        double c0 = cpu(), t0 = System.nanoTime();
        String backend = System.getProperty("bench.backend", "auto");
        SpredModel<?> m = logistic ? new SpredLogisticRegression().setRegParam(lambda).setBackend(backend).fit(df)
                : new SpredLinearRegression().setRegParam(lambda).setBackend(backend).fit(df);
        double wall = (System.nanoTime() - t0) / 1e9, c = cpu() - c0;
        double P = objective(d, m.intercept(), m.coefficients().toArray(), lambda, logistic);
        System.out.printf("spred(" + backend + ")\t%d\t%.3f\t%.3f\t%d\t%d\t%.15g\t%.2e\t%d\t%.1e%n", rep, wall, c, JOBS.get() - j0,
                m.newtonSteps(), P, (P - ref.objective()) / Math.abs(ref.objective()), m.numNonzeros(), m.certificate());
    }

    static void sparkFit(Dataset d, org.apache.spark.sql.Dataset<Row> df, boolean logistic, double lambda, FitResult ref,
                         int rep, int maxIter, double tol) {
        int j0 = JOBS.get();
        double c0 = cpu(), t0 = System.nanoTime();
        double b0;
        Vector beta;
        int its;
        if (logistic) {
            LogisticRegressionModel m = new LogisticRegression().setRegParam(lambda).setElasticNetParam(1)
                    .setStandardization(false).setMaxIter(maxIter).setTol(tol).fit(df);
            b0 = m.intercept();
            beta = m.coefficients();
            its = m.summary().totalIterations();
        } else {
            LinearRegressionModel m = new LinearRegression().setRegParam(lambda).setElasticNetParam(1)
                    .setStandardization(false).setSolver("l-bfgs").setMaxIter(maxIter).setTol(tol).fit(df);
            b0 = m.intercept();
            beta = m.coefficients();
            its = m.summary().totalIterations();
        }
        double wall = (System.nanoTime() - t0) / 1e9, c = cpu() - c0;
        double P = objective(d, b0, beta.toArray(), lambda, logistic);
        System.out.printf("spark(maxIter %d, tol %.0e)\t%d\t%.3f\t%.3f\t%d\t%d\t%.15g\t%.2e\t%d\t-%n", maxIter, tol, rep, wall,
                c, JOBS.get() - j0, its, P, (P - ref.objective()) / Math.abs(ref.objective()), beta.numNonzeros());
    }

    /** glmnet's objective, in float64 from the arrays (independent of both solvers). */
    static double objective(Dataset d, double b0, double[] beta, double lambda, boolean logistic) {
        double loss = 0, l1 = 0;
        for (int i = 0; i < d.n(); i++) {
            double e = b0;
            if (d.isSparse()) for (int k = d.rowPtr()[i]; k < d.rowPtr()[i + 1]; k++) e += d.values()[k] * beta[d.colIdx()[k]];
            else for (int j = 0; j < d.p(); j++) e += d.x()[i * d.p() + j] * beta[j];
            loss += logistic ? SparkTests.logisticLoss(d.y()[i], e)
                    : 0.5 * (d.y()[i] - e) * (d.y()[i] - e);
        }
        for (double v : beta) l1 += Math.abs(v);
        return loss / d.n() + lambda * l1;
    }

    static long nnz(Dataset d) {
        return d.isSparse() ? d.rowPtr()[d.n()] : (long) d.n() * d.p();
    }

    static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset d, int partitions) {
        List<Row> rows = new ArrayList<>(d.n());
        for (int i = 0; i < d.n(); i++) {
            Vector v = d.isSparse()
                    ? Vectors.sparse(d.p(), Arrays.copyOfRange(d.colIdx(), d.rowPtr()[i], d.rowPtr()[i + 1]),
                    Arrays.copyOfRange(d.values(), d.rowPtr()[i], d.rowPtr()[i + 1]))
                    : Vectors.dense(Arrays.copyOfRange(d.x(), i * d.p(), (i + 1) * d.p()));
            rows.add(RowFactory.create(d.y()[i], v));
        }
        return spark.createDataFrame(rows, new org.apache.spark.sql.types.StructType()
                .add("label", org.apache.spark.sql.types.DataTypes.DoubleType, false)
                .add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), false)).repartition(partitions);
    }

    /** Dense iid-ish design with unequal means and scales, k true effects, Gaussian noise. */
    static Dataset denseProblem(int n, int p, int k, long seed) {
        Random r = new Random(seed);
        double[] x = new double[Math.multiplyExact(n, p)], y = new double[n], beta = new double[p];
        for (int j = 0; j < k; j++) beta[r.nextInt(p)] = (r.nextBoolean() ? 1 : -1) * (0.5 + r.nextDouble());
        for (int i = 0; i < n; i++) {
            double s = 0.3;
            for (int j = 0; j < p; j++) {
                double v = r.nextGaussian() * (1 + j % 3) + (j % 5 == 0 ? 1 : 0);
                x[i * p + j] = v;
                s += v * beta[j];
            }
            y[i] = s + 2 * r.nextGaussian();
        }
        return Dataset.dense(n, p, x, y, null);
    }

    /** The same X with labels drawn from the logistic model of a scaled-down η (classes overlap). */
    static Dataset logisticLabels(Dataset d, long seed) {
        Random r = new Random(seed);
        double[] y = new double[d.n()];
        double ybar = 0;
        for (double v : d.y()) ybar += v / d.n();
        for (int i = 0; i < d.n(); i++) y[i] = r.nextDouble() < LossFamily.sigmoid(0.3 * (d.y()[i] - ybar)) ? 1 : 0;
        return Dataset.dense(d.n(), d.p(), d.x(), y, null);
    }

    /**
     * rcv1-shaped: Zipf-like column popularity (column j drawn ∝ 1/(j+10)), tf-idf-like positive values, rows
     * L2-normalised, about perRow non-zeros a row; labels from a sparse logistic model (y ∈ {0,1}).
     */
    static Dataset rcv1Shaped(int n, int p, int perRow, long seed) {
        Random r = new Random(seed);
        double[] beta = new double[p];
        for (int j = 0; j < 300; j++) beta[(int) (Math.pow(r.nextDouble(), 3) * p)] = r.nextGaussian() * 4;
        double h = Math.log((p + 10.0) / 10);
        int[] ptr = new int[n + 1];
        int[] col = new int[n * perRow * 2];
        double[] val = new double[col.length], y = new double[n];
        for (int i = 0; i < n; i++) {
            int m = Math.max(5, (int) Math.round(perRow * (0.5 + r.nextDouble())));
            int[] c = new int[m];
            for (int e = 0; e < m; e++) c[e] = (int) Math.min(p - 1, Math.floor(10 * Math.exp(r.nextDouble() * h) - 10));
            c = Arrays.stream(c).sorted().distinct().toArray();
            double norm = 0, s = -0.5;
            double[] v = new double[c.length];
            for (int e = 0; e < c.length; e++) {
                v[e] = (1 + Math.log(1 + r.nextInt(3))) * Math.log(1 + p / (c[e] + 10.0));
                norm += v[e] * v[e];
            }
            norm = Math.sqrt(norm);
            for (int e = 0; e < c.length; e++) {
                v[e] /= norm;
                s += v[e] * beta[c[e]];
                col[ptr[i] + e] = c[e];
                val[ptr[i] + e] = v[e];
            }
            ptr[i + 1] = ptr[i] + c.length;
            y[i] = r.nextDouble() < LossFamily.sigmoid(s) ? 1 : 0;
        }
        return Dataset.sparse(n, p, ptr, Arrays.copyOf(col, ptr[n]), Arrays.copyOf(val, ptr[n]), y, null);
    }
}
