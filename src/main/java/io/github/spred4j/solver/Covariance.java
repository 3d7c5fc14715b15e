package io.github.spred4j.solver;

import io.github.spred4j.api.Precision;

/**
 * glmnet's covariance mode for the squared loss on a dense design with few columns: the inner solve keeps
 * {@code q = Xᵀρ} (raw columns, all p) instead of the n-vector ρ, and a move of coordinate k updates q by the Gram
 * column {@code Xᵀx_k}, computed once per engine when k first moves (O(n·p), from the caller's row-major float64 X
 * on the host). A coordinate visit then costs O(1) and a move O(p), independent of n; ρ itself is rebuilt from β only
 * when someone needs it (the engine's check, which stays a real pass over X: the certificate is never taken from
 * the Gram). Used when p ≤ {@link #MAX_P} and n ≥ p (glmnet switches at p = 500), float64 only.
 */
final class Covariance {
    /** The largest p for which the Gram columns (p doubles each) are cached. */
    static final int MAX_P = 500;

    private final Prepared pb;
    private final int n, p;
    /** q_j = x_jᵀρ (raw columns). */
    final double[] q;
    private final double[][] gram; // gram[k] = Xᵀx_k (raw), once k has moved

    private Covariance(Prepared pb) {
        this.pb = pb;
        n = pb.n;
        p = pb.p;
        q = new double[p];
        gram = new double[p][];
    }

    /**
     * The covariance state for this problem, or null when the naive mode (n-vector residual) is the better one.
     * Host loops by design (issue 12 item 5 audit): the mode exists for p ≤ 500 columns, where the Gram columns and
     * q are vectors of ≤ 500 doubles and a coordinate move is O(p) host work; its one O(n·p) host pass per check
     * (reset) is what a device backend with large n would move to gemm_xtr / gram_cols, not done yet.
     */
    static Covariance of(Prepared pb) {
        boolean use = pb.family.isQuadratic() && pb.dense != null && pb.x.precision() == Precision.FLOAT64
                && pb.p <= MAX_P && pb.n >= pb.p;
        return use ? new Covariance(pb) : null;
    }

    /** q = Xᵀρ from the residual (one host pass over X). */
    void reset(double[] rho) {
        double[] x = pb.dense;
        java.util.Arrays.fill(q, 0);
        for (int i = 0; i < n; i++) {
            double r = rho[i];
            if (r == 0) continue;
            int o = i * p;
            for (int j = 0; j < p; j++) q[j] += x[o + j] * r;
        }
    }

    /** Xᵀx_k (raw), computed on first use. */
    double[] column(int k) {
        double[] g = gram[k];
        if (g != null) return g;
        g = new double[p];
        double[] x = pb.dense;
        for (int i = 0; i < n; i++) {
            int o = i * p;
            double v = x[o + k];
            if (v == 0) continue;
            for (int j = 0; j < p; j++) g[j] += x[o + j] * v;
        }
        gram[k] = g;
        return g;
    }

    /** ρ moves by −db·x_k: q moves by −db·Xᵀx_k. */
    void move(int k, double db) {
        double[] g = column(k);
        for (int j = 0; j < p; j++) q[j] -= db * g[j];
    }

    /** ρ = y − shift − Σ_j (b_j/s_j)·x_j over the nonzero b_j, on the host from the row-major X. */
    void residual(double[] rho, double shift, double[] b) {
        int m = 0;
        int[] s = new int[p];
        double[] beta = new double[p];
        for (int j = 0; j < p; j++)
            if (b[j] != 0) {
                s[m] = j;
                beta[m++] = b[j] / pb.scale[j];
            }
        double[] x = pb.dense;
        for (int i = 0; i < n; i++) {
            int o = i * p;
            double v = pb.y[i] - shift;
            for (int a = 0; a < m; a++) v -= x[o + s[a]] * beta[a];
            rho[i] = v;
        }
    }
}
