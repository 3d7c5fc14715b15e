package io.github.spred4j.solver;

import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;

import java.util.Arrays;

/**
 * glmnet's {@code weights} and {@code penalty.factor} by an exact transformation of the problem, so the engine
 * (and its certificate) solve the weighted, penalty-factored problem itself, never an approximation of it:
 *
 * <p>P(b0, β) = Σ a_i ℓ(y_i, b0 + x_iᵀβ) + λ Σ_j f_j (α|s_jβ_j| + (1−α)/2 (s_jβ_j)²), with a the weights over their
 * sum, f the penalty factors rescaled to sum to p ({@link GlmInputs}) and s the weighted standard deviations
 * (glmnet: centred at the weighted mean, divisor Σa = 1; 1 without standardisation).
 *
 * <ul>
 * <li>The engine works on the penalised columns x_j/(s_j·f_j) with coefficient f_j·s_j·β_j (the factor folded into
 * the column scale, standardize off). With α < 1 the ridge part would then carry 1/f_j: there the penalised
 * factors must share one value f, which folds into λ instead (engine λ = f·λ, columns x_j/s_j).</li>
 * <li>f_j = Inf (excluded) and constant columns (glmnet's {@code chkvars}) are dropped: coefficient 0.</li>
 * <li>Squared loss with weights or unpenalised columns (f_j = 0): rows scaled by √(n·a_i), then the intercept and
 * the unpenalised columns projected out (orthogonal complement in the a-weighted inner product, like centring).
 * Minimising over them in closed form leaves exactly the reduced problem in β (no intercept), so the engine's
 * duality gap bounds P(β, γ*(β), b0*(β)) − P* of the full problem; b0 and γ are that least-squares solution.</li>
 * <li>Logistic and Poisson: the factors fold into the column scale. Weights and f_j = 0 with them, and unequal factors
 * with α < 1, take {@link WeightedGlm}'s route instead ({@link WeightedGlm#needed}); this class refuses them.</li>
 * </ul>
 */
final class Reweighted {
    final int n, p;
    final Dataset data;     // the engine's problem
    final FitOptions opts;  // the engine's options (no weights, no factors)
    final double k;         // engine λ = k·λ
    final int[] kept;       // engine column c is original feature kept[c]
    final double[] colFactor; // engine column c = (projected) x_kept[c] / colFactor[c]; its coefficient colFactor[c]·β
    private final Projection proj; // squared loss with weights / unpenalised columns, else null
    private final double[] y;

    private Reweighted(int n, int p, Dataset data, FitOptions opts, double k, int[] kept, double[] colFactor,
                       Projection proj, double[] y) {
        this.n = n;
        this.p = p;
        this.data = data;
        this.opts = opts;
        this.k = k;
        this.kept = kept;
        this.colFactor = colFactor;
        this.proj = proj;
        this.y = y;
    }

    static Reweighted of(Dataset d, FitOptions o) {
        int n = d.n(), p = d.p();
        double[] y = d.y();
        if (y == null || y.length != n)
            throw new IllegalArgumentException("y has length " + (y == null ? "null" : y.length) + ", expected n = " + n);
        double[] a = GlmInputs.weights(o.weights(), n);
        double[] f = GlmInputs.factors(o.penaltyFactor(), p);
        boolean weighted = !GlmInputs.uniform(o.weights());
        boolean free = false;
        for (double v : f) free |= v == 0;
        if (o.model() != Model.SQUARED && weighted)
            throw new IllegalArgumentException("observation weights are supported for the squared loss only in this version (model "
                    + o.model() + "): give equal weights or use Model.SQUARED");
        if (o.model() != Model.SQUARED && free)
            throw new IllegalArgumentException("penalty factor 0 (an unpenalised feature) is supported for the squared loss only in this version (model "
                    + o.model() + ")");
        double common = Double.NaN;
        boolean mixed = false;
        for (double v : f)
            if (v > 0 && v < Double.POSITIVE_INFINITY) {
                if (Double.isNaN(common)) common = v;
                else mixed |= v != common;
            }
        if (mixed && o.alpha() < 1)
            throw new IllegalArgumentException("penalty factors that differ among the penalised features need alpha = 1 (the lasso), got alpha = "
                    + o.alpha() + ": the elastic net's ridge part does not fold into the column scale");
        double k = mixed ? 1 : common;
        ColumnStats st = ColumnStats.of(d, a);
        double[] s = new double[p];
        for (int j = 0; j < p; j++) s[j] = o.standardize() && st.sd[j] > 0 ? st.sd[j] : 1;
        int m = 0;
        int[] kept = new int[p];
        double[] cf = new double[p];
        int[] unpen = new int[p];
        int u = 0;
        for (int j = 0; j < p; j++) {
            if (st.constant[j] || Double.isInfinite(f[j])) continue; // glmnet's chkvars / exclude: coefficient 0
            if (f[j] == 0) unpen[u++] = j;
            else {
                kept[m] = j;
                cf[m++] = mixed ? s[j] * f[j] : s[j];
            }
        }
        kept = Arrays.copyOf(kept, m);
        cf = Arrays.copyOf(cf, m);
        String[] names = new String[m];
        for (int c = 0; c < m; c++) names[c] = d.name(kept[c]);
        FitOptions plain = o.plain();
        if (o.model() == Model.SQUARED && (weighted || u > 0)) {
            String refusal = d.isSparse() ? DenseGuard.refusal(n, p, "observation weights or penalty factor 0") : null;
            if (refusal != null) throw new IllegalArgumentException(refusal);
            double[] x = HostX.dense(d);
            Projection pr = Projection.of(x, n, p, a, o.intercept(), Arrays.copyOf(unpen, u), d);
            double[] z = new double[n * m];
            for (int c = 0; c < m; c++) {
                double[] v = pr.project(pr.column(x, kept[c]));
                double sc = Math.sqrt(n) / cf[c];
                for (int i = 0; i < n; i++) z[i * m + c] = v[i] * sc;
            }
            double[] yv = pr.project(pr.rooted(y));
            double[] yz = new double[n];
            for (int i = 0; i < n; i++) yz[i] = yv[i] * Math.sqrt(n);
            return new Reweighted(n, p, Dataset.dense(n, m, z, yz, names),
                    plain.withIntercept(false).withStandardize(false), k, kept, cf, pr, y);
        }
        return new Reweighted(n, p, scaledColumns(d, kept, cf, names), plain.withStandardize(false), k, kept, cf, null, y);
    }

    /** X with only the kept columns, each divided by its factor: dense stays dense, CSR stays CSR. */
    private static Dataset scaledColumns(Dataset d, int[] kept, double[] cf, String[] names) {
        int n = d.n(), p = d.p(), m = kept.length;
        if (!d.isSparse()) {
            double[] x = HostX.dense(d), z = new double[n * m];
            for (int i = 0; i < n; i++) for (int c = 0; c < m; c++) z[i * m + c] = x[i * p + kept[c]] / cf[c];
            return Dataset.dense(n, m, z, d.y(), names);
        }
        int[] to = new int[p];
        Arrays.fill(to, -1);
        for (int c = 0; c < m; c++) to[kept[c]] = c;
        CsrMatrix x = HostX.csr(d);
        long[] rp = x.rowPtr();
        int[] ci = x.colIdx();
        double[] v = x.values();
        int nnz = 0;
        for (int q = 0; q < rp[n]; q++) if (to[ci[q]] >= 0) nnz++;
        int[] rowPtr = new int[n + 1], col = new int[nnz];
        double[] val = new double[nnz];
        int o = 0;
        for (int i = 0; i < n; i++) {
            for (int q = (int) rp[i]; q < rp[i + 1]; q++) {
                int c = to[ci[q]];
                if (c < 0) continue;
                col[o] = c;
                val[o++] = v[q] / cf[c];
            }
            rowPtr[i + 1] = o;
        }
        return Dataset.sparse(n, m, rowPtr, col, val, d.y(), names);
    }

    /** λ on the engine's scale. */
    double engineLambda(double lambda) {
        return lambda * k;
    }

    /**
     * The engine's answer on the caller's problem at the caller's {@code lambda} (not f.lambda()/k, which may differ
     * in the last bit): β on the original scale and order, b0 and the unpenalised γ.
     */
    FitResult back(FitResult f, double lambda, double extraSeconds) {
        double[] beta = new double[p];
        double[] c = f.beta();
        for (int i = 0; i < kept.length; i++) beta[kept[i]] = c[i] == 0 ? 0 : c[i] / colFactor[i];
        double b0 = f.intercept();
        if (proj != null) b0 = proj.solveFree(y, beta, beta);
        int nnz = 0;
        for (double v : beta) if (v != 0) nnz++;
        return new FitResult(b0, beta, lambda, f.objective(), f.certificateName(), f.certificate(), nnz,
                f.iterations(), f.seconds() + extraSeconds, f.backend(), f.device());
    }

    /** The listener that sees the caller's results, not the engine's. */
    PathListener listener(PathListener l, double[] lambdas, double extraSeconds) {
        return (i, total, fit) -> l.fitted(i, total, back(fit, lambdas[i], extraSeconds));
    }
}
