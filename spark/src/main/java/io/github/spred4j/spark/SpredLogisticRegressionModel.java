package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.api.java.UDF1;

/**
 * A fitted {@link SpredLogisticRegression}. Writes Spark's classifier columns: rawPrediction [−η, η],
 * probability [1 − p, p] with p = 1/(1 + e^−η), and prediction 1 when p &gt; threshold (0.5: η &gt; 0), so
 * {@code BinaryClassificationEvaluator} and {@code MulticlassClassificationEvaluator} read them as they read
 * Spark's {@code LogisticRegressionModel}'s. A column whose name param is empty is not written.
 */
public class SpredLogisticRegressionModel extends SpredModel<SpredLogisticRegressionModel>
        implements SpredLogisticParams<SpredLogisticRegressionModel> {
    private static final long serialVersionUID = 1L;

    /**
     * @param uid          the estimator's uid (Spark's convention: a model shares it)
     * @param intercept    b0
     * @param coefficients β
     * @param summary      the fit's objective, certificate and cost
     */
    public SpredLogisticRegressionModel(String uid, double intercept, double[] coefficients, SpredSummary summary) {
        super(uid, true, intercept, coefficients, summary);
    }

    @Override
    Factory<SpredLogisticRegressionModel> factory() {
        return SpredLogisticRegressionModel::new;
    }

    /**
     * @param v a feature vector
     * @return P(y = 1 | x) = 1/(1 + e^−η)
     */
    public double probability(Vector v) {
        return LossFamily.sigmoid(margin(v));
    }

    @Override
    UDF1<Vector, ?> column(String name) {
        final double b0 = intercept, t = getThreshold();
        final double[] beta = coefficients.clone();
        if (name.equals(getRawPredictionCol())) return (UDF1<Vector, Vector>) v -> {
            double eta = margin(b0, beta, v);
            return Vectors.dense(-eta, eta);
        };
        if (name.equals(getProbabilityCol())) return (UDF1<Vector, Vector>) v -> {
            double p = LossFamily.sigmoid(margin(b0, beta, v));
            return Vectors.dense(1 - p, p);
        };
        return (UDF1<Vector, Double>) v -> LossFamily.sigmoid(margin(b0, beta, v)) > t ? 1.0 : 0.0;
    }

    /** @return the reader Spark's persistence (Pipeline, CrossValidator) calls by reflection */
    public static MLReader<SpredLogisticRegressionModel> read() {
        return new ModelIO.Reader<>(SpredLogisticRegressionModel.class, SpredLogisticRegressionModel::new);
    }

    /**
     * @param path a directory written by {@code write().save(path)}
     * @return the model
     */
    public static SpredLogisticRegressionModel load(String path) {
        return read().load(path);
    }
}
