package io.github.spred4j.api;

/**
 * Adam on the spred objective with bias correction. By default the decay is inside the gradient
 * ({@code g = G⊙W + 2·penaltyU·U}), the form the spred theory covers. {@code decoupled = true} gives AdamW's
 * decoupled decay ({@code θ ← θ − lr·(m̂/(√v̂+ε) + decay·θ)} with g the loss gradient alone), which is a different
 * objective. {@code beta1}, {@code beta2} are Adam's moment decay rates (not penalties).
 */
public record AdamParams(double lr, double beta1, double beta2, double eps, double penaltyU, double penaltyW, boolean decoupled)
        implements UpdateRule {
    public AdamParams {
        Check.positive("lr", lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        Check.positive("eps", eps);
        Check.nonNegative("penaltyU", penaltyU);
        Check.nonNegative("penaltyW", penaltyW);
    }

    /** Adam with the usual defaults (0.9, 0.999, 1e-8) and both penalties λ/2. */
    public static AdamParams of(double lr, double lambda) {
        Check.nonNegative("lambda", lambda);
        return new AdamParams(lr, 0.9, 0.999, 1e-8, lambda / 2, lambda / 2, false);
    }

    /** {@code 1/(1−beta1^step)}: the first moment's bias correction at {@code step} (1, 2, ...), in double. */
    public double biasCorrection1(long step) {
        return 1 / (1 - Math.pow(beta1, step));
    }

    /** {@code 1/(1−beta2^step)}: the second moment's bias correction at {@code step}, in double. */
    public double biasCorrection2(long step) {
        return 1 / (1 - Math.pow(beta2, step));
    }
}
