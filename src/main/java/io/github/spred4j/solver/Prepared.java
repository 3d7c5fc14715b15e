package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
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
 *
 * <p>x̄, the centred norms and λ_max are computed on the device, in float64 from a float64 design ({@link #exact}:
 * the fit's own design for a float64 fit, a float64 copy for a float32 fit, which also serves its float64
 * certificate): the column statistics by the col_stats / csc_col_stats ops (sums, then the sums of squares centred
 * at x̄: exact, no cancellation), λ_max by one Xᵀr pass with the centring folded in on the p-vector. The host
 * touches vectors of length n or p only. On the java backend the ops are the host float64 loops in the same
 * order, so the λ sequence there is bit-identical to {@link Spred#lambdaMax} (which needs no device); another
 * backend's λ_max may differ from it in the last bits (its own summation order).
 */
final class Prepared implements AutoCloseable {
    final LossFamily family;
    final int n, p;
    final double[] y;
    final double ybar, alpha;
    final boolean intercept, standardize;
    final double[] xbar, scale, h;
    final Design x;
    final ExactPasses exact; // float64 passes over X on the device (statistics, λ_max, float64 certificates)
    final double[] dense;   // the caller's row-major X (not copied; the covariance mode's host Gram); null when sparse
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
        Design des = null, ex = null;
        ExactPasses passes = null;
        try {
            if (d.isSparse()) { // never densified: CSC on the device (CSR only if X·b is asked for)
                dense = null;
                csc = SparseCache.csc(d, HostX::csr);
                des = new SparseDesign(ctx, o.precision(), csc);
                ex = o.precision() == Precision.FLOAT64 ? des : new SparseDesign(ctx, Precision.FLOAT64, csc);
            } else {
                dense = HostX.dense(d);
                csc = null;
                des = DenseDesign.rowMajor(ctx, o.precision(), n, p, dense);
                ex = o.precision() == Precision.FLOAT64 ? des : DenseDesign.rowMajor(ctx, Precision.FLOAT64, n, p, dense);
            }
            passes = new ExactPasses(ex);
            xbar = new double[p];
            if (intercept) {
                System.arraycopy(ex.columnSums(), 0, xbar, 0, p);
                for (int j = 0; j < p; j++) xbar[j] /= n;
            }
            double[] ss = ex.centredSumSquares(xbar);
            scale = Certificates.scales(intercept || !standardize ? ss : ex.centredSumSquares(Certificates.means(ex.columnSums(), n)),
                    n, standardize);
            h = curvatures(ss, n, scale);
            c0 = intercept ? family.nullIntercept(ybar) : 0;
            double[] r = new double[n];
            for (int i = 0; i < n; i++) r[i] = y[i] - family.mean(c0);
            nullGrad = passes.zcT(r, xbar, scale);
            double m = 0;
            for (double g : nullGrad) m = Math.max(m, Math.abs(g));
            lambdaMax = m / alpha;
        } catch (RuntimeException e) {
            if (passes != null) passes.close();
            if (ex != null && ex != des) ex.close();
            if (des != null) des.close();
            throw e;
        }
        x = des;
        exact = passes;
    }

    /** The diagonal of the model's scaled Gram, ‖(x_j − x̄_j)/s_j‖²/n (x̄ = 0 without an intercept). */
    private static double[] curvatures(double[] ss, int n, double[] scale) {
        double[] h = new double[ss.length];
        for (int j = 0; j < ss.length; j++) h[j] = ss[j] / n / (scale[j] * scale[j]);
        return h;
    }

    /**
     * λ_max of sparse X on the host, without a device and without densifying: the same float64 operations, in the
     * same order, as the java backend's ops in the constructor (so {@link Spred#lambdaMax} equals the java engine's
     * λ_max to the bit, and another backend's to its summation order).
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
        double[] scale = Certificates.scales(SparseDesign.centredSumSquares(xc,
                o.intercept() || !o.standardize() ? xbar : Certificates.means(SparseDesign.columnSums(xc), n)), n, o.standardize());
        double c0 = o.intercept() ? family.nullIntercept(ybar) : 0;
        double[] r = new double[n];
        for (int i = 0; i < n; i++) r[i] = y[i] - family.mean(c0);
        double[] g = hostXtr(xc, p, r);
        double sr = 0, m = 0;
        for (int i = 0; i < n; i++) sr += r[i];
        for (int j = 0; j < p; j++) m = Math.max(m, Math.abs((g[j] - xbar[j] * sr) / scale[j] / n));
        return m / o.alpha();
    }

    /** Xᵀr of a host CSC in float64, each g_j summed in row order (the no-device route of {@link #sparseLambdaMax}). */
    private static double[] hostXtr(CscMatrix csc, int p, double[] r) {
        double[] g = new double[p];
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

    /** β on the original scale from b (exact zeros kept). */
    double[] originalBeta(double[] b) {
        double[] beta = new double[p];
        originalBeta(b, beta, 0);
        return beta;
    }

    /** {@link #originalBeta(double[])} written into {@code into[off .. off + p)}. */
    void originalBeta(double[] b, double[] into, int off) {
        for (int j = 0; j < p; j++) into[off + j] = b[j] == 0 ? 0 : b[j] / scale[j];
    }

    /**
     * {@link #originalBeta(double[], double[], int)} with b's support S (ascending) known: zeros by a fill, one
     * division per nonzero (the same values; with p ≫ n a division per column per fit showed in golub's CV).
     */
    void originalBeta(double[] b, double[] into, int off, int[] S) {
        java.util.Arrays.fill(into, off, off + p, 0);
        for (int j : S) into[off + j] = b[j] / scale[j];
    }

    /** b0 = c − x̄ᵀβ. */
    double originalIntercept(double c, double[] b) {
        return originalIntercept(c, b, Polish.support(b));
    }

    /** {@link #originalIntercept(double, double[])} with b's support S (ascending) known: no scan of all p. */
    double originalIntercept(double c, double[] b, int[] S) {
        double s = c;
        for (int j : S) s -= xbar[j] * b[j] / scale[j];
        return s;
    }

    @Override
    public void close() {
        exact.close();
        if (exact.design() != x) exact.design().close();
        x.close();
    }
}
