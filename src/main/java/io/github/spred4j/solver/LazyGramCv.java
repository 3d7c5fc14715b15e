package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

/**
 * Cross-validation of the squared loss on Gram columns computed lazily, glmnet's covariance mode: the same
 * paths as {@link GramCv} ({@link GramLasso} on each training set's Gram, warm-started along λ, the same
 * certificates), but no p×p Gram is ever formed. A coordinate's column of the full-data Gram (X centred by the
 * full-data means) is computed the first time any path moves it (n·p) and kept; a fold's training column is that
 * column minus the fold's own rows' piece (n_f·p), then centred by the training means and scaled. The cost is
 * n·p per column of the union of the supports plus n_f·p per column of each fold's support, instead of n·p² (and
 * p² doubles) per set: the route for wide X (p comparable to or above n).
 *
 * <p>The diagonal, Xᵀy, Σx, Σy and Σy² of every fold come from one pass over the rows; the training pieces are
 * the full data's minus the fold's. Columns live in arrays of one {@link GramColumns.Pool}: the eleven paths reuse
 * them. Where the columns would outgrow their memory budget the route gives up and the caller's per-fold engine
 * route runs instead ({@link #run} returns null).
 */
final class LazyGramCv {
    private LazyGramCv() {
    }

    /** Whether the route applies: the squared loss (dense X, no groups) solved by the Gram route's methods. */
    static boolean applies(Dataset d, FitOptions o) {
        return !d.isSparse() && o.model() == Model.SQUARED && (o.method() == Method.LBFGS || o.method() == Method.CD)
                && o.precision() == io.github.spred4j.api.Precision.FLOAT64 && d.p() >= 1;
    }

    /**
     * Whether to take it rather than the whole fold Grams ({@link GramCv}) or, where those do not fit, the per-fold
     * engine: {@code -Dspred4j.lazyGram=true|false|auto}.
     * auto: the whole Grams cost about 2·n·p² (the full Gram and the folds' pieces, as one blocked native product),
     * the lazy columns about 2·n·p·a for a union of supports a ≤ min(n, p) (in Java loops, several times slower a
     * flop). Measured (docs/perf/2026-12-02-lazygram.txt): the whole Grams still win at p = n and p = 2n (400×400,
     * 400×800), lazy wins at p ≈ 6.7n (gasoline) and 10n (100×1000): lazy from p ≥ 4n, or when the whole Grams do
     * not fit at all.
     */
    static boolean chosen(Dataset d, FitOptions o, int folds) {
        String v = System.getProperty("spred4j.lazyGram", "auto");
        if (v.equals("true")) return true;
        if (v.equals("false")) return false; // the whole Grams where they fit, else the per-fold engine (as before this route)
        return d.p() >= 4L * d.n() || !GramCv.applies(d, o, folds);
    }

    /** The column budget in bytes: a quarter of the heap the JVM may still grow to, at most 2 GiB. */
    static long budget() {
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return Math.min(free / 4, 2L << 30);
    }

    /** Thrown (and caught by {@link #run}) when the columns would outgrow the budget. */
    static final class OverBudget extends RuntimeException {
        OverBudget() {
            super(null, null, false, false);
        }
    }

    /** The CV, or null when the columns outgrew the budget (the caller's route runs instead). */
    static CvResult run(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int folds, PathListener listener) {
        try {
            return runOn(ctx, d, o, lam, foldId, folds, listener, budget());
        } catch (OverBudget e) {
            return null;
        }
    }

    static CvResult runOn(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int folds, PathListener listener, long budget) {
        GramCv.Centred c = GramCv.Centred.of(d, o);
        Problem whole = c.whole();
        int p = d.p();
        double[] x = c.x(), y = c.y(), xm = c.xm();
        double ym = c.ym();
        int[][] rows = new int[folds][];
        GramCv.Pieces[] fp = new GramCv.Pieces[folds];
        GramCv.Pieces all = pieces(p);
        for (int f = 0; f < folds; f++) {
            rows[f] = CrossValidation.rows(foldId, f + 1, true);
            GramCv.Pieces pc = fp[f] = pieces(p);
            pc.add(rows[f], x, y, xm, ym);
            all.plus(pc);
        }
        Columns cols = new Columns(x, p, xm, budget);
        int total = (folds + 1) * lam.length;
        double[][] foldLoss = new double[folds][];
        int[] size = new int[folds];
        GramCv.Pieces t = pieces(p);
        GramCv.Stack stack = new GramCv.Stack(p, lam.length); // every fold's answers in turn
        for (int f = 0; f < folds; f++) {
            final int fold = f + 1;
            int[] out = rows[f];
            size[f] = out.length;
            t.difference(all, fp[f]);
            int first = f * lam.length;
            GramCv.pathOn(ctx, t, xm, ym, o, lam, listener, first, total, () -> {
                int[] in = CrossValidation.rows(foldId, fold, false);
                return Dataset.dense(in.length, p, CrossValidation.gather(x, p, in), CrossValidation.gather(y, 1, in), null);
            }, null, cols.training(out, t), stack);
            foldLoss[f] = CrossValidation.heldOutLoss(ctx, o, CrossValidation.gather(x, p, out), CrossValidation.gather(y, 1, out),
                    out.length, p, stack.betas, stack.b0);
        }
        double[][] stats = CrossValidation.statistics(foldLoss, size);
        int[] pick = CvResult.pick(stats[0], stats[1]);
        PathResult full = GramCv.pathOn(ctx, all, xm, ym, o, lam, listener, folds * lam.length, total, () -> d,
                (b0, betas) -> GramBatch.certify(ctx, whole, new double[][]{whole.y}, lam, o.alpha(), b0, betas),
                cols.training(null, all));
        COLUMNS.addAndGet(cols.computed);
        return new CvResult(lam, stats[0], stats[1], lam[pick[0]], lam[pick[1]], pick[0], pick[1], full);
    }

    /** Columns computed (full-data and per set) since start-up: read by tests and benchmarks. */
    static final java.util.concurrent.atomic.AtomicLong COLUMNS = new java.util.concurrent.atomic.AtomicLong();

    private static GramCv.Pieces pieces(int p) {
        GramCv.Pieces pc = new GramCv.Pieces(p, null);
        pc.diag = new double[p];
        return pc;
    }

    /**
     * The full-data Gram's columns (X centred by xm), computed on first use and kept, and from them each set's
     * columns in the solver's coordinates.
     */
    static final class Columns {
        private final double[] x, xm;
        private final int p, n;
        private final double[][] full;
        private final GramColumns.Pool pool;
        private final long maxArrays;
        private long arrays;
        long computed; // columns computed: full-data ones and each set's

        Columns(double[] x, int p, double[] xm, long budget) {
            this.x = x;
            this.p = p;
            this.xm = xm;
            n = x.length / p;
            full = new double[p][];
            pool = new GramColumns.Pool(p, this::take);
            maxArrays = Math.max(4, budget / (8L * p));
        }

        /**
         * The columns of the set that leaves out {@code out} (null: none) and has the pieces {@code t} (read when
         * the path starts); internal coordinates.
         */
        GramCv.Columns training(int[] out, GramCv.Pieces t) {
            return (m, s) -> {
                int nt = t.n;
                double[] diag = new double[p];
                for (int j = 0; j < p; j++) diag[j] = (t.diag[j] - nt * m[j] * m[j]) / (nt * s[j] * s[j]);
                return new GramColumns(p, diag, (j, into) -> column(j, out, nt, m, s, into), pool);
            };
        }

        /** Column j of the set's Q: (S_all[:, j] − S_out[:, j] − n_t·m·m_j) / (n_t·s·s_j). */
        private void column(int j, int[] out, int nt, double[] m, double[] s, double[] into) {
            computed++;
            double[] fj = fullColumn(j);
            java.util.Arrays.fill(into, 0);
            if (out != null) piece(j, out, into);
            double mj = nt * m[j], sj = nt * s[j];
            for (int k = 0; k < p; k++) into[k] = (fj[k] - into[k] - mj * m[k]) / (sj * s[k]);
        }

        /** Σ_{i in rows} xc_ij·xc_i,: added into {@code into} (xc = X − xm). */
        private void piece(int j, int[] rows, double[] into) {
            for (int i : rows) {
                int off = i * p;
                double a = x[off + j] - xm[j];
                if (a == 0) continue;
                for (int k = 0; k < p; k++) into[k] += a * (x[off + k] - xm[k]);
            }
        }

        private double[] fullColumn(int j) {
            double[] c = full[j];
            if (c != null) return c;
            take();
            c = full[j] = new double[p];
            computed++;
            for (int i = 0; i < n; i++) {
                int off = i * p;
                double a = x[off + j] - xm[j];
                if (a == 0) continue;
                for (int k = 0; k < p; k++) c[k] += a * (x[off + k] - xm[k]);
            }
            return c;
        }

        private void take() {
            if (++arrays > maxArrays) throw new OverBudget();
        }
    }
}
