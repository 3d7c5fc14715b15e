package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

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

    abstract M newModel(String uid, WorkingSetSolver.Result r, SpredCvSummary cv);

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
    /** @param v cross-validate λ with this many hashed folds (0: none; ignored when foldCol is set) @return this */
    public E setCvFolds(int v) { return put(cvFolds(), v); }
    /** @param v an integer column of fold ids (cv.glmnet's foldid): cross-validate λ on those folds @return this */
    public E setFoldCol(String v) { return put(foldCol(), v); }
    /** @param v lambda.min or lambda.1se @return this */
    public E setCvRule(String v) { return put(cvRule(), v); }
    /** @param v the λ sequence to cross-validate (decreasing; empty: glmnet's) @return this */
    public E setCvLambdas(double[] v) { return put(cvLambdas(), v.clone()); }
    /** @param v the length of glmnet's λ sequence @return this */
    public E setCvNumLambdas(int v) { return put(cvNumLambdas(), v); }
    /** @param v the smallest λ of glmnet's sequence as a fraction of λ_max (0: glmnet's default) @return this */
    public E setCvLambdaMinRatio(double v) { return put(cvLambdaMinRatio(), v); }
    /** @param v the seed of the fold hash @return this */
    public E setCvSeed(long v) { return put(cvSeed(), v); }
    /** @param v the observation weight column (empty: none) @return this */
    public E setWeightCol(String v) { return put(weightCol(), v); }

    @Override
    public StructType transformSchema(StructType schema) {
        return validateAndTransformSchema(schema, true);
    }

    @Override
    public M fit(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        if (getCvFolds() == 1) throw new IllegalArgumentException("cvFolds must be 0 (no cross-validation) or at least 2, got 1");
        boolean cv = crossValidates();
        String fc = getFoldCol();
        java.util.List<Column> cols = new java.util.ArrayList<>(java.util.List.of(col(getLabelCol()).cast(DataTypes.DoubleType), col(getFeaturesCol())));
        if (cv && !fc.isEmpty()) {
            checkFoldCol(dataset.schema(), fc);
            cols.add(col(fc));
        }
        String wc = getWeightCol();
        int weightIndex = -1;
        if (!wc.isEmpty()) {
            checkWeightCol(dataset.schema(), wc);
            weightIndex = cols.size();
            cols.add(col(wc).cast(DataTypes.DoubleType));
        }
        Dataset<Row> df = dataset.select(cols.toArray(new Column[0]));
        java.util.List<Row> first = df.takeAsList(1);
        if (first.isEmpty()) throw new IllegalArgumentException("the data set has no rows");
        if (first.get(0).isNullAt(1)) throw new IllegalArgumentException(nullRows());
        int p = ((Vector) first.get(0).get(1)).size();
        try {
            return solve(df, p, cv, fc, weightIndex);
        } catch (Exception e) {   // Scala throws the (checked) SparkException undeclared
            throw rowError(e);
        }
    }

    /** The fit itself, once the frame is selected and its width known. */
    private M solve(Dataset<Row> df, int p, boolean cv, String fc, int weightIndex) {
        WorkingSetSolver.Options o = new WorkingSetSolver.Options(lossFamily(), getRegParam(), getElasticNetParam(),
                getFitIntercept(), getStandardization(), getMaxIter(), getTol(), checkBackend(getBackend()), weightIndex);
        M m;
        if (!cv) m = newModel(uid, WorkingSetSolver.fit(df.javaRDD(), p, o), null);
        else {
            SparkCv.Spec spec = new SparkCv.Spec(new FoldSums.FoldOf(!fc.isEmpty(), getCvFolds(), getCvSeed()), getCvRule(),
                    getCvLambdas(), getCvNumLambdas(), getCvLambdaMinRatio());
            // the folds' passes read the rows many times: keep them unless the caller already did
            boolean persist = df.storageLevel().equals(StorageLevel.NONE());
            if (persist) df = df.persist(StorageLevel.MEMORY_AND_DISK());
            try {
                SparkCv.Outcome out = SparkCv.run(df.javaRDD(), p, o, spec);
                m = newModel(uid, out.fit(), out.cv());
            } finally {
                if (persist) df.unpersist();
            }
        }
        m.setParent(this);
        copyValues(m, ParamMap.empty());
        if (cv) m.put(m.regParam(), m.cvSummary().lambda()); // the model's λ is the one cross-validation chose
        return m;
    }

    private String nullRows() {
        return "null label or features in a row (labelCol " + getLabelCol() + ", featuresCol " + getFeaturesCol()
                + "): drop or impute them first (df.na().drop(), Imputer, VectorAssembler.setHandleInvalid(\"skip\"))";
    }

    /**
     * A bad row found by a task (a null, a NaN or a label out of range) comes back as a SparkException whose message
     * holds the executor's stack trace: the caller gets the one-line reason instead (the SparkException as cause).
     */
    private RuntimeException rowError(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IllegalArgumentException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("io.github.spred4j.spark.")) {
                String m = t.getMessage();
                if (m != null && m.startsWith("null label or features")) m = nullRows();
                else m = m + " (labelCol " + getLabelCol() + ", featuresCol " + getFeaturesCol() + ")";
                return new IllegalArgumentException(m, e);
            }
        }
        return e instanceof RuntimeException r ? r : SpredEstimator.<RuntimeException>sneaky(e);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Exception> T sneaky(Exception e) throws T {
        throw (T) e;
    }

    /** The weight column must exist and be numeric (values are checked, finite and >= 0, as the rows are packed). */
    static void checkWeightCol(StructType schema, String wc) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(wc))
            throw new IllegalArgumentException("column " + wc + " (weightCol) does not exist; columns: " + java.util.Arrays.toString(schema.fieldNames()));
        if (!(schema.apply(wc).dataType() instanceof org.apache.spark.sql.types.NumericType))
            throw new IllegalArgumentException("column " + wc + " (weightCol) must be numeric, got " + schema.apply(wc).dataType());
    }

    /** The fold column must exist and hold integers (cv.glmnet's foldid; Spark's CrossValidator's foldCol type). */
    static void checkFoldCol(StructType schema, String fc) {
        if (!java.util.Arrays.asList(schema.fieldNames()).contains(fc))
            throw new IllegalArgumentException("column " + fc + " (foldCol) does not exist; columns: " + java.util.Arrays.toString(schema.fieldNames()));
        org.apache.spark.sql.types.DataType t = schema.apply(fc).dataType();
        if (!(t instanceof org.apache.spark.sql.types.IntegerType || t instanceof org.apache.spark.sql.types.LongType
                || t instanceof org.apache.spark.sql.types.ShortType || t instanceof org.apache.spark.sql.types.ByteType))
            throw new IllegalArgumentException("column " + fc + " (foldCol) must hold integer fold ids, got " + t);
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
