package io.github.spred4j.solver;

/**
 * The start of a target's Gram solve from the previous target's solution (many targets at one λ, {@link GramBatch}):
 * on a fixed support A with fixed signs s the solution is linear in the response, b_A = (Q_AA + μI)⁻¹(q_A − λα·s_A),
 * so the previous support and signs with the new q give the new solution at once when the support did not
 * change, and a near one when it changed by a few coordinates (a coordinate whose sign would flip starts at 0).
 * The Cholesky factor of Q_AA + μI is kept in step with the support ({@link GramFactor}: O(k²) per change).
 * Only a starting point: the solver's descent, KKT check and the certificate decide.
 */
final class SupportGuess {
    private final int p;
    private final GramColumns Q;
    private final double[] sign, rhs, start; // work arrays of p, kept: one guess per target, nothing allocated per target
    private final int[] enter;
    private GramFactor factor;
    private boolean valid; // the factor holds the last settled solution's support and sign has its signs

    SupportGuess(GramColumns Q) {
        int p = Q.p;
        this.p = p;
        this.Q = Q;
        sign = new double[p];
        rhs = new double[p];
        start = new double[p];
        enter = new int[p];
    }

    /**
     * Moves the solver's b to the guess for the response with scaled Xᵀy {@code q} at (λα, λ(1−α)) = (la, mu);
     * returns whether it did (false: no settled previous solution, another ridge term, or an empty support).
     */
    boolean apply(GramLasso gl, double[] q, double la, double mu) {
        if (!valid || factor.mu != mu || factor.k == 0) return false;
        int m = factor.k;
        for (int a = 0; a < m; a++) {
            int j = factor.coordinate(a);
            rhs[a] = q[j] - la * sign[j];
        }
        double[] x = factor.solve(rhs); // reads rhs[0..m) only
        System.arraycopy(gl.b, 0, start, 0, p);
        for (int a = 0; a < m; a++) {
            int j = factor.coordinate(a);
            if (!Double.isFinite(x[a])) return false;
            start[j] = Math.signum(x[a]) == sign[j] ? x[a] : 0;
        }
        gl.start(start);
        return true;
    }

    /** Brings the factor and the signs to the support of the solver's solution {@code b} (when it settled). */
    void follow(double[] b, boolean settled, double mu) {
        valid = false;
        if (!settled) return;
        if (factor == null || factor.mu != mu) factor = new GramFactor(Q, mu);
        for (int a = factor.k - 1; a >= 0; a--) {
            int j = factor.coordinate(a);
            if (b[j] == 0) factor.remove(j);
        }
        int ne = 0;
        for (int j = 0; j < p; j++) {
            sign[j] = Math.signum(b[j]);
            if (b[j] != 0 && !factor.has(j)) enter[ne++] = j;
        }
        if (ne > 0 && factor.addAll(enter, ne) < ne) { // numerically singular support: no guess from it
            factor.clear();
            return;
        }
        valid = true;
    }
}
