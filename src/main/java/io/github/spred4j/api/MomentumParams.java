package io.github.spred4j.api;

/**
 * Heavy-ball momentum on the spred objective, per parameter θ ∈ {U, W} with gradient g:
 * {@code m ← momentum·m + g}, then {@code θ ← θ − lr·m} (or, with Nesterov, {@code θ ← θ − lr·(g + momentum·m)}).
 */
public record MomentumParams(double lr, double momentum, boolean nesterov, double penaltyU, double penaltyW) implements UpdateRule {
    public MomentumParams {
        Check.positive("lr", lr);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        Check.nonNegative("penaltyU", penaltyU);
        Check.nonNegative("penaltyW", penaltyW);
    }

    public static MomentumParams of(double lr, double momentum, double lambda) {
        Check.nonNegative("lambda", lambda);
        return new MomentumParams(lr, momentum, false, lambda / 2, lambda / 2);
    }
}
