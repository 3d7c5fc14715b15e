package io.github.spred4j.spark;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.Spred;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the Spark CV benchmarks ({@link SparkCvBench}, {@link SparkGlmCvBench}) share: a session that counts Spark
 * jobs, the header, and one timed round — the estimator's CV (foldCol) and then the core's Spred.cv on the same
 * rows, folds and λ, wall and process CPU time (local executors are threads of this JVM), the largest relative
 * difference of the two curves and whether λ_min / λ_1se agree.
 */
final class CvBenchRounds {
    static final AtomicInteger JOBS = new AtomicInteger();

    private CvBenchRounds() {
    }

    /** A session on {@code master} (no UI, long timeouts for a loaded box) counting jobs; prints the header. */
    static SparkSession session(String app, String master) {
        SparkSession spark = SparkSession.builder().master(master).appName(app)
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
        System.out.printf("# %s, java %s, Spark %s, %s; OMP_NUM_THREADS=%s; load: %s%n", java.time.Instant.now(),
                System.getProperty("java.version"), spark.version(), master, System.getenv("OMP_NUM_THREADS"), SparkBench.load());
        System.out.println("set\tn\tp\tside\tround\twall_s\tcpu_s\tjobs\tcurve_rel_diff\tsame_min_1se\tload");
        return spark;
    }

    /** One round r: the estimator's CV on df, then Spred.cv; prints a row for each and returns Spred.cv's result. */
    static CvResult round(String set, Dataset d, SpredEstimator<?, ?> est, org.apache.spark.sql.Dataset<Row> df,
                          FitOptions o, double[] lam, int[] fold, int r) {
        int j0 = JOBS.get();
        double c0 = SparkBench.cpu(), t0 = System.nanoTime();
        SpredModel<?> m = est.fit(df);
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
        return ref;
    }
}
