package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.DenseDesign;
import io.github.spred4j.data.Design;
import io.github.spred4j.data.LossFamily;

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
    final double[] dense;   // the caller's row-major X (not copied; float64 certificates of float32 fits)
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
        dense = Problem.dense(d);
        Design des = DenseDesign.rowMajor(ctx, o.precision(), n, p, dense);
        try {
            xbar = new double[p];
            if (intercept) { // host float64, the order of Problem: bit-identical x̄ and λ_max on every backend
                for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) xbar[j] += dense[i * p + j];
                for (int j = 0; j < p; j++) xbar[j] /= n;
            }
            double[] ss = des.centredSumSquares(xbar);
            scale = new double[p];
            h = new double[p];
            for (int j = 0; j < p; j++) {
                double sd = Math.sqrt(ss[j] / n);
                scale[j] = standardize ? (sd > 0 ? sd : 1) : 1;
                h[j] = ss[j] / n / (scale[j] * scale[j]);
            }
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

    /** Zcᵀr/n in float64 on the host (the same summation order as {@link Problem#lambdaMax}). */
    private double[] hostZcT(double[] r) {
        double[] g = new double[p];
        double sr = 0;
        for (int i = 0; i < n; i++) {
            double ri = r[i];
            sr += ri;
            int o = i * p;
            for (int j = 0; j < p; j++) g[j] += dense[o + j] * ri;
        }
        for (int j = 0; j < p; j++) g[j] = (g[j] - xbar[j] * sr) / scale[j] / n;
        return g;
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
