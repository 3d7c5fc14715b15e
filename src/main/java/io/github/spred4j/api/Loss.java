package io.github.spred4j.api;

/**
 * The losses of the one-pass gradient kernel, as the mean link μ: residual {@code r = y − μ(η)}.
 * SQUARED: μ(η) = η (lasso). LOGISTIC: μ(η) = 1/(1+e^−η) (binomial, y ∈ {0,1}).
 */
public enum Loss {
    SQUARED(0),
    LOGISTIC(1);

    /** The integer the kernels receive. */
    public final int code;

    Loss(int code) {
        this.code = code;
    }
}
