package io.github.spred4j.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** A fitted {@link SpredLogisticRegression}: probability 1/(1+e^−η), prediction 1 when η > 0. */
public class SpredLogisticRegressionModel extends SpredModel<SpredLogisticRegressionModel> {
    private static final long serialVersionUID = 1L;

    public SpredLogisticRegressionModel(String uid, double intercept, double[] coefficients, double objective,
                                        String certificateName, double certificate, int passes, int newtonSteps) {
        super(uid, intercept, coefficients, objective, certificateName, certificate, passes, newtonSteps);
    }

    public Param<String> probabilityCol() { return paramSet().probabilityCol; }
    public String getProbabilityCol() { return getOrDefault(paramSet().probabilityCol); }
    public SpredLogisticRegressionModel setProbabilityCol(String v) { return put(paramSet().probabilityCol, v); }

    @Override
    boolean isLogistic() {
        return true;
    }

    @Override
    String probabilityColName() {
        return getProbabilityCol();
    }

    @Override
    public StructType transformSchema(StructType schema) {
        StructType s = getProbabilityCol().isEmpty() ? schema
                : schema.add(new StructField(getProbabilityCol(), DataTypes.DoubleType, false, Metadata.empty()));
        return super.transformSchema(s);
    }

    @Override
    public SpredLogisticRegressionModel copy(ParamMap extra) {
        SpredLogisticRegressionModel m = new SpredLogisticRegressionModel(uid(), intercept, coefficients, objective,
                certificateName, certificate, passes, newtonSteps);
        return copyValues(m, extra).setParent(parent());
    }

    public static MLReader<SpredLogisticRegressionModel> read() {
        return new Reader<>(SpredLogisticRegressionModel.class, SpredLogisticRegressionModel::new);
    }

    public static SpredLogisticRegressionModel load(String path) {
        return read().load(path);
    }
}
