package io.github.spred4j.api;

/**
 * Plain gradient step on the spred objective: {@code U ← U − lr·(G⊙W + 2αU)}, {@code W ← W − lr·(G⊙U + 2βW)}.
 * The penalty λ of the L1 problem corresponds to {@code αβ = (λ/2)²}; {@link #of} takes α = β = λ/2.
 */
public record SgdParams(double lr, double alpha, double beta) implements UpdateRule {
    public SgdParams {
        Check.positive("lr", lr);
        Check.nonNegative("alpha", alpha);
        Check.nonNegative("beta", beta);
    }

    public static SgdParams of(double lr, double lambda) {
        Check.nonNegative("lambda", lambda);
        return new SgdParams(lr, lambda / 2, lambda / 2);
    }
}
