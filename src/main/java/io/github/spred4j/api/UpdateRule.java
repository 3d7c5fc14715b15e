package io.github.spred4j.api;

/**
 * The fused optimizer updates a {@link SpredOptimizer} can run, on the spred objective
 * {@code L(U⊙W) + penaltyU·‖U‖² + penaltyW·‖W‖²}. The kernels receive the derived decay coefficients
 * {@link #decayU()} = 2·penaltyU and {@link #decayW()} = 2·penaltyW, computed here once for every backend.
 */
public sealed interface UpdateRule permits SgdParams, MomentumParams, AdamParams {
    double lr();

    /** The coefficient of {@code ‖U‖²} in the objective (λ/2 for the L1 problem of weight λ). */
    double penaltyU();

    /** The coefficient of {@code ‖W‖²} in the objective (λ/2 for the L1 problem of weight λ). */
    double penaltyW();

    /** {@code 2·penaltyU}: the decay in U's gradient {@code G⊙W + decayU·U}. */
    default double decayU() {
        return 2 * penaltyU();
    }

    /** {@code 2·penaltyW}: the decay in W's gradient {@code G⊙U + decayW·W}. */
    default double decayW() {
        return 2 * penaltyW();
    }

    /** @deprecated the U penalty was called alpha, which is also the elastic-net mix; use {@link #penaltyU()}. */
    @Deprecated
    default double alpha() {
        return penaltyU();
    }

    /** @deprecated use {@link #penaltyW()}. */
    @Deprecated
    default double beta() {
        return penaltyW();
    }
}
