package io.github.spred4j.solver;

import io.github.spred4j.api.Precision;

/**
 * Hyper-parameters of one fit (validated record). {@code alpha} is glmnet's elastic-net mix (1 = pure L1);
 * {@code tol} the certificate target (relative duality gap, or KKT violation relative to λ for GROUP);
 * {@code maxIter} a safety net only: reaching it returns the certificate achieved, never a claim of success.
 * {@code groups} gives one group id per feature (GROUP only; features of a group need not be contiguous).
 */
public record FitOptions(Model model, double lambda, double alpha, boolean intercept, boolean standardize, double tol,
                         int maxIter, Precision precision, int[] groups, Method method, double[] penaltyFactor,
                         double[] weights) {

    public FitOptions {
        if (model == null) throw new IllegalArgumentException("model is null");
        if (precision == null) throw new IllegalArgumentException("precision is null");
        if (method == null) throw new IllegalArgumentException("method is null");
        if (!Double.isNaN(lambda) && (lambda < 0 || Double.isInfinite(lambda)))
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        if (!(alpha > 0 && alpha <= 1))
            throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        if (!(tol > 0) || Double.isInfinite(tol)) throw new IllegalArgumentException("tol must be > 0, got " + tol);
        if (maxIter < 1) throw new IllegalArgumentException("maxIter must be >= 1, got " + maxIter);
        if (model == Model.POISSON && method != Method.CD && method != Method.SPRED_WS)
            throw new IllegalArgumentException("POISSON is solved by the working-set engine (CD or SPRED_WS) only, got " + method);
        if (model == Model.GROUP && (method == Method.CD || method == Method.SPRED_WS))
            throw new IllegalArgumentException("GROUP is solved by the spred methods (LBFGS, SGD, MOMENTUM, ADAM), not " + method);
        if (groups != null && model != Model.GROUP)
            throw new IllegalArgumentException("groups are only meaningful for the GROUP model, got model " + model);
        if (model == Model.GROUP && (penaltyFactor != null || weights != null))
            throw new IllegalArgumentException("penalty factors and observation weights are not supported for GROUP (its group weights are sqrt(group size))");
    }

    /** The options without penalty factors and observation weights (the record's first ten components). */
    public FitOptions(Model model, double lambda, double alpha, boolean intercept, boolean standardize, double tol,
                      int maxIter, Precision precision, int[] groups, Method method) {
        this(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method, null, null);
    }

    /** lambda NaN (must be set), alpha 1, intercept, no standardisation, tol 1e-7, maxIter 100000, FLOAT64, CD (LBFGS for GROUP). */
    public static FitOptions defaults(Model model) {
        return new FitOptions(model, Double.NaN, 1.0, true, false, 1e-7, 100_000, Precision.FLOAT64, null,
                model == Model.GROUP ? Method.LBFGS : Method.CD);
    }

    public FitOptions withLambda(double lambda) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method, penaltyFactor, weights);
    }

    public FitOptions withAlpha(double alpha) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method, penaltyFactor, weights);
    }

    public FitOptions withIntercept(boolean intercept) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method, penaltyFactor, weights);
    }

    public FitOptions withStandardize(boolean standardize) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method, penaltyFactor, weights);
    }

    public FitOptions withTol(double tol) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method, penaltyFactor, weights);
    }

    public FitOptions withMaxIter(int maxIter) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method, penaltyFactor, weights);
    }

    public FitOptions withPrecision(Precision precision) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method, penaltyFactor, weights);
    }

    public FitOptions withGroups(int[] groups) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision,
                groups == null ? null : groups.clone(), method, penaltyFactor, weights);
    }

    public FitOptions withMethod(Method method) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method, penaltyFactor, weights);
    }

    /**
     * glmnet's {@code penalty.factor}: one factor per feature, ≥ 0 (0: unpenalised, always in the model;
     * {@code Double.POSITIVE_INFINITY}: excluded, coefficient 0). As in glmnet the factors are rescaled to sum to p
     * (an excluded feature counting as 1), so λ and λ_max are on glmnet's scale. Null means all 1. Checked against
     * p when a fit starts. The array is copied.
     */
    public FitOptions withPenaltyFactor(double[] penaltyFactor) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method,
                penaltyFactor == null ? null : penaltyFactor.clone(), weights);
    }

    /**
     * glmnet's observation {@code weights}: one weight per row, ≥ 0, not all zero; the loss becomes
     * Σ w_i ℓ_i / Σ w_i and the standardisation uses weighted means and variances (glmnet's convention). Null means
     * all 1. Checked against n when a fit starts. The array is copied.
     */
    public FitOptions withWeights(double[] weights) {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method,
                penaltyFactor, weights == null ? null : weights.clone());
    }

    /** Whether penalty factors or observation weights are set. */
    public boolean reweighted() {
        return penaltyFactor != null || weights != null;
    }

    /** These options without penalty factors and weights (what the transformed problem is solved with). */
    FitOptions plain() {
        return new FitOptions(model, lambda, alpha, intercept, standardize, tol, maxIter, precision, groups, method);
    }
}
