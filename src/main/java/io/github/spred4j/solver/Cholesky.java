package io.github.spred4j.solver;

/** Solves the small symmetric positive (semi)definite systems of the polish: Cholesky, a growing ridge if needed, one refinement. */
final class Cholesky {
    private Cholesky() {
    }

    /** x with H·x = g (H row-major d×d, not modified). */
    static double[] solve(double[] H, double[] g, int d) {
        double tr = 0;
        for (int i = 0; i < d; i++) tr = Math.max(tr, H[i * d + i]);
        double jitter = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            double[] L = factor(H, d, jitter);
            if (L != null) {
                double[] x = substitute(L, g, d);
                double[] res = new double[d]; // iterative refinement against the unjittered H
                for (int i = 0; i < d; i++) {
                    double s = g[i];
                    for (int j = 0; j < d; j++) s -= H[i * d + j] * x[j];
                    res[i] = s;
                }
                double[] dx = substitute(L, res, d);
                for (int i = 0; i < d; i++) x[i] += dx[i];
                return x;
            }
            jitter = jitter == 0 ? 1e-14 * Math.max(tr, 1e-300) : jitter * 10;
        }
        double[] x = new double[d];
        for (int i = 0; i < d; i++) x[i] = g[i] / Math.max(H[i * d + i], 1e-300);
        return x;
    }

    static double[] factor(double[] H, int d, double jitter) {
        double[] L = new double[d * d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j <= i; j++) {
                double s = H[i * d + j] + (i == j ? jitter : 0);
                for (int q = 0; q < j; q++) s -= L[i * d + q] * L[j * d + q];
                if (i == j) {
                    if (!(s > 0)) return null;
                    L[i * d + i] = Math.sqrt(s);
                } else L[i * d + j] = s / L[j * d + j];
            }
        return L;
    }

    static double[] substitute(double[] L, double[] g, int d) {
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = g[i];
            for (int q = 0; q < i; q++) s -= L[i * d + q] * z[q];
            z[i] = s / L[i * d + i];
        }
        double[] x = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double s = z[i];
            for (int q = i + 1; q < d; q++) s -= L[q * d + i] * x[q];
            x[i] = s / L[i * d + i];
        }
        return x;
    }
}
