package io.github.spred4j.solver;

/** Solves the small symmetric positive (semi)definite systems of the polish: Cholesky, a growing ridge if needed, one refinement. */
final class Cholesky {
    private Cholesky() {
    }

    /** x with H·x = g (H row-major d×d, not modified). */
    static double[] solve(double[] H, double[] g, int d) {
        return new Work(d).solve(H, g, d);
    }

    /**
     * Buffers for systems up to a capacity, reused from solve to solve (a solver taking thousands of small steps
     * per path allocates nothing per step: fresh memory is what slows a young JVM). The answer is the buffer
     * {@link #x}, valid until the next solve.
     */
    static final class Work {
        private double[] L, z, x, res, dx;

        Work(int cap) {
            grow(cap);
        }

        private void grow(int d) {
            L = new double[d * d];
            z = new double[d];
            x = new double[d];
            res = new double[d];
            dx = new double[d];
        }

        /** x with H·x = g (H row-major d×d, not modified), in this work's buffer; the arithmetic of {@link Cholesky#solve}. */
        double[] solve(double[] H, double[] g, int d) {
            if (x.length < d) grow(d);
            double tr = 0;
            for (int i = 0; i < d; i++) tr = Math.max(tr, H[i * d + i]);
            double jitter = 0;
            for (int attempt = 0; attempt < 20; attempt++) {
                if (factor(H, d, jitter, L)) {
                    substitute(L, g, d, z, x);
                    for (int i = 0; i < d; i++) { // iterative refinement against the unjittered H
                        double s = g[i];
                        for (int j = 0; j < d; j++) s -= H[i * d + j] * x[j];
                        res[i] = s;
                    }
                    substitute(L, res, d, z, dx);
                    for (int i = 0; i < d; i++) x[i] += dx[i];
                    return x;
                }
                jitter = jitter == 0 ? 1e-14 * Math.max(tr, 1e-300) : jitter * 10;
            }
            for (int i = 0; i < d; i++) x[i] = g[i] / Math.max(H[i * d + i], 1e-300);
            return x;
        }
    }

    /**
     * The lower factor of H + jitter·I into L (row-major d×d; only its lower triangle is written or read);
     * false when not positive definite.
     */
    static boolean factor(double[] H, int d, double jitter, double[] L) {
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++) {
                double s = H[i * d + j] + (i == j ? jitter : 0);
                for (int q = 0; q < j; q++) s -= L[i * d + q] * L[j * d + q];
                if (i == j) {
                    if (!(s > 0)) return false;
                    L[i * d + i] = Math.sqrt(s);
                } else L[i * d + j] = s / L[j * d + j];
            }
        return true;
    }

    /** x with L·Lᵀ·x = g, through z (both length ≥ d; g is not modified). */
    static void substitute(double[] L, double[] g, int d, double[] z, double[] x) {
        for (int i = 0; i < d; i++) {
            double s = g[i];
            for (int q = 0; q < i; q++) s -= L[i * d + q] * z[q];
            z[i] = s / L[i * d + i];
        }
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int q = i + 1; q < d; q++) s -= L[q * d + i] * x[q];
            x[i] = s / L[i * d + i];
        }
    }
}
