package io.github.spred4j.solver;

import java.util.List;

/** A regularisation path: {@code fits.get(i)} is the fit at {@code lambdas[i]} (decreasing λ). */
public record PathResult(double[] lambdas, List<FitResult> fits) {
}
