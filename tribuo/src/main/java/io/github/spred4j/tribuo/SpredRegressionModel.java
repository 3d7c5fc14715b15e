package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.SparseModel;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sparse linear regression model fitted by {@link SpredElasticNetTrainer}: one independent predictor
 * ŷ_d = b_d + Σ_j β_dj·x_j per regression dimension, coefficients on the original feature scale (no centring or
 * scaling happens at prediction time). Features the model never saw are ignored.
 *
 * <p>Its {@link #getProvenance() provenance} holds the trainer's configuration and, in the instance provenance,
 * the backend, device, precision, λ and the solver's certificate (keys {@code spred.*}, see
 * {@link SpredElasticNetTrainer}). Java serialisation works; Tribuo's protobuf serialisation is not implemented.
 */
public final class SpredRegressionModel extends SparseModel<Regressor> {
    private static final long serialVersionUID = 1L;

    private final LinearWeights weights;

    SpredRegressionModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                         ImmutableOutputInfo<Regressor> outputIDInfo, LinearWeights weights) {
        super(name, provenance, featureIDMap, outputIDInfo, false, weights.activeFeatures(featureIDMap));
        this.weights = weights;
    }

    @Override
    public Prediction<Regressor> predict(Example<Regressor> example) {
        double[] eta = weights.eta(example, featureIDMap);
        int k = weights.size();
        Regressor.DimensionTuple[] dims = new Regressor.DimensionTuple[k];
        for (int d = 0; d < k; d++) dims[d] = new Regressor.DimensionTuple(weights.outputs[d], eta[d]);
        return new Prediction<>(new Regressor(dims), (int) eta[k], example);
    }

    /** Regression dimension names, in the order of {@link #coefficients(int)}. */
    public String[] dimensions() {
        return weights.outputs.clone();
    }

    /** Coefficients of dimension d, indexed by feature id in {@link #getFeatureIDMap()}; a copy, exact zeros. */
    public double[] coefficients(int d) {
        return weights.beta(d);
    }

    /** The (unpenalised) intercept of dimension d. */
    public double intercept(int d) {
        return weights.intercept(d);
    }

    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return weights.topFeatures(featureIDMap, n);
    }

    @Override
    public Optional<Excuse<Regressor>> getExcuse(Example<Regressor> example) {
        return Optional.of(new Excuse<>(example, predict(example), weights.contributions(example, featureIDMap)));
    }

    @Override
    protected SpredRegressionModel copy(String newName, ModelProvenance newProvenance) {
        return new SpredRegressionModel(newName, newProvenance, featureIDMap, outputIDInfo, weights);
    }
}
