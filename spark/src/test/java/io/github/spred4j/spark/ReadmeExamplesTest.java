package io.github.spred4j.spark;

import io.github.spred4j.spark.SpredLinearRegression;
import io.github.spred4j.spark.SpredLinearRegressionModel;
import io.github.spred4j.spark.SpredSummary;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
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
 * spark/README.md's Java blocks, each copied verbatim (the core's ReadmeSnippetsTest checks that they stay so) and
 * run as a user runs them: the first on a Parquet file written here (columns x1, x2, x3, y), the CV block on a frame
 * with a fold column; then checks that what they print and save is the estimator's answer.
 */
class ReadmeExamplesTest {
    static SparkSession session;
    static List<Row> rows = new ArrayList<>();
    static final StructType SCHEMA = new StructType().add("x1", DataTypes.DoubleType).add("x2", DataTypes.DoubleType)
            .add("x3", DataTypes.DoubleType).add("y", DataTypes.DoubleType).add("fold", DataTypes.IntegerType);

    @BeforeAll
    static void start() {
        session = SparkTests.session("spred4j-readme-test");   // the README's getOrCreate() returns this one
        Random r = new Random(5);
        for (int i = 0; i < 200; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian(), c = r.nextGaussian();
            rows.add(RowFactory.create(a, b, c, 1 + 2 * a - b + 0.5 * r.nextGaussian(), i % 5 + 1));
        }
    }

    @AfterAll
    static void stop() {
        if (session != null) session.stop();
    }

    /** The rows with "features" and "label", as the README's first block makes them from the file. */
    static Dataset<Row> labelledFrame() {
        return new VectorAssembler().setInputCols(new String[]{"x1", "x2", "x3"}).setOutputCol("features")
                .transform(session.createDataFrame(rows, SCHEMA)).withColumnRenamed("y", "label");
    }

    @Test
    void lassoOnAParquetFile(@TempDir Path tmp) throws IOException {
        String trainPath = tmp.resolve("train.parquet").toString(), modelPath = tmp.resolve("models/lasso").toString();
        session.createDataFrame(rows, SCHEMA).drop("fold").write().parquet(trainPath);
        SparkSession spark = SparkSession.builder().appName("lasso").getOrCreate();
        Dataset<Row> df = new VectorAssembler().setInputCols(new String[]{"x1", "x2", "x3"}).setOutputCol("features")
                .transform(spark.read().parquet(trainPath))     // a Parquet file (or folder) with columns x1, x2, x3, y
                .withColumnRenamed("y", "label");
        SpredLinearRegressionModel m = new SpredLinearRegression()
                .setRegParam(0.1)            // λ in 1/(2n)‖y − b0 − Xβ‖² + λ‖β‖₁
                .setElasticNetParam(1.0)     // glmnet's alpha (1 = lasso)
                .fit(df);
        SpredSummary s = m.summary();                 // also saved with the model, so a loaded model has it
        System.out.printf("b0 = %g, %d non-zeros, objective %.10g, duality gap %.1e, %d passes%n",
                m.intercept(), s.numNonzeros(), s.objective(), s.certificate(), s.passes());
        m.transform(df).select("label", "prediction").show(5);
        m.write().overwrite().save(modelPath);        // SpredLinearRegressionModel.load(modelPath)
        assertTrue(s.certificate() >= -1e-12 && s.certificate() <= 1e-6, "certified: " + s.certificate());
        assertTrue(s.numNonzeros() >= 2 && s.numNonzeros() <= 3, "x1 and x2 in the model: " + s.numNonzeros());
        SpredLinearRegressionModel back = SpredLinearRegressionModel.load(modelPath);
        assertArrayEquals(m.coefficients().toArray(), back.coefficients().toArray(), 0.0);
        assertEquals(m.intercept(), back.intercept(), 0.0);
        assertEquals(s.certificate(), back.summary().certificate(), 0.0, "the summary is saved with the model");
    }

    @Test
    void crossValidatedLambda() {
        Dataset<Row> df = labelledFrame();
        SpredLinearRegressionModel m = new SpredLinearRegression()
                .setFoldCol("fold")                 // or .setCvFolds(10).setCvSeed(1)
                .setCvRule("lambda.1se")            // default lambda.min
                .fit(df);                           // optional: .setCvLambdas(decreasing λ) or .setCvNumLambdas(100)
        SpredCvSummary cv = m.cvSummary();          // also m.summary().cv(); saved and loaded with the model
        System.out.printf("λ = %g (λ_min %g, λ_1se %g)%n", cv.lambda(), cv.lambdaMin(), cv.lambda1se());
        // cv.lambdas(), cv.meanLoss(), cv.stdErr(): the curve; cv.route(), cv.passes(), cv.worstCertificate()
        assertEquals(cv.lambda1se(), cv.lambda(), 0.0, "lambda.1se chosen");
        assertTrue(cv.lambdaMin() <= cv.lambda1se() && cv.lambda1se() > 0, cv.lambdaMin() + " " + cv.lambda1se());
        assertEquals(cv.lambda(), m.getRegParam(), 0.0, "the model's regParam is the chosen λ");
    }

    /** The main README's Spark excerpt, on a frame with "label" and "features". */
    @Test
    void mainReadmeExcerpt(@TempDir Path tmp) throws IOException {
        String modelPath = tmp.resolve("lasso").toString();
        Dataset<Row> df = labelledFrame();
        SpredLinearRegressionModel m = new SpredLinearRegression()
                .setRegParam(0.1)          // λ in 1/(2n)‖y − b0 − Xβ‖² + λ‖β‖₁ (glmnet's scaling)
                .setElasticNetParam(1.0)   // glmnet's alpha
                .fit(df);                  // df: "label" (double), "features" (Vector)
        System.out.printf("b0=%g nnz=%d gap=%.1e passes=%d%n", m.intercept(), m.numNonzeros(), m.certificate(), m.passes());
        m.write().overwrite().save(modelPath);      // SpredLinearRegressionModel.load(modelPath)
        assertTrue(m.certificate() >= -1e-12 && m.certificate() <= 1e-6, "certified: " + m.certificate());
        assertArrayEquals(m.coefficients().toArray(), SpredLinearRegressionModel.load(modelPath).coefficients().toArray(), 0.0);
    }
}
