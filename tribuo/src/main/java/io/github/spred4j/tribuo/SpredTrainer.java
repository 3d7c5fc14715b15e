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
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Output;
import org.tribuo.SparseTrainer;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.Map;
import java.util.logging.Logger;

/**
 * What the two spred4j trainers share: the {@code @Config} fields of the elastic-net penalty and the solver, their
 * checks, the invocation count and the training flow (targets → design → one spred fit per predictor →
 * provenance → model). A concrete trainer says only how its outputs become 0/1 or real targets
 * ({@link #targets}) and which model holds the result ({@link #newModel}).
 *
 * @param <T> the output type
 * @param <M> the model type
 */
public abstract class SpredTrainer<T extends Output<T>, M extends SpredLinearModel<T>> implements SparseTrainer<T> {
    private static final Logger logger = Logger.getLogger(SpredTrainer.class.getName());

    @Config(mandatory = true, description = "Overall regularisation penalty (spred4j's lambda).")
    double alpha;

    @Config(description = "Ratio of l1 to l2 penalty, in (0, 1] (glmnet's alpha); 1 = pure L1.")
    double l1Ratio = 1.0;

    @Config(description = "Target relative duality gap of the returned coefficients.")
    double tolerance = 1e-7;

    @Config(description = "Maximum number of solver iterations (a safety net; the certificate is recorded either way).")
    int maxIterations = 100_000;

    @Config(description = "spred4j backend: auto, java, native, opencl, opencl-cpu, opencl-gpu or cuda.")
    String backend = "auto";

    @Config(description = "Device precision: FLOAT64 or FLOAT32 (certificates are computed in float64 either way).")
    Precision precision = Precision.FLOAT64;

    @Config(description = "Solver: CD (the working-set engine, the default), LBFGS, SGD, MOMENTUM or ADAM on the spred objective.")
    Method method = Method.CD;

    @Config(description = "Cross-validation folds choosing lambda (as cv.glmnet): 0 = off, fit at alpha; k in [2, n] = "
            + "k-fold CV over glmnet's default lambda sequence per output, alpha then ignored.")
    int cvFolds = 0;

    @Config(description = "Seed of the cross-validation fold assignment (Spred.foldIds); the same seed gives the same folds.")
    long cvSeed = org.tribuo.Trainer.DEFAULT_SEED;

    @Config(description = "Which cross-validated lambda the model takes: lambda.min (lowest mean held-out loss) or "
            + "lambda.1se (largest lambda within one standard error of it).")
    String cvRule = CvSelection.MIN;

    @Config(description = "Number of lambda values on the cross-validated sequence (glmnet's nlambda).")
    int cvLambdas = 100;

    private int invocationCount = 0;

    /** For OLCUT (the fields are set by configuration, then {@link #postConfig()}). */
    SpredTrainer() {
    }

    SpredTrainer(double alpha, double l1Ratio, double tolerance, int maxIterations, String backend, Precision precision,
                 Method method) {
        this.alpha = alpha;
        this.l1Ratio = l1Ratio;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.backend = backend;
        this.precision = precision;
        this.method = method;
    }

    /** Validates the configuration (called by OLCUT and by the constructors). */
    @Override
    public void postConfig() {
        TrainerChecks.validate(alpha, l1Ratio, tolerance, maxIterations, backend, precision, method);
        TrainerChecks.validateCv(cvFolds, cvRule, cvLambdas);
    }

    /**
     * Chooses λ by k-fold cross-validation at every {@code train} (as {@code cv.glmnet}): per output, {@link
     * io.github.spred4j.solver.Spred#cv} over glmnet's default sequence of {@code cvLambdas} λ (100 by default) with the folds drawn from
     * {@code seed}; the model is the CV's all-data fit at λ_min or λ_1se, and {@code alpha} is ignored. The chosen λ
     * and the CV curve are recorded in the model's instance provenance ({@code spred.cv.*}).
     *
     * @param folds the number of folds, at least 2 (at most n, checked when training)
     * @param seed  the seed of the fold assignment
     * @param rule  {@code "lambda.min"} or {@code "lambda.1se"}
     * @return this trainer
     */
    public synchronized SpredTrainer<T, M> withCrossValidation(int folds, long seed, String rule) {
        TrainerChecks.validateCv(folds, rule, cvLambdas);
        this.cvFolds = folds;
        this.cvSeed = seed;
        this.cvRule = rule;
        return this;
    }

    /** The spred4j loss of this trainer. */
    abstract Model loss();

    /** The fitted predictors: their names, one target vector each (length n), and the model's labels (if any). */
    record Targets(String[] predictors, double[][] ys, String[] labels) {
    }

    /** Reads the targets; throws (before anything is counted or fitted) when the outputs do not fit this trainer. */
    abstract Targets targets(Dataset<T> examples);

    abstract M newModel(ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<T> outputs,
                        LinearWeights weights, Targets targets);

    /** The model class recorded in the provenance. */
    abstract Class<M> modelClass();

    @Override
    public M train(Dataset<T> examples) {
        return train(examples, Collections.emptyMap());
    }

    @Override
    public M train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public synchronized M train(Dataset<T> examples, Map<String, Provenance> runProvenance, int invocationCount) {
        if (examples.getOutputInfo().getUnknownCount() > 0)
            throw new IllegalArgumentException("The supplied Dataset contained unknown Outputs, and this Trainer is supervised.");
        Targets t = targets(examples);
        if (cvFolds > 0) CvSelection.checkFolds(cvFolds, examples.size()); // before anything is counted
        if (invocationCount != INCREMENT_INVOCATION_COUNT) setInvocationCount(invocationCount);
        TrainerProvenance trainerProvenance = getProvenance();
        this.invocationCount++;

        Designs.Design x = Designs.design(examples);
        FitOptions o = FitOptions.defaults(loss()).withLambda(alpha).withAlpha(l1Ratio).withTol(tolerance)
                .withMaxIter(maxIterations).withPrecision(precision).withMethod(method);
        Backend b = Designs.backend(backend);
        FitResult[] fits;
        CvSelection.Choice cv = null;
        if (cvFolds > 0) { // λ by cross-validation, per output
            cv = CvSelection.choose(b, x, t.ys(), o, t.predictors(), cvFolds, cvSeed, cvRule, cvLambdas);
            fits = cv.fits();
            Designs.warnUncertified(b, fits, o, t.predictors(), logger);
        } else fits = Designs.fitAll(b, x, t.ys(), o, t.predictors(), logger);

        int k = fits.length;
        double[] intercepts = new double[k];
        double[][] betas = new double[k][];
        for (int d = 0; d < k; d++) {
            intercepts[d] = fits[d].intercept();
            betas[d] = fits[d].beta();
        }
        double lambda = cv == null ? alpha : k == 1 ? cv.lambdas()[0] : Double.NaN; // NaN: one λ per output
        Map<String, Provenance> instance = Designs.instanceProvenance(runProvenance, b, precision, lambda, l1Ratio,
                t.predictors(), fits);
        if (cv != null) CvSelection.provenance(instance, cv, t.predictors(), cvFolds, cvSeed, cvRule);
        ModelProvenance provenance = new ModelProvenance(modelClass().getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance, instance);
        return newModel(provenance, examples.getFeatureIDMap(), examples.getOutputIDInfo(),
                new LinearWeights(t.predictors(), intercepts, betas), t);
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

    /** Extra "name=value" pairs of a subclass's own configuration for {@link #toString()}. */
    String extraConfig() {
        return "";
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(alpha=" + alpha + ",l1Ratio=" + l1Ratio + extraConfig() + ",tolerance="
                + tolerance + ",maxIterations=" + maxIterations + ",backend=" + backend + ",precision=" + precision
                + ",method=" + method + (cvFolds > 0 ? ",cvFolds=" + cvFolds + ",cvSeed=" + cvSeed + ",cvRule=" + cvRule
                + ",cvLambdas=" + cvLambdas : "") + ")";
    }
}
