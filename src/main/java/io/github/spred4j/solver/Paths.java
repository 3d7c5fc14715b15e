package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * Single fits, paths and batches on the working-set {@link Engine}: X goes to the device once per call, the
 * engine's state carries from λ to λ. Times ({@code seconds}) run from the start of the call: upload,
 * standardisation, λ_max and screening included.
 */
final class Paths {
    private Paths() {
    }

    /** Whether the working-set engine solves these options (else the spred L-BFGS / first-order solver). */
    static boolean engine(FitOptions o) {
        return (o.method() == Method.CD || o.method() == Method.SPRED_WS) && o.model() != Model.GROUP;
    }

    static FitResult fit(Context ctx, Dataset d, FitOptions o) {
        if (Double.isNaN(o.lambda())) throw new IllegalArgumentException("lambda must be set (FitOptions.withLambda)");
        double[] one = {o.lambda()};
        if (SparseCdCv.wide(d, o, one)) return SparseCdCv.path(ctx, d, o, one, PathListener.NONE, 0, 1).fits().get(0);
        return engineFit(ctx, d, o);
    }

    /** {@link #fit} on the engine whatever the data (the refits of {@link SparseCdCv}: routing them back would recurse). */
    static FitResult engineFit(Context ctx, Dataset d, FitOptions o) {
        long t0 = System.nanoTime();
        try (Prepared pb = new Prepared(ctx, d, o); Engine e = new Engine(pb, o)) {
            return e.fit(o.lambda(), t0);
        }
    }

    static double lambdaMax(Context ctx, Dataset d, FitOptions o) {
        try (Prepared pb = new Prepared(ctx, d, o)) {
            return pb.lambdaMax;
        }
    }

    /** The path over an explicit decreasing λ sequence; the listener sees fit i as {@code first + i} of total. */
    static PathResult path(Context ctx, Dataset d, FitOptions o, double[] lambdas, PathListener listener, int first,
                           int total) {
        checkDecreasing(lambdas);
        if (SparseGramCv.applies(d, o)) return SparseGramCv.path(ctx, d, o, lambdas, listener, first, total); // sparse X on its Gram
        if (SparseCdCv.wide(d, o, lambdas)) return SparseCdCv.path(ctx, d, o, lambdas, listener, first, total); // wide, short columns
        return enginePath(ctx, d, o, lambdas, listener, first, total);
    }

    /** {@link #path} on the engine whatever the data (the per-fold CV route and its comparisons). */
    static PathResult enginePath(Context ctx, Dataset d, FitOptions o, double[] lambdas, PathListener listener, int first,
                                 int total) {
        long t0 = System.nanoTime();
        checkDecreasing(lambdas);
        List<FitResult> fits = new ArrayList<>();
        try (Prepared pb = new Prepared(ctx, d, o); Engine e = new Engine(pb, o)) {
            for (double l : lambdas) {
                FitResult f = e.fit(l, t0);
                fits.add(f);
                listener.fitted(first + fits.size() - 1, total, f);
            }
        }
        return new PathResult(lambdas.clone(), fits);
    }

    /**
     * {@link #enginePath}'s answers without FitResults (a CV fold with no listener): β_l (original scale) into
     * {@code betas[l·p .. (l+1)·p)}, the intercepts into {@code b0}; the same fits, bit for bit.
     */
    static void enginePathInto(Context ctx, Dataset d, FitOptions o, double[] lambdas, double[] betas, double[] b0) {
        checkDecreasing(lambdas);
        try (Prepared pb = new Prepared(ctx, d, o); Engine e = new Engine(pb, o)) {
            for (int l = 0; l < lambdas.length; l++) b0[l] = e.fitInto(lambdas[l], betas, l * pb.p);
        }
    }

    /** glmnet's sequence from this problem's λ_max. */
    static PathResult path(Context ctx, Dataset d, FitOptions o, int nLambda, double ratio, PathListener listener) {
        long t0 = System.nanoTime();
        List<FitResult> fits = new ArrayList<>();
        double[] lam;
        try (Prepared pb = new Prepared(ctx, d, o); Engine e = new Engine(pb, o)) {
            lam = Solver.lambdaSequence(pb.lambdaMax, nLambda, ratio, d.n(), d.p());
            for (double l : lam) {
                FitResult f = e.fit(l, t0);
                fits.add(f);
                listener.fitted(fits.size() - 1, lam.length, f);
            }
        }
        return new PathResult(lam, fits);
    }

    /** Fits at any λ (any order): solved in decreasing order on one engine (warm starts), returned in input order. */
    static FitResult[] batch(Context ctx, Dataset d, FitOptions o, double[] lambdas) {
        long t0 = System.nanoTime();
        Integer[] order = new Integer[lambdas.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(lambdas[b], lambdas[a]));
        FitResult[] out = new FitResult[lambdas.length];
        try (Prepared pb = new Prepared(ctx, d, o); Engine e = new Engine(pb, o)) {
            for (int i : order) out[i] = e.fit(lambdas[i], t0);
        }
        return out;
    }

    static void checkDecreasing(double[] l) {
        for (int i = 0; i < l.length; i++) {
            if (!(l[i] >= 0) || Double.isInfinite(l[i]))
                throw new IllegalArgumentException("lambda must be finite and >= 0, got " + l[i]);
            if (i > 0 && l[i] > l[i - 1])
                throw new IllegalArgumentException("lambdas must be decreasing: lambda[" + i + "] = " + l[i] + " > lambda[" + (i - 1) + "] = " + l[i - 1]);
        }
    }
}
