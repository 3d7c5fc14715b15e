package io.github.spred4j.spark;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWriter;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * A fitted sparse linear model: intercept, coefficients (exact zeros) and the fit's certificate. Persistence
 * writes Spark's params metadata (DefaultParamsWriter) and one Parquet row of numbers under {@code data/};
 * no Java serialisation of the coefficients.
 */
public abstract class SpredModel<M extends SpredModel<M>> extends Model<M> implements MLWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final SpredParams ps;
    final double intercept;
    final double[] coefficients;
    final double objective, certificate;
    final String certificateName;
    final int passes, newtonSteps;

    protected SpredModel(String uid, double intercept, double[] coefficients, double objective, String certificateName,
                         double certificate, int passes, int newtonSteps) {
        this.uid = uid;
        this.ps = new SpredParams(this);
        ps.setDefaults(this);
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
        this.objective = objective;
        this.certificateName = certificateName;
        this.certificate = certificate;
        this.passes = passes;
        this.newtonSteps = newtonSteps;
    }

    @Override
    public String uid() {
        return uid;
    }

    public double intercept() { return intercept; }
    public Vector coefficients() { return Vectors.dense(coefficients.clone()); }
    /** The penalised objective at the answer (glmnet's scaling). */
    public double objective() { return objective; }
    /** "duality_gap". */
    public String certificateName() { return certificateName; }
    /** The relative duality gap proved for the answer. */
    public double certificate() { return certificate; }
    public int numNonzeros() {
        int k = 0;
        for (double v : coefficients) if (v != 0) k++;
        return k;
    }
    /** Spark jobs (passes over the data) the fit took. */
    public int passes() { return passes; }
    public int newtonSteps() { return newtonSteps; }
    public int numFeatures() { return coefficients.length; }

    // ---------------------------------------------------------------- params
    public DoubleParam regParam() { return ps.regParam; }
    public DoubleParam elasticNetParam() { return ps.elasticNetParam; }
    public DoubleParam tol() { return ps.tol; }
    public BooleanParam fitIntercept() { return ps.fitIntercept; }
    public BooleanParam standardization() { return ps.standardization; }
    public IntParam maxIter() { return ps.maxIter; }
    public Param<String> backend() { return ps.backend; }
    public Param<String> featuresCol() { return ps.featuresCol; }
    public Param<String> labelCol() { return ps.labelCol; }
    public Param<String> predictionCol() { return ps.predictionCol; }

    public String getFeaturesCol() { return getOrDefault(ps.featuresCol); }
    public String getPredictionCol() { return getOrDefault(ps.predictionCol); }
    public double getRegParam() { return (Double) getOrDefault(ps.regParam); }

    @SuppressWarnings("unchecked")
    M put(Param<?> p, Object v) {
        set((Param<Object>) p, v);
        return (M) this;
    }

    public M setFeaturesCol(String v) { return put(ps.featuresCol, v); }
    public M setPredictionCol(String v) { return put(ps.predictionCol, v); }

    SpredParams paramSet() {
        return ps;
    }

    /** η = b0 + xᵀβ. */
    public double margin(Vector v) {
        return margin(intercept, coefficients, v);
    }

    static double margin(double intercept, double[] coefficients, Vector v) {
        double s = intercept;
        if (v instanceof SparseVector sv) {
            int[] idx = sv.indices();
            double[] val = sv.values();
            for (int k = 0; k < idx.length; k++) s += coefficients[idx[k]] * val[k];
        } else {
            double[] a = v.toArray();
            for (int j = 0; j < a.length; j++) s += coefficients[j] * a[j];
        }
        return s;
    }

    UserDefinedFunction udfOf(UDF1<Vector, Double> f) {
        return udf(f, DataTypes.DoubleType);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return schema.add(new StructField(getPredictionCol(), DataTypes.DoubleType, false, org.apache.spark.sql.types.Metadata.empty()));
    }

    /** Adds the prediction column (η for linear regression, the class for logistic regression). */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        final double b0 = intercept;
        final double[] beta = coefficients.clone();
        Dataset<Row> out = dataset.toDF();
        if (isLogistic()) {
            if (!probabilityColName().isEmpty())
                out = out.withColumn(probabilityColName(), udfOf(v -> 1 / (1 + Math.exp(-margin(b0, beta, v)))).apply(col(getFeaturesCol())));
            return out.withColumn(getPredictionCol(), udfOf(v -> margin(b0, beta, v) > 0 ? 1.0 : 0.0).apply(col(getFeaturesCol())));
        }
        return out.withColumn(getPredictionCol(), udfOf(v -> margin(b0, beta, v)).apply(col(getFeaturesCol())));
    }

    abstract boolean isLogistic();

    /** The probability column's name (logistic; empty: none). */
    String probabilityColName() {
        return "";
    }

    /** Builds the concrete model from saved numbers. */
    interface Factory<M> {
        M make(String uid, double intercept, double[] coefficients, double objective, String certName, double cert,
               int passes, int steps);
    }

    // ---------------------------------------------------------------- persistence

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    @Override
    public void save(String path) throws java.io.IOException {
        write().save(path);
    }

    static final StructType DATA_SCHEMA = new StructType()
            .add("intercept", DataTypes.DoubleType, false)
            .add("coefficients", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("objective", DataTypes.DoubleType, false)
            .add("certificateName", DataTypes.StringType, false)
            .add("certificate", DataTypes.DoubleType, false)
            .add("passes", DataTypes.IntegerType, false)
            .add("newtonSteps", DataTypes.IntegerType, false);

    static final class Writer extends MLWriter {
        private final SpredModel<?> m;

        Writer(SpredModel<?> m) {
            this.m = m;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter.saveMetadata(m, path, sc(), Option.empty(), Option.empty());
            Double[] boxed = new Double[m.coefficients.length];
            for (int j = 0; j < boxed.length; j++) boxed[j] = m.coefficients[j];
            Row row = RowFactory.create(m.intercept, boxed, m.objective, m.certificateName, m.certificate, m.passes, m.newtonSteps);
            sparkSession().createDataFrame(List.of(row), DATA_SCHEMA).repartition(1).write().parquet(path + "/data");
        }
    }

    static final class Reader<M extends SpredModel<M>> extends MLReader<M> {
        private final Class<M> cls;
        private final Factory<M> factory;

        Reader(Class<M> cls, Factory<M> factory) {
            this.cls = cls;
            this.factory = factory;
        }

        @Override
        public M load(String path) {
            DefaultParamsReader.Metadata md = DefaultParamsReader.loadMetadata(path, sc(), cls.getName());
            Row r = sparkSession().read().parquet(path + "/data").head();
            List<Object> cs = r.getList(1);
            double[] beta = new double[cs.size()];
            for (int j = 0; j < beta.length; j++) beta[j] = ((Number) cs.get(j)).doubleValue();
            M m = factory.make(md.uid(), r.getDouble(0), beta, r.getDouble(2), r.getString(3), r.getDouble(4),
                    r.getInt(5), r.getInt(6));
            md.getAndSetParams(m, Option.empty());
            return m;
        }
    }
}
