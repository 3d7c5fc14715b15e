package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Spred} entry points on {@link WeightedGlm}'s route (weighted logistic/Poisson, unpenalised features
 * with them, unequal factors with α < 1): λ on glmnet's scale, paths warm-started, each fit certified by the duality
 * gap of the weighted problem. Computed on the host in float64 whatever the context's backend (the result names
 * the context's backend; its device says "host").
 */
final class WeightedFits {
    private WeightedFits() {
    }

    static double lambdaMax(Dataset d, FitOptions o) {
        WeightedGlm q = new WeightedGlm(d, o);
        return q.m == 0 ? 0 : q.lambdaMax();
    }

    static FitResult fit(Context ctx, Dataset d, FitOptions o) {
        if (Double.isNaN(o.lambda())) throw new IllegalArgumentException("lambda must be set (FitOptions.withLambda)");
        return run(ctx, d, o, new double[]{o.lambda()}, PathListener.NONE)[0];
    }

    static FitResult[] fitBatch(Context ctx, Dataset d, FitOptions o, double[] lambdas) {
        // solved in decreasing λ (warm starts), returned in the caller's order
        Integer[] order = new Integer[lambdas.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (x, z) -> Double.compare(lambdas[z], lambdas[x]));
        double[] sorted = new double[lambdas.length];
        for (int i = 0; i < sorted.length; i++) sorted[i] = lambdas[order[i]];
        FitResult[] f = run(ctx, d, o, sorted, PathListener.NONE), out = new FitResult[f.length];
        for (int i = 0; i < f.length; i++) out[order[i]] = f[i];
        return out;
    }

    static PathResult path(Context ctx, Dataset d, FitOptions o, int nLambda, double ratio, PathListener listener) {
        double lmax = lambdaMax(d, o);
        double[] lam = Solver.lambdaSequence(lmax, nLambda, ratio, d.n(), d.p());
        return new PathResult(lam, List.of(run(ctx, d, o, lam, listener)));
    }

    static PathResult path(Context ctx, Dataset d, FitOptions o, double[] lambdas, PathListener listener) {
        double[] lam = lambdas.clone();
        return new PathResult(lam, new ArrayList<>(List.of(run(ctx, d, o, lam, listener))));
    }

    /** Fits at each λ in the given order, warm-started from the unpenalised fit (glmnet's λ_max point). */
    private static FitResult[] run(Context ctx, Dataset d, FitOptions o, double[] lam, PathListener listener) {
        long t0 = System.nanoTime();
        WeightedGlm q = new WeightedGlm(d, o);
        double lmax = q.m == 0 ? 0 : q.lambdaMax();
        FitResult[] out = new FitResult[lam.length];
        for (int i = 0; i < lam.length; i++) {
            if (!(lam[i] >= 0) || Double.isInfinite(lam[i]))
                throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lam[i]);
            long s0 = q.steps;
            Certificates.Certificate c = q.fit(lam[i], lmax);
            double[] beta = q.beta();
            int nnz = 0;
            for (double v : beta) if (v != 0) nnz++;
            out[i] = new FitResult(q.intercept(), beta, lam[i], c.objective(), c.name(), c.value(), nnz,
                    (int) Math.min(Integer.MAX_VALUE, q.steps - s0), (System.nanoTime() - t0) / 1e9, ctx.backendName(), "host");
            listener.fitted(i, lam.length, out[i]);
        }
        return out;
    }

    /** The certificate of a given (b0, β): +∞ for a coefficient outside the model (excluded or constant feature, b0 without intercept). */
    static Certificates.Certificate certificate(Dataset d, FitOptions o, double lambda, double b0, double[] beta) {
        WeightedGlm q = new WeightedGlm(d, o);
        if (beta.length != d.p()) throw new IllegalArgumentException("beta has length " + beta.length + ", expected p = " + d.p());
        boolean outside = !o.intercept() && b0 != 0;
        boolean[] in = new boolean[d.p()];
        for (int j : q.kept) in[j] = true;
        for (int j = 0; j < d.p(); j++) outside |= !in[j] && beta[j] != 0;
        if (outside) return new Certificates.Certificate("duality_gap", Double.POSITIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY);
        double lmax = lambda == 0 ? q.lambdaMax() : 0;
        q.set(b0, beta);
        double[] r = q.residual();
        return WeightedGap.of(q, lambda, lmax, r, q.cols.gradient(r));
    }
}
