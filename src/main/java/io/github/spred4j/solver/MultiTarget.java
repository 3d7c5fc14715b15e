package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.api.Context;

/**
 * One model per response column on a shared X (many phenotypes, many assets): {@code ys[t]} is target t's
 * response, of length n. Each target is an independent problem with its own λ_max and certificate; X is
 * validated once.
 */
final class MultiTarget {
    private MultiTarget() {
    }

    static FitResult[] fit(Context ctx, Dataset x, double[][] ys, FitOptions o, double[] lambdas) {
        check(x, ys, o);
        if (lambdas == null || lambdas.length != ys.length)
            throw new IllegalArgumentException("need one lambda per target: " + ys.length + " targets, "
                    + (lambdas == null ? "no" : Integer.toString(lambdas.length)) + " lambdas");
        boolean positive = true;
        for (int t = 0; t < ys.length; t++) {
            double l = lambdas[t];
            if (!(l >= 0) || Double.isInfinite(l))
                throw new IllegalArgumentException("target " + t + ": lambda must be finite and >= 0, got " + l);
            positive &= l > 0;
        }
        if (positive && !o.reweighted() && GramBatch.applies(x, o, ys.length)) { // (weights / factors: one weighted fit each, below)
            validate(ys, o);
            return GramBatch.fitTargets(ctx, x, ys, o, lambdas); // one Gram and one Xᵀ[y_1 … y_k] for all targets
        }
        if (positive && !o.reweighted() && SparseTargets.applies(x, o, ys.length)) { // sparse X: the Gram from its nonzeros
            validate(ys, o);
            return SparseTargets.fit(ctx, x, ys, o, lambdas);
        }
        FitResult[] out = new FitResult[ys.length];
        for (int t = 0; t < ys.length; t++) {
            double l = lambdas[t];
            Dataset d = column(x, ys[t]);
            out[t] = wrap(t, () -> Spred.fit(ctx, d, o.withLambda(l)));
        }
        return out;
    }

    /** Paths over one shared λ sequence ({@code lambdas} non-null) or each target's own glmnet sequence. */
    static PathResult[] path(Context ctx, Dataset x, double[][] ys, FitOptions o, double[] lambdas, int nLambda, double ratio,
                             PathListener listener) {
        check(x, ys, o);
        double[] shared = lambdas == null ? null : CrossValidation.checkLambdas(lambdas);
        int per = shared != null ? shared.length : nLambda, total = per * ys.length;
        if (per >= 1 && !o.reweighted() && GramBatch.applies(x, o, ys.length * per) && Paths.engine(o)) { // all paths on one Gram
            validate(ys, o);
            double[] lmax = shared != null ? null : lambdaMax(x, ys, o);
            return GramPaths.path(ctx, x, ys, o, shared, lmax, nLambda, ratio, listener);
        }
        PathResult[] out = new PathResult[ys.length];
        for (int t = 0; t < ys.length; t++) {
            Dataset d = column(x, ys[t]);
            final int first = t * per;
            PathListener l = (i, tot, f) -> listener.fitted(first + i, total, f);
            out[t] = wrap(t, () -> shared != null ? Spred.path(ctx, d, o, shared, l) : Spred.path(ctx, d, o, nLambda, ratio, l));
        }
        return out;
    }

    /**
     * Each target's λ_max, equal bit for bit to {@link Spred#lambdaMax} on that response: dense X is validated and
     * its means and scales computed once ({@link Problem#withY}), then one pass over X per target; other cases
     * (sparse X, weights, penalty factors) target by target.
     */
    static double[] lambdaMax(Dataset x, double[][] ys, FitOptions o) {
        check(x, ys, o);
        double[] out = new double[ys.length];
        if (o.reweighted() || x.isSparse()) {
            for (int t = 0; t < ys.length; t++) {
                Dataset d = column(x, ys[t]);
                out[t] = wrap(t, () -> Spred.lambdaMax(d, o));
            }
            return out;
        }
        Problem pb = wrap(0, () -> Problem.of(column(x, ys[0]), o));
        for (int t = 0; t < ys.length; t++) {
            double[] y = ys[t];
            out[t] = wrap(t, () -> pb.withY(y)).lambdaMax();
        }
        return out;
    }

    /**
     * Each response checked as a single fit checks y (X once, in check), errors naming the target: one pass per
     * target (every family rejects a non-finite y; the squared loss with "y[i] is not finite").
     */
    private static void validate(double[][] ys, FitOptions o) {
        io.github.spred4j.data.LossFamily fam = Families.of(o.model());
        for (int t = 0; t < ys.length; t++) {
            double[] y = ys[t];
            wrap(t, () -> {
                fam.validate(y);
                return null;
            });
        }
    }

    static Dataset column(Dataset x, double[] y) {
        return new Dataset(x.n(), x.p(), x.x(), x.rowPtr(), x.colIdx(), x.values(), y, x.names());
    }

    private static void check(Dataset x, double[][] ys, FitOptions o) {
        if (x == null) throw new IllegalArgumentException("dataset is null");
        if (ys == null || ys.length == 0) throw new IllegalArgumentException("no targets");
        for (int t = 0; t < ys.length; t++)
            if (ys[t] == null || ys[t].length != x.n())
                throw new IllegalArgumentException("target " + t + " has length " + (ys[t] == null ? "null" : ys[t].length) + ", expected n = " + x.n());
        if (x.isSparse()) HostX.csr(x); // X checked once (shape, finite) before any fit, never densified
        else HostX.dense(x);
    }

    private static <T> T wrap(int t, java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target " + t + ": " + e.getMessage(), e);
        }
    }
}
