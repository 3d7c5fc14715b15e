package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;

/**
 * L1 (elastic-net) logistic regression on a DataFrame, labels in {0,1}: minimises
 * (1/n)Σ[log(1+e^η) − yη] + regParam·(α‖β‖₁ + (1−α)/2‖β‖²), η = b0 + xᵀβ (glmnet's binomial scaling).
 * The model writes Spark's rawPrediction / probability / prediction columns ({@link SpredLogisticParams}).
 */
public class SpredLogisticRegression extends SpredEstimator<SpredLogisticRegressionModel, SpredLogisticRegression>
        implements SpredLogisticParams<SpredLogisticRegression> {
    private static final long serialVersionUID = 1L;

    /** An estimator with a fresh uid and the default params. */
    public SpredLogisticRegression() {
        this(newUid("spredLogReg"));
    }

    /** @param uid the uid (Spark's copy and persistence call this constructor) */
    public SpredLogisticRegression(String uid) {
        super(uid, true);
    }

    @Override
    LossFamily lossFamily() {
        return LossFamily.LOGISTIC;
    }

    @Override
    SpredLogisticRegressionModel newModel(String uid, WorkingSetSolver.Result r, SpredCvSummary cv) {
        return new SpredLogisticRegressionModel(uid, r.intercept(), r.beta(), SpredModel.summaryOf(r, cv));
    }

    @Override
    public SpredLogisticRegression copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** @return the params reader (Spark's default, tolerant of files from before issue 17's fix) */
    public static MLReader<SpredLogisticRegression> read() {
        return new ModelIO.EstimatorReader<>(SpredLogisticRegression.class);
    }

    /**
     * @param path a directory written by {@code write().save(path)}
     * @return the estimator
     */
    public static SpredLogisticRegression load(String path) {
        return read().load(path);
    }
}
