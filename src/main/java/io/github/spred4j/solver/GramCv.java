package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-validation of the squared loss (lasso / elastic net) by fold Grams: every fold's X_fᵀX_f is one stacked
 * product on the device, and one host pass over X adds the folds' X_fᵀy_f, Σx, Σy, Σy² (X first centred by the
 * full-data means, so the subtraction below loses nothing to cancellation); the full Gram is their sum, and fold f's training Gram is G − X_fᵀX_f, re-centred by
 * the training means. Every fold's path then runs on its Gram ({@link GramLasso}, warm-started along λ) without
 * touching X; the held-out predictions X_f·[β_1 … β_L] of a fold are one stacked product on the device.
 *
 * <p>Every fit is certified: fold fits by the Gram form of the duality gap, the full-data path by the exact
 * certificate (and objective) from residuals (X·B and Xᵀ(y − X·B) for all λ at once, on the device). A fit whose Gram solve does
 * not settle or misses the tolerance is refitted by the general engine, so no answer depends on this path alone.
 */
final class GramCv {
    /** Points refitted by the general engine since start-up (read by tests: the Gram route must carry its weight). */
    static final java.util.concurrent.atomic.AtomicInteger REFITS = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Tests only: a Gram target far above the tolerance (0: none), so most points miss it and the engine refits
     * them; the refits' answers must reach the curve and the listener as any other point's.
     */
    static volatile double looseTarget = 0;

    private GramCv() {
    }

    /** Whether this route applies: the squared loss without groups, dense Grams of (K + 1)·p² doubles within 256 MiB. */
    static boolean applies(Dataset d, FitOptions o, int folds) {
        return o.model() == Model.SQUARED && (o.method() == Method.LBFGS || o.method() == Method.CD) && o.precision() == Precision.FLOAT64
                && (long) (folds + 1) * d.p() * d.p() <= 32L << 20 && d.p() >= 1;
    }

    /** Raw pieces of one row set, on X and y centred by the full-data means (or raw without intercept). */
    static final class Pieces {
        final double[] S, sxy, sx; // XᵀX (p×p, full), Xᵀy, Σ_i x_i
        double[] diag; // XᵀX's diagonal where S is null (the lazy-column route, LazyGramCv)
        double sy, syy;
        int n;

        Pieces(int p) {
            this(p, new double[p * p]);
        }

        Pieces(int p, double[] S) {
            this.S = S;
            sxy = new double[p];
            sx = new double[p];
        }

        /**
         * Adds the rows {@code rows} of X and y (centred by xm, ym): Σx, Xᵀy, Σy, Σy², n, and XᵀX's diagonal where
         * {@link #diag} is set (S, the whole Gram, is the caller's: one product on the device).
         */
        void add(int[] rows, double[] x, double[] y, double[] xm, double ym) {
            int p = sx.length;
            for (int i : rows) {
                double yi = y[i] - ym;
                n++;
                sy += yi;
                syy += yi * yi;
                int off = i * p;
                if (diag == null) addRow(x, off, xm, yi, p);
                else addRowDiag(x, off, xm, yi, p);
            }
        }

        private void addRow(double[] x, int off, double[] xm, double yi, int p) {
            for (int a = 0; a < p; a++) {
                double xa = x[off + a] - xm[a];
                sx[a] += xa;
                sxy[a] += xa * yi;
            }
        }

        private void addRowDiag(double[] x, int off, double[] xm, double yi, int p) {
            for (int a = 0; a < p; a++) {
                double xa = x[off + a] - xm[a];
                sx[a] += xa;
                sxy[a] += xa * yi;
                diag[a] += xa * xa;
            }
        }

        /** Adds another row set's vectors and counts (and diagonal, where both have one); S is the caller's. */
        void plus(Pieces o) {
            for (int j = 0; j < sx.length; j++) {
                sxy[j] += o.sxy[j];
                sx[j] += o.sx[j];
            }
            if (diag != null) for (int j = 0; j < sx.length; j++) diag[j] += o.diag[j];
            sy += o.sy;
            syy += o.syy;
            n += o.n;
        }

        /** This = all − f on the vectors and counts (and diagonal, where this has one); S is the caller's. */
        void difference(Pieces all, Pieces f) {
            for (int j = 0; j < sx.length; j++) {
                sxy[j] = all.sxy[j] - f.sxy[j];
                sx[j] = all.sx[j] - f.sx[j];
            }
            if (diag != null) for (int j = 0; j < sx.length; j++) diag[j] = all.diag[j] - f.diag[j];
            sy = all.sy - f.sy;
            syy = all.syy - f.syy;
            n = all.n - f.n;
        }
    }

    /**
     * The full data as both Gram CVs (this and {@link LazyGramCv}) open it: the problem, its X (dense, checked
     * finite; identity permutation, no groups), y, the column means x̄ and ȳ (zeros without an intercept).
     */
    record Centred(Problem whole, double[] x, double[] y, double[] xm, double ym) {
        static Centred of(Dataset d, FitOptions o) {
            Problem whole = Problem.of(d, o);
            double[] xm = new double[d.p()];
            double ym = o.intercept() ? means(whole.x, d.y(), d.n(), d.p(), xm) : 0;
            return new Centred(whole, whole.x, d.y(), xm, ym);
        }
    }

    /** The column means of the row-major n×p x into xm; returns ȳ (the centring of an intercept fit). */
    private static double means(double[] x, double[] y, int n, int p, double[] xm) {
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) xm[j] += x[i * p + j];
        for (int j = 0; j < p; j++) xm[j] /= n;
        double ym = 0;
        for (double v : y) ym += v;
        return ym / n;
    }

    static CvResult run(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int folds, PathListener listener) {
        Centred c = Centred.of(d, o);
        Problem whole = c.whole();
        int n = d.n(), p = d.p();
        double[] x = c.x(), y = c.y(), xm = c.xm();
        double ym = c.ym();
        // each fold's X_fᵀX_f as one product on the device; Σx, Σy, Xᵀy, Σy² from one host pass over the rows. Large
        // folds keep their Grams; small ones (n/K ≤ 64) compute theirs again when their path starts (cheaper than
        // K fresh p×p arrays)
        boolean keep = (double) n / folds > 64;
        double[][] foldS = new double[folds][];
        double[] foldBuf = keep ? null : new double[p * p];
        Pieces[] fp = new Pieces[folds];
        Pieces all = new Pieces(p);
        try (FoldGrams grams = new FoldGrams(ctx, x, p, xm)) {
            for (int f = 0; f < folds; f++) {
                int[] rows = CrossValidation.rows(foldId, f + 1, true);
                double[] G = grams.of(rows, keep ? new double[p * p] : foldBuf);
                if (keep) foldS[f] = G;
                addUpper(all.S, G, p);
                Pieces pc = fp[f] = new Pieces(p, null);
                pc.add(rows, x, y, xm, ym);
                all.plus(pc);
            }
            return folds(ctx, d, o, lam, foldId, folds, listener, whole, x, y, xm, ym, fp, foldS, all, keep ? null : grams, foldBuf);
        }
    }

    /** The folds' paths on their training Grams, then the full-data path ({@link #run}'s second half). */
    private static CvResult folds(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int folds, PathListener listener,
                                  Problem whole, double[] x, double[] y, double[] xm, double ym, Pieces[] fp, double[][] foldS,
                                  Pieces all, FoldGrams again, double[] foldBuf) {
        int p = d.p();
        int total = (folds + 1) * lam.length;
        double[][] foldLoss = new double[folds][];
        int[] size = new int[folds];
        // one training-Gram buffer and one Q buffer serve every fold and the full path (each path is done with its
        // Q before the next starts): per-fold p×p arrays were most of a CV's fresh memory, slow in a cold JVM
        Pieces t = new Pieces(p);
        double[] qBuf = new double[p * p];
        Stack stack = new Stack(p, lam.length); // every fold's answers in turn, as the held-out losses read them
        for (int f = 0; f < folds; f++) {
            final int fold = f + 1;
            int[] out = CrossValidation.rows(foldId, fold, true);
            size[f] = out.length;
            double[] G = again == null ? foldS[f] : again.of(out, foldBuf);
            minusInto(all, fp[f], G, p, t);
            int first = f * lam.length;
            pathOn(ctx, t, xm, ym, o, lam, listener, first, total, () -> {
                int[] in = CrossValidation.rows(foldId, fold, false);
                return Dataset.dense(in.length, p, CrossValidation.gather(x, p, in), CrossValidation.gather(y, 1, in), null);
            }, null, whole(t, qBuf), stack);
            foldLoss[f] = CrossValidation.heldOutLoss(ctx, o, CrossValidation.gather(x, p, out), CrossValidation.gather(y, 1, out),
                    out.length, p, stack.betas, stack.b0);
        }
        double[][] stats = CrossValidation.statistics(foldLoss, size);
        int[] pick = CvResult.pick(stats[0], stats[1]);
        PathResult full = path(ctx, all, xm, ym, o, lam, listener, folds * lam.length, total, () -> d,
                (b0, betas) -> GramBatch.certify(ctx, whole, new double[][]{whole.y}, lam, o.alpha(), b0, betas), qBuf);
        return new CvResult(lam, stats[0], stats[1], lam[pick[0]], lam[pick[1]], pick[0], pick[1], full);
    }

    /** S += G on the upper triangle (diagonal included). */
    private static void addUpper(double[] S, double[] G, int p) {
        for (int a = 0; a < p; a++) {
            int o = a * p;
            for (int c = a; c < p; c++) S[o + c] += G[o + c];
        }
    }

    /**
     * The training pieces all − fold (its Gram {@code foldS}) into {@code t}, S's upper triangle (diagonal included) only: all that
     * {@link #path} reads.
     */
    static void minusInto(Pieces all, Pieces f, double[] foldS, int p, Pieces t) {
        for (int a = 0; a < p; a++) {
            int o = a * p;
            for (int c = a; c < p; c++) t.S[o + c] = all.S[o + c] - foldS[o + c];
        }
        t.difference(all, f);
    }

    /** The exact certificates and objectives of a path's answers from residuals: {certificates, objectives}. */
    interface Exact {
        double[][] certify(double[] b0, double[][] betas);
    }

    /**
     * The warm-started path on one row set's Gram. {@code exact} (the full data) gets the exact certificate from
     * residuals; otherwise (null) the Gram gap certifies. Uncertified points are refitted on {@code data} by the
     * engine. Reads only the upper triangle of {@code t.S} (entries a·p + c with a ≤ c).
     */
    static PathResult path(Context ctx, Pieces t, double[] xm, double ym, FitOptions o, double[] lam, PathListener listener,
                           int first, int total, java.util.function.Supplier<Dataset> data, Exact exact) {
        return path(ctx, t, xm, ym, o, lam, listener, first, total, data, exact, null);
    }

    /** {@link #path} with the p×p Q in {@code qBuf} (overwritten; null: a new array). */
    static PathResult path(Context ctx, Pieces t, double[] xm, double ym, FitOptions o, double[] lam, PathListener listener,
                           int first, int total, java.util.function.Supplier<Dataset> data, Exact exact, double[] qBuf) {
        return pathOn(ctx, t, xm, ym, o, lam, listener, first, total, data, exact, whole(t, qBuf));
    }

    /** The whole Q of the set {@code t} (its S's upper triangle) in {@code qBuf} (overwritten; null: a new array). */
    private static Columns whole(Pieces t, double[] qBuf) {
        int p = t.sx.length;
        return (m, s) -> {
            double[] Q = qBuf != null ? qBuf : new double[p * p];
            scaledGram(t, m, s, Q);
            return new GramColumns(p, Q);
        };
    }

    /** The solver's columns of Q for the set's means m and scales s (internal coordinates). */
    interface Columns {
        GramColumns of(double[] m, double[] s);
    }

    /** {@link #path} on the columns {@code columns} makes (whole or lazy); lazy ones are released at the end. */
    static PathResult pathOn(Context ctx, Pieces t, double[] xm, double ym, FitOptions o, double[] lam, PathListener listener,
                             int first, int total, java.util.function.Supplier<Dataset> data, Exact exact, Columns columns) {
        return pathOn(ctx, t, xm, ym, o, lam, listener, first, total, data, exact, columns, null);
    }

    /**
     * A fold's answers as its held-out losses read them: β of λ_l in {@code betas[l·p .. (l+1)·p)} (p×L stacked,
     * reused by every fold of a CV) and the intercepts in {@code b0}. A fold path that fills one keeps no per-λ
     * β arrays and FitResults (unless a listener asks for them): at p > n (~1100 small solves per CV) those arrays
     * were most of a CV's fresh memory, and zeroing fresh memory was half its time on a busy machine.
     */
    static final class Stack {
        final double[] betas, b0;

        Stack(int p, int L) {
            if ((long) p * L > Integer.MAX_VALUE - 8) // one Java array: say so rather than a negative size
                throw new IllegalArgumentException("cross-validation over " + p + " columns and " + L
                        + " lambda values keeps a " + p + "x" + L + " coefficient table, over Java's array limit of 2^31 entries: give fewer lambda values");
            betas = new double[p * L];
            b0 = new double[L];
        }
    }

    /**
     * {@link #pathOn}; with {@code into} non-null (a fold's path: {@code exact} null) the answers go into it and
     * null is returned; the listener still sees every fit (a FitResult made for it when it is not
     * {@link PathListener#NONE}), and a point the Gram gap does not certify is refitted by the engine as always.
     */
    static PathResult pathOn(Context ctx, Pieces t, double[] xm, double ym, FitOptions o, double[] lam, PathListener listener,
                             int first, int total, java.util.function.Supplier<Dataset> data, Exact exact, Columns columns, Stack into) {
        long t0 = System.nanoTime();
        int p = t.sx.length, n = t.n;
        boolean icpt = o.intercept();
        // centre by the set's own means (m = mean of the globally centred data), scale if standardising
        double[] m = new double[p];
        double my = icpt ? t.sy / n : 0;
        if (icpt) for (int j = 0; j < p; j++) m[j] = t.sx[j] / n;
        double[] s = scales(t, o.standardize());
        double[] q = new double[p];
        GramColumns Q = columns.of(m, s);
        for (int a = 0; a < p; a++) q[a] = (t.sxy[a] - n * m[a] * my) / (n * s[a]);
        double yy = (t.syy - n * my * my) / n;
        GramLasso gl = new GramLasso(Q, q, yy, o.alpha());
        gl.target = looseTarget > 0 ? looseTarget : GramBatch.target(o);
        double lmax = gl.lambdaMax();
        double[] shift = new double[p]; // β's offset: the full-data means plus the set's own
        for (int j = 0; j < p; j++) shift[j] = xm[j] + m[j];
        boolean stacked = into != null, listen = listener != PathListener.NONE;
        double[][] betas = stacked ? null : new double[lam.length][];
        double[] b0 = stacked ? into.b0 : new double[lam.length], cert = new double[lam.length], obj = new double[lam.length];
        int[] its = new int[lam.length];
        double prev = Math.max(lmax, lam[0]);
        for (int l = 0; l < lam.length; l++) {
            int before = gl.iterations;
            cert[l] = gl.solve(lam[l], prev); // b = 0 at λ_max where it certifies
            prev = lam[l];
            its[l] = gl.iterations - before;
            // the full path's objective comes from its exact certificate, a stacked fold's is read by no one else
            if (exact == null && (!stacked || listen)) obj[l] = gl.primal(lam[l]);
            double off;
            if (stacked) off = original(gl.b, s, shift, into.betas, l * p);
            else off = original(gl.b, s, shift, betas[l] = new double[p], 0);
            b0[l] = icpt ? ym + my - off : 0;
        }
        Q.release();
        if (exact != null) { // the full-data path: the certificate and objective from residuals
            double[][] co = exact.certify(b0, betas);
            cert = co[0];
            obj = co[1];
        }
        Dataset d = null;
        List<FitResult> fits = stacked ? null : new ArrayList<>();
        for (int l = 0; l < lam.length; l++) {
            double c = cert[l];
            FitResult f = null;
            double secs = (System.nanoTime() - t0) / 1e9;
            if (c <= o.tol() && c >= -1e-12) {
                if (stacked && !listen) continue;
                double[] beta = stacked ? java.util.Arrays.copyOfRange(into.betas, l * p, (l + 1) * p) : betas[l];
                int nnz = 0;
                for (double v : beta) if (v != 0) nnz++;
                f = new FitResult(b0[l], beta, lam[l], obj[l], "duality_gap", c, nnz, its[l], secs, ctx.backendName(), ctx.deviceName());
            } else {
                REFITS.incrementAndGet();
                if (d == null) d = data.get();
                f = Spred.fit(ctx, d, o.withLambda(lam[l])); // the general engine decides (and reports) this point
                if (stacked) {
                    System.arraycopy(f.beta(), 0, into.betas, l * p, p);
                    b0[l] = f.intercept();
                }
            }
            if (!stacked) fits.add(f);
            listener.fitted(first + l, total, f);
        }
        return stacked ? null : new PathResult(lam.clone(), fits);
    }

    // path's O(p) and O(p²) loops are small methods of their own: path runs ~11 times per CV, too few for its
    // loops to leave the interpreter early in a cold JVM, while these are called often enough to compile early

    /** The columns' scales: the sd about the set's mean when standardising (1 for a constant column), else 1. */
    private static double[] scales(Pieces t, boolean standardize) {
        int p = t.sx.length, n = t.n;
        double[] s = new double[p];
        for (int j = 0; j < p; j++) {
            double mj = t.sx[j] / n; // the set's mean even without an intercept: glmnet's sd is about the mean
            double v = ((t.S != null ? t.S[j * p + j] : t.diag[j]) - n * mj * mj) / n;
            s[j] = standardize ? (v > 0 ? Math.sqrt(v) : 1) : 1;
        }
        return s;
    }

    /** Q = (S − n·m·mᵀ)/(n·s·sᵀ), both triangles, from S's upper triangle. */
    private static void scaledGram(Pieces t, double[] m, double[] s, double[] Q) {
        int p = m.length, n = t.n;
        for (int a = 0; a < p; a++) scaledRow(t.S, n, m, s, Q, a, p);
    }

    private static void scaledRow(double[] S, int n, double[] m, double[] s, double[] Q, int a, int p) {
        double ma = n * m[a], sa = n * s[a];
        for (int c = a; c < p; c++) {
            double v = (S[a * p + c] - ma * m[c]) / (sa * s[c]);
            Q[a * p + c] = v;
            Q[c * p + a] = v;
        }
    }

    /** β = b/s into {@code beta[at .. at + p)} (exact zeros written); returns Σ shift_j·β_j (the intercept's offset). */
    private static double original(double[] b, double[] s, double[] shift, double[] beta, int at) {
        double off = 0;
        for (int j = 0; j < b.length; j++) {
            if (b[j] == 0) {
                beta[at + j] = 0;
                continue;
            }
            double v = b[j] / s[j];
            beta[at + j] = v;
            off += shift[j] * v;
        }
        return off;
    }
}
