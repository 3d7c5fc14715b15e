package io.github.spred4j.solver;

/**
 * One fitted model. {@code beta} has length p, on the original scale of X, with exact zeros.
 * {@code certificateName} is "duality_gap" (SQUARED, LOGISTIC: relative gap (P − D)/max(|P|, tiny)) or
 * "kkt_violation" (GROUP: max KKT violation divided by λ); {@code certificate} is computed in float64 on the
 * returned (zeroed) vector. {@code converged} is implied by {@code certificate <= tol} of the options used.
 */
public record FitResult(double intercept, double[] beta, double lambda, double objective, String certificateName,
                        double certificate, int nnz, int iterations, double seconds, String backend, String device) {
}
