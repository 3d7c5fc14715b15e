package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@link Spred} entry points for options with weights or penalty factors: the problem transformed exactly by
 * {@link Reweighted}, solved by the ordinary route (any method, any backend), the answers mapped back. λ values are
 * the caller's (glmnet's scale); the engine sees k·λ. Seconds include the transformation.
 */
final class ReweightedFits {
    private ReweightedFits() {
    }

    static double lambdaMax(Dataset d, FitOptions o) {
        if (WeightedGlm.needed(o)) return WeightedFits.lambdaMax(d, o);
        Reweighted t = Reweighted.of(d, o);
        if (t.data.p() == 0) return 0;
        return Spred.lambdaMax(t.data, t.opts) / t.k;
    }

    static FitResult fit(Context ctx, Dataset d, FitOptions o) {
        if (WeightedGlm.needed(o)) return WeightedFits.fit(ctx, d, o);
        long t0 = System.nanoTime();
        if (Double.isNaN(o.lambda())) throw new IllegalArgumentException("lambda must be set (FitOptions.withLambda)");
        Reweighted t = Reweighted.of(d, o);
        double prep = (System.nanoTime() - t0) / 1e9;
        return t.back(Spred.fit(ctx, t.data, t.opts.withLambda(t.engineLambda(o.lambda()))), o.lambda(), prep);
    }

    static FitResult[] fitBatch(Context ctx, Dataset d, FitOptions o, double[] lambdas) {
        if (WeightedGlm.needed(o)) return WeightedFits.fitBatch(ctx, d, o, lambdas);
        long t0 = System.nanoTime();
        Reweighted t = Reweighted.of(d, o);
        double prep = (System.nanoTime() - t0) / 1e9;
        double[] l = new double[lambdas.length];
        for (int i = 0; i < l.length; i++) l[i] = t.engineLambda(lambdas[i]);
        FitResult[] f = Spred.fitBatch(ctx, t.data, t.opts, l);
        FitResult[] out = new FitResult[f.length];
        for (int i = 0; i < f.length; i++) out[i] = t.back(f[i], lambdas[i], prep);
        return out;
    }

    /** The path over glmnet's sequence from this problem's λ_max (n, p the caller's, for glmnet's default ratio). */
    static PathResult path(Context ctx, Dataset d, FitOptions o, int nLambda, double ratio, PathListener listener) {
        if (WeightedGlm.needed(o)) return WeightedFits.path(ctx, d, o, nLambda, ratio, listener);
        long t0 = System.nanoTime();
        Reweighted t = Reweighted.of(d, o);
        double lmax = t.data.p() == 0 ? 0 : Spred.lambdaMax(t.data, t.opts) / t.k;
        double[] lam = Solver.lambdaSequence(lmax, nLambda, ratio, d.n(), d.p());
        return path(ctx, t, lam, listener, (System.nanoTime() - t0) / 1e9);
    }

    static PathResult path(Context ctx, Dataset d, FitOptions o, double[] lambdas, PathListener listener) {
        if (WeightedGlm.needed(o)) return WeightedFits.path(ctx, d, o, lambdas, listener);
        long t0 = System.nanoTime();
        Reweighted t = Reweighted.of(d, o);
        return path(ctx, t, lambdas.clone(), listener, (System.nanoTime() - t0) / 1e9);
    }

    private static PathResult path(Context ctx, Reweighted t, double[] lam, PathListener listener, double prep) {
        double[] l = new double[lam.length];
        for (int i = 0; i < l.length; i++) l[i] = t.engineLambda(lam[i]);
        PathResult r = Spred.path(ctx, t.data, t.opts, l, t.listener(listener, lam, prep));
        List<FitResult> fits = new ArrayList<>();
        for (int i = 0; i < lam.length; i++) fits.add(t.back(r.fits().get(i), lam[i], prep));
        return new PathResult(lam, fits);
    }

    /**
     * The certificate of (b0, β) for the weighted, penalty-factored problem: P is that problem's objective at the
     * given point (computed here from X, y, the weights and factors), D the dual value of the transformed problem
     * at the engine's image of β, a lower bound on the same optimum (the transformation is exact; the intercept
     * and unpenalised coefficients minimised out in closed form only lower the optimum to the same P*). So a b0 or
     * γ that is not optimal for β shows in P − D. An excluded feature with β_j ≠ 0, or b0 ≠ 0 without an
     * intercept, is outside the model: +∞.
     */
    static Certificates.Certificate certificate(Dataset d, FitOptions o, double lambda, double b0, double[] beta) {
        if (WeightedGlm.needed(o)) return WeightedFits.certificate(d, o, lambda, b0, beta);
        Reweighted t = Reweighted.of(d, o);
        int p = d.p(), n = d.n();
        double[] f = GlmInputs.factors(o.penaltyFactor(), p);
        boolean outside = !o.intercept() && b0 != 0; // a model without intercept has none
        for (int j = 0; j < p; j++) outside |= Double.isInfinite(f[j]) && beta[j] != 0;
        if (outside)
            return new Certificates.Certificate("duality_gap", Double.POSITIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY);
        double[] c = new double[t.kept.length];
        for (int i = 0; i < c.length; i++) c[i] = beta[t.kept[i]] * t.colFactor[i];
        Certificates.Certificate ce = Certificates.of(t.data, t.opts, t.engineLambda(lambda), t.data.p() == 0 ? 0 : b0Engine(t, b0), c);
        if (Double.isNaN(ce.dual())) return ce; // λ = 0: the gradient ratio of the transformed problem
        double[] a = GlmInputs.weights(o.weights(), n);
        double[] eta = HostX.predict(d, b0, beta, Model.SQUARED); // η = b0 + Xβ
        double[] y = d.y();
        io.github.spred4j.data.LossFamily fam = Families.of(o.model());
        double loss = 0;
        for (int i = 0; i < n; i++) if (a[i] > 0) loss += a[i] * fam.loss(y[i], eta[i]);
        double l1 = 0, l2 = 0;
        for (double v : c) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        double P = loss + t.engineLambda(lambda) * (o.alpha() * l1 + (1 - o.alpha()) / 2 * l2);
        return new Certificates.Certificate(ce.name(), P, ce.dual(), (P - ce.dual()) / Math.max(Math.abs(P), Double.MIN_NORMAL));
    }

    /** The engine's intercept for the caller's b0: the same on the column route, none on the projected one. */
    private static double b0Engine(Reweighted t, double b0) {
        return t.opts.intercept() ? b0 : 0;
    }
}
