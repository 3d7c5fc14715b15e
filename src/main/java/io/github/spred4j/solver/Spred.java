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
 * returned with the certificate it reached. Sparse (CSR) X reaches the working-set engine
 * ({@link Method#CD}) sparse, as CSR + CSC (never densified); the spred solvers and group lasso still expand it
 * to a dense copy on the host. Elastic net needs α in (0, 1].
 */
public final class Spred {
    private Spred() {
    }

    /** The smallest λ whose solution is β = 0 (glmnet's definition; divided by α for the elastic net). */
    public static double lambdaMax(Dataset data, FitOptions o) {
        EntryChecks.check(data, o);
        if (o.reweighted()) return ReweightedFits.lambdaMax(data, o); // weights / penalty factors: glmnet's λ_max
        if (data != null && data.isSparse() && Paths.engine(o)) return Prepared.sparseLambdaMax(data, o); // never densified
        DenseGuard.check(data, o);
        return Problem.of(data, o).lambdaMax();
    }

    /** Each target's {@link #lambdaMax} ({@code targets[t]} as y), X validated and standardised once. */
    public static double[] lambdaMaxTargets(Dataset data, double[][] targets, FitOptions o) {
        EntryChecks.check(data, o);
        return MultiTarget.lambdaMax(data, targets, o);
    }

    /** One fit at {@code o.lambda()} (which must be set). */
    public static FitResult fit(Context ctx, Dataset data, FitOptions o) {
        EntryChecks.check(ctx, data, o);
        if (o.reweighted()) return ReweightedFits.fit(ctx, data, o);
        DenseGuard.check(data, o);
        return Solver.fit(ctx, data, o);
    }

    /** A warm-started path; {@code lambdaMinRatio} NaN means glmnet's default (1e-4 if n > p, else 0.01). */
    public static PathResult path(Context ctx, Dataset data, FitOptions o, int nLambda, double lambdaMinRatio) {
        return path(ctx, data, o, nLambda, lambdaMinRatio, PathListener.NONE);
    }

    /** {@link #path} telling {@code listener} after each λ (for progress). */
    public static PathResult path(Context ctx, Dataset data, FitOptions o, int nLambda, double lambdaMinRatio,
                                  PathListener listener) {
        EntryChecks.check(ctx, data, o);
        if (o.reweighted()) return ReweightedFits.path(ctx, data, o, nLambda, lambdaMinRatio, orNone(listener));
        DenseGuard.check(data, o);
        return Solver.path(ctx, data, o, nLambda, lambdaMinRatio, orNone(listener));
    }

    /** k-fold cross-validation (cv.glmnet's λ_min and λ_1se); folds assigned deterministically from the seed. */
    public static CvResult cv(Context ctx, Dataset data, FitOptions o, int nLambda, double lambdaMinRatio,
                              int folds, long seed) {
        return cv(ctx, data, o, nLambda, lambdaMinRatio, folds, seed, PathListener.NONE);
    }

    /** {@link #cv} telling {@code listener} after each fit of every fold's path and of the final path. */
    public static CvResult cv(Context ctx, Dataset data, FitOptions o, int nLambda, double lambdaMinRatio,
                              int folds, long seed, PathListener listener) {
        EntryChecks.check(ctx, data, o);
        if (folds < 2 || folds > data.n()) throw new IllegalArgumentException("folds must be in [2, n], got " + folds);
        if (o.reweighted()) // weights / penalty factors: cv.glmnet's weighted folds and curve
            return WeightedCv.run(ctx, data, o, lambdas(data, o, nLambda, lambdaMinRatio), foldIds(data.n(), folds, seed), orNone(listener));
        DenseGuard.check(data, o);
        return CrossValidation.runOn(ctx, data, o, lambdas(data, o, nLambda, lambdaMinRatio), foldIds(data.n(), folds, seed), orNone(listener));
    }

    /**
     * Fits at many λ at once; equals the one-by-one fits to the tolerance. The squared loss (dense X, float64) runs
     * on one Gram of X for all λ, each fit certified from the Gram and the smallest λ also from its residuals (all
     * from their residuals if that one disagrees); the others on the general engine.
     */
    public static FitResult[] fitBatch(Context ctx, Dataset data, FitOptions o, double[] lambdas) {
        EntryChecks.check(ctx, data, o);
        if (lambdas == null) throw new IllegalArgumentException("lambdas is null");
        if (o.reweighted()) return ReweightedFits.fitBatch(ctx, data, o, lambdas);
        DenseGuard.check(data, o);
        if (data != null && lambdas != null && lambdas.length > 0 && java.util.Arrays.stream(lambdas).allMatch(l -> l > 0 && l < Double.POSITIVE_INFINITY)
                && GramBatch.applies(data, o, lambdas.length))
            return GramBatch.fitBatch(ctx, data, o, lambdas); // the squared loss: all λ on one Gram
        return Solver.fitBatch(ctx, data, o, lambdas);
    }

    /** glmnet's default λ sequence: {@code nLambda} values from λ_max down to ratio·λ_max, log-spaced (ratio NaN: glmnet's). */
    public static double[] lambdas(Dataset data, FitOptions o, int nLambda, double lambdaMinRatio) {
        EntryChecks.check(data, o);
        return Solver.lambdaSequence(lambdaMax(data, o), nLambda, lambdaMinRatio, data.n(), data.p());
    }

    /** A warm-started path over the given λ (finite, positive, strictly decreasing), as glmnet's {@code lambda}. */
    public static PathResult path(Context ctx, Dataset data, FitOptions o, double[] lambdas, PathListener listener) {
        EntryChecks.check(ctx, data, o);
        if (o.reweighted()) return ReweightedFits.path(ctx, data, o, CrossValidation.checkLambdas(lambdas), orNone(listener));
        DenseGuard.check(data, o);
        return Solver.path(ctx, data, o, CrossValidation.checkLambdas(lambdas), orNone(listener)); // warm-started, one upload of X
    }

    /**
     * Cross-validation with the given fold ids and λ sequence, as {@code cv.glmnet(x, y, lambda=, foldid=)}:
     * {@code foldId[i]} in 1..K is row i's fold (K ≥ 2, every fold non-empty); λ finite, positive, strictly
     * decreasing. The CV curve is the fold-size-weighted mean of the folds' held-out losses.
     */
    public static CvResult cv(Context ctx, Dataset data, FitOptions o, double[] lambdas, int[] foldId) {
        EntryChecks.check(ctx, data, o);
        return cv(ctx, data, o, lambdas, foldId, PathListener.NONE);
    }

    /** {@link #cv(Context, Dataset, FitOptions, double[], int[])} telling {@code listener} after each fit. */
    public static CvResult cv(Context ctx, Dataset data, FitOptions o, double[] lambdas, int[] foldId, PathListener listener) {
        EntryChecks.check(ctx, data, o);
        if (o.reweighted()) return WeightedCv.run(ctx, data, o, CrossValidation.checkLambdas(lambdas), foldId, orNone(listener));
        DenseGuard.check(data, o);
        return CrossValidation.run(ctx, data, o, lambdas, foldId, orNone(listener));
    }

    /** The fold ids (1..K) that {@link #cv(Context, Dataset, FitOptions, int, double, int, long)} draws from the seed. */
    public static int[] foldIds(int n, int folds, long seed) {
        return CrossValidation.foldIds(n, folds, seed);
    }

    /**
     * One fit per response column on a shared X: {@code targets[t]} (length n) is target t's y ({@code data.y()}
     * is ignored), fitted at {@code lambdas[t]}. Returns one result per target, each with its own certificate.
     */
    public static FitResult[] fitTargets(Context ctx, Dataset data, double[][] targets, FitOptions o, double[] lambdas) {
        EntryChecks.check(ctx, data, o);
        DenseGuard.check(data, o);
        return MultiTarget.fit(ctx, data, targets, o, lambdas);
    }

    /** {@link #fitTargets(Context, Dataset, double[][], FitOptions, double[])} with every target at {@code o.lambda()}. */
    public static FitResult[] fitTargets(Context ctx, Dataset data, double[][] targets, FitOptions o) {
        EntryChecks.check(ctx, data, o);
        if (Double.isNaN(o.lambda())) throw new IllegalArgumentException("lambda must be set (FitOptions.withLambda)");
        DenseGuard.check(data, o);
        double[] l = new double[targets == null ? 0 : targets.length];
        java.util.Arrays.fill(l, o.lambda());
        return MultiTarget.fit(ctx, data, targets, o, l);
    }

    /** One path per response column over the shared λ sequence {@code lambdas}; fits are counted over all targets. */
    public static PathResult[] pathTargets(Context ctx, Dataset data, double[][] targets, FitOptions o, double[] lambdas,
                                           PathListener listener) {
        EntryChecks.check(ctx, data, o);
        DenseGuard.check(data, o);
        return MultiTarget.path(ctx, data, targets, o, lambdas, 0, Double.NaN, orNone(listener));
    }

    /** One path per response column, each over its own glmnet sequence (from that target's λ_max). */
    public static PathResult[] pathTargets(Context ctx, Dataset data, double[][] targets, FitOptions o, int nLambda,
                                           double lambdaMinRatio, PathListener listener) {
        EntryChecks.check(ctx, data, o);
        DenseGuard.check(data, o);
        return MultiTarget.path(ctx, data, targets, o, null, nLambda, lambdaMinRatio, orNone(listener));
    }

    /** η = b0 + Xβ, or the probabilities 1/(1+e^−η) for LOGISTIC. */
    public static double[] predict(Dataset data, double intercept, double[] beta, Model model) {
        EntryChecks.check(data, FitOptions.defaults(model == null ? Model.SQUARED : model));
        if (beta == null) throw new IllegalArgumentException("beta is null");
        return HostX.predict(data, intercept, beta, model);
    }

    /** A null listener means none (callers pass null for "no progress"). */
    private static PathListener orNone(PathListener l) {
        return l == null ? PathListener.NONE : l;
    }
}
