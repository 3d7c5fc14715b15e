package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import io.github.spred4j.api.Precision;
import io.github.spred4j.solver.Method;
import io.github.spred4j.solver.Model;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

import java.util.ArrayList;
import java.util.List;

/**
 * L1 (elastic-net) logistic regression for Tribuo classification, solved by spred4j on a chosen backend and
 * precision. Parameters are named as in {@link SpredElasticNetTrainer} / Tribuo's {@code ElasticNetCDTrainer}; with
 * y ∈ {0, 1} (1 = the positive label) the objective is glmnet's binomial one,
 * <pre>
 *   (1/n)·Σ_i [log(1 + e^η_i) − y_i·η_i] + alpha·(l1Ratio·‖β‖₁ + (1 − l1Ratio)/2·‖β‖²),   η = b + Xβ,
 * </pre>
 * so λ = {@code alpha} and glmnet's alpha = {@code l1Ratio} (scikit-learn: {@code LogisticRegression(C = 1/(n·alpha))}
 * for l1Ratio = 1). Features are used raw (no scaling).
 *
 * <p>Labels: with two labels the positive one is {@code positiveLabel} when set, else the label whose name sorts
 * last ("1" over "0", "true" over "false"). With more than two labels the trainer fits one-vs-rest: one binary
 * problem per label (that label against all others), and the model predicts the label with the highest σ(η_k)
 * (scores normalised to sum to one); {@code positiveLabel} must then be empty. A single label is an error.
 *
 * <p>Provenance as in {@link SpredElasticNetTrainer}: trainer provenance from the {@code @Config} fields; the
 * instance provenance records backend, device, precision, λ, l1Ratio and the certificate (the relative duality gap),
 * per fitted predictor in the maps keyed by its label.
 */
public final class SpredLogisticTrainer extends SpredTrainer<Label, SpredClassificationModel> {

    @Config(description = "The positive label of a binary problem; empty = the label whose name sorts last.")
    private String positiveLabel = "";

    /** For OLCUT. */
    private SpredLogisticTrainer() {
    }

    /**
     * Pure L1 logistic regression, automatic backend, float64, tolerance 1e-7.
     *
     * @param alpha λ, the overall penalty
     */
    public SpredLogisticTrainer(double alpha) {
        this(alpha, 1.0, "", 1e-7, 100_000, "auto", Precision.FLOAT64, Method.CD);
    }

    /**
     * @param alpha     λ, the overall penalty
     * @param l1Ratio   the elastic-net mix in (0, 1]
     * @param backend   the spred4j backend name
     * @param precision the device precision
     */
    public SpredLogisticTrainer(double alpha, double l1Ratio, String backend, Precision precision) {
        this(alpha, l1Ratio, "", 1e-7, 100_000, backend, precision, Method.CD);
    }

    /**
     * @param alpha         λ, the overall penalty
     * @param l1Ratio       the elastic-net mix in (0, 1]
     * @param positiveLabel the positive label of a binary problem (empty: the name sorting last)
     * @param tolerance     the target relative duality gap
     * @param maxIterations the solver's iteration limit
     * @param backend       the spred4j backend name
     * @param precision     the device precision
     * @param method        the optimiser on the spred objective
     */
    public SpredLogisticTrainer(double alpha, double l1Ratio, String positiveLabel, double tolerance, int maxIterations,
                                String backend, Precision precision, Method method) {
        super(alpha, l1Ratio, tolerance, maxIterations, backend, precision, method);
        this.positiveLabel = positiveLabel == null ? "" : positiveLabel;
        postConfig();
    }

    @Override
    public void postConfig() {
        super.postConfig();
        if (positiveLabel == null) positiveLabel = "";
    }

    @Override
    Model loss() {
        return Model.LOGISTIC;
    }

    @Override
    Targets targets(Dataset<Label> examples) {
        List<String> names = new ArrayList<>();
        for (Label l : examples.getOutputIDInfo().getDomain()) names.add(l.getLabel());
        names.sort(null);
        if (names.size() < 2)
            throw new IllegalArgumentException("logistic regression needs at least two labels, the dataset has " + names);
        String[] labels, predictors;
        if (names.size() == 2) {
            String pos = positiveLabel.isEmpty() ? names.get(1) : positiveLabel;
            if (!names.contains(pos))
                throw new IllegalArgumentException("positiveLabel '" + pos + "' is not one of the dataset's labels " + names);
            String neg = names.get(0).equals(pos) ? names.get(1) : names.get(0);
            labels = new String[]{pos, neg};
            predictors = new String[]{pos};
        } else {
            if (!positiveLabel.isEmpty())
                throw new IllegalArgumentException("positiveLabel '" + positiveLabel + "' is set but the dataset has "
                        + names.size() + " labels " + names + ": one-vs-rest fits every label, leave positiveLabel empty");
            labels = names.toArray(new String[0]);
            predictors = labels;
        }
        int n = examples.size(), k = predictors.length;
        double[][] ys = new double[k][n];
        int i = 0;
        for (Example<Label> e : examples) {
            String l = e.getOutput().getLabel();
            for (int d = 0; d < k; d++) ys[d][i] = l.equals(predictors[d]) ? 1 : 0;
            i++;
        }
        return new Targets(predictors, ys, labels);
    }

    @Override
    SpredClassificationModel newModel(ModelProvenance provenance, ImmutableFeatureMap features,
                                      ImmutableOutputInfo<Label> outputs, LinearWeights weights, Targets targets) {
        return new SpredClassificationModel("spred-logistic-model", provenance, features, outputs, weights, targets.labels());
    }

    @Override
    Class<SpredClassificationModel> modelClass() {
        return SpredClassificationModel.class;
    }

    @Override
    String extraConfig() {
        return ",positiveLabel=" + positiveLabel;
    }
}
