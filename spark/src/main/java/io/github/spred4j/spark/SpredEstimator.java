package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;

/**
 * The common part of {@link SpredLinearRegression} and {@link SpredLogisticRegression}: the fit setters, the
 * schema check and the distributed fit ({@link WorkingSetSolver}); the params themselves are {@link SpredParams}.
 * Extends {@link Estimator} directly (a Java subclass of Predictor loses its column params).
 *
 * @param <M> the model class
 * @param <E> the estimator class (setters return it)
 */
public abstract class SpredEstimator<M extends SpredModel<M>, E extends SpredEstimator<M, E>> extends Estimator<M>
        implements SpredParams<E>, DefaultParamsWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final ParamFields fields;

    /**
     * @param uid      the estimator's unique id (Spark's persistence restores it)
     * @param logistic whether the logistic params exist
     */
    protected SpredEstimator(String uid, boolean logistic) {
        this.uid = uid;
        this.fields = new ParamFields(this, logistic);
        fields.setDefaults(this);
    }

    /**
     * @param prefix the class's uid prefix
     * @return a fresh unique id
     */
    protected static String newUid(String prefix) {
        return Identifiable.randomUID(prefix);
    }

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public ParamFields paramFields() {
        return fields;
    }

    /** The loss family this estimator fits. */
    abstract LossFamily lossFamily();

    abstract M newModel(String uid, WorkingSetSolver.Result r);

    /** @param v λ, the penalty strength (&gt;= 0) @return this */
    public E setRegParam(double v) { return put(regParam(), v); }
    /** @param v α, the elastic-net mix in (0, 1] @return this */
    public E setElasticNetParam(double v) { return put(elasticNetParam(), v); }
    /** @param v the target relative duality gap (&gt; 0) @return this */
    public E setTol(double v) { return put(tol(), v); }
    /** @param v whether to fit an intercept @return this */
    public E setFitIntercept(boolean v) { return put(fitIntercept(), v); }
    /** @param v whether the penalty is scaled by each feature's standard deviation @return this */
    public E setStandardization(boolean v) { return put(standardization(), v); }
    /** @param v the maximum number of Newton steps (&gt;= 1) @return this */
    public E setMaxIter(int v) { return put(maxIter(), v); }
    /** @param v the kernel backend on the executors @return this */
    public E setBackend(String v) { return put(backend(), v); }
    /** @param v the label column @return this */
    public E setLabelCol(String v) { return put(labelCol(), v); }

    @Override
    public StructType transformSchema(StructType schema) {
        return validateAndTransformSchema(schema, true);
    }

    @Override
    public M fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> df = dataset.select(col(getLabelCol()).cast(DataTypes.DoubleType), col(getFeaturesCol()));
        java.util.List<Row> first = df.takeAsList(1);
        if (first.isEmpty()) throw new IllegalArgumentException("the data set has no rows");
        int p = ((Vector) first.get(0).get(1)).size();
        WorkingSetSolver.Options o = new WorkingSetSolver.Options(lossFamily(), getRegParam(), getElasticNetParam(),
                getFitIntercept(), getStandardization(), getMaxIter(), getTol(), checkBackend(getBackend()));
        WorkingSetSolver.Result r = WorkingSetSolver.fit(df.javaRDD(), p, o);
        M m = newModel(uid, r);
        m.setParent(this);
        return copyValues(m, ParamMap.empty());
    }

    /**
     * The backend name, checked on the driver against the names the core knows (its availability is the executors'
     * business: the driver may have no GPU): an unknown name is a one-line error before any job runs.
     */
    static String checkBackend(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT);
        if (key.equals("auto")) return key;
        for (io.github.spred4j.api.Backend b : io.github.spred4j.api.Backends.list())
            if (b.name().equals(key) || b.family().equals(key)) return key;
        throw new IllegalArgumentException("unknown backend '" + name + "' (expected auto, java, native, opencl, opencl-cpu, opencl-gpu or cuda)");
    }
}
