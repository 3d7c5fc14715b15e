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
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;
import org.tribuo.regression.Regressor;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Lasso / elastic net for Tribuo regression, solved by spred4j ({@link io.github.spred4j.solver.Spred#fit}) on a
 * chosen backend and precision. Drop-in for Tribuo's {@code ElasticNetCDTrainer}: the same parameter names and the
 * same objective, per regression dimension (fitted independently),
 * <pre>
 *   1/(2n)·‖y − b − Xβ‖² + alpha·(l1Ratio·‖β‖₁ + (1 − l1Ratio)/2·‖β‖²),   b unpenalised.
 * </pre>
 * Mapping to spred4j / glmnet: λ = {@code alpha}, elastic-net mix (glmnet's alpha) = {@code l1Ratio}. This is the
 * scaling of {@code ElasticNetCDTrainer} (its coordinate step soft-thresholds Xcᵀr at n·alpha·l1Ratio and divides
 * by ‖Xc_j‖² + n·alpha·(1 − l1Ratio), i.e. the objective above times n), of glmnet (gaussian, standardize=FALSE)
 * and of scikit-learn's {@code ElasticNet(alpha, l1_ratio)}. Like {@code ElasticNetCDTrainer}, features are used
 * raw (centred implicitly for the intercept, never scaled); {@code l1Ratio} must be in (0, 1] (pure ridge is not a
 * sparse problem and is refused).
 *
 * <p>Unlike {@code ElasticNetCDTrainer}, whose tolerance is a stopping rule, {@code tolerance} here is the target
 * of a certificate: the relative duality gap (P − D)/|P| of the returned coefficients, which have exact zeros.
 * The certificate reached is recorded in the model's provenance whether or not the target was met.
 *
 * <p>Provenance: the trainer provenance records every {@code @Config} field (alpha, l1Ratio, tolerance,
 * maxIterations, backend, precision, method). The model's instance provenance adds (keys are constants of this
 * module, prefix {@code spred.}): {@code spred.backend} and {@code spred.device} actually used,
 * {@code spred.precision}, {@code spred.lambda}, {@code spred.l1-ratio}, {@code spred.certificate-name}
 * ("duality_gap"), {@code spred.certificate} (the worst over dimensions), and per dimension maps
 * {@code spred.certificates}, {@code spred.objectives}, {@code spred.iterations}, {@code spred.nnz}, plus
 * {@code spred.seconds}. The caller's run provenance is kept alongside.
 */
public final class SpredElasticNetTrainer implements SparseTrainer<Regressor> {
    private static final java.util.logging.Logger logger = java.util.logging.Logger.getLogger(SpredElasticNetTrainer.class.getName());

    @Config(mandatory = true, description = "Overall regularisation penalty (spred4j's lambda).")
    private double alpha;

    @Config(description = "Ratio of l1 to l2 penalty, in (0, 1] (glmnet's alpha); 1 = lasso.")
    private double l1Ratio = 1.0;

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
    private SpredElasticNetTrainer() {
    }

    /** Elastic net with the automatic backend in float64, tolerance 1e-7. */
    public SpredElasticNetTrainer(double alpha, double l1Ratio) {
        this(alpha, l1Ratio, "auto", Precision.FLOAT64);
    }

    public SpredElasticNetTrainer(double alpha, double l1Ratio, String backend, Precision precision) {
        this(alpha, l1Ratio, 1e-7, 100_000, backend, precision, Method.LBFGS);
    }

    public SpredElasticNetTrainer(double alpha, double l1Ratio, double tolerance, int maxIterations, String backend,
                                  Precision precision, Method method) {
        this.alpha = alpha;
        this.l1Ratio = l1Ratio;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.backend = backend;
        this.precision = precision;
        this.method = method;
        postConfig();
    }

    /** Validates the configuration (called by OLCUT and by the constructors). */
    @Override
    public void postConfig() {
        TrainerChecks.validate(alpha, l1Ratio, tolerance, maxIterations, backend, precision, method);
    }

    @Override
    public SpredRegressionModel train(Dataset<Regressor> examples) {
        return train(examples, java.util.Collections.emptyMap());
    }

    @Override
    public SpredRegressionModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public synchronized SpredRegressionModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance,
                                                   int invocationCount) {
        if (examples.getOutputInfo().getUnknownCount() > 0)
            throw new IllegalArgumentException("The supplied Dataset contained unknown Outputs, and this Trainer is supervised.");
        if (invocationCount != INCREMENT_INVOCATION_COUNT) setInvocationCount(invocationCount);
        TrainerProvenance trainerProvenance = getProvenance();
        this.invocationCount++;

        ImmutableOutputInfo<Regressor> outputInfo = examples.getOutputIDInfo();
        int k = outputInfo.size(), n = examples.size();
        String[] dims = new String[k];
        for (int d = 0; d < k; d++) dims[d] = outputInfo.getOutput(d).getNames()[0];
        double[][] ys = new double[k][n];
        int i = 0;
        for (Example<Regressor> e : examples) {
            for (Regressor.DimensionTuple t : e.getOutput()) ys[outputInfo.getID(t)][i] = t.getValue();
            i++;
        }
        Designs.Design x = Designs.design(examples);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withLambda(alpha).withAlpha(l1Ratio).withTol(tolerance)
                .withMaxIter(maxIterations).withPrecision(precision).withMethod(method);
        Backend b = Designs.backend(backend);
        FitResult[] fits = Designs.fitAll(b, x, ys, o, dims, logger);

        double[] intercepts = new double[k];
        double[][] betas = new double[k][];
        for (int d = 0; d < k; d++) {
            intercepts[d] = fits[d].intercept();
            betas[d] = fits[d].beta();
        }
        ModelProvenance provenance = new ModelProvenance(SpredRegressionModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), trainerProvenance,
                Designs.instanceProvenance(runProvenance, b, precision, alpha, l1Ratio, dims, fits));
        return new SpredRegressionModel("spred-elastic-net-model", provenance, examples.getFeatureIDMap(), outputInfo,
                new LinearWeights(dims, intercepts, betas));
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
        return "SpredElasticNetTrainer(alpha=" + alpha + ",l1Ratio=" + l1Ratio + ",tolerance=" + tolerance
                + ",maxIterations=" + maxIterations + ",backend=" + backend + ",precision=" + precision
                + ",method=" + method + ")";
    }
}
