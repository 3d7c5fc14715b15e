package io.github.spred4j.spark;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): logistic / Poisson cross-validation (10 folds × 100 λ, the same fold ids and λ) inside the
 * Spark estimator on local[1], against the core's Spred.cv in the same JVM and cv.glmnet (scripts/cv-glmnet.R, one
 * thread, thresh 1e-7, one warm-up and one timed call per round) in the same run, interleaved round by round.
 * Wall and process CPU time (local executors are threads of this JVM), Spark jobs, the largest relative difference
 * of the Spark curve from Spred.cv's and whether λ_min / λ_1se agree.
 * {@code java -cp ... io.github.spred4j.spark.SparkGlmCvBench [rounds] [sets, e.g. breast_cancer:logistic,quine:poisson]};
 * {@code -Dbench.every=k} keeps every k-th λ of the 100.
 */
public final class SparkGlmCvBench {
    private SparkGlmCvBench() {
    }

    static final AtomicInteger JOBS = new AtomicInteger();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        String sets = args.length > 1 ? args[1] : "breast_cancer:logistic,quine:poisson";
        SparkSession spark = SparkSession.builder().master("local[1]").appName("spred4j-glm-cv-bench")
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
        System.out.printf("# %s, java %s, Spark %s, local[1]; OMP_NUM_THREADS=%s; load: %s%n", java.time.Instant.now(),
                System.getProperty("java.version"), spark.version(), System.getenv("OMP_NUM_THREADS"), SparkBench.load());
        System.out.println("set\tn\tp\tside\tround\twall_s\tcpu_s\tjobs\tcurve_rel_diff\tsame_min_1se\tload");
        for (String spec : sets.split(",")) {
            String set = spec.split(":")[0];
            boolean poisson = spec.endsWith(":poisson");
            Path dir = SpredSparkTest.dataDir(set);
            if (dir == null) {
                System.out.println("# " + set + ": data absent, skipped");
                continue;
            }
            Dataset d = SpredSparkTest.load(dir, set);
            Model model = poisson ? Model.POISSON : Model.LOGISTIC;
            int[] fold = Spred.foldIds(d.n(), 10, 1);
            FitOptions o = FitOptions.defaults(model);
            double[] all = Spred.lambdas(d, o, 100, Double.NaN);
            // -Dbench.every=k keeps every k-th λ (the old per-fold route needs hours for all 100)
            int every = Integer.getInteger("bench.every", 1);
            double[] lam = new double[(all.length + every - 1) / every];
            for (int l = 0; l < lam.length; l++) lam[l] = all[l * every];
            Path tmp = Files.createTempDirectory("glmcv-" + set);
            write(tmp, d, fold, lam, poisson ? "poisson" : "binomial");
            org.apache.spark.sql.Dataset<Row> df = SparkCvTest.frame(d, fold, false, 1).cache();
            df.count();
            SpredEstimator<?, ?> est = poisson ? new SpredLinearRegression().setFamily("poisson") : new SpredLogisticRegression();
            est.setFoldCol("fold").setCvLambdas(lam);
            for (int r = 0; r <= rounds; r++) { // round 0 is the warm-up
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
                if (r == 0) continue;
                ProcessBuilder pb = new ProcessBuilder("Rscript", Path.of(System.getProperty("bench.root", "..")).resolve("scripts/cv-glmnet.R").toString(),
                        tmp.toString(), "1", "1e-7").redirectErrorStream(true);
                pb.environment().put("OMP_NUM_THREADS", "1");
                Process pr = pb.start();
                String out = new String(pr.getInputStream().readAllBytes());
                if (pr.waitFor() != 0) {
                    System.out.println("# cv.glmnet failed: " + out.replace('\n', ' '));
                    continue;
                }
                String[] g = Files.readString(tmp.resolve("glmnet_summary_1e-7.txt")).trim().split(" ");
                System.out.printf("%s\t%d\t%d\tcv.glmnet\t%d\t%s\t%s\t0\t-\t%b\t%s%n", set, d.n(), d.p(), r, g[0], g[3],
                        Double.parseDouble(g[4]) == ref.lambdaMin() && Double.parseDouble(g[5]) == ref.lambda1se(), SparkBench.load());
            }
            df.unpersist();
        }
        spark.stop();
    }

    /** The files scripts/cv-glmnet.R reads. */
    static void write(Path dir, Dataset d, int[] fold, double[] lam, String family) throws IOException {
        Files.write(dir.resolve("X.f64"), bytes(d.x()));
        Files.write(dir.resolve("y.f64"), bytes(d.y()));
        List<String> f = new ArrayList<>(), l = new ArrayList<>();
        for (int v : fold) f.add(Integer.toString(v));
        for (double v : lam) l.add(Double.toString(v));
        Files.write(dir.resolve("foldid.txt"), f);
        Files.write(dir.resolve("lambda.txt"), l);
        Files.writeString(dir.resolve("meta.txt"), d.n() + " " + d.p() + " " + family + "\n");
    }

    private static byte[] bytes(double[] v) {
        ByteBuffer b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : v) b.putDouble(x);
        return b.array();
    }
}
