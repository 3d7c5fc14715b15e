package io.github.spred4j.solver;

/**
 * The spred solve of one quadratic model, min ½bᵀAb − fᵀb + la·‖b‖₁ (A symmetric positive semidefinite, row-major
 * k×k, the ridge on its diagonal), with b = u⊙w: L-BFGS on F(u, w) = q(u⊙w) + (la/2)(‖u‖² + ‖w‖²) with the exact
 * line search of {@link QuarticLine}, seeds for zero coordinates that violate their KKT condition, the KKT zeroing
 * and a Newton step on the support. All work is |W|×|W| (two matrix-vector products per iteration); nothing here
 * knows about the data or the engine ({@link SpredInner} builds the model).
 */
final class SpredLasso {
    /** L-BFGS memory. */
    static final int MEMORY = 10;
    /** A zero coordinate whose KKT condition fails starts at this fraction of its coordinate-descent value. */
    static final double SEED = 0.1;
    /** The model's Newton step on the support is skipped above this size (|S|³ flops). */
    static final int POLISH_MAX = 1500;
    /** L-BFGS iterations between two tries of the KKT zeroing + Newton finish (more when the support is large). */
    static final int PROBE = 10;

    /** The outcome of {@link #minimize}: b on W, L-BFGS iterations, whether the CD measure fell below thr. */
    record Result(double[] b, int iterations, boolean converged) {
    }

    private SpredLasso() {
    }

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
            if (newton(A, f, la, b, G, Polish.MAX_ROUNDS)) G = gradient(A, f, b);
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
     * cut where a coordinate would change sign (it leaves the support), up to {@code rounds} times;
     * kept only if the model objective does not rise. Returns whether b moved.
     */
    private static boolean newton(double[] A, double[] f, double la, double[] b, double[] G, int rounds) {
        int k = b.length;
        double before = objective(f, la, b, G);
        double[] start = b.clone(), grad = G.clone();
        boolean moved = false;
        for (int round = 0; round < rounds; round++) {
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
                if (newton(A, f, la, bt, Gt, 1)) Gt = gradient(A, f, bt); // one factorisation: a probe, not a solve
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
            double[] c = QuarticLine.coefficients(x, d, G, p1, p2, Ap1, Ap2, la, k);
            double t = QuarticLine.lineMin(c[0], c[1], c[2], c[3]);
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

    static double dot(double[] a, double[] b) {
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
