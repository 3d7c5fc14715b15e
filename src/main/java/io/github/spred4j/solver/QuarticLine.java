package io.github.spred4j.solver;

/**
 * The exact line search of {@link SpredLasso}: along a direction (du, dw) in the spred variables,
 * b(t) = (u + t·du)⊙(w + t·dw) = b + t·p1 + t²·p2 is quadratic in t per coordinate, so the objective
 * F = ½bᵀAb − fᵀb + (la/2)(‖u‖² + ‖w‖²) along the line is a quartic polynomial in t. Its coefficients cost two
 * products with A; its global minimiser is a real root of the cubic F'.
 */
final class QuarticLine {
    private QuarticLine() {
    }

    /**
     * F(x + t·d) − F(x) = c1·t + c2·t² + c3·t³ + c4·t⁴, with b(t) = b + t·p1 + t²·p2 (p1 = du⊙w + u⊙dw,
     * p2 = du⊙dw), G = Ab − f, Ap1 = A·p1, Ap2 = A·p2.
     */
    static double[] coefficients(double[] x, double[] d, double[] G, double[] p1, double[] p2, double[] Ap1,
                                 double[] Ap2, double la, int k) {
        double c1 = SpredLasso.dot(p1, G), c2 = 0.5 * SpredLasso.dot(p1, Ap1) + SpredLasso.dot(p2, G);
        double c3 = SpredLasso.dot(p1, Ap2), c4 = 0.5 * SpredLasso.dot(p2, Ap2);
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
}
