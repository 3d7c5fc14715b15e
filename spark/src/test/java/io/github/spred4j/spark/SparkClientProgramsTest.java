package io.github.spred4j.spark;

import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client programs as Spark users write them, on frames as they come from files: columns of the label's natural type
 * (an Integer count, a Boolean outcome), family names in any case, a Pipeline with a VectorAssembler whose fitted
 * model is saved, loaded and applied to new rows that have no label column, and rows with nulls or NaN. Each case
 * failed before (a refusal of the Boolean label or of "Poisson", a stack trace from a task for a null).
 */
class SparkClientProgramsTest {
    static SparkSession spark;
    static Dataset<Row> raw;   // a, b, c (double), count (int, Poisson), churned (boolean), y (double)

    @BeforeAll
    static void start() {
        spark = SparkTests.session("spred4j-client-programs-test");
        Random r = new Random(23);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            double a = r.nextGaussian(), b = r.nextGaussian(), c = r.nextGaussian();
            double eta = 0.3 + 0.8 * a - 0.5 * b;
            int count = poisson(r, Math.exp(0.2 + 0.4 * a));
            rows.add(RowFactory.create(a, b, c, count, r.nextDouble() < 1 / (1 + Math.exp(-eta)), eta + 0.3 * r.nextGaussian()));
        }
        StructType s = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType)
                .add("count", DataTypes.IntegerType).add("churned", DataTypes.BooleanType).add("y", DataTypes.DoubleType);
        raw = spark.createDataFrame(rows, s).repartition(2).cache();
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static int poisson(Random r, double mean) {
        int k = 0;
        for (double t = r.nextDouble(), e = Math.exp(-mean); t > e; t *= r.nextDouble()) k++;
        return k;
    }

    static VectorAssembler assembler() {
        return new VectorAssembler().setInputCols(new String[]{"a", "b", "c"}).setOutputCol("features");
    }

    /** The same fit on a Double copy of the label column: the reference for the natural-type label. */
    static double[] coefficients(SpredModel m) {
        double[] beta = m.coefficients().toArray();
        double[] out = new double[beta.length + 1];
        out[0] = m.intercept();
        System.arraycopy(beta, 0, out, 1, beta.length);
        return out;
    }

    /**
     * A Boolean outcome column into the logistic estimator (was refused: "must be numeric, got BooleanType"), and
     * "Poisson" / "GAUSSIAN" family names (were refused by the param's validator; Spark's GLR takes any case): each
     * fit equals the fit on a Double 0/1 label or with the lower-case name.
     */
    @Test
    void naturalLabelTypesAndFamilyNamesInAnyCase() {
        Dataset<Row> df = assembler().transform(raw);
        SpredLogisticRegressionModel onBool = new SpredLogisticRegression().setRegParam(0.01).setLabelCol("churned").fit(df);
        SpredLogisticRegressionModel onDouble = new SpredLogisticRegression().setRegParam(0.01).setLabelCol("z")
                .fit(df.withColumn("z", df.col("churned").cast(DataTypes.DoubleType)));
        assertArrayClose(coefficients(onDouble), coefficients(onBool));
        assertTrue(onBool.numNonzeros() > 0 && onBool.certificate() <= 1e-6, "certified: " + onBool.certificate());

        SpredLinearRegressionModel lower = new SpredLinearRegression().setFamily("poisson").setRegParam(0.01).setLabelCol("count").fit(df);
        SpredLinearRegressionModel mixed = new SpredLinearRegression().setFamily("Poisson").setRegParam(0.01).setLabelCol("count").fit(df);
        assertArrayClose(coefficients(lower), coefficients(mixed));
        // the model predicts e^η for any spelling of poisson (a case-sensitive check would predict η)
        double p0 = mixed.transform(df).select("prediction").first().getDouble(0);
        double l0 = lower.transform(df).select("prediction").first().getDouble(0);
        assertEquals(l0, p0, 1e-12 * Math.abs(l0));
        assertTrue(p0 > 0);
        SpredLinearRegressionModel gauss = new SpredLinearRegression().setFamily("GAUSSIAN").setRegParam(0.01).setLabelCol("y").fit(df);
        SpredLinearRegressionModel plain = new SpredLinearRegression().setRegParam(0.01).setLabelCol("y").fit(df);
        assertArrayClose(coefficients(plain), coefficients(gauss));
        assertThrows(IllegalArgumentException.class, () -> new SpredLinearRegression().setFamily("binomial"));
        // a Boolean label stays refused where it means nothing, in one line
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SpredLinearRegression().setLabelCol("churned").fit(df));
        assertTrue(e.getMessage().contains("churned") && e.getMessage().contains("numeric"), e.getMessage());
    }

    /**
     * A Pipeline (VectorAssembler, estimator) fitted on an Integer label, saved, loaded, and applied to new rows
     * without the label column, as a scoring job does: the loaded pipeline predicts what the fitted one predicts.
     */
    @Test
    void pipelineSavedLoadedAndScoredWithoutTheLabel(@TempDir Path tmp) throws IOException {
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[]{assembler(),
                new SpredLinearRegression().setFamily("Poisson").setRegParam(0.02).setLabelCol("count")}).fit(raw);
        String dir = tmp.resolve("pipeline").toString();
        fitted.write().overwrite().save(dir);
        PipelineModel loaded = PipelineModel.load(dir);
        Dataset<Row> unlabelled = raw.drop("count", "churned", "y");
        List<Row> want = fitted.transform(unlabelled).select("prediction").collectAsList();
        List<Row> got = loaded.transform(unlabelled).select("prediction").collectAsList();
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) assertEquals(want.get(i).getDouble(0), got.get(i).getDouble(0), 0.0, "row " + i);
        assertEquals("Poisson", ((SpredLinearRegressionModel) loaded.stages()[1]).getFamily());
    }

    /**
     * Nulls and NaN as they come from files: a null label (an empty CSV cell) failed the job with the executor's
     * stack trace in the message, a null features vector in the first row with a NullPointerException on the driver;
     * these and NaN (VectorAssembler's "keep", a NaN label) are one-line IllegalArgumentExceptions naming the columns.
     */
    @Test
    void nullsAndNaNAreOneLineErrors() {
        StructType s = new StructType().add("label", DataTypes.DoubleType, true).add("a", DataTypes.DoubleType, true);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) rows.add(RowFactory.create(i == 13 ? null : (double) (i % 3), (double) i));
        VectorAssembler va = new VectorAssembler().setInputCols(new String[]{"a"}).setOutputCol("features");
        Dataset<Row> nullLabel = va.transform(spark.createDataFrame(rows, s));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpredLinearRegression().setRegParam(0.1).fit(nullLabel));
        assertOneLine(e, "null label");

        rows.set(0, RowFactory.create(0.0, null));
        Dataset<Row> nanFeature = va.setHandleInvalid("keep").transform(spark.createDataFrame(rows.subList(0, 5), s));
        e = assertThrows(IllegalArgumentException.class, () -> new SpredLinearRegression().setRegParam(0.1).fit(nanFeature));
        assertOneLine(e, "not finite");

        StructType v = new StructType().add("label", DataTypes.DoubleType).add("features", org.apache.spark.ml.linalg.SQLDataTypes.VectorType(), true);
        List<Row> vr = new ArrayList<>();
        for (int i = 0; i < 5; i++) vr.add(RowFactory.create((double) i, i == 0 ? null : org.apache.spark.ml.linalg.Vectors.dense(i, 1)));
        Dataset<Row> nullFeatures = spark.createDataFrame(vr, v).coalesce(1);
        e = assertThrows(IllegalArgumentException.class, () -> new SpredLinearRegression().setRegParam(0.1).fit(nullFeatures));
        assertOneLine(e, "null label or features");

        List<Row> binary = new ArrayList<>(); // labels in {0, 1} but one NaN: which row a task meets first cannot matter
        for (int i = 0; i < 5; i++) binary.add(RowFactory.create(i == 0 ? Double.NaN : (double) (i % 2), (double) i));
        Dataset<Row> nanLabel = va.transform(spark.createDataFrame(binary, s));
        e = assertThrows(IllegalArgumentException.class, () -> new SpredLogisticRegression().setRegParam(0.1).fit(nanLabel));
        assertOneLine(e, "not finite");
    }

    static void assertOneLine(IllegalArgumentException e, String what) {
        String m = e.getMessage();
        assertTrue(m.contains(what) && m.contains("labelCol label"), m);
        assertFalse(m.contains("\n") || m.contains("Job aborted"), m);
    }

    static void assertArrayClose(double[] want, double[] got) {
        assertEquals(want.length, got.length);
        for (int j = 0; j < want.length; j++)
            assertEquals(want[j], got[j], 1e-9 * (1 + Math.abs(want[j])), "coefficient " + j);
    }
}
