package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;

/**
 * Lasso / elastic net on a DataFrame, fitted data-parallel with the spred kernels on the executors:
 * minimises 1/(2n)‖y − b0 − Xβ‖² + regParam·(α‖β‖₁ + (1−α)/2‖β‖²), α = elasticNetParam (glmnet's scaling;
 * with standardization the penalty applies to s_j·β_j). The model carries the duality-gap certificate.
 * {@code family = "poisson"} fits L1 Poisson regression instead (glmnet's family = "poisson", log link):
 * (1/n)Σ[e^η − yη] + the same penalty, labels counts ≥ 0 (non-integer values allowed, as in glmnet); the model then
 * predicts e^η.
 */
public class SpredLinearRegression extends SpredEstimator<SpredLinearRegressionModel, SpredLinearRegression>
        implements SpredLinearParams<SpredLinearRegression> {
    private static final long serialVersionUID = 1L;

    /** An estimator with a fresh uid and the default params. */
    public SpredLinearRegression() {
        this(newUid("spredLinReg"));
    }

    /** @param uid the uid (Spark's copy and persistence call this constructor) */
    public SpredLinearRegression(String uid) {
        super(uid, false);
    }

    @Override
    LossFamily lossFamily() {
        return POISSON.equalsIgnoreCase(getFamily()) ? LossFamily.POISSON : LossFamily.SQUARED;
    }

    @Override
    SpredLinearRegressionModel newModel(String uid, WorkingSetSolver.Result r, SpredCvSummary cv) {
        return new SpredLinearRegressionModel(uid, r.intercept(), r.beta(), SpredModel.summaryOf(r, cv));
    }

    @Override
    public SpredLinearRegression copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** @return the params reader (Spark's default, tolerant of files from before issue 17's fix) */
    public static MLReader<SpredLinearRegression> read() {
        return new ModelIO.EstimatorReader<>(SpredLinearRegression.class);
    }

    /**
     * @param path a directory written by {@code write().save(path)}
     * @return the estimator
     */
    public static SpredLinearRegression load(String path) {
        return read().load(path);
    }
}
