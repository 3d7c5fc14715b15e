package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;

/**
 * Cross-validation with given fold ids (1..K, cv.glmnet's {@code foldid}) and a given λ sequence: one
 * warm-started path per fold on the rows outside it, the held-out predictions of a fold at every λ as one
 * stacked product X_f·[β_1 … β_L] on the device and their losses as one device reduction (L numbers back), then
 * cv.glmnet's statistics (fold means weighted by fold size, the standard error from the weighted spread over K − 1,
 * λ_min and λ_1se) and the path on all data. The squared loss takes fold Grams instead where they pay: {@link GramCv}
 * for dense X, {@link SparseGramCv} for CSR X; beyond that, sparse X runs all folds in lockstep ({@link SparseCdCv}).
 */
final class CrossValidation {
    private CrossValidation() {
    }

    static CvResult run(Context ctx, Dataset d, FitOptions o, double[] lambdas, int[] foldId, PathListener listener) {
        return runOn(ctx, d, o, checkLambdas(lambdas), foldId, listener);
    }

    /** {@link #run} on a sequence already checked or generated (glmnet's default may be all zeros when λ_max = 0). */
    static CvResult runOn(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, PathListener listener) {
        if (d == null) throw new IllegalArgumentException("dataset is null");
        int n = d.n(), p = d.p();
        int folds = checkFolds(foldId, n);
        boolean sparse = d.isSparse() && Paths.engine(o); // folds stay CSR: never densified
        if (!sparse && LazyGramCv.applies(d, o) && LazyGramCv.chosen(d, o, folds)) { // wide X: Gram columns computed lazily
            CvResult r = LazyGramCv.run(ctx, d, o, lam, foldId, folds, listener);
            if (r != null) return r; // null: its columns outgrew their memory budget
        }
        if (!sparse && GramCv.applies(d, o, folds)) return GramCv.run(ctx, d, o, lam, foldId, folds, listener);
        if (SparseGramCv.applies(d, o)) return SparseGramCv.run(ctx, d, o, lam, foldId, folds, listener); // never densified
        if (sparse && SparseCdCv.applies(d, o, folds + 1) && SparseCdCv.chosen(d)) // all folds in lockstep on CSC columns
            return SparseCdCv.run(ctx, d, o, lam, foldId, folds, listener);
        return perFold(ctx, d, o, lam, foldId, folds, listener);
    }

    /** One warm-started path per fold on its training rows (sparse X stays CSR), whatever the Gram routes could do. */
    static CvResult perFold(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int folds, PathListener listener) {
        int n = d.n(), p = d.p();
        boolean sparse = d.isSparse() && Paths.engine(o); // folds stay CSR: never densified
        Problem whole = null;
        double[] x = null;
        if (sparse) Prepared.sparseLambdaMax(d, o); // validates X, y and the options before any fold is fitted
        else {
            whole = Problem.of(d, o); // validates X, y and the options before any fold is fitted
            x = HostX.dense(d);
        }
        int total = (folds + 1) * lam.length;
        double[][] foldLoss = new double[folds][];
        // dense X on the engine with no listener: the folds' answers go into one p×L stack, reused fold to fold
        boolean stack = !sparse && Paths.engine(o) && listener == PathListener.NONE;
        GramCv.Stack st = stack ? new GramCv.Stack(p, lam.length) : null; // p×L beyond Java's arrays: one-line error
        double[] betas = stack ? st.betas : null, b0 = stack ? st.b0 : null;
        // the folds' copies of their rows, reused by the next fold of the same size (nothing keeps them past a fold)
        double[] xin = null, yin = null, xout = null, yout = null;
        int[] size = new int[folds];
        for (int f = 0; f < folds; f++) {
            int[] in = rows(foldId, f + 1, false), out = rows(foldId, f + 1, true);
            size[f] = out.length;
            if (!sparse) {
                xin = gather(x, p, in, xin);
                yin = gather(d.y(), 1, in, yin);
                xout = gather(x, p, out, xout);
                yout = gather(d.y(), 1, out, yout);
            }
            Dataset train = sparse ? sparseRows(d, in) : Dataset.dense(in.length, p, xin, yin, null);
            int first = f * lam.length;
            PathResult pr = null;
            try {
                if (stack) Paths.enginePathInto(ctx, train, o, lam, betas, b0);
                else pr = Paths.engine(o) ? Paths.enginePath(ctx, train, o, lam, listener, first, total)
                        : Solver.path(ctx, Problem.of(train, o), o, lam, listener, first, total);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + (f + 1) + " (training on the other " + in.length + " rows): " + e.getMessage(), e);
            }
            foldLoss[f] = sparse ? heldOutLoss(o, sparseRows(d, out), pr)
                    : stack ? heldOutLoss(ctx, o, xout, yout, out.length, p, betas, b0)
                    : heldOutLoss(ctx, o, xout, yout, out.length, p, pr);
        }
        double[][] stats = statistics(foldLoss, size);
        int[] pick = CvResult.pick(stats[0], stats[1]); // cv.glmnet's λ_min and λ_1se
        int first = folds * lam.length;
        PathResult full = Paths.engine(o) ? Paths.enginePath(ctx, d, o, lam, listener, first, total)
                : Solver.path(ctx, whole, o, lam, listener, first, total);
        return new CvResult(lam, stats[0], stats[1], lam[pick[0]], lam[pick[1]], pick[0], pick[1], full);
    }

    /**
     * The mean held-out loss of the fold at every λ of the path, on the device: η = X_f·[β_1 … β_L] as one stacked
     * product, then the deviance sums Σ_i d(y_i, b0_l + η_il) of all L columns as one reduction; L numbers come back.
     */
    static double[] heldOutLoss(Context ctx, FitOptions o, double[] xf, double[] yf, int nf, int p, PathResult pr) {
        return heldOutLoss(ctx, o, xf, yf, nf, p, pr, null);
    }

    /** {@link #heldOutLoss} with the p×L stacked β in {@code betas} when it is that long (reused by the caller's folds). */
    static double[] heldOutLoss(Context ctx, FitOptions o, double[] xf, double[] yf, int nf, int p, PathResult pr, double[] betas) {
        int L = pr.fits().size();
        if (betas == null || betas.length != p * L) betas = new double[p * L];
        double[] b0 = new double[L];
        for (int l = 0; l < L; l++) {
            System.arraycopy(pr.fits().get(l).beta(), 0, betas, l * p, p);
            b0[l] = pr.fits().get(l).intercept();
        }
        return heldOutLoss(ctx, o, xf, yf, nf, p, betas, b0);
    }

    /** The held-out losses of the L answers β_l = {@code betas[l·p .. (l+1)·p)} with intercepts {@code b0}. */
    static double[] heldOutLoss(Context ctx, FitOptions o, double[] xf, double[] yf, int nf, int p, double[] betas, double[] b0) {
        int L = b0.length;
        double[] sums;
        Precision pc = o.precision();
        try (DeviceBuffer yb = ctx.upload(pc, yf); DeviceBuffer ob = ctx.upload(pc, b0);
             DeviceBuffer z = ctx.alloc(pc, (long) nf * L); DeviceBuffer dv = ctx.alloc(pc, L)) {
            if (p == 0) ctx.fill(z, 0);
            else try (DeviceBuffer xb = ctx.upload(pc, xf); DeviceBuffer bb = ctx.upload(pc, betas)) {
                Stacked.xb(ctx, z, xb, nf, p, bb, L); // all λ at once (Stacked picks the op by L)
            }
            ctx.colDeviance(Families.deviance(o.model()), dv, z, nf, L, yb, ob);
            sums = dv.toDoubleArray();
        }
        double[] loss = new double[L];
        for (int l = 0; l < L; l++) loss[l] = sums[l] / nf;
        return loss;
    }

    /** {@link #heldOutLoss(Context, FitOptions, double[], double[], int, int, PathResult)} of a CSR fold (a host row loop). */
    static double[] heldOutLoss(FitOptions o, Dataset fold, PathResult pr) {
        int L = pr.fits().size(), nf = fold.n();
        double[] loss = new double[L];
        for (int l = 0; l < L; l++) {
            FitResult fr = pr.fits().get(l);
            double[] eta = HostX.predict(fold, fr.intercept(), fr.beta(), Model.GROUP); // GROUP: η itself
            double s = 0;
            for (int i = 0; i < nf; i++) s += Solver.heldOutLoss(o.model(), fold.y()[i], eta[i]);
            loss[l] = s / nf;
        }
        return loss;
    }

    /** The given rows of a CSR dataset, as CSR (y gathered too). */
    static Dataset sparseRows(Dataset d, int[] rows) {
        int[] rp = d.rowPtr(), ci = d.colIdx();
        double[] v = d.values(), y = new double[rows.length];
        int[] nrp = new int[rows.length + 1];
        int nnz = 0;
        for (int r = 0; r < rows.length; r++) {
            nnz += rp[rows[r] + 1] - rp[rows[r]];
            nrp[r + 1] = nnz;
            y[r] = d.y()[rows[r]];
        }
        int[] nci = new int[nnz];
        double[] nv = new double[nnz];
        for (int r = 0; r < rows.length; r++) {
            int a = rp[rows[r]], len = rp[rows[r] + 1] - a;
            System.arraycopy(ci, a, nci, nrp[r], len);
            System.arraycopy(v, a, nv, nrp[r], len);
        }
        return Dataset.sparse(rows.length, d.p(), nrp, nci, nv, y, d.names());
    }

    /** {@link CvResult#statistics} with each fold weighted by its number of rows. */
    static double[][] statistics(double[][] foldLoss, int[] size) {
        double[] w = new double[size.length];
        for (int f = 0; f < size.length; f++) w[f] = size[f];
        return CvResult.statistics(foldLoss, w);
    }

    /** Fold ids 1..K for n rows, the seeded assignment of the seed-based cross-validation (Solver.foldAssignment + 1). */
    static int[] foldIds(int n, int folds, long seed) {
        if (folds < 2 || folds > n) throw new IllegalArgumentException("folds must be in [2, n = " + n + "], got " + folds);
        int[] f = Solver.foldAssignment(n, folds, seed);
        for (int i = 0; i < n; i++) f[i]++;
        return f;
    }

    /** A copy of λ, checked finite, positive and strictly decreasing (the order a warm-started path runs in). */
    static double[] checkLambdas(double[] lambdas) {
        if (lambdas == null || lambdas.length == 0) throw new IllegalArgumentException("the lambda sequence is empty");
        for (int i = 0; i < lambdas.length; i++) {
            double l = lambdas[i];
            if (!(l > 0) || Double.isInfinite(l))
                throw new IllegalArgumentException("lambda[" + i + "] must be finite and > 0, got " + l);
            if (i > 0 && !(l < lambdas[i - 1]))
                throw new IllegalArgumentException("lambdas must be strictly decreasing: lambda[" + i + "] = " + l
                        + " is not below lambda[" + (i - 1) + "] = " + lambdas[i - 1]);
        }
        return lambdas.clone();
    }

    /** Checks cv.glmnet's foldid convention (length n, ids 1..K without gaps, K ≥ 2); returns K. */
    static int checkFolds(int[] foldId, int n) {
        if (foldId == null) throw new IllegalArgumentException("foldId is null");
        if (foldId.length != n) throw new IllegalArgumentException("foldId has length " + foldId.length + ", expected n = " + n);
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (foldId[i] < 1 || foldId[i] > n)
                throw new IllegalArgumentException("foldId[" + i + "] = " + foldId[i] + " is not a fold number in 1..n");
            k = Math.max(k, foldId[i]);
        }
        if (k < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds; every row is in fold 1");
        int[] count = new int[k + 1];
        for (int f : foldId) count[f]++;
        for (int f = 1; f <= k; f++)
            if (count[f] == 0) throw new IllegalArgumentException("fold " + f + " has no rows (fold ids must run 1.." + k + " without gaps)");
        return k;
    }

    /** The rows in fold f ({@code in == true}) or outside it. */
    static int[] rows(int[] foldId, int f, boolean in) {
        int c = 0;
        for (int id : foldId) if (id == f == in) c++;
        int[] r = new int[c];
        c = 0;
        for (int i = 0; i < foldId.length; i++) if (foldId[i] == f == in) r[c++] = i;
        return r;
    }

    /** The given rows of a row-major matrix with {@code cols} columns. */
    static double[] gather(double[] a, int cols, int[] rows) {
        return gather(a, cols, rows, null);
    }

    /** {@link #gather} into {@code into} when it has the length, else into a fresh array; returns the array used. */
    static double[] gather(double[] a, int cols, int[] rows, double[] into) {
        double[] g = into != null && into.length == rows.length * cols ? into : new double[rows.length * cols];
        for (int r = 0; r < rows.length; r++) System.arraycopy(a, rows[r] * cols, g, r * cols, cols);
        return g;
    }
}
