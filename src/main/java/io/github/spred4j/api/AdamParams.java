package io.github.spred4j.api;

/**
 * Adam on the spred objective with bias correction. By default the decay is inside the gradient
 * ({@code g = G⊙W + 2αU}), the form the spred theory covers. {@code decoupled = true} gives AdamW's decoupled
 * decay ({@code θ ← θ − lr·(m̂/(√v̂+ε) + 2α·θ)} with g the loss gradient alone), which is a different objective.
 */
public record AdamParams(double lr, double beta1, double beta2, double eps, double alpha, double beta, boolean decoupled)
        implements UpdateRule {
    public AdamParams {
        Check.positive("lr", lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        Check.positive("eps", eps);
        Check.nonNegative("alpha", alpha);
        Check.nonNegative("beta", beta);
    }

    /** Adam with the usual defaults (0.9, 0.999, 1e-8) and α = β = λ/2. */
    public static AdamParams of(double lr, double lambda) {
        Check.nonNegative("lambda", lambda);
        return new AdamParams(lr, 0.9, 0.999, 1e-8, lambda / 2, lambda / 2, false);
    }
}
