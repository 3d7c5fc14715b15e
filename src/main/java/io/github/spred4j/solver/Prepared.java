package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.DenseDesign;
import io.github.spred4j.data.Design;
import io.github.spred4j.data.LossFamily;
import io.github.spred4j.data.SparseCache;
import io.github.spred4j.data.SparseDesign;

/**
 * A validated problem on a device, in the engine's coordinates: X uploaded once as a {@link Design}, the column
 * means x̄ (zero without intercept), the scales s (glmnet's standardisation, 1 without) and the centred-scaled
 * column curvatures {@code h_j = ‖Zc_j‖²/n} with {@code Zc = (X − 1x̄ᵀ)·diag(1/s)}. The engine's variable is
 * {@code b = s ⊙ β} and {@code η = c + Zc·b}; the original intercept is {@code b0 = c − x̄ᵀβ}.
 * x̄, the centred norms and λ_max are computed on the host in float64 (three streaming passes over the caller's
 * X, in the order {@link Problem} uses): the λ sequence of a path is then bit-identical on every backend and
 * equal to {@link Spred#lambdaMax}. A device op for column norms would move the norms to the device; λ_max must
 * stay backend-independent.
 */
final class Prepared implements AutoCloseable {
    final LossFamily family;
    final int n, p;
    final double[] y;
    final double ybar, alpha;
    final boolean intercept, standardize;
    final double[] xbar, scale, h;
    final Design x;
    final double[] dense;   // the caller's row-major X (not copied; float64 certificates of float32 fits); null when sparse
    final CscMatrix csc;    // sparse X as CSC (built once per dataset, SparseCache) when sparse, else null
    final Context ctx;
    final double[] nullGrad;  // Zcᵀr/n at the null model (c0, b = 0)
    final double c0, lambdaMax;

    Prepared(Context ctx, Dataset d, FitOptions o) {
        this.ctx = ctx;
        this.family = Families.of(o.model());
        n = d.n();
        p = d.p();
        y = d.y();
        if (y == null || y.length != n)
            throw new IllegalArgumentException("y has length " + (y == null ? "null" : y.length) + ", expected n = " + n);
        for (int i = 0; i < n; i++)
            if (!Double.isFinite(y[i])) throw new IllegalArgumentException("y[" + i + "] is not finite: " + y[i]);
        family.validate(y);
        alpha = o.alpha();
        intercept = o.intercept();
        standardize = o.standardize();
        double ys = 0;
        for (double v : y) ys += v;
        ybar = ys / n;
        Design des;
        if (d.isSparse()) { // never densified: CSR + CSC on the device, host statistics from the CSC in O(nnz)
            dense = null;
            csc = SparseCache.csc(d, HostX::csr);
            des = new SparseDesign(ctx, o.precision(), csc);
        } else {
            dense = HostX.dense(d);
            csc = null;
            des = DenseDesign.rowMajor(ctx, o.precision(), n, p, dense);
        }
        try {
            xbar = new double[p];
            if (intercept) { // host float64, the order of Problem: bit-identical x̄ and λ_max on every backend
                if (csc != null) System.arraycopy(des.columnSums(), 0, xbar, 0, p); // row order, zeros skipped
                else for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) xbar[j] += dense[i * p + j];
                for (int j = 0; j < p; j++) xbar[j] /= n;
            }
            double[] ss = des.centredSumSquares(xbar);
            scale = new double[p];
            h = new double[p];
            scales(ss, n, standardize, scale, h);
            c0 = intercept ? family.nullIntercept(ybar) : 0;
            // λ_max in float64 on the host, so that every backend (and Spred.lambdaMax without a device) gives the
            // same λ sequence to the last bit; one pass over the caller's X
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = y[i] - family.mean(c0);
            nullGrad = hostZcT(r);
            double m = 0;
            for (double g : nullGrad) m = Math.max(m, Math.abs(g));
            lambdaMax = m / alpha;
        } catch (RuntimeException e) {
            des.close();
            throw e;
        }
        x = des;
    }

    private static void scales(double[] ss, int n, boolean standardize, double[] scale, double[] h) {
        for (int j = 0; j < ss.length; j++) {
            double sd = Math.sqrt(ss[j] / n);
            scale[j] = standardize ? (sd > 0 ? sd : 1) : 1;
            h[j] = ss[j] / n / (scale[j] * scale[j]);
        }
    }

    /**
     * λ_max of sparse X on the host, without a device and without densifying: the same float64 operations, in the
     * same order, as the constructor on a sparse dataset (so {@link Spred#lambdaMax} equals the engine's λ_max).
     */
    static double sparseLambdaMax(Dataset d, FitOptions o) {
        int n = d.n(), p = d.p();
        double[] y = d.y();
        if (y == null || y.length != n)
            throw new IllegalArgumentException("y has length " + (y == null ? "null" : y.length) + ", expected n = " + n);
        for (int i = 0; i < n; i++)
            if (!Double.isFinite(y[i])) throw new IllegalArgumentException("y[" + i + "] is not finite: " + y[i]);
        LossFamily family = Families.of(o.model());
        family.validate(y);
        CscMatrix xc = SparseCache.csc(d, HostX::csr);
        double ys = 0;
        for (double v : y) ys += v;
        double ybar = ys / n;
        double[] xbar = new double[p];
        if (o.intercept()) {
            System.arraycopy(SparseDesign.columnSums(xc), 0, xbar, 0, p);
            for (int j = 0; j < p; j++) xbar[j] /= n;
        }
        double[] scale = new double[p], h = new double[p];
        scales(SparseDesign.centredSumSquares(xc, xbar), n, o.standardize(), scale, h);
        double c0 = o.intercept() ? family.nullIntercept(ybar) : 0;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = y[i] - family.mean(c0);
        double[] g = hostXtr(xc, null, n, p, r);
        double sr = 0, m = 0;
        for (int i = 0; i < n; i++) sr += r[i];
        for (int j = 0; j < p; j++) m = Math.max(m, Math.abs((g[j] - xbar[j] * sr) / scale[j] / n));
        return m / o.alpha();
    }

    /** Zcᵀr/n in float64 on the host (the same summation order as {@link Problem#lambdaMax}). */
    private double[] hostZcT(double[] r) {
        double[] g = hostXtr(r);
        double sr = 0;
        for (int i = 0; i < n; i++) sr += r[i];
        for (int j = 0; j < p; j++) g[j] = (g[j] - xbar[j] * sr) / scale[j] / n;
        return g;
    }

    /**
     * Xᵀr in float64 on the host, each g_j summed in row order (sparse: the same sums with the zero terms
     * skipped, so dense and sparse X give the same bits).
     */
    double[] hostXtr(double[] r) {
        return hostXtr(csc, dense, n, p, r);
    }

    private static double[] hostXtr(CscMatrix csc, double[] dense, int n, int p, double[] r) {
        double[] g = new double[p];
        if (csc != null) { // a gather a column, in row order: the dense sums with the zero terms skipped
            long[] cp = csc.colPtr();
            int[] ri = csc.rowIdx();
            double[] v = csc.values();
            for (int j = 0; j < p; j++) {
                double s = 0;
                for (int q = (int) cp[j], e = (int) cp[j + 1]; q < e; q++) s += v[q] * r[ri[q]];
                g[j] = s;
            }
            return g;
        }
        for (int i = 0; i < n; i++) {
            double ri = r[i];
            int o = i * p;
            for (int j = 0; j < p; j++) g[j] += dense[o + j] * ri;
        }
        return g;
    }

    /** η = b0 + Xβ in float64 on the host (original scale; terms with β_j = 0 skipped). */
    double[] hostEta(double b0, double[] beta) {
        double[] eta = new double[n];
        if (csc != null) { // column by column: each η_i still adds its terms in column order, as the dense loop
            java.util.Arrays.fill(eta, b0);
            long[] cp = csc.colPtr();
            int[] ri = csc.rowIdx();
            double[] v = csc.values();
            for (int j = 0; j < p; j++) {
                if (beta[j] == 0) continue;
                for (int q = (int) cp[j], e = (int) cp[j + 1]; q < e; q++) eta[ri[q]] += v[q] * beta[j];
            }
            return eta;
        }
        for (int i = 0; i < n; i++) {
            double s = b0;
            int off = i * p;
            for (int j = 0; j < p; j++) if (beta[j] != 0) s += dense[off + j] * beta[j];
            eta[i] = s;
        }
        return eta;
    }

    /** β on the original scale from b (exact zeros kept). */
    double[] originalBeta(double[] b) {
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) beta[j] = b[j] == 0 ? 0 : b[j] / scale[j];
        return beta;
    }

    /** b0 = c − x̄ᵀβ. */
    double originalIntercept(double c, double[] b) {
        double s = c;
        for (int j = 0; j < p; j++) if (b[j] != 0) s -= xbar[j] * b[j] / scale[j];
        return s;
    }

    @Override
    public void close() {
        x.close();
    }
}
