package io.github.spred4j.solver;

/**
 * A warm-started lasso / elastic-net path on a Gram alone, for callers that hold the Gram sums but not the rows
 * (the Spark adapter's cross-validation builds each fold's training Gram on the driver): the same solver and the
 * same path loop as the core's Gram cross-validation ({@link GramCv}: {@link GramLasso} in covariance mode,
 * strong rule, line extrapolation along λ, Newton on the support), so a caller's fold fits equal the core's.
 *
 * <p>The problem, in the solver's internal (centred, scaled) coordinates: minimise ½bᵀQb − qᵀb + ½yy +
 * λ(α‖b‖₁ + (1−α)/2‖b‖²) with Q = ZᵀZ/n (p×p, row-major, both triangles), q = Zᵀy_c/n and yy = ‖y_c‖²/n. Each
 * point's certificate is the relative duality gap (P − D)/|P| of the Gram form, computed from g = Qb − q
 * recomputed from scratch, never clamped: a point above the tolerance (the descent stalled) is reported as such,
 * and the caller decides (the core refits it on the rows).
 */
public final class GramPath {
    private GramPath() {
    }

    /**
     * The path: {@code b[l]} (internal coordinates, length p, exact zeros off the support) and {@code gap[l]}, the
     * relative duality gap of {@code b[l]} at {@code lambdas[l]}.
     */
    public record Result(double[][] b, double[] gap) {
    }

    /**
     * Solves at every λ of {@code lambdas} (non-increasing, each &gt; 0) in order, each from the last solution.
     * Inputs are not modified.
     *
     * @param Q       Gram of the centred, scaled columns over n (p×p row-major, symmetric)
     * @param q       their inner products with the centred response over n (length p)
     * @param yy      the centred response's sum of squares over n (the certificate's constant term)
     * @param alpha   the L1 share of the penalty, in (0, 1]
     * @param lambdas the path, non-increasing
     * @param tol     the relative duality gap asked for (the solver aims at a tenth of it, as the core's CV does)
     * @throws IllegalArgumentException on a shape mismatch, a non-finite entry, α outside (0, 1], an increasing or
     *                                  non-positive λ, or tol ≤ 0
     */
    public static Result solve(double[] Q, double[] q, double yy, double alpha, double[] lambdas, double tol) {
        int p = q.length;
        if (Q.length != (long) p * p)
            throw new IllegalArgumentException("Q has " + Q.length + " entries, expected p×p = " + p + "×" + p + " (p from q)");
        for (int i = 0; i < Q.length; i++)
            if (!Double.isFinite(Q[i])) throw new IllegalArgumentException("Q[" + i / Math.max(p, 1) + "][" + i % Math.max(p, 1) + "] is " + Q[i]);
        for (int j = 0; j < p; j++) if (!Double.isFinite(q[j])) throw new IllegalArgumentException("q[" + j + "] is " + q[j]);
        if (!(Double.isFinite(yy) && yy >= 0)) throw new IllegalArgumentException("yy must be finite and ≥ 0, got " + yy);
        if (!(alpha > 0 && alpha <= 1)) throw new IllegalArgumentException("alpha must be in (0, 1], got " + alpha);
        if (!(tol > 0)) throw new IllegalArgumentException("tol must be > 0, got " + tol);
        for (int l = 0; l < lambdas.length; l++)
            if (!(lambdas[l] > 0 && Double.isFinite(lambdas[l])) || l > 0 && lambdas[l] > lambdas[l - 1])
                throw new IllegalArgumentException("lambdas must be finite, > 0 and non-increasing; lambdas[" + l + "] = " + lambdas[l]);
        GramLasso gl = new GramLasso(p, Q.clone(), q.clone(), yy, alpha);
        gl.target = Math.max(0.1 * tol, 1e-15); // GramBatch.target: the core's CV aims at the same
        double lmax = gl.lambdaMax();
        double[][] b = new double[lambdas.length][];
        double[] gap = new double[lambdas.length];
        double prev = lambdas.length == 0 ? 0 : Math.max(lmax, lambdas[0]);
        for (int l = 0; l < lambdas.length; l++) {
            gap[l] = gl.solve(lambdas[l], prev); // b = 0 at λ_max where it certifies
            prev = lambdas[l];
            b[l] = gl.b.clone();
        }
        return new Result(b, gap);
    }
}
