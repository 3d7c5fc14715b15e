package io.github.spred4j.spark;

import io.github.spred4j.api.Loss;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.MLReader;

/**
 * L1 (elastic-net) logistic regression on a DataFrame, labels in {0,1}: minimises
 * (1/n)Σ[log(1+e^η) − yη] + regParam·(α‖β‖₁ + (1−α)/2‖β‖²), η = b0 + xᵀβ (glmnet's binomial scaling).
 */
public class SpredLogisticRegression extends SpredEstimator<SpredLogisticRegressionModel, SpredLogisticRegression> {
    private static final long serialVersionUID = 1L;

    public SpredLogisticRegression() {
        this(newUid("spredLogReg"));
    }

    public SpredLogisticRegression(String uid) {
        super(uid);
    }

    public Param<String> probabilityCol() { return paramSet().probabilityCol; }
    public String getProbabilityCol() { return getOrDefault(paramSet().probabilityCol); }
    public SpredLogisticRegression setProbabilityCol(String v) {
        return put(paramSet().probabilityCol, v);
    }

    @Override
    Loss loss() {
        return Loss.LOGISTIC;
    }

    @Override
    SpredLogisticRegressionModel newModel(String uid, DistributedSolver.Result r) {
        return new SpredLogisticRegressionModel(uid, r.intercept(), r.beta(), r.objective(), r.certificateName(),
                r.certificate(), r.passes(), r.newtonSteps());
    }

    @Override
    public SpredLogisticRegression copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<SpredLogisticRegression> read() {
        return new DefaultParamsReader<>();
    }

    public static SpredLogisticRegression load(String path) {
        return read().load(path);
    }
}
