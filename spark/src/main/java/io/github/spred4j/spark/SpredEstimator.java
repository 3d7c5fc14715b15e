package io.github.spred4j.spark;

import io.github.spred4j.api.Loss;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;

/**
 * The common part of {@link SpredLinearRegression} and {@link SpredLogisticRegression}: Spark params, schema
 * checks and the distributed fit ({@link DistributedSolver}). Extends {@link Estimator} directly (a Java
 * subclass of Predictor loses its column params).
 */
public abstract class SpredEstimator<M extends Model<M>, E extends SpredEstimator<M, E>> extends Estimator<M>
        implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final SpredParams ps;

    protected SpredEstimator(String uid) {
        this.uid = uid;
        this.ps = new SpredParams(this);
        ps.setDefaults(this);
    }

    protected static String newUid(String prefix) {
        return Identifiable.randomUID(prefix);
    }

    @Override
    public String uid() {
        return uid;
    }

    abstract Loss loss();

    abstract M newModel(String uid, DistributedSolver.Result r);

    // ---------------------------------------------------------------- params (found by Spark through these methods)
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

    public double getRegParam() { return (Double) getOrDefault(ps.regParam); }
    public double getElasticNetParam() { return (Double) getOrDefault(ps.elasticNetParam); }
    public double getTol() { return (Double) getOrDefault(ps.tol); }
    public boolean getFitIntercept() { return (Boolean) getOrDefault(ps.fitIntercept); }
    public boolean getStandardization() { return (Boolean) getOrDefault(ps.standardization); }
    public int getMaxIter() { return (Integer) getOrDefault(ps.maxIter); }
    public String getBackend() { return getOrDefault(ps.backend); }
    public String getFeaturesCol() { return getOrDefault(ps.featuresCol); }
    public String getLabelCol() { return getOrDefault(ps.labelCol); }
    public String getPredictionCol() { return getOrDefault(ps.predictionCol); }

    @SuppressWarnings("unchecked")
    E put(Param<?> p, Object v) {
        set((Param<Object>) p, v);
        return (E) this;
    }

    public E setRegParam(double v) { return put(ps.regParam, v); }
    public E setElasticNetParam(double v) { return put(ps.elasticNetParam, v); }
    public E setTol(double v) { return put(ps.tol, v); }
    public E setFitIntercept(boolean v) { return put(ps.fitIntercept, v); }
    public E setStandardization(boolean v) { return put(ps.standardization, v); }
    public E setMaxIter(int v) { return put(ps.maxIter, v); }
    public E setBackend(String v) { return put(ps.backend, v); }
    public E setFeaturesCol(String v) { return put(ps.featuresCol, v); }
    public E setLabelCol(String v) { return put(ps.labelCol, v); }
    public E setPredictionCol(String v) { return put(ps.predictionCol, v); }

    SpredParams paramSet() {
        return ps;
    }

    // ---------------------------------------------------------------- fit

    @Override
    public StructType transformSchema(StructType schema) {
        StructField f = schema.apply(getFeaturesCol());
        if (!(f.dataType() instanceof VectorUDT))
            throw new IllegalArgumentException("column " + getFeaturesCol() + " must be a Vector, got " + f.dataType());
        StructField l = schema.apply(getLabelCol());
        if (!(l.dataType() instanceof NumericType))
            throw new IllegalArgumentException("column " + getLabelCol() + " must be numeric, got " + l.dataType());
        return schema;
    }

    @Override
    public M fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> df = dataset.select(col(getLabelCol()).cast(DataTypes.DoubleType), col(getFeaturesCol()));
        java.util.List<Row> first = df.takeAsList(1);
        if (first.isEmpty()) throw new IllegalArgumentException("the data set has no rows");
        int p = ((Vector) first.get(0).get(1)).size();
        DistributedSolver.Options o = new DistributedSolver.Options(loss(), getRegParam(), getElasticNetParam(),
                getFitIntercept(), getStandardization(), getMaxIter(), getTol(), getBackend());
        DistributedSolver.Result r = DistributedSolver.fit(df.javaRDD(), p, o);
        M m = newModel(uid, r);
        m.setParent(this);
        return copyValues(m, org.apache.spark.ml.param.ParamMap.empty());
    }
}
