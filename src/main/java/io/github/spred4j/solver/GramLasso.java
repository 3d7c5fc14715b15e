package io.github.spred4j.solver;

import java.util.Arrays;

/**
 * The squared-loss problem (lasso / elastic net) held entirely in its Gram form, glmnet's covariance mode:
 * ½bᵀQb − qᵀb + ½yy + λ(α‖b‖₁ + (1−α)/2‖b‖²) with Q = ZᵀZ/n, q = Zᵀy_c/n, yy = ‖y_c‖²/n in the solver's internal
 * coordinates (Z = centred, scaled X). An iteration costs O(p·|A|) and never touches X.
 *
 * <p>At each λ: the strong rule picks the starting active set A (support ∪ {j : |g_j| > 2λ − λ_prev}); on A the
 * problem is solved exactly by sign-consistent Newton steps (feature-sign search: the Newton system
 * (Q_AA + μI) b_A = q_A − λα·s_A, then a discrete line search over the zero crossings so the objective never
 * rises, crossing coordinates leaving A); then the KKT condition over all p from g = Qb − q (the Gram cache, no
 * pass over X) adds the worst violators, until none is left. The relative duality gap is computed from the same
 * Gram quantities, exactly as {@link Problem#certificate} defines it.
 */
final class GramLasso {
    final int p;
    final double[] Q, q;
    final double yy, alpha;
    final double[] b, g; // solution (internal) and g = Qb − q (loss gradient, without the ridge term)
    int iterations;

    GramLasso(int p, double[] Q, double[] q, double yy, double alpha) {
        this.p = p;
        this.Q = Q;
        this.q = q;
        this.yy = yy;
        this.alpha = alpha;
        b = new double[p];
        g = new double[p];
        for (int j = 0; j < p; j++) g[j] = -q[j];
    }

    /** Starts from {@code b0} (internal coordinates), e.g. a similar problem's solution: g = Qb − q recomputed. */
    void start(double[] b0) {
        for (int j = 0; j < p; j++) setCoordinate(j, b0[j]);
    }

    /** λ_max: the smallest λ with b = 0. */
    double lambdaMax() {
        double m = 0;
        for (double v : q) m = Math.max(m, Math.abs(v));
        return m / alpha;
    }

    /**
     * Solves at λ from the current b (warm start from {@code lambdaPrev}); returns the relative duality gap, or
     * NaN when the active-set iteration did not settle (the caller then uses the general engine).
     */
    double solve(double lambda, double lambdaPrev) {
        double la = lambda * alpha, mu = lambda * (1 - alpha);
        boolean[] inA = new boolean[p];
        double strong = alpha * (2 * lambda - lambdaPrev);
        for (int j = 0; j < p; j++) inA[j] = b[j] != 0 || Math.abs(g[j] + mu * b[j]) > strong;
        for (int outer = 0; outer < 4 * p + 20; outer++) {
            if (!onActiveSet(inA, la, mu)) return Double.NaN;
            // KKT over all p: zero coordinates whose gradient exceeds the penalty enter (the worst first)
            int add = 0;
            double worst = 0;
            int[] viol = new int[p];
            for (int j = 0; j < p; j++) {
                double v = Math.abs(g[j]) - la;
                if (b[j] == 0 && v > 1e-12 * Math.max(la, 1e-300)) {
                    viol[add++] = j;
                    worst = Math.max(worst, v);
                }
            }
            if (add == 0) return gap(lambda);
            // add the violators within half of the worst (at least one): most enter together on a path
            for (int a = 0; a < add; a++) {
                int j = viol[a];
                if (Math.abs(g[j]) - la >= 0.5 * worst) inA[j] = true;
            }
        }
        return Double.NaN;
    }

    /** Feature-sign search on A; coordinates that reach zero leave A. False if it does not settle. */
    private boolean onActiveSet(boolean[] inA, double la, double mu) {
        for (int it = 0; it < 10 * p + 50; it++) {
            iterations++;
            int k = 0;
            for (int j = 0; j < p; j++) {
                // a zero coordinate enters only while it violates KKT (else no sign gives descent)
                if (inA[j] && b[j] == 0 && Math.abs(g[j]) <= la) inA[j] = false;
                if (inA[j]) k++;
            }
            int[] S = new int[k];
            k = 0;
            for (int j = 0; j < p; j++) if (inA[j]) S[k++] = j;
            if (k == 0) return true;
            double[] s = new double[k], rhs = new double[k], H = new double[k * k];
            for (int a = 0; a < k; a++) {
                int j = S[a];
                s[a] = b[j] != 0 ? Math.signum(b[j]) : -Math.signum(g[j] + mu * b[j]);
                if (s[a] == 0) s[a] = 1; // a zero gradient: either sign, the line search decides
                rhs[a] = q[j] - la * s[a];
                for (int c = 0; c < k; c++) H[a * k + c] = Q[j * p + S[c]];
                H[a * k + a] += mu;
            }
            double[] x = Solver.Engine.solve(H, rhs, k);
            boolean consistent = true;
            for (int a = 0; a < k; a++) consistent &= Math.signum(x[a]) == s[a];
            if (consistent) {
                move(S, x, 1);
                // a Newton step with consistent signs is the exact minimiser on A: A is settled
                return true;
            }
            // discrete line search over the zero crossings of the segment b_S → x
            double[] b0 = new double[k];
            for (int a = 0; a < k; a++) b0[a] = b[S[a]];
            double best = objective(S, b0, la, mu), bestT = 0;
            int bestA = -1; // the coordinate that crosses zero at bestT (−1: the full step)
            for (int c = -1; c < k; c++) {
                double t = 1;
                if (c >= 0) {
                    if (b0[c] == 0 || Math.signum(x[c]) == Math.signum(b0[c])) continue;
                    t = b0[c] / (b0[c] - x[c]);
                }
                if (!(t > 0 && t <= 1)) continue;
                double[] bt = new double[k];
                for (int a = 0; a < k; a++) bt[a] = b0[a] + t * (x[a] - b0[a]);
                if (c >= 0) bt[c] = 0;
                double f = objective(S, bt, la, mu);
                if (f < best) {
                    best = f;
                    bestT = t;
                    bestA = c;
                }
            }
            if (bestT == 0) {
                // entering coordinates that the joint Newton step sends the wrong way wait for a later round
                boolean dropped = false;
                for (int a = 0; a < k; a++)
                    if (b0[a] == 0 && Math.signum(x[a]) != s[a]) {
                        inA[S[a]] = false;
                        dropped = true;
                    }
                if (dropped) continue;
                return false; // no descent along the segment: degenerate, let the engine decide
            }
            move(S, x, bestT);
            if (bestA >= 0) { // the crossing coordinate is exactly zero and leaves A
                setCoordinate(S[bestA], 0);
                inA[S[bestA]] = false;
            }
            for (int a = 0; a < k; a++) if (b[S[a]] == 0 && Math.abs(g[S[a]]) <= la) inA[S[a]] = false;
        }
        return false;
    }

    /** b_S ← b_S + t·(x − b_S), keeping g = Qb − q up to date (O(p·|S|)). */
    private void move(int[] S, double[] x, double t) {
        for (int a = 0; a < S.length; a++) {
            int j = S[a];
            setCoordinate(j, t == 1 ? x[a] : b[j] + t * (x[a] - b[j]));
        }
    }

    private void setCoordinate(int j, double v) {
        double d = v - b[j];
        if (d == 0) return;
        b[j] = v;
        int o = j * p;
        for (int i = 0; i < p; i++) g[i] += Q[o + i] * d; // Q symmetric: column j = row j
    }

    /** The objective restricted to S (other coordinates fixed), up to a constant. */
    private double objective(int[] S, double[] bs, double la, double mu) {
        int k = S.length;
        double f = 0;
        for (int a = 0; a < k; a++) {
            int j = S[a];
            double quad = 0;
            for (int c = 0; c < k; c++) quad += Q[j * p + S[c]] * bs[c];
            f += 0.5 * bs[a] * quad - q[j] * bs[a] + la * Math.abs(bs[a]) + 0.5 * mu * bs[a] * bs[a];
        }
        // coupling with coordinates outside S that are nonzero (none on A's complement by construction, kept for safety)
        for (int j = 0; j < p; j++) {
            if (b[j] == 0 || Arrays.binarySearch(S, j) >= 0) continue;
            for (int a = 0; a < k; a++) f += Q[j * p + S[a]] * b[j] * bs[a];
        }
        return f;
    }

    /** P(b), from the Gram: ½‖r‖²/n + penalty, with ‖r‖²/n = yy − qᵀb + bᵀg. */
    double primal(double lambda) {
        return 0.5 * rr() + penalty(lambda);
    }

    private double rr() {
        double qb = 0, bg = 0;
        for (int j = 0; j < p; j++) {
            qb += q[j] * b[j];
            bg += b[j] * g[j];
        }
        return yy - qb + bg;
    }

    private double penalty(double lambda) {
        double l1 = 0, l2 = 0;
        for (double v : b) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        return lambda * (alpha * l1 + (1 - alpha) / 2 * l2);
    }

    /**
     * The relative duality gap (P − D)/|P| of {@link Problem#certificate} from the Gram: the dual point
     * ζ = t·r/n has Xcᵀζ/s = −t·g and rᵀy_c/n = yy − qᵀb; not clamped (a negative value is reported as is).
     */
    double gap(double lambda) {
        double la = lambda * alpha, mu = lambda * (1 - alpha);
        double rr = rr(), qb = 0;
        for (int j = 0; j < p; j++) qb += q[j] * b[j];
        double t = 1;
        if (mu == 0) {
            double m = 0;
            for (double v : g) m = Math.max(m, Math.abs(v));
            if (m > la) t = la / m;
        }
        double gstar = 0;
        if (mu > 0)
            for (double v : g) {
                double e = Math.max(Math.abs(t * v) - la, 0);
                gstar += e * e / (2 * mu);
            }
        double P = 0.5 * rr + penalty(lambda);
        double D = t * (yy - qb) - t * t / 2 * rr - gstar;
        return (P - D) / Math.max(Math.abs(P), Double.MIN_NORMAL);
    }
}
