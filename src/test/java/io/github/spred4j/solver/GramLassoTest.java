package io.github.spred4j.solver;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Gram solver on its own: the kept Cholesky factor against fresh factorisations of the same block as
 * coordinates enter and leave, and coordinate descent + Newton against the optimality conditions this test checks
 * itself (KKT from Q, q) on well- and ill-conditioned Grams (p > n: singular Q), lasso and elastic net, along
 * decreasing paths (the warm start extrapolates) and from cold starts.
 */
class GramLassoTest {
    /** Q = ZᵀZ/n, q = Zᵀy/n, yy = ‖y‖²/n for a seeded Z (n×p, correlated columns when rho > 0) and y. */
    static double[][] problem(int n, int p, double rho, long seed) {
        Random r = new Random(seed);
        double[] z = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            double common = r.nextGaussian();
            for (int j = 0; j < p; j++) z[i * p + j] = rho * common + r.nextGaussian();
            for (int j = 0; j < Math.min(p, 5); j++) y[i] += (j + 1) * z[i * p + j];
            y[i] += r.nextGaussian();
        }
        double[] Q = new double[p * p], q = new double[p];
        double yy = 0;
        for (int i = 0; i < n; i++) {
            yy += y[i] * y[i] / n;
            for (int a = 0; a < p; a++) {
                q[a] += z[i * p + a] * y[i] / n;
                for (int c = 0; c < p; c++) Q[a * p + c] += z[i * p + a] * z[i * p + c] / n;
            }
        }
        return new double[][]{Q, q, {yy}};
    }

    @Test
    void theKeptFactorSolvesAsAFreshCholeskyOfTheSameBlock() {
        for (int p : new int[]{1, 2, 7, 17, 33}) { // 17, 33: one past the storage doublings (16, 32)
            double[][] pr = problem(3 * p + 5, p, 0.5, p);
            double[] Q = pr[0];
            for (double mu : new double[]{0, 0.3}) {
                GramFactor f = new GramFactor(p, Q, mu);
                Random r = new Random(p + 1);
                java.util.List<Integer> in = new java.util.ArrayList<>();
                for (int step = 0; step < 4 * p + 3; step++) {
                    int j = r.nextInt(p);
                    if (f.has(j)) {
                        f.remove(j);
                        in.remove((Integer) j);
                    } else {
                        assertTrue(f.add(j), "a positive definite block accepts coordinate " + j);
                        in.add(j);
                    }
                    int k = f.k;
                    assertEquals(in.size(), k);
                    double[] rhs = new double[k], H = new double[k * k];
                    for (int a = 0; a < k; a++) {
                        int ja = f.coordinate(a);
                        assertTrue(in.contains(ja));
                        rhs[a] = r.nextGaussian();
                        for (int c = 0; c < k; c++) H[a * k + c] = Q[ja * p + f.coordinate(c)] + (a == c ? mu : 0);
                    }
                    double[] x = f.solve(rhs), ref = Cholesky.solve(H, rhs, k);
                    double scale = 1e-300;
                    for (double v : ref) scale = Math.max(scale, Math.abs(v));
                    for (int a = 0; a < k; a++)
                        assertEquals(ref[a], x[a], 1e-9 * scale, "p " + p + " mu " + mu + " step " + step + " row " + a);
                }
            }
        }
        double[] dup = {1, 1, 1, 1}; // two identical columns: the second is refused, nothing changes
        GramFactor f = new GramFactor(2, dup, 0);
        assertTrue(f.add(0));
        assertFalse(f.add(1));
        assertEquals(1, f.k);
        assertFalse(f.has(1));
    }

    /** The KKT conditions at the returned b, from Q and q alone: ∇_j + λα·sign(b_j) = 0, |∇_j| ≤ λα at zeros. */
    static void assertOptimal(GramLasso gl, double lambda, String what) {
        int p = gl.p;
        double la = lambda * gl.alpha, mu = lambda * (1 - gl.alpha), scale = 0;
        double[] grad = new double[p];
        for (int j = 0; j < p; j++) {
            double s = -gl.q[j];
            for (int c = 0; c < p; c++) s += gl.Q.at(j, c) * gl.b[c];
            grad[j] = s + mu * gl.b[j];
            scale = Math.max(scale, Math.abs(gl.q[j]));
        }
        double worst = 0;
        for (int j = 0; j < p; j++)
            worst = Math.max(worst, gl.b[j] == 0 ? Math.max(Math.abs(grad[j]) - la, 0) : Math.abs(grad[j] + la * Math.signum(gl.b[j])));
        // a relative gap ε bounds the KKT residual by about sqrt(ε)·scale
        assertTrue(worst <= 1e-4 * scale, what + ": KKT violation " + worst + " (scale " + scale + ")");
    }

    @Test
    void pathsReachTheTargetGapAndSatisfyKktOnWellAndIllConditionedGrams() {
        int[][] shapes = {{200, 30}, {40, 90}, {25, 3}, {60, 1}};
        for (int[] sh : shapes)
            for (double rho : new double[]{0, 3})
                for (double alpha : new double[]{1, 0.4}) {
                    double[][] pr = problem(sh[0], sh[1], rho, sh[0] * 31L + sh[1]);
                    GramLasso gl = new GramLasso(sh[1], pr[0], pr[1], pr[2][0], alpha);
                    gl.target = 1e-11;
                    double lmax = gl.lambdaMax(), prev = lmax;
                    for (int l = 1; l < 40; l++) {
                        double lambda = lmax * Math.pow(1e-3, l / 39.0);
                        double gap = gl.solve(lambda, prev);
                        prev = lambda;
                        String what = "n " + sh[0] + " p " + sh[1] + " rho " + rho + " alpha " + alpha + " lambda " + l;
                        assertTrue(gap <= 1e-11 && gap > -1e-12, what + ": gap " + gap);
                        assertEquals(gap, gl.gap(lambda), 0.0, what + ": the gap returned is the gap of b");
                        assertOptimal(gl, lambda, what);
                        // the same λ from a cold start: the same objective (within both gaps)
                        GramLasso cold = new GramLasso(sh[1], pr[0], pr[1], pr[2][0], alpha);
                        cold.target = 1e-11;
                        assertTrue(cold.solve(lambda, lmax) <= 1e-11, what + ": cold start certified");
                        assertEquals(cold.primal(lambda), gl.primal(lambda), 3e-11 * gl.primal(lambda), what + ": cold objective");
                    }
                }
    }
}
