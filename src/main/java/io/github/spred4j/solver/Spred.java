package io.github.spred4j.solver;

import io.github.spred4j.api.Context;

/**
 * The public facade of the solvers: lasso / elastic net, L1 logistic regression and group lasso by
 * sparsity-by-redundancy (spred) with L-BFGS, exact zeros, an active-set polish and a float64 certificate.
 * All vector and matrix work of a fit runs through the given {@link Context}. Inputs are never modified.
 */
public final class Spred {
    private Spred() {
    }

    /** The smallest λ whose solution is β = 0 (glmnet's definition; divided by α for the elastic net). */
    public static double lambdaMax(Dataset data, FitOptions o) {
        return Problem.of(data, o).lambdaMax();
    }

    /** One fit at {@code o.lambda()} (which must be set). */
    public static FitResult fit(Context ctx, Dataset data, FitOptions o) {
        return Solver.fit(ctx, data, o);
    }

    /** A warm-started path; {@code lambdaMinRatio} NaN means glmnet's default (1e-4 if n > p, else 0.01). */
    public static PathResult path(Context ctx, Dataset data, FitOptions o, int nLambda, double lambdaMinRatio) {
        return Solver.path(ctx, data, o, nLambda, lambdaMinRatio);
    }

    /** k-fold cross-validation (cv.glmnet's λ_min and λ_1se); folds assigned deterministically from the seed. */
    public static CvResult cv(Context ctx, Dataset data, FitOptions o, int nLambda, double lambdaMinRatio,
                              int folds, long seed) {
        return Solver.cv(ctx, data, o, nLambda, lambdaMinRatio, folds, seed);
    }

    /** Fits at many λ at once (the matrix passes stacked); equals the one-by-one fits to the tolerance. */
    public static FitResult[] fitBatch(Context ctx, Dataset data, FitOptions o, double[] lambdas) {
        return Solver.fitBatch(ctx, data, o, lambdas);
    }

    /** η = b0 + Xβ, or the probabilities 1/(1+e^−η) for LOGISTIC. */
    public static double[] predict(Dataset data, double intercept, double[] beta, Model model) {
        return Problem.predict(data, intercept, beta, model);
    }
}
