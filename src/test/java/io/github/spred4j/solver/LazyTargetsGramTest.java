package io.github.spred4j.solver;

import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.SparseCache;
import io.github.spred4j.data.SparseDesign;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Many targets on a sparse X's lazy Gram ({@link SparseGramColumns}, as {@link SparseTargets} solves them) against
 * the same solves on the whole Gram: every β, certificate, objective and step count the same to the bit, every
 * target settled, and fewer columns computed than p (the point of computing them lazily) — on a wide X whose
 * targets share a small support, lasso and elastic net.
 */
class LazyTargetsGramTest {

    @Test
    void lazyColumnsSolveEveryTargetAsTheWholeGramDoes() {
        Dataset d = SparseTargetsTest.sparse(200, 120, 21);
        int n = d.n(), p = d.p(), k = 40;
        CsrMatrix x = HostX.csr(d);
        CscMatrix xc = SparseCache.csc(d, HostX::csr);
        double[] xbar = Certificates.means(SparseDesign.columnSums(xc), n);
        double[] s = Certificates.scales(SparseDesign.centredSumSquares(xc, xbar), n, true);
        double[][] ys = TargetsBatchTest.targets(d, k, 5);
        SparseGramColumns src = new SparseGramColumns(x, xc, xbar, s);
        double[] whole = new double[p * p], col = new double[p];
        for (int j = 0; j < p; j++) {
            src.column(j, col);
            System.arraycopy(col, 0, whole, j * p, p);
        }
        for (double alpha : new double[]{1, 0.6}) {
            FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-9).withAlpha(alpha).withStandardize(true);
            double[] lam = MultiTarget.lambdaMax(d, ys, o);
            for (int t = 0; t < k; t++) lam[t] *= 0.4 + 0.05 * (t % 7);
            double[] ybar = new double[k], yy = new double[k];
            double[] xty = SparseTargets.centredRhs(xc, ys, xbar, true, ybar, yy);
            GramColumns lazy = SparseGramColumns.of(x, xc, xbar, s);
            GramTargets.Solved a = GramTargets.solve(lazy, s, xbar, xty, ybar, yy, lam, o, n);
            GramTargets.Solved b = GramTargets.solve(new GramColumns(p, whole), s, xbar, xty, ybar, yy, lam, o, n);
            for (int t = 0; t < k; t++) {
                String at = "alpha " + alpha + " target " + t;
                assertTrue(a.settled()[t], at + " settled");
                assertTrue(a.cert()[t] <= o.tol() && a.cert()[t] >= -Certificates.NEGATIVE_SLACK, at + ": " + a.cert()[t]);
                assertEquals(Double.doubleToLongBits(b.cert()[t]), Double.doubleToLongBits(a.cert()[t]), at + " certificate");
                assertEquals(Double.doubleToLongBits(b.obj()[t]), Double.doubleToLongBits(a.obj()[t]), at + " objective");
                assertEquals(Double.doubleToLongBits(b.b0()[t]), Double.doubleToLongBits(a.b0()[t]), at + " intercept");
                assertEquals(b.its()[t], a.its()[t], at + " steps");
                assertArrayEquals(b.betas()[t], a.betas()[t], 0, at + " beta");
            }
            assertEquals(b.canary(), a.canary());
            assertTrue(lazy.computed() > 0 && lazy.computed() < p / 2, "columns computed: " + lazy.computed() + " of " + p);
        }
    }
}
