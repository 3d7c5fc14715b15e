package io.github.spred4j.spark;

import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * Saving and loading a {@link SpredModel}: Spark's params metadata (DefaultParamsWriter, the format Pipeline and
 * CrossValidator expect of every stage) plus one Parquet row of numbers under {@code data/}. The SparkContext forms
 * of saveMetadata/loadMetadata are the ones both Spark 3.5 and 4.x have.
 */
final class ModelIO {
    private ModelIO() {
    }

    static final StructType DATA_SCHEMA = new StructType()
            .add("intercept", DataTypes.DoubleType, false)
            .add("coefficients", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("objective", DataTypes.DoubleType, false)
            .add("certificateName", DataTypes.StringType, false)
            .add("certificate", DataTypes.DoubleType, false)
            .add("passes", DataTypes.IntegerType, false)
            .add("newtonSteps", DataTypes.IntegerType, false)
            // the cross-validation that chose λ (null without one; files from before it lack these columns)
            .add("cvRule", DataTypes.StringType, true)
            .add("cvLambda", DataTypes.DoubleType, true)
            .add("cvLambdas", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add("cvMeanLoss", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add("cvStdErr", DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add("cvLambdaMin", DataTypes.DoubleType, true)
            .add("cvLambda1se", DataTypes.DoubleType, true)
            .add("cvFolds", DataTypes.IntegerType, true)
            .add("cvRoute", DataTypes.StringType, true)
            .add("cvPasses", DataTypes.IntegerType, true)
            .add("cvWorstCertificate", DataTypes.DoubleType, true);

    static final class Writer extends MLWriter {
        private final SpredModel<?> m;

        Writer(SpredModel<?> m) {
            this.m = m;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(m, path, sc(), Option.empty(), Option.empty());
            SpredSummary s = m.summary;
            SpredCvSummary cv = s.cv();
            Row row = cv == null
                    ? RowFactory.create(m.intercept, boxed(m.coefficients), s.objective(), s.certificateName(), s.certificate(),
                    s.passes(), s.newtonSteps(), null, null, null, null, null, null, null, null, null, null, null)
                    : RowFactory.create(m.intercept, boxed(m.coefficients), s.objective(), s.certificateName(), s.certificate(),
                    s.passes(), s.newtonSteps(), cv.rule(), cv.lambda(), boxed(cv.lambdas()), boxed(cv.meanLoss()),
                    boxed(cv.stdErr()), cv.lambdaMin(), cv.lambda1se(), cv.folds(), cv.route(), cv.passes(),
                    cv.worstCertificate());
            sparkSession().createDataFrame(List.of(row), DATA_SCHEMA).repartition(1).write().parquet(path + "/data");
        }
    }

    static final class Reader<M extends SpredModel<M>> extends MLReader<M> {
        private final Class<M> cls;
        private final SpredModel.Factory<M> factory;

        Reader(Class<M> cls, SpredModel.Factory<M> factory) {
            this.cls = cls;
            this.factory = factory;
        }

        @Override
        public M load(String path) {
            DefaultParamsReader.Metadata md = DefaultParamsReader.loadMetadata(path, sc(), cls.getName());
            Row r = sparkSession().read().parquet(path + "/data").head();
            double[] beta = doubles(r, "coefficients");
            M m = factory.make(md.uid(), r.getDouble(0), beta,
                    SpredModel.summaryOf(beta, r.getDouble(2), r.getString(3), r.getDouble(4), r.getInt(5), r.getInt(6), cv(r)));
            md.getAndSetParams(m, strayParams(m));
            return m;
        }
    }

    static Double[] boxed(double[] a) {
        Double[] b = new Double[a.length];
        for (int j = 0; j < a.length; j++) b[j] = a[j];
        return b;
    }

    static double[] doubles(Row r, String field) {
        return doubles(r.<Object>getList(r.fieldIndex(field)));
    }

    /**
     * Walks the list once: a loaded row's array is a Scala linked list whose get(j) walks from the head, so
     * indexing made loading a HashingTF-sized model (2¹⁸ coefficients) quadratic (over two minutes).
     */
    static double[] doubles(List<Object> cs) {
        double[] a = new double[cs.size()];
        int j = 0;
        for (Object c : cs) a[j++] = ((Number) c).doubleValue();
        return a;
    }

    /** The saved cross-validation, or null (none, or a file written before models carried it). */
    static SpredCvSummary cv(Row r) {
        if (!java.util.Arrays.asList(r.schema().fieldNames()).contains("cvRule") || r.isNullAt(r.fieldIndex("cvRule")))
            return null;
        return new SpredCvSummary(r.getAs("cvRule"), r.<Double>getAs("cvLambda"), doubles(r, "cvLambdas"),
                doubles(r, "cvMeanLoss"), doubles(r, "cvStdErr"), r.<Double>getAs("cvLambdaMin"), r.<Double>getAs("cvLambda1se"),
                r.<Integer>getAs("cvFolds"), r.getAs("cvRoute"), r.<Integer>getAs("cvPasses"), r.<Double>getAs("cvWorstCertificate"));
    }

    /**
     * The classifier params this instance does not have. Files written before issue 17 was fixed list a default
     * probabilityCol for the linear estimator and model too; skipping it lets those saved models load.
     */
    static Option<scala.collection.immutable.List<String>> strayParams(org.apache.spark.ml.param.Params p) {
        List<String> skip = new ArrayList<>();
        for (String name : new String[]{"probabilityCol", "rawPredictionCol", "threshold"})
            if (!p.hasParam(name)) skip.add(name);
        return Option.apply(scala.jdk.javaapi.CollectionConverters.asScala(skip).toList());
    }

    /** Spark's DefaultParamsReader for an estimator (uid constructor, params from metadata), with {@link #strayParams}. */
    static final class EstimatorReader<E extends SpredEstimator<?, E>> extends MLReader<E> {
        private final Class<E> cls;

        EstimatorReader(Class<E> cls) {
            this.cls = cls;
        }

        @Override
        public E load(String path) {
            DefaultParamsReader.Metadata md = DefaultParamsReader.loadMetadata(path, sc(), cls.getName());
            E e;
            try {
                e = cls.getConstructor(String.class).newInstance(md.uid());
            } catch (ReflectiveOperationException x) {
                throw new IllegalStateException("cannot construct " + cls.getName() + "(uid)", x);
            }
            md.getAndSetParams(e, strayParams(e));
            return e;
        }
    }
}
