package io.github.spred4j.solver;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The active-set Newton polish on the support S (signs fixed, smooth there): the Hessian comes from column dot
 * products of the working-set columns (cached for the squared loss, whose Gram does not depend on β: glmnet's
 * covariance idea restricted to S), the |S|×|S| solve by {@link Cholesky}. A coordinate whose sign would flip
 * stops the step at zero and leaves the support (the step is exact for the squared loss). Other losses: one
 * damped Newton step on (c, b_S) judged by the true objective.
 */
final class Polish {
    private final Inner st;
    private final Prepared pb;
    private final Map<Long, Double> gram = new HashMap<>(); // x_aᵀx_b (raw columns), squared loss

    /** Newton steps cut short by a sign change before the polish gives back to coordinate descent. */
    static final int MAX_ROUNDS = 8;

    /**
     * Whether a polish on a support of size s is cheap next to the passes a fit makes anyway: the Hessian costs
     * n·s² and the factorisation s³, against 20 passes over X (n·p each) or 5e7 flops (tens of ms), or s ≤ 50.
     */
    static boolean affordable(int s, int n, int p) {
        return s <= 50 || (double) n * s * s + (double) s * s * s <= Math.max(20.0 * n * p, 5e7);
    }

    Polish(Inner st) {
        this.st = st;
        this.pb = st.pb;
    }

    private double rawDot(int a, int b) {
        long key = a < b ? (long) a * pb.p + b : (long) b * pb.p + a;
        Double v = gram.get(key);
        if (v == null) {
            v = st.dot(a, b);
            gram.put(key, v);
        }
        return v;
    }

    /**
     * One polish at the current state. g = Zcᵀr/n (all p; null: computed here on the support) and eta at the
     * current point (IRLS only). Returns true if the state moved.
     */
    boolean run(double[] g, double[] eta, double la, double mu) {
        int[] S = st.support();
        if (S.length == 0 && !(pb.intercept && !st.quadratic)) return false;
        return st.quadratic ? squared(S, g, la, mu) : irls(S, g, eta, la, mu);
    }

    static int[] support(double[] b) {
        int c = 0;
        for (double v : b) if (v != 0) c++;
        int[] s = new int[c];
        c = 0;
        for (int j = 0; j < b.length; j++) if (b[j] != 0) s[c++] = j;
        return s;
    }

    /**
     * The nonzeros of b, ascending, found with {@code buf} (length ≥ b's) as scratch: one pass that steps over
     * four zeros with one branch (with p ≫ n the scans for the support were a fifth of golub's CV).
     */
    static int[] support(double[] b, int[] buf) {
        int c = 0, p = b.length, j = 0;
        for (; j + 4 <= p; j += 4) {
            if (b[j] == 0 & b[j + 1] == 0 & b[j + 2] == 0 & b[j + 3] == 0) continue;
            for (int q = j; q < j + 4; q++) if (b[q] != 0) buf[c++] = q;
        }
        for (; j < p; j++) if (b[j] != 0) buf[c++] = j;
        return Arrays.copyOf(buf, c);
    }

    private boolean squared(int[] S, double[] g, double la, double mu) {
        int n = pb.n;
        double[] b = st.b.clone();
        double[] grad = g != null ? g.clone() : new double[pb.p]; // Zcᵀr/n, updated as b moves: −H·Δ
        if (g == null) for (int j : S) grad[j] = st.negGrad(j); // the current gradient on the support
        boolean moved = false;
        for (int round = 0; round < MAX_ROUNDS && S.length > 0; round++) {
            int k = S.length;
            double[] H = new double[k * k], F = new double[k];
            for (int a = 0; a < k; a++) {
                int ja = S[a];
                for (int c = 0; c <= a; c++) {
                    int jc = S[c];
                    double v = (rawDot(ja, jc) - n * pb.xbar[ja] * pb.xbar[jc]) / (pb.scale[ja] * pb.scale[jc] * n);
                    H[a * k + c] = v;
                    H[c * k + a] = v;
                }
                H[a * k + a] += mu;
                F[a] = -grad[ja] + mu * b[ja] + la * Math.signum(b[ja]);
            }
            double[] d = Cholesky.solve(H, F, k);
            double t = 1;
            int cross = -1;
            for (int a = 0; a < k; a++) {
                d[a] = -d[a];
                int j = S[a];
                if (b[j] * d[a] < 0 && Math.abs(d[a]) > Math.abs(b[j]) * t) {
                    t = -b[j] / d[a];
                    cross = a;
                }
            }
            // move: b += t·d, the gradient changes by −t·H₀·d (H₀ without the ridge)
            for (int a = 0; a < k; a++) {
                double s = 0;
                for (int c = 0; c < k; c++) s += (H[a * k + c] - (a == c ? mu : 0)) * d[c];
                grad[S[a]] -= t * s;
            }
            for (int a = 0; a < k; a++) b[S[a]] += t * d[a];
            if (cross >= 0) b[S[cross]] = 0;
            moved = true;
            if (cross < 0) break;
            S = support(b);
        }
        if (!moved) return false;
        // a singular H (duplicate columns, or one-nonzero columns whose centred sum is zero) gives a huge Newton step
        // along its null space: keep the step only if it lowers P (else the state diverged to |b| ~ 1e16)
        double before = current(st.eta(), la, mu), c0 = st.c;
        double[] b0 = st.b.clone();
        st.setState(c0, b);
        // (rounding-level slack: a step to the optimum may land an ulp above a point already at it)
        if (current(st.eta(), la, mu) <= before + 1e-12 * Math.abs(before)) return true;
        st.setState(c0, b0);
        return false;
    }

    private boolean irls(int[] S, double[] g, double[] eta, double la, double mu) {
        int n = pb.n, k = S.length;
        boolean ic = pb.intercept;
        int dim = k + (ic ? 1 : 0);
        double[] wv = new double[n], r = new double[n];
        double sr = 0;
        for (int i = 0; i < n; i++) {
            double m = pb.family.mean(eta[i]);
            wv[i] = pb.family.weightAt(eta[i], m);
            r[i] = pb.y[i] - m;
            sr += r[i];
        }
        double sw = 0;
        for (double v : wv) sw += v;
        if (g == null) { // the current gradient on the support: Zc_jᵀr/n (only S's entries are set and read)
            g = gS = gS == null ? new double[pb.p] : gS;
            for (int j : S) g[j] = (st.dotCol(j, r) - pb.xbar[j] * sr) / (pb.scale[j] * n);
        }
        double[] H = new double[dim * dim], F = new double[dim], swx = new double[k];
        {
            for (int a = 0; a < k; a++) swx[a] = st.sumWeighted(S[a], wv);
            double[] G = st.weightedGram(S, wv);
            for (int a = 0; a < k; a++) {
                int ja = S[a];
                for (int c = 0; c <= a; c++) {
                    int jc = S[c];
                    double raw = G[a * k + c];
                    double v = (raw - pb.xbar[ja] * swx[c] - pb.xbar[jc] * swx[a] + pb.xbar[ja] * pb.xbar[jc] * sw)
                            / (pb.scale[ja] * pb.scale[jc] * n);
                    H[a * dim + c] = v;
                    H[c * dim + a] = v;
                }
                H[a * dim + a] += mu;
                F[a] = -g[ja] + mu * st.b[ja] + la * Math.signum(st.b[ja]);
            }
        }
        if (ic) {
            H[k * dim + k] = sw / n;
            for (int a = 0; a < k; a++) {
                double v = (swx[a] - pb.xbar[S[a]] * sw) / (pb.scale[S[a]] * n);
                H[a * dim + k] = v;
                H[k * dim + a] = v;
            }
            F[k] = -sr / n;
        }
        double[] d = Cholesky.solve(H, F, dim);
        for (int a = 0; a < dim; a++) d[a] = -d[a];
        double tmax = 1;
        int cross = -1;
        for (int a = 0; a < k; a++) {
            double bj = st.b[S[a]];
            if (bj * d[a] < 0 && Math.abs(d[a]) * tmax > Math.abs(bj)) {
                tmax = -bj / d[a];
                cross = a;
            }
        }
        // η along the direction: dη = Zc_S·d_S + d_c, from the columns on the device
        double[] deta = directionEta(S, d, ic ? d[k] : 0);
        double p0 = current(eta, la, mu);
        double t = tmax;
        for (int ls = 0; ls < 30; ls++, t /= 2) {
            double[] et = new double[n];
            for (int i = 0; i < n; i++) et[i] = eta[i] + t * deta[i];
            double[] bt = lsBt = Engine.copy(st.b, lsBt); // reused (setState copies)
            for (int a = 0; a < k; a++) bt[S[a]] += t * d[a];
            if (t == tmax && cross >= 0) bt[S[cross]] = 0;
            double pt = objective(et, bt, S, la, mu); // bt moved on S only
            // near the optimum P changes below its own rounding while the gradient (hence the gap) still
            // improves quadratically: a step within a few ulps of p0 counts as no increase (the check judges)
            if (pt <= p0 + 16 * Math.ulp(p0)) {
                st.setState(st.c + t * (ic ? d[k] : 0), bt);
                know(pt, la, mu); // (η rebuilt from the state may differ from et in the last bits: a search reference only)
                return true;
            }
        }
        return false;
    }

    private double[] lsBt, gS; // the line search's trial b; irls' gradient on S (reused: fresh memory is slow cold)

    private double[] directionEta(int[] S, double[] d, double dc) {
        int n = pb.n;
        double off = dc;
        double[] v = new double[n];
        for (int a = 0; a < S.length; a++) {
            double db = d[a] / pb.scale[S[a]];
            st.addColumn(v, db, S[a]);
            off -= pb.xbar[S[a]] * db;
        }
        for (int i = 0; i < n; i++) v[i] += off;
        return v;
    }

    private long knownVersion = -1;
    private double knownLa, knownMu, knownP;

    /** Records P at the current state (its {@link Inner#version}) for (la, mu): the next {@link #current} is free. */
    void know(double objective, double la, double mu) {
        knownVersion = st.version;
        knownLa = la;
        knownMu = mu;
        knownP = objective;
    }

    /** P at the current state, whose η is {@code eta}: from the memo when nothing moved since, else computed. */
    double current(double[] eta, double la, double mu) {
        if (knownVersion == st.version && knownLa == la && knownMu == mu) return knownP;
        double v = objective(eta, st.b, st.support(), la, mu);
        know(v, la, mu);
        return v;
    }

    double objective(double[] eta, double[] b, double la, double mu) {
        return objective(eta, b, null, la, mu);
    }

    /**
     * P at (eta, b) with b's nonzeros among the ascending columns S (null: anywhere). The penalty's sums skip
     * only zeros (each adds +0), in the full loop's order: the same bits as the scan of all p, which with p ≫ n
     * cost more than the loss itself.
     */
    double objective(double[] eta, double[] b, int[] S, double la, double mu) {
        double l1 = 0, l2 = 0;
        if (S == null) {
            for (double v : b) {
                l1 += Math.abs(v);
                l2 += v * v;
            }
        } else {
            for (int j : S) {
                double v = b[j];
                l1 += Math.abs(v);
                l2 += v * v;
            }
        }
        return pb.family.meanLoss(pb.y, eta) + la * l1 + mu / 2 * l2;
    }
}
