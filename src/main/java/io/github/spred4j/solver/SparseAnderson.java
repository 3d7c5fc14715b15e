package io.github.spred4j.solver;

/**
 * Anderson acceleration of {@link SparseCd}'s active sweeps, every set on its own ({@link Anderson}'s scheme, as
 * celer and skglm do): every {@link #K} sweeps over the active columns, each live set's last K+1 iterates are combined
 * with weights c (Σc = 1) that minimise ‖Σ c_k Δ_k‖ over their differences into a candidate, kept for that set only
 * when it lowers its objective. The change of the objective comes from the step itself (Δr from one k-wide pass over
 * the active columns, ΔP = (2rᵀΔr + ‖Δr‖²)/2n plus the penalty's change), not from two nearly equal objectives. Near
 * the least-squares end of a path (most columns active, λ tiny) plain sweeps converge slowly and the certificate
 * asks for KKT conditions to ~1e-7·λ; the extrapolation follows that slow convergence in one step. The certificate
 * decides as always.
 */
final class SparseAnderson {
    static final int K = 5;

    private SparseAnderson() {
    }

    /** The current coefficients of the active columns, all sets (a·k + t). */
    static void take(SparseCd c, int[] act, int na, double[] into) {
        for (int a = 0; a < na; a++) System.arraycopy(c.b, act[a] * c.k, into, a * c.k, c.k);
    }

    /** Tries the extrapolated point of every live set; returns the work in column passes (for the sweep count). */
    static long extrapolate(SparseCd c, int[] act, int na, double[][] hist, double la, double mu) {
        int k = c.k, n = c.n, w = c.w;
        double[] bt = new double[na * k];
        boolean[] tried = new boolean[k];
        boolean any = false;
        double[] g = new double[K * K], ones = new double[K];
        java.util.Arrays.fill(ones, 1);
        for (int t = 0; t < k; t++) {
            if (!c.live[t]) continue;
            double tr = 0;
            for (int i = 0; i < K; i++)
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int a = 0; a < na; a++) {
                        int q = a * k + t;
                        s += (hist[i + 1][q] - hist[i][q]) * (hist[j + 1][q] - hist[j][q]);
                    }
                    g[i * K + j] = g[j * K + i] = s;
                    if (i == j) tr += s;
                }
            if (!(tr > 0)) continue;
            for (int i = 0; i < K; i++) g[i * K + i] += 1e-10 * tr / K; // the differences are nearly dependent by design
            double[] z = Cholesky.solve(g, ones, K);
            if (z == null) continue;
            double sum = 0;
            for (double v : z) sum += v;
            if (!(Math.abs(sum) > 0) || !Double.isFinite(sum)) continue;
            for (int a = 0; a < na; a++) {
                double v = 0;
                for (int i = 0; i < K; i++) v += z[i] / sum * hist[i + 1][a * k + t];
                bt[a * k + t] = v;
            }
            tried[t] = true;
            any = true;
        }
        if (!any) return 0;
        // Δr = −Z_act·Δb on every row (n × k, rows of w lanes as c.u's), with each set's intercept change −Σ x̄·Δβ
        double[] du = new double[n * w], db0 = new double[k], coef = new double[w], dpen = new double[k];
        for (int a = 0; a < na; a++) {
            int j = act[a], jk = j * k;
            for (int t = 0; t < k; t++) {
                double old = c.b[jk + t], nb = tried[t] ? bt[a * k + t] : old;
                coef[t] = (nb - old) / c.s[jk + t];
                db0[t] -= c.xm[jk + t] * coef[t];
                dpen[t] += la * (Math.abs(nb) - Math.abs(old)) + mu / 2 * (nb * nb - old * old);
            }
            SparseLanes.subtract(c.ri, c.xv, (int) c.cp[j], (int) c.cp[j + 1], du, w, coef);
        }
        double[] b0 = new double[k]; // the intercepts of the current coefficients (c.b0 is refreshed only per check)
        if (c.intercept) {
            for (int t = 0; t < k; t++) b0[t] = c.ym[t];
            for (int j = 0; j < c.p; j++)
                for (int t = 0; t < k; t++) {
                    int q = j * k + t;
                    if (c.b[q] != 0) b0[t] -= c.xm[q] * c.b[q] / c.s[q];
                }
        }
        double[] dp = new double[k], sdu = new double[k];
        for (int i = 0; i < n; i++) {
            int base = i * w, f = c.own[i];
            for (int t = 0; t < k; t++) {
                double r = c.u[base + t] - b0[t], dr = du[base + t] - db0[t];
                dp[t] += dr * (2 * r + dr);
                sdu[t] += du[base + t];
            }
            if (f >= 0) { // not a training row of its own fold's set
                double r = c.u[base + f] - b0[f], dr = du[base + f] - db0[f];
                dp[f] -= dr * (2 * r + dr);
                sdu[f] -= du[base + f];
            }
        }
        boolean[] keep = new boolean[k];
        boolean kept = false;
        for (int t = 0; t < k; t++) {
            keep[t] = tried[t] && dp[t] / (2.0 * c.nt[t]) + dpen[t] < 0;
            kept |= keep[t];
        }
        if (kept) {
            for (int a = 0; a < na; a++)
                for (int t = 0; t < k; t++) if (keep[t]) c.b[act[a] * k + t] = bt[a * k + t];
            for (int i = 0; i < n; i++) {
                int base = i * w;
                for (int t = 0; t < k; t++) if (keep[t]) c.u[base + t] += du[base + t];
            }
            for (int t = 0; t < k; t++) if (keep[t]) c.su[t] += sdu[t];
        }
        return na;
    }
}
