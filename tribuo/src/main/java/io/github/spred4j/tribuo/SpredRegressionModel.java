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
 * scaling happens at prediction time). A Poisson model ({@link #logLink()}, trained with {@code loss = poisson})
 * predicts the mean e^η instead of η. Features the model never saw are ignored.
 *
 * <p>Its {@link #getProvenance() provenance} holds the trainer's configuration and, in the instance provenance,
 * the backend, device, precision, λ and the solver's certificate (keys {@code spred.*}, see
 * {@link SpredElasticNetTrainer}). Saved by Tribuo's protobuf format ({@code serializeToFile},
 * {@code Model.deserializeFromFile}) or Java serialisation.
 */
public final class SpredRegressionModel extends SpredLinearModel<Regressor> {
    private static final long serialVersionUID = 1L;

    /** Whether predictions are e^η (Poisson, log link) rather than η (identity link). */
    private final boolean logLink;

    SpredRegressionModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                         ImmutableOutputInfo<Regressor> outputIDInfo, LinearWeights weights, boolean logLink) {
        super(name, provenance, featureIDMap, outputIDInfo, false, weights);
        this.logLink = logLink;
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
        boolean log = switch (p.link()) {
            case "" -> false;
            case LOG_LINK -> true;
            default -> throw new IllegalStateException("Invalid protobuf for " + className + ": unknown link '" + p.link() + "'");
        };
        return new SpredRegressionModel(p.carrier().name(), p.carrier().provenance(), p.carrier().featureDomain(),
                p.carrier().outputDomain(), p.weights(), log);
    }

    @Override
    public Prediction<Regressor> predict(Example<Regressor> example) {
        double[] eta = weights.eta(example, featureIDMap);
        int k = weights.size();
        Regressor.DimensionTuple[] dims = new Regressor.DimensionTuple[k];
        for (int d = 0; d < k; d++)
            dims[d] = new Regressor.DimensionTuple(weights.outputs[d], logLink ? Math.exp(eta[d]) : eta[d]);
        return new Prediction<>(new Regressor(dims), (int) eta[k], example);
    }

    /** @return true when the model is a Poisson regression (predictions e^η), false for the identity link */
    public boolean logLink() {
        return logLink;
    }

    @Override
    String link() {
        return logLink ? LOG_LINK : "";
    }

    /** @return the regression dimension names, in the order of {@link #coefficients(int)} */
    public String[] dimensions() {
        return weights.outputs.clone();
    }

    @Override
    protected SpredRegressionModel copy(String newName, ModelProvenance newProvenance) {
        return new SpredRegressionModel(newName, newProvenance, featureIDMap, outputIDInfo, weights, logLink);
    }
}
