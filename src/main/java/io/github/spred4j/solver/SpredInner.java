package io.github.spred4j.solver;

import java.util.Arrays;

/**
 * The engine's inner solve on the working set W by spred ({@link Method#SPRED_WS}), instead of coordinate descent.
 * The quadratic model on W, in the engine's coordinates b (squared loss: the loss itself; logistic / Poisson: the
 * IRLS model at the current η, with the intercept's exact step folded in by a Schur complement), is written
 * {@code q(b) = ½bᵀAb − fᵀb} with the ridge λ(1−α) on A's diagonal. With b = u⊙w spred minimises the smooth
 * {@code F(u, w) = q(u⊙w) + (λα/2)(‖u‖² + ‖w‖²)} by L-BFGS on (u, w) ({@link SpredLasso}, which holds no
 * engine state). Everything is in |W|×|W| terms: A comes from the Gram of W (squared loss: raw x_aᵀx_c cached per column and extended only for entering columns;
 * IRLS: X_WᵀDX_W per model), so an iteration is two |W|×|W| matrix-vector products (the GEMV shape a device runs
 * well), independent of n.
 *
 * <p>Exact line search: along a direction (du, dw), b(t) = (u + t·du)⊙(w + t·dw) is quadratic in t per
 * coordinate, so F along the line is a quartic polynomial whose coefficients cost two products with A; its
 * global minimiser is a real root of the cubic F', found by {@link QuarticLine#lineMin}.
 *
 * <p>spred's u_j·w_j only tends to zero. The solve therefore ends as the engine's rules say: a coordinate goes to
 * exactly zero only when its KKT condition for zero holds in the model (the coordinate-descent step from it lands
 * on zero, so the model objective cannot rise), then a Newton step on the support with the Hessian A_SS from the
 * cache; convergence is judged by the same measure as coordinate descent (max a_j·Δ_j² of one CD step), and the
 * engine's certificate decides the fit.
 */
final class SpredInner {
    private final Inner st;
    private final Prepared pb;
    private final int[] pos;                  // column j's row in the Gram cache, −1 when not cached
    private int m;                            // columns cached
    private int[] cols = new int[16];         // the cached columns, in cache order
    private double[][] gram = new double[16][]; // gram[a][c] = x_aᵀx_c (raw), c ≤ a (squared loss)

    SpredInner(Inner st) {
        this.st = st;
        this.pb = st.pb;
        pos = new int[pb.p];
        Arrays.fill(pos, -1);
    }

    /** The quadratic model on W: A (k×k, row-major, ridge included), f, b0 = b_W; the intercept's model if any. */
    record Model(double[] A, double[] f, double[] b0, double[] hc, double hcc, double gc) {
    }

    /**
     * Solves the model at the current state on W (an IRLS model is taken at the current η, which is where the
     * engine has just started it) and moves the state there. Counts iterations in {@link Inner#sweeps}.
     */
    boolean solve(int[] W, double la, double mu, double thr, long maxIter) {
        Model q = st.quadratic ? squaredModel(W, mu) : irlsModel(W, mu);
        SpredLasso.Result r = SpredLasso.minimize(q.A, q.f, la, q.b0, thr, maxIter);
        st.sweeps += Math.max(1, r.iterations());
        double[] b = st.b.clone();
        for (int a = 0; a < W.length; a++) b[W[a]] = r.b()[a];
        double c = st.c;
        if (q.hc != null) { // the intercept's exact step given the move of b (the Schur complement's other half)
            double s = q.gc;
            for (int a = 0; a < W.length; a++) s -= q.hc[a] * (r.b()[a] - q.b0[a]);
            c += s / q.hcc;
        }
        st.setState(c, b);
        return r.converged();
    }

    /** Squared loss: A = Zc_WᵀZc_W/n + μI from the cached raw Gram; f = g + A₀b with g = Zc_Wᵀr/n now. */
    private Model squaredModel(int[] W, double mu) {
        int k = W.length, n = pb.n;
        for (int j : W) cache(j);
        st.eta(); // covariance mode may have moved q only: this rebuilds ρ
        double[] A = new double[k * k], f = new double[k], b0 = new double[k];
        double sum = pb.intercept ? -n * st.xbBeta : 0; // Σρ (see Inner.negGrad)
        for (int a = 0; a < k; a++) {
            int ja = W[a];
            b0[a] = st.b[ja];
            for (int c = 0; c <= a; c++) {
                int jc = W[c];
                double raw = pos[ja] >= pos[jc] ? gram[pos[ja]][pos[jc]] : gram[pos[jc]][pos[ja]];
                double v = (raw - n * pb.xbar[ja] * pb.xbar[jc]) / (pb.scale[ja] * pb.scale[jc] * n);
                A[a * k + c] = v;
                A[c * k + a] = v;
            }
            f[a] = (Inner.dot(st.column(ja), st.res) - pb.xbar[ja] * sum) / (pb.scale[ja] * n);
        }
        return finish(A, f, b0, mu, null, 0, 0);
    }

    /** Adds column j's raw dot products with every cached column (O(n·m), once per column and engine). */
    private void cache(int j) {
        if (pos[j] >= 0) return;
        if (m == gram.length) {
            gram = Arrays.copyOf(gram, 2 * m);
            cols = Arrays.copyOf(cols, 2 * m);
        }
        double[] x = st.column(j), row = new double[m + 1];
        for (int c = 0; c < m; c++) row[c] = Inner.dot(x, st.column(cols[c]));
        row[m] = Inner.dot(x, x);
        gram[m] = row;
        cols[m] = j;
        pos[j] = m++;
    }

    /**
     * The IRLS model at η (weights w = μ'(η) with Inner's floor, working residual z = y − μ(η)): A₀ = Zc_WᵀDZc_W/n
     * (O(n·|W|²) per model), g = Zc_Wᵀz/n; with an intercept the exact c-step is eliminated: A₀ − h hᵀ/h_cc,
     * g − h·g_c/h_cc, h = Zc_Wᵀw/n, h_cc = Σw/n, g_c = Σz/n.
     */
    private Model irlsModel(int[] W, double mu) {
        int k = W.length, n = pb.n;
        double[] eta = st.eta(), w = new double[n], z = new double[n];
        double wmax = 0, sumW = 0, sumZ = 0;
        for (int i = 0; i < n; i++) {
            w[i] = pb.family.weight(eta[i]);
            wmax = Math.max(wmax, w[i]);
        }
        for (int i = 0; i < n; i++) {
            w[i] = Math.max(w[i], 1e-6 * wmax);
            z[i] = pb.y[i] - pb.family.mean(eta[i]);
            sumW += w[i];
            sumZ += z[i];
        }
        double[] A = new double[k * k], g = new double[k], b0 = new double[k], swx = new double[k], wx = new double[n];
        for (int a = 0; a < k; a++) {
            double[] xa = st.column(W[a]);
            double s = 0;
            for (int i = 0; i < n; i++) {
                wx[i] = w[i] * xa[i];
                s += wx[i];
            }
            swx[a] = s;
            for (int c = 0; c <= a; c++) {
                int ja = W[a], jc = W[c];
                double raw = Inner.dot(wx, st.column(jc));
                double v = (raw - pb.xbar[ja] * swx[c] - pb.xbar[jc] * swx[a] + pb.xbar[ja] * pb.xbar[jc] * sumW)
                        / (pb.scale[ja] * pb.scale[jc] * n);
                A[a * k + c] = v;
                A[c * k + a] = v;
            }
            b0[a] = st.b[W[a]];
            g[a] = (Inner.dot(xa, z) - pb.xbar[W[a]] * sumZ) / (pb.scale[W[a]] * n);
        }
        if (!pb.intercept || !(sumW > 0)) return finish(A, g, b0, mu, null, 0, 0);
        double hcc = sumW / n, gc = sumZ / n;
        double[] hc = new double[k];
        for (int a = 0; a < k; a++) hc[a] = (swx[a] - pb.xbar[W[a]] * sumW) / (pb.scale[W[a]] * n);
        for (int a = 0; a < k; a++) {
            g[a] -= hc[a] * gc / hcc;
            for (int c = 0; c < k; c++) A[a * k + c] -= hc[a] * hc[c] / hcc;
        }
        return finish(A, g, b0, mu, hc, hcc, gc);
    }

    /** f = g + A₀b₀ (the model in absolute terms), then the ridge on A's diagonal. */
    private static Model finish(double[] A, double[] g, double[] b0, double mu, double[] hc, double hcc, double gc) {
        int k = g.length;
        double[] f = g.clone();
        for (int a = 0; a < k; a++) {
            double s = 0;
            for (int c = 0; c < k; c++) s += A[a * k + c] * b0[c];
            f[a] += s;
        }
        for (int a = 0; a < k; a++) A[a * k + a] += mu;
        return new Model(A, f, b0, hc, hcc, gc);
    }
}
