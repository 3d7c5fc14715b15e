package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;
import io.github.spred4j.data.MemoryBudget;
import io.github.spred4j.data.SparseCache;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-validation and paths of the squared loss on sparse X by {@link SparseCd}: all K folds and the full data
 * advance together along λ (one pass over a CSC column serves every set), X never densified. Every answer is
 * certified by its exact duality gap on its own rows; a point {@link SparseCd} leaves uncertified is refitted by the
 * general engine (counted in {@link GramCv#REFITS}), so no answer depends on this route alone. Held-out losses come
 * from the residuals the solver keeps for every row (u[i, fold(i)] is row i's held-out residual).
 *
 * <p>Routed where the fold Grams of {@link SparseGramCv} do not pay (p > 500 and p² > 4·nnz) and columns are long
 * ({@link #chosen}); elsewhere the per-fold engine (Gram cache, Anderson-accelerated CD, Newton polish) is faster.
 */
final class SparseCdCv {
    private SparseCdCv() {
    }

    /**
     * Taken where columns are long: nnz(X) ≥ MIN_COLUMN·p. Measured (docs/perf/2026-12-02-sparsecd.txt, CPU, loaded):
     * rcv1-shaped 5000×2000 (49 nonzeros a column) 3.5 s against the per-fold engine's 6.9 s (min 3.8); 20000×5000
     * (20 a column) 6.3 s against 5.2 s: a sweep's fixed cost per column is k-wide whatever its length. Again with
     * {@link SparseLanes}' faster sweeps (docs/perf/2026-12-03-s10-sparsecv.txt): 20000×5000 5.8–7.1 s against
     * 4.9–5.0 s, so the threshold stays. The crossover between 20 and 49 is not measured.
     */
    static final double MIN_COLUMN = 40;

    /**
     * Whether cross-validation takes this route when it {@link #applies}: {@code -Dspred4j.sparseCd=false} never
     * (the per-fold engine), {@code true} always (benchmarks), else where columns are long ({@link #MIN_COLUMN}).
     */
    static boolean chosen(Dataset d) {
        String m = System.getProperty("spred4j.sparseCd", "auto");
        if (m.equals("false")) return false;
        if (m.equals("true")) return true;
        int[] rp = d.rowPtr();
        long nnz = rp == null || rp.length != d.n() + 1 ? 0 : rp[d.n()];
        return nnz >= MIN_COLUMN * d.p();
    }

    /**
     * Single fits and paths ({@link Paths}) take this route where X is wide and its columns very short: p > n and
     * nnz(X) ≤ SHORT_COLUMN·p. On 2000×200000 with 30 ones a row (0.3 nonzeros a column) at 0.2·λ_max the engine
     * (even with {@link Polish}'s singular-Hessian fix; before it the fit diverged and ran past 300 s) took 2.9–3.1 s
     * CPU for the fit and 51 s for a 100-λ path, this route 0.22–0.31 s and 1.5–1.9 s; 10000×100000 (3 a column)
     * 0.34 s against 0.17–0.25 s; 2000×15000 (4 a column) 0.083 s against 0.058 s, path 0.60 s against 0.29 s. Longer
     * columns are not measured here (the engine won at 20 a column, n > p: docs/perf/2026-12-02-sparsecd.txt;
     * these: docs/perf/2026-12-03-s11-wide.txt). {@code -Dspred4j.sparseCd=false} keeps the engine.
     */
    static final double SHORT_COLUMN = 4;

    /** Whether a single fit or path at these λ (all positive) takes this route: {@link #SHORT_COLUMN}. */
    static boolean wide(Dataset d, FitOptions o, double[] lambdas) {
        if (System.getProperty("spred4j.sparseCd", "auto").equals("false") || d.p() <= d.n() || !applies(d, o, 1))
            return false;
        for (double l : lambdas) if (!(l > 0)) return false;
        int[] rp = d.rowPtr();
        return rp != null && rp.length == d.n() + 1 && rp[d.n()] <= SHORT_COLUMN * d.p();
    }

    /**
     * Sparse X, the squared loss by coordinate descent (method CD), float64, no observation weights or penalty
     * factors, p ≥ 1, and the n×k residuals plus eight p×k arrays fit the heap.
     */
    static boolean applies(Dataset d, FitOptions o, int sets) {
        if (!d.isSparse() || o.model() != Model.SQUARED || o.method() != Method.CD || o.precision() != Precision.FLOAT64
                || o.reweighted() || d.p() < 1) return false;
        long need = 8L * sets * ((long) d.n() + 8L * d.p());
        return 2 * need <= MemoryBudget.availableHeap();
    }

    static CvResult run(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int folds, PathListener listener) {
        Prepared.sparseLambdaMax(d, o); // validates X, y and the options before any fold is fitted
        int n = d.n(), L = lam.length, k = folds + 1, total = k * L;
        int[] held = new int[n];
        for (int i = 0; i < n; i++) held[i] = foldId[i] - 1;
        CscMatrix x = SparseCache.csc(d, HostX::csr);
        SparseCd cd = new SparseCd(x, d.y(), held, k, o);
        LossFamily fam = Families.of(o.model());
        double[][] foldLoss = new double[folds][L];
        int[] size = new int[folds];
        for (int i = 0; i < n; i++) size[held[i]]++;
        List<FitResult> full = new ArrayList<>();
        long t0 = System.nanoTime();
        double prev = lam[0];
        for (int t = 0; t < k; t++) prev = Math.max(prev, cd.lambdaMax(t));
        for (int l = 0; l < L; l++) {
            long before = cd.columnSweeps;
            Certificates.Certificate[] c = cd.solve(lam[l], prev, fam);
            prev = lam[l];
            int its = (int) Math.min(Integer.MAX_VALUE, cd.columnSweeps - before);
            for (int f = 0; f < folds; f++) {
                if (cd.unsettled(f)) { // the engine decides this point; its held-out loss from its own answer
                    FitResult r = refit(ctx, CrossValidation.sparseRows(d, CrossValidation.rows(foldId, f + 1, false)), o, lam[l]);
                    foldLoss[f][l] = CrossValidation.heldOutLoss(o, CrossValidation.sparseRows(d, CrossValidation.rows(foldId, f + 1, true)),
                            new PathResult(new double[]{lam[l]}, List.of(r)))[0];
                    listener.fitted(f * L + l, total, r);
                } else {
                    foldLoss[f][l] = cd.heldOutSum(f, fam) / size[f];
                    if (listener != PathListener.NONE) listener.fitted(f * L + l, total, result(cd, f, lam[l], c[f], its, t0, ctx));
                }
            }
            FitResult r = cd.unsettled(folds) ? refit(ctx, d, o, lam[l]) : result(cd, folds, lam[l], c[folds], its, t0, ctx);
            full.add(r);
            listener.fitted(folds * L + l, total, r);
        }
        double[][] stats = CrossValidation.statistics(foldLoss, size);
        int[] pick = CvResult.pick(stats[0], stats[1]);
        return new CvResult(lam, stats[0], stats[1], lam[pick[0]], lam[pick[1]], pick[0], pick[1], new PathResult(lam.clone(), full));
    }

    /** The warm-started path over an explicit decreasing sequence of positive λ on the full data alone. */
    static PathResult path(Context ctx, Dataset d, FitOptions o, double[] lam, PathListener listener, int first, int total) {
        Prepared.sparseLambdaMax(d, o); // validates X, y and the options
        long t0 = System.nanoTime();
        SparseCd cd = new SparseCd(SparseCache.csc(d, HostX::csr), d.y(), null, 1, o);
        LossFamily fam = Families.of(o.model());
        List<FitResult> fits = new ArrayList<>();
        double prev = Math.max(lam[0], cd.lambdaMax(0));
        for (int l = 0; l < lam.length; l++) {
            long before = cd.columnSweeps;
            Certificates.Certificate[] c = cd.solve(lam[l], prev, fam);
            prev = lam[l];
            int its = (int) Math.min(Integer.MAX_VALUE, cd.columnSweeps - before);
            FitResult r = cd.unsettled(0) ? refit(ctx, d, o, lam[l]) : result(cd, 0, lam[l], c[0], its, t0, ctx);
            fits.add(r);
            listener.fitted(first + l, total, r);
        }
        return new PathResult(lam.clone(), fits);
    }

    private static FitResult refit(Context ctx, Dataset rows, FitOptions o, double lambda) {
        GramCv.REFITS.incrementAndGet();
        return Paths.engineFit(ctx, rows, o.withLambda(lambda)); // not Spred.fit: a wide set would come back here
    }

    private static FitResult result(SparseCd cd, int t, double lambda, Certificates.Certificate c, int its, long t0, Context ctx) {
        double[] beta = cd.beta(t);
        int nnz = 0;
        for (double v : beta) if (v != 0) nnz++;
        return new FitResult(cd.b0[t] + cd.shift, beta, lambda, c.objective(), c.name(), c.value(), nnz, its,
                (System.nanoTime() - t0) / 1e9, ctx.backendName(), ctx.deviceName());
    }
}
