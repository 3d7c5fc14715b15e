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
 * Many targets at one λ each on sparse (CSR) X without densifying it ({@link Spred#fitTargets}): the squared-loss
 * Gram route of {@link GramBatch#fitTargets} fed from the nonzeros. Q = (XᵀX − n·x̄x̄ᵀ)/(n·s·sᵀ) is computed column
 * by column as the solves first read a column ({@link SparseGramColumns}: only the union of the targets' supports,
 * 542 of 2000 columns for 1000 targets of the 5000×2000 benchmark, 229 for 100, where the whole Gram's p² writes
 * were most of the route's time at k = 100); passes over the columns give Xᵀ[y_1 … y_k] for all targets (k·nnz work, each
 * nonzero read once for eight targets, {@link #centredRhs}); the means and scales are those of the engine's sparse certificate
 * ({@link SparseGramCv#certify}). Every target is then solved and certified on the Gram ({@link GramTargets}) and
 * the canary target also from its residuals over the CSR/CSC arrays; if it misses, all are. Targets whose
 * certificate misses the tolerance are refitted by the engine, as in the dense route.
 *
 * <p>The route applies up to p = {@link SparseGramCv#MAX_P} (at most p columns of p: a 128 MiB Q), where p ≤
 * {@link SparseGramCv#SMALL_P} or the Gram is not much larger than X summed over the targets
 * (p² ≤ {@link SparseGramCv#NNZ_RATIO}·nnz·k: the worst case, every column read, shared by the k targets), and
 * while the whole Q, the n×k centred responses and the p×k products would fit the heap; otherwise each target is a
 * sparse single fit. (Measured once, loaded box, 5000×2000 with the rule set aside: k = 2 0.95×, 5 1.7×, 10 2.7× a
 * loop of single fits; the rule still sends k ≤ 10 there: a rule for small k needs more shapes measured.)
 */
final class SparseTargets {
    private SparseTargets() {
    }

    static boolean applies(Dataset d, FitOptions o, int k) {
        int n = d.n(), p = d.p();
        if (!d.isSparse() || o.model() != Model.SQUARED || !(o.method() == Method.CD || o.method() == Method.LBFGS)
                || o.precision() != Precision.FLOAT64 || p < 1 || p > SparseGramCv.MAX_P || n < 1) return false;
        int[] rp = d.rowPtr();
        long nnz = rp == null || rp.length != n + 1 ? 0 : rp[n];
        long doubles = (long) p * p + 2L * n * k + 3L * p * k; // Q; Y_c and η of one target; Xᵀ[y…] twice and the β
        return (p <= SparseGramCv.SMALL_P || (double) p * p <= SparseGramCv.NNZ_RATIO * nnz * k)
                && (long) n * k <= 32L << 20 && (long) p * k <= 32L << 20 && 8 * doubles <= MemoryBudget.availableHeap();
    }

    static FitResult[] fit(Context ctx, Dataset d, double[][] ys, FitOptions o, double[] lambdas) {
        long t0 = System.nanoTime();
        CsrMatrix x = HostX.csr(d); // canonical: columns strictly increasing within a row
        CscMatrix xc = SparseCache.csc(d, HostX::csr);
        int n = d.n(), p = d.p(), k = ys.length;
        double[] cs = SparseDesign.columnSums(xc), xbar = new double[p];
        if (o.intercept()) xbar = Certificates.means(cs, n);
        double[] s = Certificates.scales(SparseDesign.centredSumSquares(xc, o.intercept() ? xbar : Certificates.means(cs, n)),
                n, o.standardize());
        GramColumns Q = SparseGramColumns.of(x, xc, xbar, s); // only the columns the solves read
        double[] ybar = new double[k], yy = new double[k];
        double[] xty = centredRhs(xc, ys, xbar, o.intercept(), ybar, yy);
        GramTargets.Solved r = GramTargets.solve(Q, s, xbar, xty, ybar, yy, lambdas, o, n);
        return GramBatch.checked(ctx, d, o, lambdas, r.b0(), r.betas(), r.its(), r.settled(), t0, ys, r.cert(), r.obj(),
                r.canary(), (yc, lc, bc, betc) -> certify(x, xc, yc, o, lc, bc, betc));
    }

    /**
     * Xcᵀ[y_1 − ȳ_1 … y_k − ȳ_k] as k stacked columns of p (xty[t·p + j]), filling the means (0 without an
     * intercept) and ‖y_c‖²/n. Xcᵀy_c = Xᵀy_c − x̄·Σy_c, Σy_c being the rounding of ȳ (as {@link GramBatch#centredRhs}).
     * A sparse × dense product, k·nnz multiply-adds, the bulk of this route's work at large k: targets go eight at a
     * time, their centred responses interleaved (row i's eight at Y[8i ..)), and each column's eight sums build up in
     * local variables over the column's nonzeros (CSC), so one load of a nonzero serves eight targets, nothing is
     * written in the inner loop and it runs the same compiled code from the first block (an inner loop over a short
     * array of sums, or over k in one pass over the rows, was ~2× slower: the sums go through memory). Every sum is over
     * i in increasing order, as a dot product of each column with each y_c adds it.
     */
    static double[] centredRhs(CscMatrix x, double[][] ys, double[] xbar, boolean intercept, double[] ybar, double[] yy) {
        int n = x.rows(), p = x.cols(), k = ys.length;
        double[] sums = new double[k], Y = new double[8 * n], xty = new double[k * p], col = new double[8], msq = new double[3];
        long[] cp = x.colPtr();
        int[] ri = x.rowIdx();
        double[] val = x.values();
        for (int t0 = 0; t0 < k; t0 += 8) {
            int m = Math.min(8, k - t0);
            for (int u = 0; u < m; u++) { // Y[8i + u] = y_{t0+u}[i] − ȳ (a last block's unused lanes: never read back)
                centre(ys[t0 + u], intercept, Y, u, msq);
                ybar[t0 + u] = msq[0];
                sums[t0 + u] = msq[1];
                yy[t0 + u] = msq[2] / n;
            }
            for (int j = 0; j < p; j++) { // eight targets' sums over column j in row order (SparseCd's lanes)
                SparseLanes.dots(ri, val, (int) cp[j], (int) cp[j + 1], Y, 8, col);
                for (int u = 0; u < m; u++) xty[(t0 + u) * p + j] = col[u] - xbar[j] * sums[t0 + u];
            }
        }
        return xty;
    }

    /**
     * y − ȳ into lane u of Y (Y[8i + u]) in the pass that sums it and its squares: {ȳ (0 without an intercept),
     * Σ(y − ȳ), Σ(y − ȳ)²} into {@code out} (the rounding of ȳ is in Σ(y − ȳ), which {@link #centredRhs} removes).
     */
    private static void centre(double[] y, boolean intercept, double[] Y, int u, double[] out) {
        int n = y.length;
        double m = 0, sum = 0, ss = 0;
        if (intercept) {
            for (double v : y) m += v;
            m /= n;
        }
        for (int i = 0; i < n; i++) {
            double d = y[i] - m;
            Y[8 * i + u] = d;
            sum += d;
            ss += d * d;
        }
        out[0] = m;
        out[1] = sum;
        out[2] = ss;
    }

    /** The exact certificates from residuals ({@link SparseGramCv#certify}), one problem at a time (each its own y). */
    private static double[][] certify(CsrMatrix x, CscMatrix xc, double[][] ys, FitOptions o, double[] lam, double[] b0, double[][] betas) {
        double[][] out = new double[2][lam.length];
        for (int t = 0; t < lam.length; t++) {
            double[][] c = SparseGramCv.certify(x, xc, ys[t], o, new double[]{lam[t]}, new double[]{b0[t]}, new double[][]{betas[t]});
            out[0][t] = c[0][0];
            out[1][t] = c[1][0];
        }
        return out;
    }
}
