package io.github.spred4j.solver;

import java.util.Locale;

/**
 * glmnet's observation weights and penalty factors, checked (one-line messages: wrong length, negative, NaN, all
 * zero) and normalised as glmnet normalises them: the weights to sum to 1 (the loss is Σ w_i ℓ_i / Σ w_i), the
 * penalty factors to sum to p, an excluded feature ({@code Inf}) counting as 1 in that sum (glmnet turns Inf into
 * {@code exclude} and resets the factor to 1 "so as not to change the λ sequence").
 */
final class GlmInputs {
    private GlmInputs() {
    }

    /** The weights divided by their sum (length n, each ≥ 0, sum 1); all 1/n when {@code w} is null. */
    static double[] weights(double[] w, int n) {
        double[] a = new double[n];
        if (w == null) {
            java.util.Arrays.fill(a, 1.0 / n);
            return a;
        }
        if (w.length != n)
            throw new IllegalArgumentException("weights has length " + w.length + ", expected one per row, n = " + n);
        double s = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(w[i]) || Double.isInfinite(w[i]))
                throw new IllegalArgumentException("weights[" + i + "] is not finite: " + w[i]);
            if (w[i] < 0) throw new IllegalArgumentException("weights[" + i + "] is negative: " + w[i]);
            s += w[i];
        }
        if (!(s > 0)) throw new IllegalArgumentException("weights are all zero: at least one row needs a positive weight");
        if (Double.isInfinite(s))
            throw new IllegalArgumentException(String.format(Locale.ROOT, "weights sum to infinity in float64: rescale them"));
        for (int i = 0; i < n; i++) a[i] = w[i] / s;
        return a;
    }

    /**
     * The penalty factors rescaled to sum to p (Inf kept: excluded); all 1 when {@code pf} is null. Refuses
     * NaN, negative values, a wrong length, and factors with no penalised feature left (all 0 or Inf).
     */
    static double[] factors(double[] pf, int p) {
        double[] f = new double[p];
        if (pf == null) {
            java.util.Arrays.fill(f, 1);
            return f;
        }
        if (pf.length != p)
            throw new IllegalArgumentException("penalty factor has length " + pf.length + ", expected one per feature, p = " + p);
        double s = 0;
        boolean penalised = false;
        for (int j = 0; j < p; j++) {
            if (Double.isNaN(pf[j])) throw new IllegalArgumentException("penalty factor [" + j + "] is NaN");
            if (pf[j] < 0) throw new IllegalArgumentException("penalty factor [" + j + "] is negative: " + pf[j]);
            s += Double.isInfinite(pf[j]) ? 1 : pf[j];
            penalised |= pf[j] > 0 && !Double.isInfinite(pf[j]);
        }
        if (!penalised && p > 0)
            throw new IllegalArgumentException("penalty factors are all zero or infinite: at least one feature must be penalised (a factor > 0 and finite)");
        if (Double.isInfinite(s)) throw new IllegalArgumentException("penalty factors sum to infinity in float64: rescale them");
        for (int j = 0; j < p; j++) f[j] = Double.isInfinite(pf[j]) ? Double.POSITIVE_INFINITY : pf[j] * p / s;
        return f;
    }

    /** Whether every weight is the same (the unweighted problem: no transformation is needed for them). */
    static boolean uniform(double[] w) {
        if (w == null) return true;
        for (double v : w) if (v != w[0]) return false;
        return true;
    }
}
