package io.github.spred4j.solver;

import java.util.Arrays;

/**
 * The engine's inner solve on the working set W by spred ({@link Method#SPRED_WS}), instead of coordinate descent.
 * The quadratic model on W, in the engine's coordinates b (squared loss: the loss itself; logistic / Poisson: the
 * IRLS model at the current η, with the intercept's exact step folded in by a Schur complement), is written
 * {@code q(b) = ½bᵀAb − fᵀb} with the ridge λ(1−α) on A's diagonal. With b = u⊙w spred minimises the smooth
 * {@code F(u, w) = q(u⊙w) + (λα/2)(‖u‖² + ‖w‖²)} by L-BFGS on (u, w). Everything is in |W|×|W| terms: A comes
 * from the Gram of W (squared loss: raw x_aᵀx_c cached per column and extended only for entering columns;
 * IRLS: X_WᵀDX_W per model), so an iteration is two |W|×|W| matrix-vector products (the GEMV shape a device runs
 * well), independent of n.
 *
 * <p>Exact line search: along a direction (du, dw), b(t) = (u + t·du)⊙(w + t·dw) is quadratic in t per
 * coordinate, so F along the line is a quartic polynomial whose coefficients cost two products with A; its
 * global minimiser is a real root of the cubic F', found by {@link #lineMin}.
 *
 * <p>spred's u_j·w_j only tends to zero. The solve therefore ends as the engine's rules say: a coordinate goes to
 * exactly zero only when its KKT condition for zero holds in the model (the coordinate-descent step from it lands
 * on zero, so the model objective cannot rise), then a Newton step on the support with the Hessian A_SS from the
 * cache; convergence is judged by the same measure as coordinate descent (max a_j·Δ_j² of one CD step), and the
 * engine's certificate decides the fit.
 */
final class SpredInner {
    /** L-BFGS memory. */
    static final int MEMORY = 10;
    /** A zero coordinate whose KKT condition fails starts at this fraction of its coordinate-descent value. */
    static final double SEED = 0.1;
    /** The model's Newton step on the support is skipped above this size (|S|³ flops). */
    static final int POLISH_MAX = 1500;
    /** L-BFGS iterations between two tries of the KKT zeroing + Newton finish (more when the support is large). */
    static final int PROBE = 10;

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

    /** The outcome of {@link #minimize}: b on W, L-BFGS iterations, whether the CD measure fell below thr. */
    record Result(double[] b, int iterations, boolean converged) {
    }

    /**
     * Solves the model at the current state on W (an IRLS model is taken at the current η, which is where the
     * engine has just started it) and moves the state there. Counts iterations in {@link Inner#sweeps}.
     */
    boolean solve(int[] W, double la, double mu, double thr, long maxIter) {
        Model q = st.quadratic ? squaredModel(W, mu) : irlsModel(W, mu);
        Result r = minimize(q.A, q.f, la, q.b0, thr, maxIter);
        st.sweeps += Math.max(1, r.iterations);
        double[] b = st.b.clone();
        for (int a = 0; a < W.length; a++) b[W[a]] = r.b[a];
        double c = st.c;
        if (q.hc != null) { // the intercept's exact step given the move of b (the Schur complement's other half)
            double s = q.gc;
            for (int a = 0; a < W.length; a++) s -= q.hc[a] * (r.b[a] - q.b0[a]);
            c += s / q.hcc;
        }
        st.setState(c, b);
        return r.converged;
    }

    /** Squared loss: A = Zc_WᵀZc_W/n + μI from the cached raw Gram; f = g + A₀b with g = Zc_Wᵀr/n now. */
    private Model squaredModel(int[] W, double mu) {
        int k = W.length, n = pb.n;
        for (int j : W) cache(j);
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

    // ------------------------------------------------------------------ the model solve (no engine state)

    /**
     * Minimises ½bᵀAb − fᵀb + la·‖b‖₁ (A symmetric positive semidefinite, row-major k×k) from b0: seeds, spred
     * L-BFGS with the exact line search, the KKT zeroing and a Newton step on the support, repeated until one
     * coordinate-descent step would move no coordinate by more than thr (max a_j·Δ_j²) or maxIter iterations ran.
     */
    static Result minimize(double[] A, double[] f, double la, double[] b0, double thr, long maxIter) {
        int k = f.length;
        double[] b = b0.clone();
        if (k == 0) return new Result(b, 0, true);
        int it = 0;
        while (true) {
            double[] G = gradient(A, f, b);
            seed(A, G, b, la);
            G = gradient(A, f, b);
            it += Math.max(1, lbfgs(A, f, la, b, G, thr, Math.max(1, maxIter - it), true));
            zeroByKkt(A, la, b, G);
            if (newton(A, f, la, b, G)) G = gradient(A, f, b);
            if (measure(A, la, b, G, false) < thr) return new Result(b, it, true);
            if (it >= maxIter) return new Result(b, it, false);
        }
    }

    /** G = Ab − f: the model gradient (the ridge included). */
    static double[] gradient(double[] A, double[] f, double[] b) {
        int k = f.length;
        double[] G = new double[k];
        for (int a = 0; a < k; a++) {
            double s = -f[a];
            for (int c = 0; c < k; c++) s += A[a * k + c] * b[c];
            G[a] = s;
        }
        return G;
    }

    /** The value coordinate descent would give coordinate j from the current point: S(a_j·b_j − G_j, la)/a_j. */
    private static double cdValue(double[] A, double la, double[] b, double[] G, int j) {
        double aj = A[j * b.length + j];
        if (!(aj > 0)) return 0;
        double v = aj * b[j] - G[j];
        return Math.signum(v) * Math.max(Math.abs(v) - la, 0) / aj;
    }

    /**
     * Coordinates at zero whose KKT condition for zero fails, and coordinates stuck near zero (below SEED times
     * their CD value: u = w = 0 is a saddle of F there, and a coordinate that decayed to 1e-100 takes as many
     * iterations to grow back), start at SEED times their CD value (sign included).
     */
    private static void seed(double[] A, double[] G, double[] b, double la) {
        double[] v = new double[b.length];
        for (int j = 0; j < b.length; j++) v[j] = SEED * cdValue(A, la, b, G, j);
        for (int j = 0; j < b.length; j++) if (v[j] != 0 && Math.abs(b[j]) < Math.abs(v[j])) b[j] = v[j];
    }

    /**
     * max_j a_j·Δ_j² over one coordinate-descent step from b (glmnet's measure, as {@link Inner#solve}); with
     * skipZeros, coordinates whose CD value is exactly zero are left out (the KKT zeroing takes them there).
     */
    static double measure(double[] A, double la, double[] b, double[] G, boolean skipZeros) {
        double m = 0;
        for (int j = 0; j < b.length; j++) {
            double nb = cdValue(A, la, b, G, j);
            if (skipZeros && nb == 0) continue;
            double d = nb - b[j];
            m = Math.max(m, A[j * b.length + j] * d * d);
        }
        return m;
    }

    /** b_j = 0 where the KKT condition for zero holds (|a_j·b_j − G_j| ≤ la: the CD step lands on zero), G updated. */
    private static void zeroByKkt(double[] A, double la, double[] b, double[] G) {
        int k = b.length;
        for (int j = 0; j < k; j++) {
            if (b[j] == 0 || cdValue(A, la, b, G, j) != 0) continue;
            double d = -b[j];
            b[j] = 0;
            for (int a = 0; a < k; a++) G[a] += A[a * k + j] * d;
        }
    }

    /** ½bᵀAb − fᵀb + la‖b‖₁ given G = Ab − f: ½bᵀ(G − f) + la‖b‖₁. */
    static double objective(double[] f, double la, double[] b, double[] G) {
        double s = 0;
        for (int j = 0; j < b.length; j++) s += 0.5 * b[j] * (G[j] - f[j]) + la * Math.abs(b[j]);
        return s;
    }

    /**
     * Newton on the support with signs fixed (H = A_SS from the cache, the model's exact orthant minimiser), a step
     * cut where a coordinate would change sign (it leaves the support), up to {@link Polish#MAX_ROUNDS} times;
     * kept only if the model objective does not rise. Returns whether b moved.
     */
    private static boolean newton(double[] A, double[] f, double la, double[] b, double[] G) {
        int k = b.length;
        double before = objective(f, la, b, G);
        double[] start = b.clone(), grad = G.clone();
        boolean moved = false;
        for (int round = 0; round < Polish.MAX_ROUNDS; round++) {
            int[] S = Polish.support(b);
            int s = S.length;
            if (s == 0 || s > POLISH_MAX) break;
            double[] H = new double[s * s], F = new double[s];
            for (int a = 0; a < s; a++) {
                for (int c = 0; c < s; c++) H[a * s + c] = A[S[a] * k + S[c]];
                F[a] = grad[S[a]] + la * Math.signum(b[S[a]]);
            }
            double[] d = Cholesky.solve(H, F, s);
            double t = 1;
            int cross = -1;
            for (int a = 0; a < s; a++) {
                d[a] = -d[a];
                double bj = b[S[a]];
                if (bj * d[a] < 0 && Math.abs(d[a]) * t > Math.abs(bj)) {
                    t = -bj / d[a];
                    cross = a;
                }
            }
            for (int a = 0; a < s; a++) {
                double step = t * d[a];
                b[S[a]] += step;
                for (int q = 0; q < k; q++) grad[q] += A[q * k + S[a]] * step;
            }
            if (cross >= 0) {
                int j = S[cross];
                for (int q = 0; q < k; q++) grad[q] -= A[q * k + j] * b[j];
                b[j] = 0;
            }
            moved = true;
            if (cross < 0) break;
        }
        if (!moved) return false;
        if (objective(f, la, b, gradient(A, f, b)) <= before) return true;
        System.arraycopy(start, 0, b, 0, k);
        return false;
    }

    /**
     * L-BFGS on (u, w) from the balanced u = sign(b)·√|b|, w = √|b|; on return b = u⊙w and G = Ab − f. Stops when
     * the CD measure over the coordinates not heading to zero is below thr, or no decrease is possible, or (with
     * probe) when the KKT zeroing and the Newton step from the current point already reach thr: spred's
     * coefficients show the support long before they converge, and the Newton step is exact once it is right.
     * Returns the iterations made.
     */
    static int lbfgs(double[] A, double[] f, double la, double[] b, double[] G, double thr, long maxIter, boolean probe) {
        int k = b.length, dim = 2 * k;
        double[] x = new double[dim]; // (u, w)
        for (int j = 0; j < k; j++) {
            double r = Math.sqrt(Math.abs(b[j]));
            x[j] = Math.signum(b[j]) * r;
            x[k + j] = r;
        }
        double[][] S = new double[MEMORY][], Y = new double[MEMORY][];
        double[] rho = new double[MEMORY], alpha = new double[MEMORY];
        int mem = 0, head = 0, it = 0;
        double[] g = spredGradient(x, G, la, k), p1 = new double[k], p2 = new double[k];
        int nextProbe = PROBE;
        while (it < maxIter && measure(A, la, b, G, true) >= thr) {
            if (probe && it >= nextProbe) { // has spred found the support? zeroing + Newton would then finish
                double[] bt = b.clone(), Gt = G.clone();
                zeroByKkt(A, la, bt, Gt);
                if (newton(A, f, la, bt, Gt)) Gt = gradient(A, f, bt);
                if (measure(A, la, bt, Gt, false) < thr || objective(f, la, bt, Gt) < objective(f, la, b, G)) {
                    // converged, or a better point than spred's: the caller restarts from it (seeds re-drawn)
                    System.arraycopy(bt, 0, b, 0, k);
                    System.arraycopy(Gt, 0, G, 0, k);
                    return it;
                }
                // probe about as often as its cost (|S|³/3 for the factorisation) matches PROBE iterations (2k² each)
                double s = Polish.support(bt).length;
                nextProbe = it + (int) Math.max(PROBE, Math.min(1e6, s * s * s / (6.0 * k * k)));
            }
            // two-loop recursion: d = −H·g
            double[] d = g.clone();
            for (int q = 0; q < mem; q++) {
                int i = Math.floorMod(head - 1 - q, MEMORY);
                alpha[i] = rho[i] * dot(S[i], d);
                axpy(d, -alpha[i], Y[i]);
            }
            if (mem > 0) {
                int last = Math.floorMod(head - 1, MEMORY);
                scale(d, 1 / (rho[last] * dot(Y[last], Y[last])));
            }
            for (int q = mem - 1; q >= 0; q--) {
                int i = Math.floorMod(head - 1 - q, MEMORY);
                axpy(d, alpha[i] - rho[i] * dot(Y[i], d), S[i]);
            }
            scale(d, -1);
            if (!(dot(d, g) < 0)) { // not a descent direction: forget the curvature pairs
                if (mem == 0) break;
                mem = 0;
                continue;
            }
            for (int j = 0; j < k; j++) {
                p1[j] = d[j] * x[k + j] + x[j] * d[k + j];
                p2[j] = d[j] * d[k + j];
            }
            double[] Ap1 = times(A, p1), Ap2 = times(A, p2);
            double[] c = lineCoefficients(x, d, G, p1, p2, Ap1, Ap2, la, k);
            double t = lineMin(c[0], c[1], c[2], c[3]);
            if (t == 0 || !Double.isFinite(t)) {
                if (mem == 0) break;
                mem = 0;
                continue;
            }
            double[] s = d.clone();
            scale(s, t);
            axpy(x, 1, s);
            for (int j = 0; j < k; j++) {
                b[j] = x[j] * x[k + j];
                G[j] += t * Ap1[j] + t * t * Ap2[j];
            }
            if (++it % 50 == 0) System.arraycopy(gradient(A, f, b), 0, G, 0, k); // no drift in G
            double[] gn = spredGradient(x, G, la, k), y = gn.clone();
            axpy(y, -1, g);
            g = gn;
            double sy = dot(s, y);
            if (sy > 1e-12 * Math.sqrt(dot(s, s) * dot(y, y))) {
                S[head] = s;
                Y[head] = y;
                rho[head] = 1 / sy;
                head = (head + 1) % MEMORY;
                mem = Math.min(mem + 1, MEMORY);
            }
        }
        System.arraycopy(gradient(A, f, b), 0, G, 0, k);
        return it;
    }

    /** ∂F/∂u = G⊙w + la·u, ∂F/∂w = G⊙u + la·w (the gradient split). */
    private static double[] spredGradient(double[] x, double[] G, double la, int k) {
        double[] g = new double[2 * k];
        for (int j = 0; j < k; j++) {
            g[j] = G[j] * x[k + j] + la * x[j];
            g[k + j] = G[j] * x[j] + la * x[k + j];
        }
        return g;
    }

    /**
     * F(x + t·d) − F(x) = c1·t + c2·t² + c3·t³ + c4·t⁴, with b(t) = b + t·p1 + t²·p2 (p1 = du⊙w + u⊙dw,
     * p2 = du⊙dw), G = Ab − f, Ap1 = A·p1, Ap2 = A·p2.
     */
    static double[] lineCoefficients(double[] x, double[] d, double[] G, double[] p1, double[] p2, double[] Ap1,
                                     double[] Ap2, double la, int k) {
        double c1 = dot(p1, G), c2 = 0.5 * dot(p1, Ap1) + dot(p2, G), c3 = dot(p1, Ap2), c4 = 0.5 * dot(p2, Ap2);
        double xd = 0, dd = 0;
        for (int i = 0; i < 2 * k; i++) {
            xd += x[i] * d[i];
            dd += d[i] * d[i];
        }
        return new double[]{c1 + la * xd, c2 + 0.5 * la * dd, c3, c4};
    }

    /**
     * The global minimiser over all real t of φ(t) = c1·t + c2·t² + c3·t³ + c4·t⁴ (0 if none is below φ(0) = 0,
     * or φ is unbounded below). φ' is monotone between the real roots of φ'' (at most two), so each of those at
     * most three pieces holds at most one root of φ' where it rises through zero (a local minimum of φ), found by
     * a safeguarded Newton iteration inside a bracket; the lowest local minimum wins.
     */
    static double lineMin(double c1, double c2, double c3, double c4) {
        double[] cut = quadraticRoots(12 * c4, 6 * c3, 2 * c2);
        double best = 0, bestPhi = 0;
        for (int i = 0; i <= cut.length; i++) {
            double lo = i == 0 ? Double.NEGATIVE_INFINITY : cut[i - 1];
            double hi = i == cut.length ? Double.POSITIVE_INFINITY : cut[i];
            double t = risingRoot(lo, hi, c1, c2, c3, c4);
            if (Double.isNaN(t)) continue;
            double phi = t * (c1 + t * (c2 + t * (c3 + t * c4)));
            if (phi < bestPhi) {
                best = t;
                bestPhi = phi;
            }
        }
        return best;
    }

    /** The real roots of a·t² + b·t + c, ascending (the cancellation-free form). */
    static double[] quadraticRoots(double a, double b, double c) {
        if (a == 0) return b == 0 ? new double[0] : new double[]{-c / b};
        double disc = b * b - 4 * a * c;
        if (!(disc > 0)) return new double[0]; // φ' monotone (a double root does not change that)
        double q = -0.5 * (b + Math.copySign(Math.sqrt(disc), b));
        double r1 = q / a, r2 = q == 0 ? -r1 : c / q;
        return new double[]{Math.min(r1, r2), Math.max(r1, r2)};
    }

    private static double dphi(double t, double c1, double c2, double c3, double c4) {
        return c1 + t * (2 * c2 + t * (3 * c3 + t * 4 * c4));
    }

    /** The root of φ' in (lo, hi), where φ' is monotone, if φ' goes from negative to positive there; else NaN. */
    private static double risingRoot(double lo, double hi, double c1, double c2, double c3, double c4) {
        double a = lo, b = hi;
        if (Double.isInfinite(a)) { // a finite left end: step left (doubling) from hi, or from 0, until φ' < 0
            double ref = Double.isFinite(b) ? b : 0, h = Math.max(1, Math.abs(ref));
            a = ref - h;
            for (int q = 0; q < 1100 && !(dphi(a, c1, c2, c3, c4) < 0); q++) a = ref - (h *= 2);
        }
        if (Double.isInfinite(b)) { // a finite right end: step right from a until φ' > 0
            double h = Math.max(1, Math.abs(a));
            b = a + h;
            for (int q = 0; q < 1100 && !(dphi(b, c1, c2, c3, c4) > 0); q++) b = a + (h *= 2);
        }
        if (!(dphi(a, c1, c2, c3, c4) < 0 && dphi(b, c1, c2, c3, c4) > 0)) return Double.NaN;
        double t = 0.5 * (a + b);
        for (int q = 0; q < 200; q++) {
            double v = dphi(t, c1, c2, c3, c4);
            if (v == 0) return t;
            if (v < 0) a = t;
            else b = t;
            double curv = 2 * c2 + t * (6 * c3 + t * 12 * c4);
            double nt = t - v / curv;
            if (!(nt > a && nt < b)) nt = 0.5 * (a + b); // Newton left the bracket: bisect
            if (nt == t || b - a <= 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b)))) return nt;
            t = nt;
        }
        return t;
    }

    private static double[] times(double[] A, double[] v) {
        int k = v.length;
        double[] r = new double[k];
        for (int a = 0; a < k; a++) {
            double s = 0;
            for (int c = 0; c < k; c++) s += A[a * k + c] * v[c];
            r[a] = s;
        }
        return r;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double[] y, double a, double[] x) {
        for (int i = 0; i < y.length; i++) y[i] += a * x[i];
    }

    private static void scale(double[] v, double a) {
        for (int i = 0; i < v.length; i++) v[i] *= a;
    }
}
