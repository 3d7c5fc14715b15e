package io.github.spred4j.api;

/**
 * Plain gradient step on the spred objective: {@code U ← U − lr·(G⊙W + 2·penaltyU·U)},
 * {@code W ← W − lr·(G⊙U + 2·penaltyW·W)}. The penalty λ of the L1 problem corresponds to
 * {@code penaltyU·penaltyW = (λ/2)²}; {@link #of} takes both = λ/2.
 */
public record SgdParams(double lr, double penaltyU, double penaltyW) implements UpdateRule {
    public SgdParams {
        Check.positive("lr", lr);
        Check.nonNegative("penaltyU", penaltyU);
        Check.nonNegative("penaltyW", penaltyW);
    }

    public static SgdParams of(double lr, double lambda) {
        Check.nonNegative("lambda", lambda);
        return new SgdParams(lr, lambda / 2, lambda / 2);
    }
}
