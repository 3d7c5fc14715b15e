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
 * Gram route of {@link GramBatch#fitTargets} fed from the nonzeros. One pass over the rows adds each row's outer
 * product into the upper triangle of XᵀX (Σ_i nnz_i² work, {@link SparseGramCv#add}), centred and scaled in place
 * into Q = (XᵀX − n·x̄x̄ᵀ)/(n·s·sᵀ); passes over the columns give Xᵀ[y_1 … y_k] for all targets (k·nnz work, each
 * nonzero read once for eight targets, {@link #centredRhs}); the means and scales are those of the engine's sparse certificate
 * ({@link SparseGramCv#certify}). Every target is then solved and certified on the Gram ({@link GramTargets}) and
 * the canary target also from its residuals over the CSR/CSC arrays; if it misses, all are. Targets whose
 * certificate misses the tolerance are refitted by the engine, as in the dense route.
 *
 * <p>The full p×p Gram only: the route applies up to p = {@link SparseGramCv#MAX_P} (a 128 MiB Q), where p ≤
 * {@link SparseGramCv#SMALL_P} or the Gram is not much larger than X summed over the targets
 * (p² ≤ {@link SparseGramCv#NNZ_RATIO}·nnz·k: its one-time cost is shared by the k targets), and while Q, the
 * n×k centred responses and the p×k products fit the heap; otherwise each target is a sparse single fit.
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
        double[] sums = new double[k];
        for (int t = 0; t < k; t++) {
            double[] y = ys[t];
            double m = 0, sum = 0, ss = 0;
            if (intercept) {
                for (double v : y) m += v;
                m /= n;
            }
            for (double v : y) {
                sum += v - m;
                ss += (v - m) * (v - m);
            }
            ybar[t] = m;
            sums[t] = sum;
            yy[t] = ss / n;
        }
        double[] Y = new double[8 * n], xty = new double[k * p], col = new double[8];
        long[] cp = x.colPtr();
        int[] ri = x.rowIdx();
        double[] val = x.values();
        for (int t0 = 0; t0 < k; t0 += 8) {
            int m = Math.min(8, k - t0);
            for (int u = 0; u < m; u++) { // Y[8i + u] = y_{t0+u}[i] − ȳ (a last block's unused lanes: never read back)
                double[] y = ys[t0 + u];
                double c = ybar[t0 + u];
                for (int i = 0; i < n; i++) Y[8 * i + u] = y[i] - c;
            }
            for (int j = 0; j < p; j++) { // eight targets' sums over column j in row order (SparseCd's lanes)
                SparseLanes.dots(ri, val, (int) cp[j], (int) cp[j + 1], Y, 8, col);
                for (int u = 0; u < m; u++) xty[(t0 + u) * p + j] = col[u] - xbar[j] * sums[t0 + u];
            }
        }
        return xty;
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
