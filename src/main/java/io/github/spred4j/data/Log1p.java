package io.github.spred4j.data;

/**
 * log(1 + x) for x &gt; −1 within a few ulp (Goldberg 1991, Theorem 4: with d = 1 + x rounded, log(d)·x/(d − 1)
 * cancels d's rounding error). Math.log1p is a non-intrinsic library call on JDK 17, about twice Math.log's cost,
 * and the logistic loss, its dual terms and the IRLS covariance mode's fused row call it once per row per pass:
 * one home for all of them.
 */
public final class Log1p {
    private Log1p() {
    }

    /** log(1 + x); −∞ at x = −1, NaN below −1 or at NaN, x itself where 1 + x rounds to 1. */
    public static double of(double x) {
        double d = 1 + x;
        if (d == 1 || d == Double.POSITIVE_INFINITY) return d == 1 ? x : d;
        return Math.log(d) * (x / (d - 1));
    }
}
