package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.spred4j.api.Precision;
import io.github.spred4j.solver.Method;
import io.github.spred4j.solver.Model;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

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
 * <p>{@code loss = "poisson"} fits L1 Poisson regression instead (glmnet's {@code family = "poisson"}, log link):
 * (1/n)·Σ[e^η − y·η] + the same penalty, η = b + Xβ, targets y ≥ 0 counts (non-integer non-negative values are
 * accepted, as glmnet accepts them; a negative or non-finite one is a one-line error naming its row); the model
 * then predicts the mean e^η ({@link SpredRegressionModel#logLink()}). Poisson is solved by method CD only.
 *
 * <p>Provenance: the trainer provenance records every {@code @Config} field (alpha, l1Ratio, loss, tolerance,
 * maxIterations, backend, precision, method). The model's instance provenance adds (keys are constants of this
 * module, prefix {@code spred.}): {@code spred.backend} and {@code spred.device} actually used,
 * {@code spred.precision}, {@code spred.lambda}, {@code spred.l1-ratio}, {@code spred.certificate-name}
 * ("duality_gap"), {@code spred.certificate} (the worst over dimensions), and per dimension maps
 * {@code spred.certificates}, {@code spred.objectives}, {@code spred.iterations}, {@code spred.nnz}, plus
 * {@code spred.seconds}. The caller's run provenance is kept alongside.
 */
public final class SpredElasticNetTrainer extends SpredTrainer<Regressor, SpredRegressionModel> {
    /** The least-squares loss (lasso / elastic net), the default. */
    public static final String SQUARED = "squared";
    /** The Poisson loss with log link (counts; predictions e^η). */
    public static final String POISSON = "poisson";

    @Config(description = "Loss: squared (lasso / elastic net, the default) or poisson (log link, y counts, predictions exp(eta)).")
    String loss = SQUARED;

    /** For OLCUT. */
    private SpredElasticNetTrainer() {
    }

    /**
     * Elastic net with the automatic backend in float64, tolerance 1e-7.
     *
     * @param alpha   λ, the overall penalty
     * @param l1Ratio the elastic-net mix in (0, 1]
     */
    public SpredElasticNetTrainer(double alpha, double l1Ratio) {
        this(alpha, l1Ratio, "auto", Precision.FLOAT64);
    }

    /**
     * @param alpha     λ, the overall penalty
     * @param l1Ratio   the elastic-net mix in (0, 1]
     * @param backend   the spred4j backend name
     * @param precision the device precision
     */
    public SpredElasticNetTrainer(double alpha, double l1Ratio, String backend, Precision precision) {
        this(alpha, l1Ratio, 1e-7, 100_000, backend, precision, Method.CD);
    }

    /**
     * @param alpha         λ, the overall penalty
     * @param l1Ratio       the elastic-net mix in (0, 1]
     * @param tolerance     the target relative duality gap
     * @param maxIterations the solver's iteration limit
     * @param backend       the spred4j backend name
     * @param precision     the device precision
     * @param method        the optimiser on the spred objective
     */
    public SpredElasticNetTrainer(double alpha, double l1Ratio, double tolerance, int maxIterations, String backend,
                                  Precision precision, Method method) {
        this(alpha, l1Ratio, SQUARED, tolerance, maxIterations, backend, precision, method);
    }

    /**
     * @param alpha         λ, the overall penalty
     * @param l1Ratio       the elastic-net mix in (0, 1]
     * @param loss          {@link #SQUARED} or {@link #POISSON}
     * @param tolerance     the target relative duality gap
     * @param maxIterations the solver's iteration limit
     * @param backend       the spred4j backend name
     * @param precision     the device precision
     * @param method        the optimiser on the spred objective (CD for Poisson)
     */
    public SpredElasticNetTrainer(double alpha, double l1Ratio, String loss, double tolerance, int maxIterations,
                                  String backend, Precision precision, Method method) {
        super(alpha, l1Ratio, tolerance, maxIterations, backend, precision, method);
        this.loss = loss;
        postConfig();
    }

    /**
     * L1 / elastic-net Poisson regression with the automatic backend in float64, tolerance 1e-7, method CD.
     *
     * @param alpha   λ, the overall penalty
     * @param l1Ratio the elastic-net mix in (0, 1]
     * @return the trainer
     */
    public static SpredElasticNetTrainer poisson(double alpha, double l1Ratio) {
        return new SpredElasticNetTrainer(alpha, l1Ratio, POISSON, 1e-7, 100_000, "auto", Precision.FLOAT64, Method.CD);
    }

    @Override
    public void postConfig() {
        super.postConfig();
        if (!SQUARED.equals(loss) && !POISSON.equals(loss))
            throw new PropertyException("", "loss", "loss must be " + SQUARED + " or " + POISSON + ", found " + loss);
        if (POISSON.equals(loss) && method != Method.CD)
            throw new PropertyException("", "method", "loss poisson is solved by method CD only, found " + method);
    }

    @Override
    Model loss() {
        return POISSON.equals(loss) ? Model.POISSON : Model.SQUARED;
    }

    @Override
    String extraConfig() {
        return ",loss=" + loss;
    }

    @Override
    Targets targets(Dataset<Regressor> examples) {
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
        return new Targets(dims, ys, new String[0]);
    }

    @Override
    SpredRegressionModel newModel(ModelProvenance provenance, ImmutableFeatureMap features,
                                  ImmutableOutputInfo<Regressor> outputs, LinearWeights weights, Targets targets) {
        boolean poisson = POISSON.equals(loss);
        return new SpredRegressionModel(poisson ? "spred-poisson-model" : "spred-elastic-net-model", provenance,
                features, outputs, weights, poisson);
    }

    @Override
    Class<SpredRegressionModel> modelClass() {
        return SpredRegressionModel.class;
    }
}
