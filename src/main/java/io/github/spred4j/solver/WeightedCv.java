package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

/**
 * Cross-validation with glmnet's observation weights and penalty factors, as {@code cv.glmnet(weights=,
 * penalty.factor=, foldid=, lambda=)} (grouped, type.measure deviance / mse): each fold's path on the rows outside
 * it with their weights ({@link Spred#path}: the weighted problem, certified), the fold's held-out loss the
 * weight-averaged per-row deviance, the curve the mean of the fold losses weighted by the folds' total weights, the
 * standard error sqrt(Σ_f W_f (L_f − m)² / Σ W / (K − 1)) (glmnet's cvcompute and cvstats), then λ_min, λ_1se and
 * the path on all rows. The fold Gram routes ({@link GramCv}, {@link SparseGramCv}) have no weights: this route fits
 * every fold's path by the weighted fits themselves.
 */
final class WeightedCv {
    private WeightedCv() {
    }

    static CvResult run(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, PathListener listener) {
        int n = d.n(), p = d.p();
        int folds = CrossValidation.checkFolds(foldId, n);
        double[] w = o.weights();
        GlmInputs.weights(w, n); // one-line errors on bad weights before any fold is fitted
        Spred.lambdaMax(d, o);   // and on bad factors, X and y
        int total = (folds + 1) * lam.length;
        double[][] foldLoss = new double[folds][];
        double[] weight = new double[folds];
        double[] x = d.isSparse() ? null : HostX.dense(d);
        for (int f = 0; f < folds; f++) {
            int[] in = CrossValidation.rows(foldId, f + 1, false), out = CrossValidation.rows(foldId, f + 1, true);
            double[] wIn = w == null ? null : CrossValidation.gather(w, 1, in);
            double[] wOut = w == null ? ones(out.length) : CrossValidation.gather(w, 1, out);
            for (double v : wOut) weight[f] += v;
            if (!(weight[f] > 0))
                throw new IllegalArgumentException("fold " + (f + 1) + ": its " + out.length + " rows all have weight 0 (cv.glmnet's weighted fold mean is undefined)");
            Dataset train = rowsOf(d, x, in), test = rowsOf(d, x, out);
            int first = f * lam.length;
            PathResult pr;
            try {
                pr = Spred.path(ctx, train, o.withWeights(wIn), lam, (i, t, fit) -> listener.fitted(first + i, total, fit));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + (f + 1) + " (training on the other " + in.length + " rows): " + e.getMessage(), e);
            }
            foldLoss[f] = heldOut(o.model(), test, wOut, weight[f], pr);
        }
        double[][] stats = CvResult.statistics(foldLoss, weight);
        int[] pick = CvResult.pick(stats[0], stats[1]);
        int first = folds * lam.length;
        PathResult full = Spred.path(ctx, d, o, lam, (i, t, fit) -> listener.fitted(first + i, total, fit));
        return new CvResult(lam, stats[0], stats[1], lam[pick[0]], lam[pick[1]], pick[0], pick[1], full);
    }

    /** The weighted mean deviance of the held-out rows at every λ: Σ w_i d(y_i, η_i) / Σ w_i. */
    static double[] heldOut(Model m, Dataset test, double[] w, double wSum, PathResult pr) {
        int L = pr.fits().size();
        double[] loss = new double[L], y = test.y();
        for (int l = 0; l < L; l++) {
            FitResult fr = pr.fits().get(l);
            double[] eta = HostX.predict(test, fr.intercept(), fr.beta(), Model.GROUP); // GROUP: η itself
            double s = 0;
            for (int i = 0; i < eta.length; i++) if (w[i] != 0) s += w[i] * Solver.heldOutLoss(m, y[i], eta[i]);
            loss[l] = s / wSum;
        }
        return loss;
    }

    private static Dataset rowsOf(Dataset d, double[] x, int[] rows) {
        if (d.isSparse()) return CrossValidation.sparseRows(d, rows);
        return Dataset.dense(rows.length, d.p(), CrossValidation.gather(x, d.p(), rows), CrossValidation.gather(d.y(), 1, rows), d.names());
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }
}
