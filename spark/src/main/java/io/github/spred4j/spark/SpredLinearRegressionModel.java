package io.github.spred4j.spark;

import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;

/** A fitted {@link SpredLinearRegression}: prediction = b0 + xᵀβ. */
public class SpredLinearRegressionModel extends SpredModel<SpredLinearRegressionModel> {
    private static final long serialVersionUID = 1L;

    public SpredLinearRegressionModel(String uid, double intercept, double[] coefficients, double objective,
                                      String certificateName, double certificate, int passes, int newtonSteps) {
        super(uid, intercept, coefficients, objective, certificateName, certificate, passes, newtonSteps);
    }

    @Override
    boolean isLogistic() {
        return false;
    }

    @Override
    public SpredLinearRegressionModel copy(ParamMap extra) {
        SpredLinearRegressionModel m = new SpredLinearRegressionModel(uid(), intercept, coefficients, objective,
                certificateName, certificate, passes, newtonSteps);
        return copyValues(m, extra).setParent(parent());
    }

    public static MLReader<SpredLinearRegressionModel> read() {
        return new Reader<>(SpredLinearRegressionModel.class, SpredLinearRegressionModel::new);
    }

    public static SpredLinearRegressionModel load(String path) {
        return read().load(path);
    }
}
