package io.github.spred4j.spark;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;

/**
 * Benchmark (not a test): 10-fold × 100-λ cross-validation of the lasso inside the Spark estimator (foldCol, the
 * fold-Gram route) against the core's Spred.cv on the same rows, fold ids and λ in the same JVM, interleaved; and,
 * once per set, Spark's own CrossValidator around the estimator over a 10-λ regParam grid (what a user had before).
 * The columns are {@link CvBenchRounds}'s. Run like {@link SparkBench}:
 * {@code java -cp ... io.github.spred4j.spark.SparkCvBench [repeats] [syntheticN]}; {@code -Dbench.sets=diabetes_x2,...} picks
 * the sets, {@code -Dbench.crossValidator=false} skips the CrossValidator row.
 */
public final class SparkCvBench {
    private SparkCvBench() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int synN = args.length > 1 ? Integer.parseInt(args[1]) : 20000;
        SparkSession spark = CvBenchRounds.session("spred4j-cv-bench", "local[2]");
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
            for (int r = 0; r <= reps; r++) // round 0 is the warm-up
                CvBenchRounds.round(set, d, est, df, o, lam, fold, r);
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
            int j0 = CvBenchRounds.JOBS.get();
            double c0 = SparkBench.cpu(), t0 = System.nanoTime();
            cvx.fit(df.drop("fold"));
            System.out.printf("%s\t%d\t%d\tCrossValidator-10λ\t1\t%.3f\t%.3f\t%d\t-\t-\t%s%n", set, d.n(), d.p(),
                    (System.nanoTime() - t0) / 1e9, SparkBench.cpu() - c0, CvBenchRounds.JOBS.get() - j0, SparkBench.load());
            df.unpersist();
        }
        spark.stop();
    }
}
