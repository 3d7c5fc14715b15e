package io.github.spred4j.solver;

/**
 * The quadratic model of one proximal Newton step of {@link WeightedGlm} on a working set of k coordinates, each
 * with its own penalty: minimise over δ  −gᵀδ + ½δᵀHδ + Σ_a la_a|b_a + δ_a| + mu_a/2 (b_a + δ_a)². A free
 * coordinate (the intercept, an unpenalised feature) has la_a = mu_a = 0. Like {@link IrlsModel} (whose penalty is
 * one la and one mu for all coordinates): coordinate descent finds the signs, then one Cholesky solve of the
 * stationarity equations on the nonzero set makes the step exact (unstandardised columns make H ill-conditioned,
 * where coordinate descent alone converges linearly). A solve whose signs disagree is not taken.
 */
final class PenaltyModel {
    final int k;
    final double[] H, g, la, mu; // H row-major k×k (full)
    final double[] d;            // the step δ
    private final double[] v;    // g − H·δ: the model's negative loss gradient at δ

    PenaltyModel(int k) {
        this.k = k;
        H = new double[k * k];
        g = new double[k];
        la = new double[k];
        mu = new double[k];
        d = new double[k];
        v = new double[k];
    }

    /** Solves the model at b (the coordinates' current values) to the CD threshold thr, then exactly on the signs. */
    void solve(double[] b, double thr) {
        java.util.Arrays.fill(d, 0);
        System.arraycopy(g, 0, v, 0, k);
        for (int round = 0, cap = 8; round < 6; round++, cap *= 4) {
            boolean done = cd(b, thr, cap);
            if (exact(b) && zerosOptimal(b)) return;
            if (done && round > 2) return; // CD converged and the exact solve keeps disagreeing: CD's step stands
            // the signs CD found at thr disagree with the exact solve: CD goes on, finer (a loose thr that CD had
            // already met left its inexact step standing, and Newton crawled: 3% a step on breast_cancer)
            thr *= 1e-4;
        }
    }

    private boolean zerosOptimal(double[] b) {
        for (int a = 0; a < k; a++)
            if (la[a] > 0 && b[a] + d[a] == 0 && Math.abs(v[a]) > la[a] * (1 + 1e-9)) return false;
        return true;
    }

    /** Coordinate descent sweeps until the largest H_aa·Δ² of a sweep is below thr; whether that happened. */
    private boolean cd(double[] b, double thr, int maxSweeps) {
        for (int s = 0; s < maxSweeps; s++) {
            double dl = 0;
            for (int a = 0; a < k; a++) {
                double haa = H[a * k + a];
                if (!(haa + mu[a] > 0)) continue;
                double cur = b[a] + d[a];
                double u = haa * cur + v[a];
                double nb = Math.signum(u) * Math.max(Math.abs(u) - la[a], 0) / (haa + mu[a]);
                double t = nb - cur;
                if (t == 0) continue;
                d[a] += t;
                int row = a * k;
                for (int q = 0; q < k; q++) v[q] -= t * H[row + q];
                dl = Math.max(dl, haa * t * t);
            }
            if (dl <= thr) return true;
        }
        return false;
    }

    /**
     * With the signs of b + δ fixed, the minimiser on S (free coordinates and nonzeros) solves
     * (H_SS + diag mu_S)δ_S = g_S − la_S·sign − mu_S·b_S − H_SZ·δ_Z with δ_Z = −b_Z. When that solution changes a
     * sign, the step goes from b + δ towards it only as far as the first coordinate that reaches 0, which joins
     * the zeros, and S is solved again (feature-sign search: the model decreases at every move, since on the
     * orthant of the signs it is that smooth quadratic). Rejecting such a solution outright left coordinate
     * descent's inexact step standing, and Newton crawled on ill-conditioned curvature (breast_cancer).
     * Returns false only for a singular system.
     */
    private boolean exact(double[] b) {
        int[] s = new int[k];
        for (int pass = 0; pass <= k; pass++) {
            int m = 0;
            for (int a = 0; a < k; a++) if (la[a] == 0 || b[a] + d[a] != 0) s[m++] = a;
            if (m == 0) break;
            double[] M = new double[m * m], rhs = new double[m];
            for (int i = 0; i < m; i++) {
                int a = s[i];
                double t = g[a] - la[a] * Math.signum(b[a] + d[a]) - mu[a] * b[a];
                for (int q = 0; q < k; q++) if (la[q] > 0 && b[q] + d[q] == 0) t -= H[a * k + q] * d[q];
                rhs[i] = t;
                for (int j = 0; j < m; j++) M[i * m + j] = H[a * k + s[j]];
                M[i * m + i] += mu[a];
            }
            double[] sol = Cholesky.solve(M, rhs, m);
            double frac = 1;
            int hit = -1;
            for (int i = 0; i < m; i++) {
                int a = s[i];
                if (!Double.isFinite(sol[i])) return false;
                double cur = b[a] + d[a], nb = b[a] + sol[i];
                if (la[a] > 0 && !(Math.signum(nb) == Math.signum(cur))) {
                    double f = cur / (cur - nb); // where the segment from cur to nb crosses 0
                    if (f < frac) {
                        frac = f;
                        hit = a;
                    }
                }
            }
            for (int i = 0; i < m; i++) d[s[i]] = hit < 0 ? sol[i] : d[s[i]] + frac * (sol[i] - d[s[i]]);
            if (hit >= 0) d[hit] = -b[hit]; // exactly 0: it joins the zeros
            if (hit < 0) break;
        }
        for (int a = 0; a < k; a++) { // v = g − H·δ from scratch
            double t = g[a];
            int row = a * k;
            for (int q = 0; q < k; q++) t -= H[row + q] * d[q];
            v[a] = t;
        }
        return true;
    }

    /**
     * The model's decrease at the step found: gᵀδ − ½δᵀHδ − Σ_a [R_a(b_a + δ_a) − R_a(b_a)] (≥ 0 when the solve
     * improved on δ = 0). The weighted route checks its certificate once this is ≤ tol·|P|.
     */
    double predicted(double[] b) {
        double dec = 0;
        for (int a = 0; a < k; a++) {
            double t = d[a];
            if (t == 0) continue;
            double hd = 0;
            int row = a * k;
            for (int q = 0; q < k; q++) hd += H[row + q] * d[q];
            double nb = b[a] + t;
            dec += g[a] * t - 0.5 * t * hd
                    - la[a] * (Math.abs(nb) - Math.abs(b[a])) - mu[a] / 2 * (nb * nb - b[a] * b[a]);
        }
        return dec;
    }
}
