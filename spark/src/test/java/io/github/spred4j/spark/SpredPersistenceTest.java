package io.github.spred4j.spark;

import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.evaluation.BinaryClassificationEvaluator;
import org.apache.spark.ml.evaluation.Evaluator;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.ml.tuning.TrainValidationSplit;
import org.apache.spark.ml.tuning.TrainValidationSplitModel;
import org.apache.spark.ml.util.MLWritable;
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
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spark ML citizenship, as Spark's own suites test their estimators (DefaultReadWriteTest): every estimator and model
 * saved and loaded alone, inside a Pipeline / PipelineModel and inside CrossValidator / TrainValidationSplit with a
 * ParamGridBuilder grid; after loading, the params (set and default) and the predictions are equal. Also copy, the
 * summary and the classifier columns Spark's evaluators read. Small data: these test the plumbing, not the solver.
 */
class SpredPersistenceTest {
    static SparkSession spark;
    static Dataset<Row> raw;  // columns a, b, c, y (numeric), z (0/1)

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("spred4j-persistence-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Random r = new Random(17);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 160; i++) {
            double a = r.nextGaussian(), b = 2 * r.nextGaussian(), c = r.nextGaussian() + 1;
            double eta = 0.5 + 1.5 * a - 0.7 * b;
            rows.add(RowFactory.create(a, b, c, eta + 0.5 * r.nextGaussian(), r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1.0 : 0.0));
        }
        StructType s = new StructType().add("a", DataTypes.DoubleType).add("b", DataTypes.DoubleType)
                .add("c", DataTypes.DoubleType).add("y", DataTypes.DoubleType).add("z", DataTypes.DoubleType);
        raw = spark.createDataFrame(rows, s).repartition(2).cache();
    }

    @AfterAll
    static void stop() {
        if (raw != null) raw.unpersist();
        if (spark != null) spark.stop();
    }

    static VectorAssembler assembler() {
        return new VectorAssembler().setInputCols(new String[]{"a", "b", "c"}).setOutputCol("features");
    }

    static Dataset<Row> features() {
        return assembler().transform(raw);
    }

    static SpredLinearRegression linear() {
        return new SpredLinearRegression().setLabelCol("y").setRegParam(0.05).setElasticNetParam(0.9).setTol(1e-9)
                .setMaxIter(50).setBackend("java");
    }

    static SpredLogisticRegression logistic() {
        return new SpredLogisticRegression().setLabelCol("z").setRegParam(0.02).setTol(1e-9).setThreshold(0.4)
                .setProbabilityCol("prob").setBackend("java");
    }

    // ---------------------------------------------------------------- DefaultReadWriteTest's checks

    /** Every param of a: same definedness, same set-ness, same value in b (defaults included). */
    static void assertParamsEqual(Params a, Params b) {
        assertEquals(a.uid(), b.uid(), "uid");
        List<String> na = Arrays.stream(a.params()).map(Param::name).toList(), nb = Arrays.stream(b.params()).map(Param::name).toList();
        assertEquals(na, nb, "param names of " + a.getClass().getSimpleName());
        for (Param<?> p : a.params()) {
            Param<?> q = b.getParam(p.name());
            assertEquals(a.isSet(p), b.isSet(q), p.name() + " set");
            assertEquals(a.isDefined(p), b.isDefined(q), p.name() + " defined");
            if (a.isDefined(p)) assertEquals(a.getOrDefault(p), b.getOrDefault(q), p.name() + " value");
            if (a.hasDefault(p)) assertEquals(a.getDefault(p).get(), b.getDefault(q).get(), p.name() + " default");
        }
    }

    /** Saves, checks that saving again without overwrite fails, loads and compares params. */
    static <T extends Params & MLWritable> T roundTrip(T instance, Path dir, Function<String, T> load) throws IOException {
        String path = dir.toString();
        instance.write().save(path);
        assertThrows(IOException.class, () -> instance.write().save(path), "a second save without overwrite");
        instance.write().overwrite().save(path);
        T loaded = load.apply(path);
        assertSame(instance.getClass(), loaded.getClass());
        assertParamsEqual(instance, loaded);
        return loaded;
    }

    /** The rows of transform, sorted, output columns only (predictions equal). */
    static List<String> predictions(Transformer t, Dataset<Row> df, String... cols) {
        Dataset<Row> out = t.transform(df);
        List<String> rows = new ArrayList<>();
        for (Row r : out.select("a", cols).collectAsList()) rows.add(r.toString());
        rows.sort(null);
        return rows;
    }

    static <M extends SpredModel<M>> void assertSameModel(SpredModel<M> a, SpredModel<M> b) {
        assertEquals(a.intercept(), b.intercept());
        assertArrayEquals(a.coefficients().toArray(), b.coefficients().toArray());
        assertEquals(a.summary(), b.summary());
    }

    // ---------------------------------------------------------------- tests

    @Test
    void estimatorsAndModelsRoundTripAlone(@TempDir Path tmp) throws IOException {
        // defaults only, then non-defaults: both must survive (a default the class does not expose broke loading)
        roundTrip(new SpredLinearRegression(), tmp.resolve("lin0"), SpredLinearRegression::load);
        roundTrip(new SpredLogisticRegression(), tmp.resolve("log0"), SpredLogisticRegression::load);
        SpredLinearRegression lin = roundTrip(linear(), tmp.resolve("lin"), SpredLinearRegression::load);
        SpredLogisticRegression log = roundTrip(logistic(), tmp.resolve("log"), SpredLogisticRegression::load);
        assertEquals(0.4, log.getThreshold());
        assertEquals("prob", log.getProbabilityCol());
        assertEquals(0.9, lin.getElasticNetParam());

        Dataset<Row> df = features();
        SpredLinearRegressionModel lm = linear().fit(df);
        SpredLinearRegressionModel lm2 = roundTrip(lm, tmp.resolve("linModel"), SpredLinearRegressionModel::load);
        assertSameModel(lm, lm2);
        assertEquals(predictions(lm, df, "prediction"), predictions(lm2, df, "prediction"));

        // Poisson (family param, labels z as counts): the family and the e^η predictions survive
        SpredLinearRegression pe = roundTrip(new SpredLinearRegression().setFamily("poisson").setLabelCol("z")
                .setRegParam(0.02).setBackend("java"), tmp.resolve("pois"), SpredLinearRegression::load);
        assertEquals("poisson", pe.getFamily());
        SpredLinearRegressionModel pm = pe.fit(df);
        SpredLinearRegressionModel pm2 = roundTrip(pm, tmp.resolve("poisModel"), SpredLinearRegressionModel::load);
        assertEquals("poisson", pm2.getFamily());
        assertSameModel(pm, pm2);
        assertEquals(predictions(pm, df, "prediction"), predictions(pm2, df, "prediction"));
        assertTrue(pm.transform(df).select("prediction").collectAsList().stream().allMatch(r -> r.getDouble(0) > 0),
                "Poisson predictions are means e^η > 0");

        SpredLogisticRegressionModel gm = logistic().fit(df);
        SpredLogisticRegressionModel gm2 = roundTrip(gm, tmp.resolve("logModel"), SpredLogisticRegressionModel::load);
        assertSameModel(gm, gm2);
        assertEquals(predictions(gm, df, "rawPrediction", "prob", "prediction"),
                predictions(gm2, df, "rawPrediction", "prob", "prediction"));
    }

    @Test
    void fittedModelCarriesTheEstimatorsParamsAndCopyIsDeep() {
        Dataset<Row> df = features();
        SpredLogisticRegression est = logistic();
        SpredLogisticRegressionModel m = est.fit(df);
        assertEquals(est.uid(), m.uid());
        assertSame(est, m.parent());
        for (Param<?> p : est.params()) assertEquals(est.getOrDefault(p), m.getOrDefault(m.getParam(p.name())), p.name());

        // estimator copy: new instance, extra params applied, the original untouched
        SpredLogisticRegression c = est.copy(new ParamMap().put(est.regParam().w(0.3)));
        assertNotSame(est, c);
        assertEquals(est.uid(), c.uid());
        assertEquals(0.3, c.getRegParam());
        assertEquals(0.02, est.getRegParam());
        assertEquals("prob", c.getProbabilityCol());

        // model copy: same numbers, same parent, extra params applied
        SpredLogisticRegressionModel mc = m.copy(new ParamMap().put(m.threshold().w(0.9)));
        assertSameModel(m, mc);
        assertSame(est, mc.parent());
        assertEquals(0.9, mc.getThreshold());
        assertEquals(0.4, m.getThreshold());

        // the linear estimator has no classifier params (their defaults broke loading, issue 17); family is its own
        SpredLinearRegression lin = new SpredLinearRegression();
        assertFalse(lin.hasParam("probabilityCol"));
        assertFalse(lin.hasParam("threshold"));
        assertFalse(new SpredLogisticRegression().hasParam("family"), "family is a linear-regression param");
        assertEquals(List.of("backend", "cvFolds", "cvLambdaMinRatio", "cvLambdas", "cvNumLambdas", "cvRule", "cvSeed",
                        "elasticNetParam", "family", "featuresCol", "fitIntercept", "foldCol", "labelCol", "maxIter",
                        "predictionCol", "regParam", "standardization", "tol", "weightCol"),
                Arrays.stream(lin.params()).map(Param::name).toList());
    }

    @Test
    void summaryAndClassifierColumnsAsSparksEvaluatorsExpect() {
        Dataset<Row> df = features();
        SpredLogisticRegressionModel m = new SpredLogisticRegression().setLabelCol("z").setRegParam(0.01).setTol(1e-9)
                .setBackend("java").fit(df);
        SpredSummary s = m.summary();
        assertTrue(m.hasSummary());
        assertEquals(m.objective(), s.objective());
        assertEquals("duality_gap", s.certificateName());
        assertTrue(s.certificate() >= -io.github.spred4j.solver.Certificates.NEGATIVE_SLACK && s.certificate() <= 1e-9, "certificate " + s.certificate());
        assertTrue(s.passes() >= 2 && s.newtonSteps() >= 1, s.toString());
        int nnz = 0;
        for (double v : m.coefficients().toArray()) if (v != 0) nnz++;
        assertEquals(nnz, s.numNonzeros());
        assertEquals(3, s.numFeatures());

        Dataset<Row> out = m.transform(df);
        for (Row r : out.select("features", "rawPrediction", "probability", "prediction").collectAsList()) {
            double eta = m.margin((Vector) r.get(0));
            Vector raw = (Vector) r.get(1), prob = (Vector) r.get(2);
            assertArrayEquals(new double[]{-eta, eta}, raw.toArray(), 0);
            double p = 1 / (1 + Math.exp(-eta));
            assertEquals(p, prob.apply(1), 1e-15);
            assertEquals(1, prob.apply(0) + prob.apply(1), 1e-15);
            assertEquals(p > 0.5 ? 1.0 : 0.0, r.getDouble(3));
        }
        // the evaluators read the columns by their default names
        double aucRaw = new BinaryClassificationEvaluator().setLabelCol("z").evaluate(out);
        double aucProb = new BinaryClassificationEvaluator().setLabelCol("z").setRawPredictionCol("probability").evaluate(out);
        assertTrue(aucRaw > 0.75 && aucRaw <= 1, "AUC " + aucRaw);
        assertEquals(aucRaw, aucProb, 1e-12, "AUC from rawPrediction and from probability (same ranking)");
        double logLoss = new MulticlassClassificationEvaluator().setLabelCol("z").setMetricName("logLoss").evaluate(out);
        double expected = 0;
        List<Row> rows = out.select("z", "probability").collectAsList();
        for (Row r : rows) expected -= Math.log(((Vector) r.get(1)).apply((int) r.getDouble(0)));
        assertEquals(expected / rows.size(), logLoss, 1e-9, "logLoss reads probability");
        double acc = new MulticlassClassificationEvaluator().setLabelCol("z").setMetricName("accuracy").evaluate(out);
        assertTrue(acc > 0.6, "accuracy " + acc);

        // an empty column name skips that column; an existing one is refused with its name
        Dataset<Row> only = m.copy(ParamMap.empty()).setRawPredictionCol("").setProbabilityCol("").transform(df);
        assertFalse(Arrays.asList(only.columns()).contains("rawPrediction"));
        assertFalse(Arrays.asList(only.columns()).contains("probability"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.transform(out));
        assertTrue(e.getMessage().contains("rawPrediction"), e.getMessage());
    }

    @Test
    void pipelineAndPipelineModelRoundTrip(@TempDir Path tmp) throws IOException {
        for (SpredEstimator<?, ?> est : List.<SpredEstimator<?, ?>>of(linear(), logistic())) {
            Pipeline p = new Pipeline().setStages(new PipelineStage[]{assembler(), est});
            Pipeline p2 = Pipeline.load(save(p, tmp.resolve("pipe-" + est.uid())));
            assertParamsEqual(est, (Params) p2.getStages()[1]);
            PipelineModel pm = p.fit(raw);
            String path = save(pm, tmp.resolve("pm-" + est.uid()));
            PipelineModel pm2 = PipelineModel.load(path);
            assertParamsEqual(pm.stages()[1], pm2.stages()[1]);
            String[] cols = est instanceof SpredLogisticRegression ? new String[]{"rawPrediction", "prob", "prediction"}
                    : new String[]{"prediction"};
            assertEquals(predictions(pm, raw, cols), predictions(pm2, raw, cols));
            // the pipeline model loaded from p2 fits to the same answer (the loaded estimator is the same estimator)
            assertEquals(predictions(pm, raw, cols), predictions(p2.fit(raw), raw, cols));
        }
    }

    /**
     * Files written before issue 17's fix list a default probabilityCol for the linear estimator and model (the
     * cause of "Param probabilityCol does not exist"): written here as that version wrote them, they load.
     */
    @Test
    void filesWrittenBeforeTheFixLoad(@TempDir Path tmp) throws IOException {
        PipelineModel pm = new Pipeline().setStages(new PipelineStage[]{assembler(), linear()}).fit(raw);
        String path = save(pm, tmp.resolve("old-pm"));
        SpredLinearRegression lin = linear();
        String est = save(lin, tmp.resolve("old-est"));
        int patched = 0;
        try (var files = java.nio.file.Files.walk(tmp)) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("part-") && f.getParent().getFileName().toString().equals("metadata")).toList()) {
                String json = java.nio.file.Files.readString(f);
                if (!json.contains("SpredLinearRegression")) continue;
                assertFalse(json.contains("probabilityCol"), "the fixed writer no longer writes it");
                String old = json.replace("\"defaultParamMap\":{", "\"defaultParamMap\":{\"probabilityCol\":\"probability\",");
                assertNotEquals(json, old, "metadata layout: " + json);
                java.nio.file.Files.writeString(f, old);
                java.nio.file.Files.deleteIfExists(f.resolveSibling("." + f.getFileName() + ".crc")); // Hadoop's checksum of the old bytes
                patched++;
            }
        }
        assertEquals(2, patched, "the pipeline's model stage and the estimator");
        PipelineModel back = PipelineModel.load(path);
        assertEquals(predictions(pm, raw, "prediction"), predictions(back, raw, "prediction"));
        assertFalse(((Params) back.stages()[1]).hasParam("probabilityCol"));
        assertParamsEqual(lin, SpredLinearRegression.load(est));
    }

    static String save(MLWritable w, Path dir) throws IOException {
        w.write().overwrite().save(dir.toString());
        return dir.toString();
    }

    /** Issue 17: Pipeline(VectorAssembler, SpredLinearRegression) in a CrossValidator over regParam, saved and loaded. */
    @Test
    void crossValidatorOverPipelineRoundTrip(@TempDir Path tmp) throws IOException {
        for (boolean isLogistic : new boolean[]{false, true}) {
            SpredEstimator<?, ?> est = isLogistic ? logistic() : linear();
            Pipeline p = new Pipeline().setStages(new PipelineStage[]{assembler(), est});
            ParamMap[] grid = new ParamGridBuilder().addGrid(est.regParam(), new double[]{0.01, 0.2}).build();
            Evaluator ev = evaluator(isLogistic);
            CrossValidator cv = new CrossValidator().setEstimator(p).setEvaluator(ev).setEstimatorParamMaps(grid)
                    .setNumFolds(2).setSeed(5);
            CrossValidatorModel m = cv.fit(raw);
            CrossValidatorModel m2 = CrossValidatorModel.load(save(m, tmp.resolve("cv" + isLogistic)));
            assertArrayEquals(m.avgMetrics(), m2.avgMetrics());
            assertEquals(grid.length, m2.getEstimatorParamMaps().length);
            for (int g = 0; g < grid.length; g++)
                assertEquals(grid[g].apply(est.regParam()), m2.getEstimatorParamMaps()[g].apply(est.regParam()));
            checkBest((PipelineModel) m.bestModel(), (PipelineModel) m2.bestModel(), isLogistic);
            // the unfitted CrossValidator too
            CrossValidator cv2 = CrossValidator.load(save(cv, tmp.resolve("cvEst" + isLogistic)));
            assertEquals(2, cv2.getNumFolds());
            assertParamsEqual(est, (Params) ((Pipeline) cv2.getEstimator()).getStages()[1]);
        }
    }

    @Test
    void trainValidationSplitRoundTrip(@TempDir Path tmp) throws IOException {
        for (boolean isLogistic : new boolean[]{false, true}) {
            SpredEstimator<?, ?> est = isLogistic ? logistic() : linear();
            ParamMap[] grid = new ParamGridBuilder().addGrid(est.regParam(), new double[]{0.01, 0.2})
                    .addGrid(est.elasticNetParam(), new double[]{1.0}).build();
            // the estimator alone (no pipeline) on the assembled features
            TrainValidationSplit tvs = new TrainValidationSplit().setEstimator((Estimator<?>) est)
                    .setEvaluator(evaluator(isLogistic)).setEstimatorParamMaps(grid).setTrainRatio(0.7).setSeed(3);
            Dataset<Row> df = features();
            TrainValidationSplitModel m = tvs.fit(df);
            TrainValidationSplitModel m2 = TrainValidationSplitModel.load(save(m, tmp.resolve("tvs" + isLogistic)));
            assertArrayEquals(m.validationMetrics(), m2.validationMetrics());
            Model<?> best = m.bestModel(), best2 = m2.bestModel();
            assertParamsEqual(best, best2);
            assertSameModel((SpredModel) best, (SpredModel) best2);
            String[] cols = isLogistic ? new String[]{"rawPrediction", "prob", "prediction"} : new String[]{"prediction"};
            assertEquals(predictions(best, df, cols), predictions(best2, df, cols));
        }
    }

    static Evaluator evaluator(boolean isLogistic) {
        return isLogistic ? new BinaryClassificationEvaluator().setLabelCol("z")
                : new RegressionEvaluator().setLabelCol("y");
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void checkBest(PipelineModel a, PipelineModel b, boolean isLogistic) {
        assertParamsEqual(a.stages()[1], b.stages()[1]);
        assertSameModel((SpredModel) a.stages()[1], (SpredModel) b.stages()[1]);
        String[] cols = isLogistic ? new String[]{"rawPrediction", "prob", "prediction"} : new String[]{"prediction"};
        assertEquals(predictions(a, raw, cols), predictions(b, raw, cols));
    }
}
