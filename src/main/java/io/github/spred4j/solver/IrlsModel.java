package io.github.spred4j.solver;

/**
 * The quadratic model of one proximal Newton step on a working set A (k columns, plus the unpenalised intercept):
 * minimise over δ  −gᵀδ − gc·δc + ½[δ; δc]ᵀ[H hc; hcᵀ hcc][δ; δc] + la‖b + δ‖₁ + mu/2‖b + δ‖², with H = Zc_AᵀWZc_A/n.
 * Solved by coordinate descent on H (O(k) per coordinate) to find the signs, then, with the signs fixed, by one
 * Cholesky solve of the model's stationarity equations on the nonzero set: the unstandardised columns of real
 * data make H ill-conditioned, where coordinate descent alone converges linearly and the Newton step it gives
 * is inexact (the outer loop then converges linearly too). A solve whose signs disagree is not taken.
 */
final class IrlsModel {
    int k;
    final boolean ic;
    final double[] H, g, hc;   // H row-major k×k (full), g = Zc_Aᵀr/n, hc = Zc_Aᵀw/n
    double hcc, gc;            // Σw/n, Σr/n (0 without intercept)
    final double[] d;          // the step δ on A
    double dc;                 // the intercept's step
    final double[] v;          // g − H·δ − hc·δc: the model's negative loss gradient at δ
    double vc;
    int sweeps;
    private final int[] s;     // exact(): the nonzero set, its system and the solver's buffers
    private final double[] M, rhs;
    private final Cholesky.Work chol;

    /** A model for working sets of up to {@code cap} columns, reused from step to step ({@link #reset}). */
    IrlsModel(int cap, boolean ic) {
        this.ic = ic;
        H = new double[cap * cap];
        g = new double[cap];
        hc = new double[cap];
        d = new double[cap];
        v = new double[cap];
        s = new int[cap];
        M = new double[(cap + 1) * (cap + 1)];
        rhs = new double[cap + 1];
        chol = new Cholesky.Work(cap + 1);
        k = cap;
    }

    /** Empties the model for a working set of k ≤ cap columns (H, g, hc and the step zeroed). */
    void reset(int k) {
        this.k = k;
        java.util.Arrays.fill(H, 0, k * k, 0);
        java.util.Arrays.fill(g, 0, k, 0);
        java.util.Arrays.fill(hc, 0, k, 0);
        java.util.Arrays.fill(d, 0, k, 0);
        java.util.Arrays.fill(v, 0, k, 0);
        hcc = gc = dc = vc = 0;
        sweeps = 0;
    }

    /** Solves the model at b (values on A) to the CD threshold thr, then exactly on the signs found. */
    void solve(double[] bA, double la, double mu, double thr) {
        System.arraycopy(g, 0, v, 0, k);
        vc = ic ? gc : 0;
        // a few sweeps find the signs of a well-conditioned model; more each time the exact solve disagrees
        for (int round = 0, cap = 4; round < 5; round++, cap *= 4) {
            cd(bA, la, mu, thr, cap);
            if (!exact(bA, la, mu)) continue;
            boolean kkt = true; // the zeros of the exact solve: still optimal in the model?
            for (int a = 0; a < k; a++)
                if (bA[a] + d[a] == 0 && Math.abs(v[a]) > la * (1 + 1e-9)) kkt = false;
            if (kkt) return;
        }
    }

    /** Coordinate descent sweeps on the model until the largest H_aa·Δ² of a sweep is below thr. */
    private void cd(double[] bA, double la, double mu, double thr, int maxSweeps) {
        for (int s = 0; s < maxSweeps; s++) {
            sweeps++;
            double dl = 0;
            if (ic && hcc > 0) {
                double t = vc / hcc;
                if (t != 0) {
                    dc += t;
                    for (int a = 0; a < k; a++) v[a] -= t * hc[a];
                    vc -= t * hcc;
                    dl = hcc * t * t;
                }
            }
            for (int a = 0; a < k; a++) {
                double haa = H[a * k + a];
                if (!(haa > 0)) continue;
                double cur = bA[a] + d[a];
                double u = haa * cur + v[a];
                double nb = Math.signum(u) * Math.max(Math.abs(u) - la, 0) / (haa + mu);
                double t = nb - cur;
                if (t == 0) continue;
                d[a] += t;
                int row = a * k;
                for (int q = 0; q < k; q++) v[q] -= t * H[row + q];
                if (ic) vc -= t * hc[a];
                dl = Math.max(dl, haa * t * t);
            }
            if (dl < thr) return;
        }
    }

    /**
     * With the signs of b + δ fixed, the model's minimiser on the nonzero set S solves
     * (H_SS + mu·I)δ_S + hc_S·δc = g_S − la·sign − mu·b_S − H_SZ·δ_Z and hc_Sᵀδ_S + hcc·δc = gc − hc_Zᵀδ_Z
     * (δ_Z = −b_Z keeps the zeros at zero). Taken only if no sign changes; returns whether it was taken.
     */
    private boolean exact(double[] bA, double la, double mu) {
        int m = 0;
        for (int a = 0; a < k; a++) if (bA[a] + d[a] != 0) s[m++] = a;
        int dim = m + (ic ? 1 : 0);
        if (dim == 0) return false;
        java.util.Arrays.fill(M, 0, dim * dim, 0);
        for (int i = 0; i < m; i++) {
            int a = s[i];
            double sg = Math.signum(bA[a] + d[a]);
            double t = g[a] - la * sg - mu * bA[a];
            for (int q = 0; q < k; q++) if (bA[q] + d[q] == 0) t -= H[a * k + q] * d[q];
            rhs[i] = t;
            for (int j = 0; j < m; j++) M[i * dim + j] = H[a * k + s[j]];
            M[i * dim + i] += mu;
            if (ic) {
                M[i * dim + m] = hc[a];
                M[m * dim + i] = hc[a];
            }
        }
        if (ic) {
            double t = gc;
            for (int q = 0; q < k; q++) if (bA[q] + d[q] == 0) t -= hc[q] * d[q];
            rhs[m] = t;
            M[m * dim + m] = hcc;
        }
        double[] sol = chol.solve(M, rhs, dim);
        for (int i = 0; i < m; i++) {
            int a = s[i];
            double nb = bA[a] + sol[i];
            if (!(Math.signum(nb) == Math.signum(bA[a] + d[a]))) return false;
        }
        for (int i = 0; i < m; i++) d[s[i]] = sol[i];
        if (ic) dc = sol[m];
        for (int a = 0; a < k; a++) { // v = g − H·δ − hc·δc from scratch
            double t = g[a] - (ic ? hc[a] * dc : 0);
            int row = a * k;
            for (int q = 0; q < k; q++) t -= H[row + q] * d[q];
            v[a] = t;
        }
        if (ic) {
            double t = gc - hcc * dc;
            for (int q = 0; q < k; q++) t -= hc[q] * d[q];
            vc = t;
        }
        return true;
    }

    /** The model's predicted decrease at δ: gᵀδ − ½δᵀHδ (= ½(g + v)ᵀδ) plus the penalty's decrease. */
    double predicted(double[] bA, double la, double mu) {
        double pred = ic ? 0.5 * (gc + vc) * dc : 0;
        for (int a = 0; a < k; a++) {
            if (d[a] == 0) continue;
            double bo = bA[a], bn = bo + d[a];
            pred += 0.5 * (g[a] + v[a]) * d[a] + la * (Math.abs(bo) - Math.abs(bn)) + mu / 2 * (bo * bo - bn * bn);
        }
        return pred;
    }

    /** Whether the step moves anything. */
    boolean moves() {
        if (dc != 0) return true;
        for (int a = 0; a < k; a++) if (d[a] != 0) return true;
        return false;
    }
}
