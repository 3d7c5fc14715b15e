package io.github.spred4j.api;

/** The fused optimizer updates a {@link SpredOptimizer} can run. */
public sealed interface UpdateRule permits SgdParams, MomentumParams, AdamParams {
    double lr();

    double alpha();

    double beta();
}
