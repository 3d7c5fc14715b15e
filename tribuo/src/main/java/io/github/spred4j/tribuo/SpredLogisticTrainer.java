package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Precision;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Method;
import io.github.spred4j.solver.Model;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.SparseTrainer;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
public final class SpredLogisticTrainer implements SparseTrainer<Label> {
    private static final java.util.logging.Logger logger = java.util.logging.Logger.getLogger(SpredLogisticTrainer.class.getName());

    @Config(mandatory = true, description = "Overall regularisation penalty (spred4j's lambda).")
    private double alpha;

    @Config(description = "Ratio of l1 to l2 penalty, in (0, 1] (glmnet's alpha); 1 = pure L1.")
    private double l1Ratio = 1.0;

    @Config(description = "The positive label of a binary problem; empty = the label whose name sorts last.")
    private String positiveLabel = "";

    @Config(description = "Target relative duality gap of the returned coefficients.")
    private double tolerance = 1e-7;

    @Config(description = "Maximum number of solver iterations (a safety net; the certificate is recorded either way).")
    private int maxIterations = 100_000;

    @Config(description = "spred4j backend: auto, java, native, opencl, opencl-cpu, opencl-gpu or cuda.")
    private String backend = "auto";

    @Config(description = "Device precision: FLOAT64 or FLOAT32 (certificates are computed in float64 either way).")
    private Precision precision = Precision.FLOAT64;

    @Config(description = "Optimiser on the spred objective: LBFGS, SGD, MOMENTUM or ADAM.")
    private Method method = Method.LBFGS;

    private int invocationCount = 0;

    /** For OLCUT. */
    private SpredLogisticTrainer() {
    }

    /** Pure L1 logistic regression, automatic backend, float64, tolerance 1e-7. */
    public SpredLogisticTrainer(double alpha) {
        this(alpha, 1.0, "", 1e-7, 100_000, "auto", Precision.FLOAT64, Method.LBFGS);
    }

    public SpredLogisticTrainer(double alpha, double l1Ratio, String backend, Precision precision) {
        this(alpha, l1Ratio, "", 1e-7, 100_000, backend, precision, Method.LBFGS);
    }

    public SpredLogisticTrainer(double alpha, double l1Ratio, String positiveLabel, double tolerance, int maxIterations,
                                String backend, Precision precision, Method method) {
        this.alpha = alpha;
        this.l1Ratio = l1Ratio;
        this.positiveLabel = positiveLabel == null ? "" : positiveLabel;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.backend = backend;
        this.precision = precision;
        this.method = method;
        postConfig();
    }

    @Override
    public void postConfig() {
        TrainerChecks.validate(alpha, l1Ratio, tolerance, maxIterations, backend, precision, method);
        if (positiveLabel == null) positiveLabel = "";
    }

    @Override
    public SpredClassificationModel train(Dataset<Label> examples) {
        return train(examples, java.util.Collections.emptyMap());
    }

    @Override
    public SpredClassificationModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public synchronized SpredClassificationModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance,
                                                       int invocationCount) {
        if (examples.getOutputInfo().getUnknownCount() > 0)
            throw new IllegalArgumentException("The supplied Dataset contained unknown Outputs, and this Trainer is supervised.");
        ImmutableOutputInfo<Label> outputInfo = examples.getOutputIDInfo();
        List<String> names = new ArrayList<>();
        for (Label l : outputInfo.getDomain()) names.add(l.getLabel());
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
        if (invocationCount != INCREMENT_INVOCATION_COUNT) setInvocationCount(invocationCount);
        TrainerProvenance trainerProvenance = getProvenance();
        this.invocationCount++;

        int n = examples.size(), k = predictors.length;
        double[][] ys = new double[k][n];
        int i = 0;
        for (Example<Label> e : examples) {
            String l = e.getOutput().getLabel();
            for (int d = 0; d < k; d++) ys[d][i] = l.equals(predictors[d]) ? 1 : 0;
            i++;
        }
        Designs.Design x = Designs.design(examples);
        FitOptions o = FitOptions.defaults(Model.LOGISTIC).withLambda(alpha).withAlpha(l1Ratio).withTol(tolerance)
                .withMaxIter(maxIterations).withPrecision(precision).withMethod(method);
        Backend b = Designs.backend(backend);
        FitResult[] fits = Designs.fitAll(b, x, ys, o, predictors, logger);

        double[] intercepts = new double[k];
        double[][] betas = new double[k][];
        for (int d = 0; d < k; d++) {
            intercepts[d] = fits[d].intercept();
            betas[d] = fits[d].beta();
        }
        ModelProvenance provenance = new ModelProvenance(SpredClassificationModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance,
                Designs.instanceProvenance(runProvenance, b, precision, alpha, l1Ratio, predictors, fits));
        return new SpredClassificationModel("spred-logistic-model", provenance, examples.getFeatureIDMap(), outputInfo,
                new LinearWeights(predictors, intercepts, betas), labels);
    }

    @Override
    public int getInvocationCount() {
        return invocationCount;
    }

    /** The solver is deterministic and uses no RNG: the count is recorded only. */
    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) throw new IllegalArgumentException("The supplied invocationCount is less than zero.");
        this.invocationCount = invocationCount;
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    @Override
    public String toString() {
        return "SpredLogisticTrainer(alpha=" + alpha + ",l1Ratio=" + l1Ratio + ",positiveLabel=" + positiveLabel
                + ",tolerance=" + tolerance + ",maxIterations=" + maxIterations + ",backend=" + backend
                + ",precision=" + precision + ",method=" + method + ")";
    }
}
