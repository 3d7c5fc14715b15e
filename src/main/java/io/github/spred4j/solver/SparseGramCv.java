package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.MemoryBudget;
import io.github.spred4j.data.SparseCache;
import io.github.spred4j.data.SparseDesign;

/**
 * Cross-validation of the squared loss (lasso / elastic net) on sparse (CSR) X by fold Grams, never densifying X:
 * the Gram route of {@link GramCv} fed from sparse row products. One pass over the rows adds every row's outer
 * product x_i x_iᵀ (its nonzeros only: Σ_i nnz_i² work) into the raw Gram S = XᵀX, and Xᵀy, Σx, Σy, Σy²; fold f's
 * training pieces are S − X_fᵀX_f (the fold's rows subtracted, again from their nonzeros) and likewise for the
 * vectors. X is not centred first (that would densify it): {@link GramCv#path} centres each training set by its
 * own means with the algebra S − n·x̄x̄ᵀ, y is centred by its full-data mean first. Only the upper triangle of S is
 * formed (GramCv.path reads no other). The held-out losses are a row loop over each fold's CSR rows.
 *
 * <p>Certificates: fold fits by the Gram gap (as the dense route), the full-data path by the exact certificate
 * from residuals over the CSR/CSC arrays ({@link #certify}); a point that misses the tolerance is refitted by the
 * general engine on the sparse rows.
 *
 * <p>When it pays (measured, docs/perf/2026-12-02-sparse-cv.txt): the route needs three p×p float64 arrays (S, a
 * fold's copy, the scaled Q of {@link GramLasso}) and a coordinate move costs O(p) on the Gram, against about
 * 2·nnz(X)/p (the column's nonzeros, twice) in the per-fold engine. CPU time Gram ÷ engine on rcv1-shaped sets
 * (one thread, two runs on a loaded machine): 0.06–0.13 at p² = 0.24·nnz (20000×300), 0.9–1.1 at 3.5·nnz
 * (10000×1000), 0.18–1.0 at 5.1·nnz (5000×500), 9 at 40·nnz (5000×2000). So {@link #applies} takes
 * p ≤ {@link #SMALL_P} (glmnet's covariance-mode bound) or p² ≤ {@link #NNZ_RATIO}·nnz, and p ≤ {@link #MAX_P}
 * for memory.
 */
final class SparseGramCv {
    /** The largest p routed here: three p×p float64 arrays (384 MiB at 4096) and O(p²) work per fold. */
    static final int MAX_P = 4096;

    private SparseGramCv() {
    }

    /** The route is taken while p² ≤ NNZ_RATIO·nnz(X): beyond, the per-fold engine's sparse passes cost less. */
    static final double NNZ_RATIO = 4;
    /** Up to this p the route is taken whatever the density (at 5000×500, p² = 5.1·nnz, it cost 0.18–1.0× the engine). */
    static final int SMALL_P = 500;

    /**
     * Whether this route applies: sparse X, squared loss without groups, float64, 1 ≤ p ≤ {@link #MAX_P} and
     * either p ≤ {@link #SMALL_P} or the Gram not much larger than X (p² ≤ {@link #NNZ_RATIO}·nnz); and four
     * p×p arrays fit the heap now (else the per-fold engine, which needs none, cross-validates).
     */
    static boolean applies(Dataset d, FitOptions o) {
        if (!d.isSparse() || o.model() != Model.SQUARED || !(o.method() == Method.CD || o.method() == Method.LBFGS)
                || o.precision() != Precision.FLOAT64 || d.p() < 1 || d.p() > MAX_P) return false;
        int[] rp = d.rowPtr();
        long nnz = rp == null || rp.length != d.n() + 1 ? 0 : rp[d.n()];
        long gram = 8L * d.p() * d.p(); // S, a fold's copy, Q and the last fold's (garbage) copy: four of these
        return (d.p() <= SMALL_P || (double) d.p() * d.p() <= NNZ_RATIO * nnz) && 4 * gram <= MemoryBudget.availableHeap();
    }

    static CvResult run(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int folds, PathListener listener) {
        Prepared.sparseLambdaMax(d, o); // validates X, y and the options before any fold is fitted
        CsrMatrix x = HostX.csr(d); // canonical: columns strictly increasing within a row
        int n = d.n(), p = d.p();
        double[] y = d.y();
        double ym = yMean(d, o);
        GramCv.Pieces whole = whole(x, y, ym);
        int total = (folds + 1) * lam.length;
        double[][] foldLoss = new double[folds][];
        int[] size = new int[folds];
        double[] zero = new double[p]; // X is not pre-centred: GramCv.path centres by the set's own means
        for (int f = 0; f < folds; f++) {
            int[] in = CrossValidation.rows(foldId, f + 1, false), out = CrossValidation.rows(foldId, f + 1, true);
            size[f] = out.length;
            GramCv.Pieces t = new GramCv.Pieces(p, whole.S.clone());
            System.arraycopy(whole.sx, 0, t.sx, 0, p);
            System.arraycopy(whole.sxy, 0, t.sxy, 0, p);
            t.sy = whole.sy;
            t.syy = whole.syy;
            t.n = whole.n;
            add(t, x, y, ym, out, -1); // G − X_fᵀX_f, c − X_fᵀy_f, ...
            PathResult pr = GramCv.path(ctx, t, zero, ym, o, lam, listener, f * lam.length, total,
                    () -> CrossValidation.sparseRows(d, in), null);
            foldLoss[f] = CrossValidation.heldOutLoss(o, CrossValidation.sparseRows(d, out), pr);
        }
        double[][] stats = CrossValidation.statistics(foldLoss, size);
        int[] pick = CvResult.pick(stats[0], stats[1]);
        CscMatrix xc = SparseCache.csc(d, HostX::csr);
        PathResult full = GramCv.path(ctx, whole, zero, ym, o, lam, listener, folds * lam.length, total, () -> d,
                (b0, betas) -> certify(x, xc, y, o, lam, b0, betas));
        return new CvResult(lam, stats[0], stats[1], lam[pick[0]], lam[pick[1]], pick[0], pick[1], full);
    }

    /**
     * The warm-started path of sparse X on its Gram (the full-data path of {@link #run} alone): exact certificates
     * from residuals, a point that misses the tolerance refitted by the engine. Where {@link #applies}, this is
     * what {@link Paths#path} runs for an explicit λ sequence.
     */
    static PathResult path(Context ctx, Dataset d, FitOptions o, double[] lam, PathListener listener, int first, int total) {
        Prepared.sparseLambdaMax(d, o); // validates X, y and the options
        CsrMatrix x = HostX.csr(d);
        double ym = yMean(d, o);
        CscMatrix xc = SparseCache.csc(d, HostX::csr);
        return GramCv.path(ctx, whole(x, d.y(), ym), new double[d.p()], ym, o, lam, listener, first, total, () -> d,
                (b0, betas) -> certify(x, xc, d.y(), o, lam, b0, betas));
    }

    private static double yMean(Dataset d, FitOptions o) {
        if (!o.intercept()) return 0;
        double s = 0;
        for (double v : d.y()) s += v;
        return s / d.n();
    }

    /** The pieces of all rows (one pass over X). */
    private static GramCv.Pieces whole(CsrMatrix x, double[] y, double ym) {
        int n = x.rows();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        GramCv.Pieces w = new GramCv.Pieces(x.cols());
        add(w, x, y, ym, all, 1);
        return w;
    }

    /**
     * Adds {@code sign} times the pieces of the given rows: the upper triangle of Σ x_i x_iᵀ, Σ x_i (y_i − ym),
     * Σ x_i, Σ (y_i − ym), Σ (y_i − ym)², the count. Only the nonzeros of each row are touched.
     */
    static void add(GramCv.Pieces pc, CsrMatrix x, double[] y, double ym, int[] rows, int sign) {
        long[] rp = x.rowPtr();
        int[] ci = x.colIdx();
        double[] v = x.values(), S = pc.S;
        int p = x.cols();
        for (int i : rows) {
            int a0 = (int) rp[i], e = (int) rp[i + 1];
            double yi = y[i] - ym;
            for (int a = a0; a < e; a++) {
                int j = ci[a];
                double xa = sign * v[a];
                pc.sx[j] += xa;
                pc.sxy[j] += xa * yi;
                int row = j * p;
                for (int c = a; c < e; c++) S[row + ci[c]] += xa * v[c]; // ci increasing: c ≥ a is the upper triangle
            }
            pc.sy += sign * yi;
            pc.syy += sign * yi * yi;
            pc.n += sign;
        }
    }

    /**
     * The exact signed certificates ({@link Certificates#compute}) and objectives of the full-data answers: per λ,
     * η = b0 + Xβ over the CSR rows (nonzero β only), r = y − η, Xᵀr over the CSC columns, centred and scaled
     * as the engine's certificate ({@link Certificates#centred}).
     */
    static double[][] certify(CsrMatrix x, CscMatrix xc, double[] y, FitOptions o, double[] lam, double[] b0, double[][] betas) {
        int n = x.rows(), p = x.cols(), L = lam.length;
        double[] xbar = new double[p], scale = new double[p];
        if (o.intercept()) {
            double[] cs = SparseDesign.columnSums(xc);
            for (int j = 0; j < p; j++) xbar[j] = cs[j] / n;
        }
        scale = Certificates.scales(SparseDesign.centredSumSquares(xc,
                o.intercept() ? xbar : Certificates.means(SparseDesign.columnSums(xc), n)), n, o.standardize());
        long[] rp = x.rowPtr(), cp = xc.colPtr();
        int[] ci = x.colIdx(), ri = xc.rowIdx();
        double[] v = x.values(), cv = xc.values();
        double[][] out = new double[2][L];
        double shift = 0;
        if (o.intercept()) for (double yi : y) shift += yi / n;
        for (int l = 0; l < L; l++) {
            double[] beta = betas[l], eta = new double[n], r = new double[n], g = new double[p], b = new double[p];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int a = (int) rp[i], e = (int) rp[i + 1]; a < e; a++) s += v[a] * beta[ci[a]];
                eta[i] = b0[l] + s;
                r[i] = Certificates.residual(y[i], shift, b0[l], s); // no rounding at |y|'s scale
            }
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int q = (int) cp[j], e = (int) cp[j + 1]; q < e; q++) s += cv[q] * r[ri[q]];
                g[j] = s;
                b[j] = beta[j] * scale[j];
            }
            Certificates.centred(g, r, xbar, scale);
            Certificates.Certificate c = Certificates.compute(Families.of(o.model()), y, eta, r, g, b, lam[l] * o.alpha(),
                    lam[l] * (1 - o.alpha()), o.intercept(), 0);
            out[0][l] = c.value();
            out[1][l] = c.objective();
        }
        return out;
    }
}
