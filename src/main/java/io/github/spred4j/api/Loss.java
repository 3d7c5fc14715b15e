package io.github.spred4j.api;

/**
 * The losses of the one-pass gradient kernel, as their mean link (spred_mean in kernels/spred_math.h): residual
 * {@code r = y − mean(η)}. SQUARED: mean(η) = η (lasso). LOGISTIC: mean(η) = 1/(1+e^−η) (binomial, y ∈ {0,1}).
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
