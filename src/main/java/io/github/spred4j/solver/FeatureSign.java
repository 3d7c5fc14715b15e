package io.github.spred4j.solver;

import java.util.Arrays;

/**
 * Many targets' lasso / elastic net on one Gram ({@link GramBatch#fitTargets}) by feature-sign search (Lee, Battle,
 * Raina and Ng, 2007): on an active set A with signs s fixed the problem is a quadratic whose minimiser is
 * x = (Q_AA + μI)⁻¹(q_A − λα·s_A), one solve with the Cholesky factor kept in step with A ({@link GramFactor}, O(|A|²)
 * per coordinate entering or leaving). From b, a step goes to x when every sign holds; otherwise b moves along
 * b → x to the first coordinate reaching 0 against its sign (the objective, a quadratic decreasing along that
 * segment, falls) and that coordinate leaves A. When every sign holds, g = Qb − q over all p gives the KKT
 * violators outside A, which enter with the sign that lowers the objective; none left: b is the exact minimiser.
 *
 * <p>Each target starts from b = 0 with the previous target's active set and signs (related responses share most
 * of their support: the factor is then already built, and a target whose support did not change costs one solve
 * and one pass over Q's support columns, where coordinate descent sweeps ~10 times). Only a fast route: the caller
 * certifies b from the Gram and solves by descent ({@link GramLasso}) where this gives up (a numerically singular
 * block, as at p &gt; n without a ridge term; too many steps; λα = 0).
 */
final class FeatureSign {
    private final int p;
    private final GramColumns Q; // whole or lazy: only the columns of coordinates that enter A are read
    final double[] b, g; // solution (internal coordinates) and g = Qb − q (valid after a successful solve)
    private final double[] s, rhs; // signs of the active set (0 outside it); the Newton right-hand side
    private final int[] enter;
    private GramFactor factor;
    int steps; // Newton steps so far (for FitResult.iterations)

    FeatureSign(int p, double[] Q) {
        this(new GramColumns(p, Q));
    }

    /** On Q's columns, whole or lazy. */
    FeatureSign(GramColumns Q) {
        int p = Q.p;
        this.p = p;
        this.Q = Q;
        b = new double[p];
        g = new double[p];
        s = new double[p];
        rhs = new double[p];
        enter = new int[p];
    }

    /**
     * Solves for the scaled Xᵀy {@code q} at (λα, λ(1−α)) = (la, mu) from b = 0 and the previous active set; returns
     * true when b is the exact minimiser (to rounding), false when it gave up (b is then finite but not the answer,
     * and the active set is emptied).
     */
    boolean solve(double[] q, double la, double mu) {
        Arrays.fill(b, 0);
        if (!(la > 0)) return forget(); // a pure ridge term: no signs to search (descent solves it)
        if (factor == null || factor.mu != mu) {
            factor = new GramFactor(Q, mu);
            Arrays.fill(s, 0);
        }
        double[] x = rhs;
        boolean one = false, entered = false; // one: enter the largest violator only (after several entering at once crossed back)
        for (int round = 0, rounds = Math.min(4 * p + 8, 200); round < rounds; round++) { // bounded: descent takes over
            steps++;
            int m = factor.k;
            if (m > 0) {
                for (int a = 0; a < m; a++) {
                    int j = factor.coordinate(a);
                    rhs[a] = q[j] - la * s[j];
                }
                x = factor.solve(rhs);
                int wrong = dropWrongAtZero(x);
                if (wrong < 0) return forget();
                if (wrong > 0) { // coordinates at 0 whose x has the wrong sign left without moving b: solve again
                    one |= entered;
                    continue;
                }
                int cross = crossing(x);
                if (cross >= 0) continue; // b moved to the first crossing, that coordinate left A
                for (int a = 0; a < m; a++) b[factor.coordinate(a)] = x[a];
            }
            gradient(q);
            int ne = violators(la, one);
            if (ne == 0) return true;
            entered = true;
            if (factor.addAll(enter, ne) < ne) return forget(); // numerically singular (p > n, duplicated columns)
        }
        return forget();
    }

    /**
     * The KKT violators outside A into {@code enter} with their entering signs in s (only the largest when
     * {@code one}: a single coordinate entering at an optimum on A keeps its sign, so the search cannot cycle);
     * returns their count. |g_j| at λα to rounding is no violation (it would enter and leave again).
     */
    private int violators(double la, boolean one) {
        double limit = la * (1 + 1e-12), worst = limit;
        int ne = 0;
        for (int j = 0; j < p; j++) {
            double v = Math.abs(g[j]);
            if (s[j] != 0 || !(v > limit)) continue;
            if (!one) enter[ne++] = j;
            else if (v > worst) {
                worst = v;
                enter[0] = j;
                ne = 1;
            }
        }
        for (int e = 0; e < ne; e++) s[enter[e]] = -Math.signum(g[enter[e]]);
        return ne;
    }

    /** Makes the active set the support of {@code b0} (a solution found otherwise) for the next target. */
    void follow(double[] b0) {
        if (factor == null) return;
        for (int a = factor.k - 1; a >= 0; a--) {
            int j = factor.coordinate(a);
            if (b0[j] == 0) factor.remove(j);
        }
        int ne = 0;
        for (int j = 0; j < p; j++) {
            s[j] = Math.signum(b0[j]);
            if (b0[j] != 0 && !factor.has(j)) enter[ne++] = j;
        }
        if (ne > 0 && factor.addAll(enter, ne) < ne) {
            factor.clear();
            Arrays.fill(s, 0);
        }
    }

    /** The active set emptied (nothing is carried to the next target from a failed search); returns false. */
    private boolean forget() {
        if (factor != null) factor.clear();
        Arrays.fill(s, 0);
        return false;
    }

    /**
     * Removes from A every coordinate at b_j = 0 whose x has the wrong sign (a step along b → x would cross at once:
     * they leave without b moving). Returns how many left, or −1 when x is not finite (a singular block).
     */
    private int dropWrongAtZero(double[] x) {
        int m = factor.k, ne = 0;
        for (int a = 0; a < m; a++) {
            if (!Double.isFinite(x[a])) return -1;
            int j = factor.coordinate(a);
            if (b[j] == 0 && Math.signum(x[a]) != s[j]) enter[ne++] = j;
        }
        for (int e = 0; e < ne; e++) s[enter[e]] = 0;
        if (ne <= m / 4) {
            for (int e = 0; e < ne; e++) factor.remove(enter[e]);
            return ne;
        }
        int kept = 0; // many leave (a new target's support): a fresh factor of the rest costs less than the rotations
        for (int a = 0; a < m; a++) if (s[factor.coordinate(a)] != 0) enter[kept++] = factor.coordinate(a);
        factor.clear();
        return factor.addAll(enter, kept) < kept ? -1 : ne;
    }

    /**
     * The first coordinate of A (all non-zero with their signs, or at 0 with x's sign right) that reaches 0 against
     * its sign along b → x: b moved there, that coordinate set to exactly 0 and removed; returns its row, or −1
     * when every sign holds (b not moved).
     */
    private int crossing(double[] x) {
        int m = factor.k, cross = -1;
        double t = 1;
        for (int a = 0; a < m; a++) {
            int j = factor.coordinate(a);
            if (Math.signum(x[a]) != s[j]) { // b_j ≠ 0 here: dropWrongAtZero removed the others
                double ta = b[j] / (b[j] - x[a]);
                if (ta < t) {
                    t = ta;
                    cross = a;
                }
            }
        }
        if (cross < 0) return -1;
        int jc = factor.coordinate(cross);
        for (int a = 0; a < m; a++) {
            int j = factor.coordinate(a);
            b[j] = j == jc ? 0 : b[j] + t * (x[a] - b[j]);
        }
        factor.remove(jc);
        s[jc] = 0;
        return cross;
    }

    /** g = Qb − q from the non-zero coordinates (O(p·|A|)). */
    private void gradient(double[] q) {
        GramCertificate.gradient(Q, q, b, g);
    }
}
