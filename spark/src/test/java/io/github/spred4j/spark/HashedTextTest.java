package io.github.spred4j.spark;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.HashingTF;
import org.apache.spark.ml.feature.Tokenizer;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Text classification and regression as Spark users write it: Tokenizer → HashingTF with 2¹⁸ features → our
 * estimators, on a few thousand short documents (most of the 262144 columns never occur). The test JVM has a 2 GB
 * heap, so anything that built a p×p array (550 GB) or a dense n×p copy (4 GB at n = 2000) fails here.
 */
class HashedTextTest {
    static final int P = 1 << 18, N = 2000, VOCAB = 3000;
    static SparkSession spark;
    static org.apache.spark.sql.Dataset<Row> docs;   // id, text, y (double), clicked (0/1), fold (int)

    @BeforeAll
    static void start() {
        spark = SparkTests.session("spred4j-hashed-text-test");
        Random r = new Random(41);
        double[] effect = new double[VOCAB];
        for (int k = 0; k < 25; k++) effect[r.nextInt(200)] = (r.nextBoolean() ? 1 : -1) * (0.5 + r.nextDouble());
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            StringBuilder sb = new StringBuilder();
            double eta = -0.2;
            for (int t = 0, len = 8 + r.nextInt(30); t < len; t++) {
                int w = (int) (VOCAB * Math.pow(r.nextDouble(), 2.5));   // Zipf-like: a few common words
                sb.append(t == 0 ? "" : " ").append("w").append(w);
                eta += effect[w];
            }
            double y = eta + 0.5 * r.nextGaussian();
            rows.add(RowFactory.create(i, sb.toString(), y, r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1.0 : 0.0, i % 3));
        }
        StructType s = new StructType().add("id", DataTypes.IntegerType).add("text", DataTypes.StringType)
                .add("y", DataTypes.DoubleType).add("clicked", DataTypes.DoubleType).add("fold", DataTypes.IntegerType);
        docs = spark.createDataFrame(rows, s).repartition(2).cache();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static PipelineStage[] features() {
        return new PipelineStage[]{new Tokenizer().setInputCol("text").setOutputCol("words"),
                new HashingTF().setInputCol("words").setOutputCol("features").setNumFeatures(P)};
    }

    /** The hashed rows collected in the test (never in the estimator), ordered by id, as a CSR Dataset. */
    static Dataset collected(String label) {
        org.apache.spark.sql.Dataset<Row> f = new HashingTF().setInputCol("words").setOutputCol("features").setNumFeatures(P)
                .transform(new Tokenizer().setInputCol("text").setOutputCol("words").transform(docs)).orderBy("id");
        List<Row> rows = f.select(label, "features").collectAsList();
        int n = rows.size();
        int[] ptr = new int[n + 1];
        List<SparseVector> vs = new ArrayList<>(n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            SparseVector v = ((Vector) rows.get(i).get(1)).toSparse();
            vs.add(v);
            y[i] = rows.get(i).getDouble(0);
            ptr[i + 1] = ptr[i] + v.indices().length;
        }
        int[] col = new int[ptr[n]];
        double[] val = new double[ptr[n]];
        for (int i = 0; i < n; i++) {
            System.arraycopy(vs.get(i).indices(), 0, col, ptr[i], vs.get(i).indices().length);
            System.arraycopy(vs.get(i).values(), 0, val, ptr[i], vs.get(i).values().length);
        }
        return Dataset.sparse(n, P, ptr, col, val, y, null);
    }

    static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
    }

    /**
     * A hashed-text Pipeline with each estimator: the same objective, zeros and signs as the core's fit of the
     * collected rows; the PipelineModel saved, loaded and applied gives the same predictions.
     */
    @Test
    void pipelineFitsSavesAndLoads(@TempDir Path tmp) throws IOException {
        for (Model model : new Model[]{Model.SQUARED, Model.LOGISTIC}) {
            String label = model == Model.SQUARED ? "y" : "clicked";
            Dataset d = collected(label);
            double lambda = 0.05 * Spred.lambdaMax(d, FitOptions.defaults(model));
            SpredEstimator<?, ?> est = model == Model.SQUARED ? new SpredLinearRegression() : new SpredLogisticRegression();
            est.setLabelCol(label).setRegParam(lambda).setTol(1e-10);
            PipelineStage[] st = features();
            long t0 = System.nanoTime();
            PipelineModel pm = new Pipeline().setStages(new PipelineStage[]{st[0], st[1], est}).fit(docs);
            double secs = (System.nanoTime() - t0) / 1e9;
            SpredModel<?> m = (SpredModel<?>) pm.stages()[2];
            FitResult lf = WorkingSetEngineTest.local(d, model, lambda, 1, false);
            System.out.printf("hashed %s: p=%d, %d non-zeros, P=%.15g local %.15g, gap %.1e, %d passes, %.1f s%n",
                    model, m.numFeatures(), m.numNonzeros(), m.objective(), lf.objective(), m.certificate(), m.passes(), secs);
            assertEquals(P, m.numFeatures());
            assertTrue(relative(m.objective(), lf.objective()) <= 1e-9, model + ": " + m.objective() + " vs " + lf.objective());
            assertArrayEquals(WorkingSetEngineTest.signs(lf.beta()), WorkingSetEngineTest.signs(m.coefficients().toArray()));
            assertTrue(m.numNonzeros() > 5);
            String path = tmp.resolve(model.name()).toString();
            pm.write().overwrite().save(path);
            PipelineModel back = PipelineModel.load(path);
            List<Row> a = pm.transform(docs).orderBy("id").select("prediction").collectAsList();
            List<Row> b = back.transform(docs.drop(label)).orderBy("id").select("prediction").collectAsList();
            assertEquals(a, b, model + ": predictions after load");
        }
    }

    /**
     * Loading reads the saved coefficient array by walking it, never by index: the row's list is a Scala linked
     * list, and get(j) on it made loading the 2¹⁸-coefficient models above take minutes (O(p²)).
     */
    @Test
    void loadingWalksTheCoefficientListOnce() {
        List<Object> walkOnly = new java.util.AbstractSequentialList<>() {
            final List<Object> in = List.of(1.0, 2.5f, -3, 0.0);

            @Override
            public java.util.ListIterator<Object> listIterator(int index) {
                return in.listIterator(index);
            }

            @Override
            public int size() {
                return in.size();
            }

            @Override
            public Object get(int index) {
                throw new AssertionError("indexed read of a linked list: O(p) each");
            }
        };
        assertArrayEquals(new double[]{1, 2.5, -3, 0}, ModelIO.doubles(walkOnly));
    }

    /** cv.glmnet inside fit on the hashed features (foldCol), both losses, against Spred.cv on the same folds. */
    @Test
    void crossValidationOnHashedFeatures() {
        for (Model model : new Model[]{Model.SQUARED, Model.LOGISTIC}) {
            String label = model == Model.SQUARED ? "y" : "clicked";
            Dataset d = collected(label);
            double[] lam = SparkCvTest.glmnetLambdas(d, FitOptions.defaults(model), 0, 5, 10, 15, 20, 25);
            SpredEstimator<?, ?> est = model == Model.SQUARED ? new SpredLinearRegression() : new SpredLogisticRegression();
            est.setLabelCol(label).setFoldCol("fold").setCvLambdas(lam).setTol(1e-10);
            PipelineStage[] st = features();
            long t0 = System.nanoTime();
            PipelineModel pm = new Pipeline().setStages(new PipelineStage[]{st[0], st[1], est}).fit(docs);
            double secs = (System.nanoTime() - t0) / 1e9;
            SpredCvSummary cv = ((SpredModel<?>) pm.stages()[2]).cvSummary();
            int[] fold = new int[d.n()];
            for (int i = 0; i < d.n(); i++) fold[i] = i % 3 + 1;   // the core's fold numbers are 1..K
            CvResult ref = SparkCvTest.core(d, model, 1, true, false, lam, fold);
            System.out.printf("hashed %s CV: route %s, %d passes, worst gap %.1e, %.1f s%n", model, cv.route(), cv.passes(),
                    cv.worstCertificate(), secs);
            SparkCvTest.assertSameCv(ref, cv);
        }
    }
}
