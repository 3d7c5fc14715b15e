package io.github.spred4j.spark;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): 10-fold × 100-λ cross-validation of the lasso inside the Spark estimator (foldCol, the
 * fold-Gram route) against the core's Spred.cv on the same rows, fold ids and λ in the same JVM, interleaved; and,
 * once per set, Spark's own CrossValidator around the estimator over a 10-λ regParam grid (what a user had before).
 * Wall and process CPU time (Spark's local executors are threads of this JVM), Spark jobs, the largest relative
 * difference of the two curves and whether λ_min / λ_1se agree. Run like {@link SparkBench}:
 * {@code java -cp ... io.github.spred4j.spark.SparkCvBench [repeats] [syntheticN]}; {@code -Dbench.sets=diabetes_x2,...} picks
 * the sets, {@code -Dbench.crossValidator=false} skips the CrossValidator row.
 */
public final class SparkCvBench {
    private SparkCvBench() {
    }

    static final AtomicInteger JOBS = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int synN = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        SparkSession spark = SparkSession.builder().master("local[2]").appName("spred4j-cv-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.network.timeout", "1200s").config("spark.executor.heartbeatInterval", "60s").getOrCreate();
        spark.sparkContext().setLogLevel("ERROR");
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart e) {
                JOBS.incrementAndGet();
            }
        });
        SparkCvTest.spark = spark;
        System.out.printf("# %s, java %s, Spark %s, local[2]; OMP_NUM_THREADS=%s; load: %s%n", java.time.Instant.now(),
                System.getProperty("java.version"), spark.version(), System.getenv("OMP_NUM_THREADS"), SparkBench.load());
        System.out.println("set\tn\tp\tside\trep\twall_s\tcpu_s\tjobs\tcurve_rel_diff\tsame_min_1se\tload");
        // -Dbench.sets=a,b runs only those sets; -Dbench.crossValidator=false skips the slow CrossValidator row
        for (String set : System.getProperty("bench.sets", "diabetes_raw,diabetes_x2,synthetic").split(",")) {
            Dataset d;
            if (set.equals("synthetic")) d = SpredSparkTest.synthetic(synN, 100, 10, 5, false);
            else {
                Path dir = SpredSparkTest.dataDir(set);
                if (dir == null) {
                    System.out.println("# " + set + ": data absent, skipped");
                    continue;
                }
                d = SpredSparkTest.load(dir, set);
            }
            int[] fold = Spred.foldIds(d.n(), 10, 1);
            org.apache.spark.sql.Dataset<Row> df = SparkCvTest.frame(d, fold, false, 2).cache();
            df.count();
            FitOptions o = FitOptions.defaults(Model.SQUARED);
            double[] lam = Spred.lambdas(d, o, 100, Double.NaN);
            SpredLinearRegression est = new SpredLinearRegression().setFoldCol("fold").setCvLambdas(lam);
            for (int r = 0; r <= reps; r++) { // rep 0 is the warm-up
                int j0 = JOBS.get();
                double c0 = SparkBench.cpu(), t0 = System.nanoTime();
                SpredLinearRegressionModel m = est.fit(df);
                double wall = (System.nanoTime() - t0) / 1e9, cpu = SparkBench.cpu() - c0;
                int jobs = JOBS.get() - j0;
                c0 = SparkBench.cpu();
                t0 = System.nanoTime();
                CvResult ref;
                try (Context ctx = Backends.auto().open()) {
                    ref = Spred.cv(ctx, d, o, lam, fold);
                }
                double wall2 = (System.nanoTime() - t0) / 1e9, cpu2 = SparkBench.cpu() - c0;
                SpredCvSummary cv = m.cvSummary();
                double diff = 0;
                for (int l = 0; l < lam.length; l++) diff = Math.max(diff, SpredSparkTest.rel(cv.meanLoss()[l], ref.meanLoss()[l]));
                boolean same = cv.lambdaMin() == ref.lambdaMin() && cv.lambda1se() == ref.lambda1se();
                System.out.printf("%s\t%d\t%d\tspark-cv\t%d\t%.3f\t%.3f\t%d\t%.1e\t%b\t%s%n", set, d.n(), d.p(), r, wall, cpu, jobs, diff, same, SparkBench.load());
                System.out.printf("%s\t%d\t%d\tSpred.cv\t%d\t%.3f\t%.3f\t0\t-\t-\t%s%n", set, d.n(), d.p(), r, wall2, cpu2, SparkBench.load());
            }
            // what a user had before: Spark's CrossValidator around the estimator, a 10-λ grid, 10 folds (first set only: slow)
            if (!set.equals("diabetes_raw") || !Boolean.parseBoolean(System.getProperty("bench.crossValidator", "true"))) {
                df.unpersist();
                continue;
            }
            double[] grid10 = new double[10];
            for (int i = 0; i < 10; i++) grid10[i] = lam[i * 11];
            SpredLinearRegression plain = new SpredLinearRegression();
            ParamMap[] grid = new ParamGridBuilder().addGrid(plain.regParam(), grid10).build();
            CrossValidator cvx = new CrossValidator().setEstimator(plain).setEstimatorParamMaps(grid)
                    .setEvaluator(new RegressionEvaluator().setMetricName("mse")).setNumFolds(10).setSeed(1);
            int j0 = JOBS.get();
            double c0 = SparkBench.cpu(), t0 = System.nanoTime();
            cvx.fit(df.drop("fold"));
            System.out.printf("%s\t%d\t%d\tCrossValidator-10λ\t1\t%.3f\t%.3f\t%d\t-\t-\t%s%n", set, d.n(), d.p(),
                    (System.nanoTime() - t0) / 1e9, SparkBench.cpu() - c0, JOBS.get() - j0, SparkBench.load());
            df.unpersist();
        }
        spark.stop();
    }
}
