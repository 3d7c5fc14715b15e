package io.github.spred4j.spark;

import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.api.java.UDF1;

/** A fitted {@link SpredLinearRegression}: prediction = b0 + xᵀβ, or e^(b0 + xᵀβ) for family "poisson". */
public class SpredLinearRegressionModel extends SpredModel<SpredLinearRegressionModel>
        implements SpredLinearParams<SpredLinearRegressionModel> {
    private static final long serialVersionUID = 1L;

    /**
     * @param uid          the estimator's uid (Spark's convention: a model shares it)
     * @param intercept    b0
     * @param coefficients β
     * @param summary      the fit's objective, certificate and cost
     */
    public SpredLinearRegressionModel(String uid, double intercept, double[] coefficients, SpredSummary summary) {
        super(uid, false, intercept, coefficients, summary);
    }

    @Override
    Factory<SpredLinearRegressionModel> factory() {
        return SpredLinearRegressionModel::new;
    }

    @Override
    UDF1<Vector, ?> column(String name) {
        final double b0 = intercept;
        final double[] beta = coefficients.clone();
        if (POISSON.equalsIgnoreCase(getFamily())) return (UDF1<Vector, Double>) v -> Math.exp(margin(b0, beta, v));
        return (UDF1<Vector, Double>) v -> margin(b0, beta, v);
    }

    /** @return the reader Spark's persistence (Pipeline, CrossValidator) calls by reflection */
    public static MLReader<SpredLinearRegressionModel> read() {
        return new ModelIO.Reader<>(SpredLinearRegressionModel.class, SpredLinearRegressionModel::new);
    }

    /**
     * @param path a directory written by {@code write().save(path)}
     * @return the model
     */
    public static SpredLinearRegressionModel load(String path) {
        return read().load(path);
    }
}
