package io.github.spred4j.solver;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The spred inner solve on its own, on random quadratic models ½bᵀAb − fᵀb + la‖b‖₁: the exact line search is the
 * global minimiser of F along the line (against a dense grid of F evaluated from its definition, not from the
 * polynomial), and {@link SpredInner#minimize} reaches the minimiser that the test's own coordinate descent
 * reaches, to 1e-9, with the same exact zeros.
 */
class SpredInnerTest {

    /** A = XᵀX/n + mu·I for a random n×k X (rank-deficient when n < k), row-major. */
    static double[] gram(SplittableRandom r, int n, int k, double mu, double[] xOut) {
        double[] x = xOut != null ? xOut : new double[n * k];
        for (int i = 0; i < n * k; i++) x[i] = r.nextGaussian();
        double[] A = new double[k * k];
        for (int a = 0; a < k; a++)
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += x[i * k + a] * x[i * k + c];
                A[a * k + c] = s / n + (a == c ? mu : 0);
            }
        return A;
    }

    /** F(u, w) = q(u⊙w) + (la/2)(‖u‖² + ‖w‖²) from its definition. */
    static double spredObjective(double[] A, double[] f, double la, double[] u, double[] w) {
        int k = f.length;
        double[] b = new double[k];
        for (int j = 0; j < k; j++) b[j] = u[j] * w[j];
        double q = 0, pen = 0;
        for (int a = 0; a < k; a++) {
            double s = 0;
            for (int c = 0; c < k; c++) s += A[a * k + c] * b[c];
            q += 0.5 * b[a] * s - f[a] * b[a];
            pen += u[a] * u[a] + w[a] * w[a];
        }
        return q + 0.5 * la * pen;
    }

    /** The step SpredInner's L-BFGS takes along (du, dw) from (u, w), through the same functions it calls. */
    static double exactStep(double[] A, double[] f, double la, double[] u, double[] w, double[] du, double[] dw) {
        int k = f.length;
        double[] x = new double[2 * k], d = new double[2 * k], b = new double[k], p1 = new double[k], p2 = new double[k];
        for (int j = 0; j < k; j++) {
            x[j] = u[j];
            x[k + j] = w[j];
            d[j] = du[j];
            d[k + j] = dw[j];
            b[j] = u[j] * w[j];
            p1[j] = du[j] * w[j] + u[j] * dw[j];
            p2[j] = du[j] * dw[j];
        }
        double[] G = SpredLasso.gradient(A, f, b);
        double[] Ap1 = SpredLasso.gradient(A, new double[k], p1), Ap2 = SpredLasso.gradient(A, new double[k], p2);
        double[] c = QuarticLine.coefficients(x, d, G, p1, p2, Ap1, Ap2, la, k);
        return QuarticLine.lineMin(c[0], c[1], c[2], c[3]);
    }

    static double[] along(double[] v, double t, double[] dv) {
        double[] r = v.clone();
        for (int j = 0; j < r.length; j++) r[j] += t * dv[j];
        return r;
    }

    @Test
    void exactLineSearchIsTheGlobalMinimiserAlongTheLine() {
        SplittableRandom r = new SplittableRandom(12);
        int[] sizes = {1, 2, 3, 7, 31};
        int cases = 0;
        for (int trial = 0; trial < 120; trial++) {
            int k = sizes[trial % sizes.length];
            int n = trial % 3 == 0 ? Math.max(1, k / 2) : 2 * k + 1;
            double mu = trial % 4 == 0 ? 0.1 : 0;
            double[] A = gram(r, n, k, mu, null), f = new double[k], u = new double[k], w = new double[k],
                    du = new double[k], dw = new double[k];
            double la = trial % 5 == 0 ? 0 : r.nextDouble();
            for (int j = 0; j < k; j++) {
                f[j] = 2 * r.nextGaussian();
                u[j] = r.nextGaussian();
                w[j] = r.nextGaussian();
                du[j] = r.nextGaussian();
                dw[j] = trial % 7 == 0 ? 0 : r.nextGaussian(); // du⊙dw = 0: the quadratic case
            }
            double t = exactStep(A, f, la, u, w, du, dw);
            double f0 = spredObjective(A, f, la, u, w), ft = spredObjective(A, f, la, along(u, t, du), along(w, t, dw));
            assertTrue(Double.isFinite(t) && ft <= f0, "trial " + trial + ": step " + t + " raises F " + f0 + " -> " + ft);
            // a dense grid over [-(|t|+8), |t|+8] (the quartic is coercive: no minimiser far out for these scales),
            // its best point refined by a golden-section search on F itself
            double span = Math.abs(t) + 8, gridMin = Double.POSITIVE_INFINITY, gridArg = 0, h = span / 5000;
            for (int q = -5000; q <= 5000; q++) {
                double s = h * q;
                double v = spredObjective(A, f, la, along(u, s, du), along(w, s, dw));
                if (v < gridMin) {
                    gridMin = v;
                    gridArg = s;
                }
            }
            double lo = gridArg - h, hi = gridArg + h, gr = (Math.sqrt(5) - 1) / 2;
            for (int q = 0; q < 80; q++) {
                double m1 = hi - gr * (hi - lo), m2 = lo + gr * (hi - lo);
                if (spredObjective(A, f, la, along(u, m1, du), along(w, m1, dw))
                        < spredObjective(A, f, la, along(u, m2, du), along(w, m2, dw))) hi = m2;
                else lo = m1;
            }
            double mid = 0.5 * (lo + hi);
            gridMin = Math.min(gridMin, spredObjective(A, f, la, along(u, mid, du), along(w, mid, dw)));
            double slack = 1e-12 * (Math.abs(f0) + Math.abs(gridMin) + 1);
            assertTrue(ft <= gridMin + slack, "trial " + trial + " (k=" + k + "): exact step t=" + t + " gives F=" + ft
                    + " but the grid (refined) has F=" + gridMin + " near t=" + gridArg);
            cases++;
        }
        assertEquals(120, cases);
    }

    @Test
    void lineMinPicksTheLowerOfTwoWells() {
        // φ = t⁴ − 2t² + 0.1·t: wells near ±1, the left one lower; a descent-only search from 0 would also stop at
        // either, the global one is at the left
        double t = QuarticLine.lineMin(0.1, -2, 0, 1);
        assertTrue(t < -0.9 && t > -1.1, "t = " + t);
        assertEquals(0, 0.1 + t * (-4 + t * t * 4), 1e-12, "φ'(t) = 0");
        assertEquals(2.0, QuarticLine.lineMin(-4, 1, 0, 0), 1e-15, "the quadratic (t − 2)²");
        assertEquals(0.0, QuarticLine.lineMin(1, 0, 0, 0), 0, "unbounded below along the line: no step");
        assertEquals(0.0, QuarticLine.lineMin(0, 0, 0, 0), 0, "flat: no step");
        // φ = (t − 3)⁴ − 81 (a quadruple root of φ' − ..., φ'' vanishes at the minimiser)
        assertEquals(3.0, QuarticLine.lineMin(-108, 54, -12, 1), 1e-3); // φ' = 4(t − 3)³ is flat there: rounding limits t
    }

    /** The test's own coordinate descent on the model (to a change below 1e-17 per sweep). */
    static double[] coordinateDescent(double[] A, double[] f, double la) {
        int k = f.length;
        double[] b = new double[k];
        for (int sweep = 0; sweep < 200_000; sweep++) {
            double dmax = 0;
            for (int j = 0; j < k; j++) {
                double aj = A[j * k + j];
                if (!(aj > 0)) continue;
                double g = -f[j];
                for (int c = 0; c < k; c++) g += A[j * k + c] * b[c];
                double v = aj * b[j] - g;
                double nb = Math.signum(v) * Math.max(Math.abs(v) - la, 0) / aj;
                dmax = Math.max(dmax, Math.abs(nb - b[j]));
                b[j] = nb;
            }
            if (dmax < 1e-17) break;
        }
        return b;
    }

    @Test
    void minimizeReachesTheCoordinateDescentMinimiser() {
        SplittableRandom r = new SplittableRandom(7);
        int[] sizes = {1, 2, 5, 17, 40, 71};
        for (int trial = 0; trial < 36; trial++) {
            int k = sizes[trial % sizes.length];
            int n = trial % 4 == 3 && k < 50 ? Math.max(1, k / 2) : 3 * k + 2; // p > n: A singular
            double mu = trial % 3 == 0 ? 0.05 : 0;
            double[] x = new double[n * k];
            double[] A = gram(r, n, k, mu, x), f = new double[k];
            double[] truth = new double[k];
            for (int j = 0; j < Math.max(1, k / 5); j++) truth[r.nextInt(k)] = r.nextGaussian() * 2;
            double fmax = 0;
            for (int i = 0; i < n; i++) {
                double yi = r.nextGaussian() * 0.5;
                for (int j = 0; j < k; j++) yi += x[i * k + j] * truth[j];
                for (int j = 0; j < k; j++) f[j] += x[i * k + j] * yi / n;
            }
            for (double v : f) fmax = Math.max(fmax, Math.abs(v));
            double la = fmax * (trial % 2 == 0 ? 0.1 : 0.02);
            double[] ref = coordinateDescent(A, f, la);
            double[] b0 = new double[k];
            if (trial % 5 == 4) for (int j = 0; j < k; j++) b0[j] = r.nextGaussian(); // a warm start far off
            SpredLasso.Result res = SpredLasso.minimize(A, f, la, b0, 1e-30, 100_000);
            double scale = 1;
            for (double v : ref) scale = Math.max(scale, Math.abs(v));
            for (int j = 0; j < k; j++) {
                assertEquals(ref[j], res.b()[j], 1e-9 * scale, "trial " + trial + " (k=" + k + ", n=" + n + "): b[" + j + "]");
                assertEquals(ref[j] != 0, res.b()[j] != 0, "trial " + trial + ": exact zero differs at " + j
                        + " (cd " + ref[j] + ", spred " + res.b()[j] + ")");
            }
            double[] G = SpredLasso.gradient(A, f, res.b());
            assertTrue(SpredLasso.measure(A, la, res.b(), G, false) < 1e-20, "trial " + trial + ": not converged");
        }
    }

    @Test
    void spredLbfgsAloneConvergesOnTheSupport() {
        // the L-BFGS part on its own (no zeroing, no Newton step): started at a tenth of the answer on its support
        // (zeros stay exactly zero: u = w = 0 is stationary), the exact-line-search L-BFGS on (u, w) reaches the
        // coordinate-descent minimiser. From a start with every coordinate seeded it can stall where a coordinate
        // has decayed to ~0 and must grow back (a saddle at u = w = 0): minimize's re-seeding handles that.
        SplittableRandom r = new SplittableRandom(3);
        int k = 30, n = 90;
        double[] x = new double[n * k];
        double[] A = gram(r, n, k, 0, x), f = new double[k];
        for (int j = 0; j < k; j++) f[j] = r.nextGaussian();
        double la = 0.3;
        double[] ref = coordinateDescent(A, f, la), b = new double[k];
        int support = 0;
        for (int j = 0; j < k; j++) {
            b[j] = 0.1 * ref[j];
            if (ref[j] != 0) support++;
        }
        assertTrue(support >= 5 && support < k, "the instance should have a proper support: " + support);
        double[] G = SpredLasso.gradient(A, f, b);
        int it = SpredLasso.lbfgs(A, f, la, b, G, 1e-24, 5000, false);
        assertTrue(it < 5000, "L-BFGS on (u, w) did not converge in 5000 iterations");
        assertTrue(SpredLasso.measure(A, la, b, G, true) < 1e-24, "measure " + SpredLasso.measure(A, la, b, G, true));
        for (int j = 0; j < k; j++) assertEquals(ref[j], b[j], 1e-9, "b[" + j + "]");
    }
}
