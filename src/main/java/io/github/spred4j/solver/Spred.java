package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import io.github.spred4j.api.Context;

/**
 * The public facade of the solvers: lasso / elastic net, L1 logistic regression and group lasso by
 * sparsity-by-redundancy (spred) with L-BFGS, exact zeros, an active-set polish and a float64 certificate.
 * All vector and matrix work of a fit runs through the given {@link Context}. Inputs are never modified.
 *
 * <p>Certificates: SQUARED and LOGISTIC report the relative duality gap (P − D)/P, GROUP the largest KKT
 * violation divided by λ; both are computed in float64 on the returned vector (on the host when the working
 * precision is float32). A fit whose certificate exceeds {@code tol} (maxIter reached, or float32 rounding) is
 * returned with the certificate it reached. Sparse (CSR) X is expanded to a dense copy on the host before the
 * upload: correct on every backend, not memory-lean. Elastic net needs α in (0, 1].
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
        return Solver.path(ctx, data, o, nLambda, lambdaMinRatio, PathListener.NONE);
    }

    /** {@link #path} telling {@code listener} after each λ (for progress). */
    public static PathResult path(Context ctx, Dataset data, FitOptions o, int nLambda, double lambdaMinRatio,
                                  PathListener listener) {
        return Solver.path(ctx, data, o, nLambda, lambdaMinRatio, listener);
    }

    /**
     * The path over an explicit decreasing λ sequence (warm-started, one upload of X); the listener sees fit i as
     * number i of {@code lambdas.length}.
     */
    public static PathResult path(Context ctx, Dataset data, FitOptions o, double[] lambdas, PathListener listener) {
        return Solver.path(ctx, data, o, lambdas, listener);
    }

    /** k-fold cross-validation (cv.glmnet's λ_min and λ_1se); folds assigned deterministically from the seed. */
    public static CvResult cv(Context ctx, Dataset data, FitOptions o, int nLambda, double lambdaMinRatio,
                              int folds, long seed) {
        return Solver.cv(ctx, data, o, nLambda, lambdaMinRatio, folds, seed, PathListener.NONE);
    }

    /** {@link #cv} telling {@code listener} after each fit of every fold's path and of the final path. */
    public static CvResult cv(Context ctx, Dataset data, FitOptions o, int nLambda, double lambdaMinRatio,
                              int folds, long seed, PathListener listener) {
        return Solver.cv(ctx, data, o, nLambda, lambdaMinRatio, folds, seed, listener);
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
