package io.github.spred4j.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.Params;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.Arrays;

/**
 * The params an estimator and its model share (Spark's {@code LinearRegressionParams} in Java): one definition
 * for {@link SpredEstimator} and {@link SpredModel}. Spark finds params through the public no-argument methods
 * returning a {@link Param}; these default methods are those. Defaults: regParam 0, elasticNetParam 1 (pure L1,
 * glmnet's alpha), fitIntercept true, standardization false (glmnet's standardize = FALSE), maxIter 100 (Newton
 * steps), tol 1e-7 (relative duality gap), backend "auto", Spark's column names.
 *
 * @param <T> the implementing class (setters return it)
 */
public interface SpredParams<T extends SpredParams<T>> extends Params {
    /** The Param objects of this instance (implementation detail of the default methods). */
    ParamFields paramFields();

    /** @return λ, the penalty strength */
    default DoubleParam regParam() { return paramFields().regParam; }
    /** @return α, the elastic-net mix (1 = lasso) */
    default DoubleParam elasticNetParam() { return paramFields().elasticNetParam; }
    /** @return the target relative duality gap */
    default DoubleParam tol() { return paramFields().tol; }
    /** @return whether an intercept is fitted */
    default BooleanParam fitIntercept() { return paramFields().fitIntercept; }
    /** @return whether the penalty is scaled by each feature's standard deviation */
    default BooleanParam standardization() { return paramFields().standardization; }
    /** @return the maximum number of Newton steps */
    default IntParam maxIter() { return paramFields().maxIter; }
    /** @return the kernel backend used on the executors */
    default Param<String> backend() { return paramFields().backend; }
    /** @return the features column (Vector) */
    default Param<String> featuresCol() { return paramFields().featuresCol; }
    /** @return the label column */
    default Param<String> labelCol() { return paramFields().labelCol; }
    /** @return the prediction column */
    default Param<String> predictionCol() { return paramFields().predictionCol; }

    /** @return the number of hashed folds for cross-validation inside fit (0: none) */
    default IntParam cvFolds() { return paramFields().cvFolds; }
    /** @return the fold-id column (cv.glmnet's foldid; empty: none) */
    default Param<String> foldCol() { return paramFields().foldCol; }
    /** @return the cross-validation rule, lambda.min or lambda.1se */
    default Param<String> cvRule() { return paramFields().cvRule; }
    /** @return the λ sequence cross-validation tries (empty: glmnet's) */
    default DoubleArrayParam cvLambdas() { return paramFields().cvLambdas; }
    /** @return the length of glmnet's λ sequence */
    default IntParam cvNumLambdas() { return paramFields().cvNumLambdas; }
    /** @return the smallest λ of glmnet's sequence as a fraction of λ_max (0: glmnet's default) */
    default DoubleParam cvLambdaMinRatio() { return paramFields().cvLambdaMinRatio; }
    /** @return the seed of the fold hash */
    default LongParam cvSeed() { return paramFields().cvSeed; }
    /** @return the observation weight column (empty: none) */
    default Param<String> weightCol() { return paramFields().weightCol; }

    /** @return the number of hashed folds (0: no cross-validation) */
    default int getCvFolds() { return (Integer) getOrDefault(cvFolds()); }
    /** @return the fold-id column */
    default String getFoldCol() { return getOrDefault(foldCol()); }
    /** @return lambda.min or lambda.1se */
    default String getCvRule() { return getOrDefault(cvRule()); }
    /** @return the λ sequence (a copy; empty: glmnet's) */
    default double[] getCvLambdas() { return getOrDefault(cvLambdas()).clone(); }
    /** @return the length of glmnet's λ sequence */
    default int getCvNumLambdas() { return (Integer) getOrDefault(cvNumLambdas()); }
    /** @return the smallest λ's fraction of λ_max (0: glmnet's default) */
    default double getCvLambdaMinRatio() { return (Double) getOrDefault(cvLambdaMinRatio()); }
    /** @return the fold hash's seed */
    default long getCvSeed() { return (Long) getOrDefault(cvSeed()); }
    /** @return the weight column */
    default String getWeightCol() { return getOrDefault(weightCol()); }
    /** @return whether fit chooses λ by cross-validation (foldCol set or cvFolds &gt;= 2) */
    default boolean crossValidates() { return !getFoldCol().isEmpty() || getCvFolds() >= 2; }

    /** @return λ */
    default double getRegParam() { return (Double) getOrDefault(regParam()); }
    /** @return α */
    default double getElasticNetParam() { return (Double) getOrDefault(elasticNetParam()); }
    /** @return the target relative duality gap */
    default double getTol() { return (Double) getOrDefault(tol()); }
    /** @return whether an intercept is fitted */
    default boolean getFitIntercept() { return (Boolean) getOrDefault(fitIntercept()); }
    /** @return whether the penalty is standardised */
    default boolean getStandardization() { return (Boolean) getOrDefault(standardization()); }
    /** @return the maximum number of Newton steps */
    default int getMaxIter() { return (Integer) getOrDefault(maxIter()); }
    /** @return the backend name */
    default String getBackend() { return getOrDefault(backend()); }
    /** @return the features column */
    default String getFeaturesCol() { return getOrDefault(featuresCol()); }
    /** @return the label column */
    default String getLabelCol() { return getOrDefault(labelCol()); }
    /** @return the prediction column */
    default String getPredictionCol() { return getOrDefault(predictionCol()); }

    /**
     * Sets a param of this instance.
     *
     * @param p the param
     * @param v its value
     * @return this
     */
    @SuppressWarnings("unchecked")
    default T put(Param<?> p, Object v) {
        set((Param<Object>) p, v);
        return (T) this;
    }

    /** @param v the features column @return this */
    default T setFeaturesCol(String v) { return put(featuresCol(), v); }
    /** @param v the prediction column @return this */
    default T setPredictionCol(String v) { return put(predictionCol(), v); }

    /**
     * The schema check of fit and transform and the columns transform adds (Spark's
     * {@code validateAndTransformSchema}): features must be a Vector, the label (when fitting) numeric, and no output
     * column may exist already.
     *
     * @param schema  the input schema
     * @param fitting whether the label column is required
     * @return the schema with the output columns added
     */
    default StructType validateAndTransformSchema(StructType schema, boolean fitting) {
        String fc = getFeaturesCol();
        if (!Arrays.asList(schema.fieldNames()).contains(fc))
            throw new IllegalArgumentException("column " + fc + " (featuresCol) does not exist; columns: " + Arrays.toString(schema.fieldNames()));
        StructField f = schema.apply(fc);
        if (!(f.dataType() instanceof VectorUDT))
            throw new IllegalArgumentException("column " + fc + " must be a Vector, got " + f.dataType());
        if (fitting) {
            String lc = getLabelCol();
            if (!Arrays.asList(schema.fieldNames()).contains(lc))
                throw new IllegalArgumentException("column " + lc + " (labelCol) does not exist; columns: " + Arrays.toString(schema.fieldNames()));
            // a Boolean label is read as 1/0 by the logistic estimator (a cast), as a user's "churned" column
            boolean bool = schema.apply(lc).dataType() instanceof org.apache.spark.sql.types.BooleanType && hasParam("threshold");
            if (!(schema.apply(lc).dataType() instanceof NumericType) && !bool)
                throw new IllegalArgumentException("column " + lc + " must be numeric" + (hasParam("threshold") ? " or Boolean" : "")
                        + ", got " + schema.apply(lc).dataType());
        }
        StructType out = schema;
        for (String[] c : outputColumns()) {
            if (c[0].isEmpty()) continue;
            if (Arrays.asList(out.fieldNames()).contains(c[0]))
                throw new IllegalArgumentException("output column " + c[0] + " already exists");
            out = out.add(new StructField(c[0], c[1].equals("vector") ? SQLDataTypes.VectorType() : DataTypes.DoubleType,
                    false, Metadata.empty()));
        }
        return out;
    }

    /**
     * The columns transform adds, as {name, "double" or "vector"}; an empty name is not written.
     *
     * @return the output columns in the order they are added
     */
    default String[][] outputColumns() {
        return new String[][]{{getPredictionCol(), "double"}};
    }
}
