package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

/**
 * The orthogonal complement of the free columns M = [1 (intercept), X_U (unpenalised features)] in the inner
 * product weighted by a (Σa = 1), on √a-scaled vectors: √a⊙M = QR by modified Gram-Schmidt, each column
 * orthogonalised twice (the second pass removes what rounding left of the first). {@link #project} takes √a⊙v to
 * (I − QQᵀ)(√a⊙v), the weighted residual of v on M; {@link #solveFree} the weighted least-squares coefficients of M.
 */
final class Projection {
    private final int n;
    private final double[] rootA;
    private final double[][] q;   // r orthonormal columns, length n each
    private final double[] r;     // r×r upper triangular, row-major
    private final boolean intercept;
    private final int[] unpen;
    private final double[] x;     // the caller's dense row-major X
    private final int p;

    private Projection(int n, int p, double[] x, double[] rootA, double[][] q, double[] r, boolean intercept, int[] unpen) {
        this.n = n;
        this.p = p;
        this.x = x;
        this.rootA = rootA;
        this.q = q;
        this.r = r;
        this.intercept = intercept;
        this.unpen = unpen;
    }

    static Projection of(double[] x, int n, int p, double[] a, boolean intercept, int[] unpen, Dataset d) {
        double[] rootA = new double[n];
        for (int i = 0; i < n; i++) rootA[i] = Math.sqrt(a[i]);
        int m = (intercept ? 1 : 0) + unpen.length;
        double[][] q = new double[m][];
        double[] r = new double[m * m];
        Projection pr = new Projection(n, p, x, rootA, q, r, intercept, unpen);
        for (int k = 0; k < m; k++) {
            double[] v = k == 0 && intercept ? rootA.clone() : pr.column(x, unpen[k - (intercept ? 1 : 0)]);
            double before = norm(v);
            for (int pass = 0; pass < 2; pass++)
                for (int l = 0; l < k; l++) {
                    double t = dot(q[l], v);
                    r[l * m + k] += t;
                    axpy(-t, q[l], v);
                }
            double rho = norm(v);
            if (!(rho > 1e-10 * before))
                throw new IllegalArgumentException("unpenalised feature " + d.name(unpen[k - (intercept ? 1 : 0)])
                        + " (penalty factor 0) is collinear with the " + (intercept ? "intercept and the " : "")
                        + "other unpenalised features on the rows with positive weight: their coefficients are not determined");
            for (int i = 0; i < n; i++) v[i] /= rho;
            r[k * m + k] = rho;
            q[k] = v;
        }
        return pr;
    }

    /** √a ⊙ x_j (a fresh array). */
    double[] column(double[] x, int j) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = rootA[i] * x[i * p + j];
        return v;
    }

    /** √a ⊙ v (a fresh array). */
    double[] rooted(double[] v) {
        double[] o = new double[n];
        for (int i = 0; i < n; i++) o[i] = rootA[i] * v[i];
        return o;
    }

    /** (I − QQᵀ)v in place (twice: the second pass removes the first's rounding); returns v. */
    double[] project(double[] v) {
        for (int pass = 0; pass < 2; pass++)
            for (double[] ql : q) axpy(-dot(ql, v), ql, v);
        return v;
    }

    /**
     * The weighted least-squares fit of the free columns to y − X·β: writes the unpenalised coefficients into
     * {@code out} (at their feature indices) and returns the intercept (0 without one).
     */
    double solveFree(double[] y, double[] beta, double[] out) {
        int m = q.length;
        if (m == 0) return 0;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double s = y[i];
            for (int j = 0; j < p; j++) if (beta[j] != 0) s -= x[i * p + j] * beta[j];
            v[i] = rootA[i] * s;
        }
        double[] t = new double[m];
        for (int pass = 0; pass < 2; pass++)
            for (int l = 0; l < m; l++) {
                double c = dot(q[l], v);
                t[l] += c;
                axpy(-c, q[l], v);
            }
        double[] th = new double[m]; // R θ = t, back substitution
        for (int l = m - 1; l >= 0; l--) {
            double s = t[l];
            for (int c = l + 1; c < m; c++) s -= r[l * m + c] * th[c];
            th[l] = s / r[l * m + l];
        }
        int o = intercept ? 1 : 0;
        for (int c = 0; c < unpen.length; c++) out[unpen[c]] = th[o + c];
        return intercept ? th[0] : 0;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double t, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += t * x[i];
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }
}
