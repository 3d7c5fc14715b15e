package io.github.spred4j.tribuo;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.github.spred4j.data.LossFamily;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sparse L1 logistic classifier fitted by {@link SpredLogisticTrainer}. Binary: one predictor
 * η = b + Σ_j β_j·x_j, P(positive) = 1/(1 + e^−η), the other label gets 1 − P. More than two labels: one
 * predictor per label (one-vs-rest), each label's score σ(η_k) normalised to sum to one; the predicted label is
 * the highest score (ties: the first label in the model's order). Scores are probabilities in the binary case and
 * normalised one-vs-rest scores otherwise. Coefficients are on the original feature scale.
 *
 * <p>The provenance carries the trainer's configuration and, in the instance provenance, the backend, device,
 * precision, λ and the solver's certificate (keys {@code spred.*}). Saved by Tribuo's protobuf format
 * ({@code serializeToFile}, {@code Model.deserializeFromFile}) or Java serialisation.
 */
public final class SpredClassificationModel extends SpredLinearModel<Label> {
    private static final long serialVersionUID = 1L;

    /** Binary: [positive, negative]; one-vs-rest: the labels of the k predictors. */
    private final String[] labels;

    SpredClassificationModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                             ImmutableOutputInfo<Label> outputIDInfo, LinearWeights weights, String[] labels) {
        super(name, provenance, featureIDMap, outputIDInfo, true, weights);
        int expected = weights.size() == 1 ? 2 : weights.size();
        if (labels.length != expected)
            throw new IllegalArgumentException(weights.size() + " predictors need " + expected + " labels, found " + labels.length);
        this.labels = labels.clone();
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
    public static SpredClassificationModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        Parsed<Label> p = parse(version, className, message, Label.class);
        return new SpredClassificationModel(p.carrier().name(), p.carrier().provenance(), p.carrier().featureDomain(),
                p.carrier().outputDomain(), p.weights(), p.labels());
    }

    @Override
    String[] labels() {
        return labels.clone();
    }

    @Override
    public Prediction<Label> predict(Example<Label> example) {
        double[] eta = weights.eta(example, featureIDMap);
        int k = weights.size();
        double[] score;
        if (k == 1) {
            double p = LossFamily.sigmoid(eta[0]);
            score = new double[]{p, 1 - p};
        } else {
            score = new double[k];
            double sum = 0;
            for (int d = 0; d < k; d++) sum += score[d] = LossFamily.sigmoid(eta[d]);
            for (int d = 0; d < k; d++) score[d] = sum > 0 ? score[d] / sum : 1.0 / k;
        }
        Map<String, Label> scores = new LinkedHashMap<>();
        int best = 0;
        for (int c = 0; c < labels.length; c++) {
            scores.put(labels[c], new Label(labels[c], score[c]));
            if (score[c] > score[best]) best = c;
        }
        return new Prediction<>(new Label(labels[best], score[best]), scores, (int) eta[k], example, true);
    }

    /** @return true when the model has one predictor for a positive label (two labels), false for one-vs-rest */
    public boolean isBinary() {
        return weights.size() == 1;
    }

    /** @return the label each predictor scores: [positive] when binary, else one label per predictor */
    public String[] predictorLabels() {
        return java.util.Arrays.copyOf(labels, weights.size());
    }

    @Override
    protected SpredClassificationModel copy(String newName, ModelProvenance newProvenance) {
        return new SpredClassificationModel(newName, newProvenance, featureIDMap, outputIDInfo, weights, labels);
    }
}
