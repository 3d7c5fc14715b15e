package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import io.github.spred4j.api.Context;

import java.util.ArrayList;
import java.util.List;

/**
 * The front door of the spred solver (methods LBFGS, SGD, MOMENTUM, ADAM) and of group lasso: fits, batches and
 * paths on one {@link SpredEngine} per call (X goes to the device once), options that the working-set engine
 * solves handed to {@link Paths}; and the λ sequence and cross-validation choices that every solver shares.
 * The phases live in their own files: {@link SpredRounds} (the driver), {@link SpredLbfgs} and
 * {@link SpredFirstOrder} (phase 1), {@link SpredPolish} (phase 2), the certificate in {@link Problem}.
 */
final class Solver {
    private Solver() {
    }

    // ================================================================ public entry points

    static FitResult fit(Context ctx, Dataset d, FitOptions o) {
        if (Paths.engine(o)) return Paths.fit(ctx, d, o);
        if (Double.isNaN(o.lambda())) throw new IllegalArgumentException("lambda must be set (FitOptions.withLambda)");
        double a = SpredScale.factor(d, o);
        if (a != 1) return SpredScale.back(fit(ctx, SpredScale.scaled(d, a), o.withLambda(o.lambda() / (a * a))), a);
        Problem pb = Problem.of(d, o);
        return solve(ctx, pb, o, new double[]{o.lambda()})[0];
    }

    static FitResult[] fitBatch(Context ctx, Dataset d, FitOptions o, double[] lambdas) {
        for (double l : lambdas)
            if (!(l >= 0) || Double.isInfinite(l)) throw new IllegalArgumentException("lambda must be finite and >= 0, got " + l);
        if (Paths.engine(o)) return Paths.batch(ctx, d, o, lambdas);
        double a = SpredScale.factor(d, o);
        if (a != 1) {
            FitResult[] f = fitBatch(ctx, SpredScale.scaled(d, a), o, SpredScale.lambdas(lambdas, a));
            for (int i = 0; i < f.length; i++) f[i] = SpredScale.back(f[i], a);
            return f;
        }
        Problem pb = Problem.of(d, o);
        if (lambdas.length == 0) return new FitResult[0];
        return solve(ctx, pb, o, lambdas.clone());
    }

    /** glmnet's sequence: nLambda values log-spaced from lmax down to ratio·lmax (ratio NaN: 1e-4 if n > p, else 0.01). */
    static double[] lambdaSequence(double lmax, int nLambda, double ratio, int n, int p) {
        if (nLambda < 1) throw new IllegalArgumentException("nLambda must be >= 1, got " + nLambda);
        if (Double.isNaN(ratio)) ratio = n > p ? 1e-4 : 0.01;
        if (!(ratio > 0 && ratio < 1)) throw new IllegalArgumentException("lambdaMinRatio must be in (0,1), got " + ratio);
        double[] l = new double[nLambda];
        for (int i = 0; i < nLambda; i++)
            l[i] = nLambda == 1 ? lmax : lmax * Math.pow(ratio, i / (double) (nLambda - 1));
        return l;
    }

    /** The path over glmnet's sequence from this problem's λ_max. */
    static PathResult path(Context ctx, Dataset d, FitOptions o, int nLambda, double lambdaMinRatio, PathListener listener) {
        if (Paths.engine(o)) return Paths.path(ctx, d, o, nLambda, lambdaMinRatio, listener);
        double a = SpredScale.factor(d, o);
        if (a != 1) return SpredScale.back(path(ctx, SpredScale.scaled(d, a), o, nLambda, lambdaMinRatio, SpredScale.back(listener, a)), a);
        Problem pb = Problem.of(d, o);
        double[] lam = lambdaSequence(pb.lambdaMax(), nLambda, lambdaMinRatio, d.n(), d.p());
        return path(ctx, pb, o, lam, listener, 0, lam.length);
    }

    /** The path over an explicit decreasing sequence. */
    static PathResult path(Context ctx, Dataset d, FitOptions o, double[] lam, PathListener listener) {
        if (Paths.engine(o)) return Paths.path(ctx, d, o, lam, listener, 0, lam.length);
        Paths.checkDecreasing(lam);
        double a = SpredScale.factor(d, o);
        if (a != 1) return SpredScale.back(path(ctx, SpredScale.scaled(d, a), o, SpredScale.lambdas(lam, a), SpredScale.back(listener, a)), a);
        return path(ctx, Problem.of(d, o), o, lam.clone(), listener, 0, lam.length);
    }

    /** The path over {@code lam}; the listener sees fit i as number {@code first + i} of {@code total}. */
    static PathResult path(Context ctx, Problem pb, FitOptions o, double[] lam, PathListener listener, int first, int total) {
        List<FitResult> fits = new ArrayList<>();
        SpredRounds.Warm warm = null;
        try (SpredEngine e = new SpredEngine(ctx, pb, o)) { // X goes to the device once for the whole path
            for (double l : lam) {
                SpredRounds.Warm[] out = new SpredRounds.Warm[1];
                FitResult f = SpredRounds.solve(e, new double[]{l}, warm == null ? null : new SpredRounds.Warm[]{warm}, out)[0];
                warm = out[0];
                fits.add(f);
                listener.fitted(first + fits.size() - 1, total, f);
            }
        }
        return new PathResult(lam, fits);
    }

    /** The unit deviance of the model's family: squared error, binomial deviance (glmnet's clamp), Poisson deviance. */
    static double heldOutLoss(Model m, double y, double eta) {
        return Families.of(m).deviance(y, eta);
    }

    /** Folds 0..k−1 in a seeded random permutation of round-robin labels (as cv.glmnet's sample(rep(1:k))). */
    static int[] foldAssignment(int n, int folds, long seed) {
        int[] f = new int[n];
        for (int i = 0; i < n; i++) f[i] = i % folds;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = f[i];
            f[i] = f[j];
            f[j] = t;
        }
        return f;
    }

    /** Fits at the given λ (cold starts, stacked into one phase-1 problem) on an engine for this call. */
    static FitResult[] solve(Context ctx, Problem pb, FitOptions o, double[] lambdas) {
        try (SpredEngine e = new SpredEngine(ctx, pb, o)) {
            return SpredRounds.solve(e, lambdas, null, null);
        }
    }

    /**
     * Kept for {@code GramLasso} (another helper's file this session), which calls {@code Solver.Engine.solve}:
     * it should call {@link Cholesky#solve} itself, and this class then goes.
     */
    static final class Engine {
        private Engine() {
        }

        static double[] solve(double[] H, double[] g, int d) {
            return Cholesky.solve(H, g, d);
        }
    }
}
