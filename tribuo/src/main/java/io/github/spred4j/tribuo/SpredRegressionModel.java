package io.github.spred4j.tribuo;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

/**
 * A sparse linear regression model fitted by {@link SpredElasticNetTrainer}: one independent predictor
 * ŷ_d = b_d + Σ_j β_dj·x_j per regression dimension, coefficients on the original feature scale (no centring or
 * scaling happens at prediction time). Features the model never saw are ignored.
 *
 * <p>Its {@link #getProvenance() provenance} holds the trainer's configuration and, in the instance provenance,
 * the backend, device, precision, λ and the solver's certificate (keys {@code spred.*}, see
 * {@link SpredElasticNetTrainer}). Saved by Tribuo's protobuf format ({@code serializeToFile},
 * {@code Model.deserializeFromFile}) or Java serialisation.
 */
public final class SpredRegressionModel extends SpredLinearModel<Regressor> {
    private static final long serialVersionUID = 1L;

    SpredRegressionModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                         ImmutableOutputInfo<Regressor> outputIDInfo, LinearWeights weights) {
        super(name, provenance, featureIDMap, outputIDInfo, false, weights);
    }

    /**
     * Tribuo's protobuf deserialisation factory (found by reflection from the class name in the ModelProto).
     *
     * @param version   the serialised version
     * @param className the class name in the ModelProto
     * @param message   the serialised {@code SpredLinearModelProto}
     * @return the model
     * @throws InvalidProtocolBufferException when the message is not a {@code SpredLinearModelProto}
     */
    public static SpredRegressionModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        Parsed<Regressor> p = parse(version, className, message, Regressor.class);
        return new SpredRegressionModel(p.carrier().name(), p.carrier().provenance(), p.carrier().featureDomain(),
                p.carrier().outputDomain(), p.weights());
    }

    @Override
    public Prediction<Regressor> predict(Example<Regressor> example) {
        double[] eta = weights.eta(example, featureIDMap);
        int k = weights.size();
        Regressor.DimensionTuple[] dims = new Regressor.DimensionTuple[k];
        for (int d = 0; d < k; d++) dims[d] = new Regressor.DimensionTuple(weights.outputs[d], eta[d]);
        return new Prediction<>(new Regressor(dims), (int) eta[k], example);
    }

    /** @return the regression dimension names, in the order of {@link #coefficients(int)} */
    public String[] dimensions() {
        return weights.outputs.clone();
    }

    @Override
    protected SpredRegressionModel copy(String newName, ModelProvenance newProvenance) {
        return new SpredRegressionModel(newName, newProvenance, featureIDMap, outputIDInfo, weights);
    }
}
