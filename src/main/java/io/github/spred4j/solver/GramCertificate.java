package io.github.spred4j.solver;

/**
 * The signed relative duality gap of a squared-loss fit from its Gram form alone (Q = ZᵀZ/n, q = Zᵀy_c/n,
 * yy = ‖y_c‖²/n in standardised coordinates, Z the centred, scaled X): the certificate of {@link Certificates} for
 * the same dual point ζ = t·r/n (r = y_c − Zb, so r̄ = 0 and Zᵀr/n = −g with g = Qb − q), without the residuals.
 * Many targets on one Gram ({@link GramBatch#fitTargets}) are then certified in O(p·nnz) each instead of two
 * stacked n×p×k products and n×k residual arrays.
 *
 * <p>Written so that no large terms cancel: with rr = ‖r‖²/n, P = ½rr + h(b) and D = t(yy − qᵀb) − t²/2·rr −
 * Σ h*(−t·g_j), h(b) = λα|b| + λ(1−α)/2·b² per coordinate, and yy − qᵀb = rr − bᵀg, so
 * P − D = ½(1−t)²·rr + Σ_j [h(b_j) + h*(−t·g_j) + t·b_j·g_j], every term ≥ 0 by Fenchel–Young: each coordinate's
 * contribution is computed on its own and is small where the fit is good (yy, qᵀb and bᵀQb, which cancel in rr,
 * enter only through P's scale and the (1−t)² term). Only rounding can make a term negative (by ~ε of its own
 * size), so a value below −{@link Certificates#NEGATIVE_SLACK} would be a bug, reported as any negative gap. Rounding in forming Q and q from X is not seen here;
 * {@link GramBatch#fitTargets} therefore also certifies one target from its residuals (a canary).
 */
final class GramCertificate {
    private GramCertificate() {
    }

    /**
     * The certificate of the internal-coordinate solution {@code b} (p×p {@code Q}, {@code q}, {@code yy} as above) at
     * (λα, λ(1−α)) = (la, mu), la + mu > 0; {@code g} is a work array of p, left holding Qb − q.
     */
    static Certificates.Certificate of(double[] Q, double[] q, double yy, double[] b, double la, double mu, double[] g) {
        return of(new GramColumns(q.length, Q), q, yy, b, la, mu, g);
    }

    /** {@link #of(double[], double[], double, double[], double, double, double[])} on Q's columns, whole or lazy. */
    static Certificates.Certificate of(GramColumns Q, double[] q, double yy, double[] b, double la, double mu, double[] g) {
        gradient(Q, q, b, g);
        return ofGradient(q, yy, b, la, mu, g);
    }

    /**
     * {@link #of} for a Gram solver's current answer (its b, q and ‖y_c‖²/n, on its own Gram columns, whole or lazy):
     * its own g where that is fresh for b ({@link GramLasso#gradientFresh}: the same bits, one O(p·nnz) pass fewer),
     * else Qb − q recomputed into {@code work}.
     */
    static Certificates.Certificate ofSolver(GramLasso gl, double la, double mu, double[] work) {
        return gl.gradientFresh() ? ofGradient(gl.q, gl.yy, gl.b, la, mu, gl.g) : of(gl.Q, gl.q, gl.yy, gl.b, la, mu, work);
    }

    /**
     * {@link #of} where {@code g} already holds Qb − q, as {@link #gradient} computes it for this b (a solver's own
     * gradient at its answer, e.g. {@link FeatureSign#g} after a successful solve): the same bits, one O(p·nnz)
     * pass fewer.
     */
    static Certificates.Certificate ofGradient(double[] q, double yy, double[] b, double la, double mu, double[] g) {
        int p = q.length;
        double qb = 0, bg = 0, m = 0, pen = 0;
        for (int j = 0; j < p; j++) {
            qb += q[j] * b[j];
            bg += b[j] * g[j];
            m = Math.max(m, Math.abs(g[j]));
            pen += la * Math.abs(b[j]) + mu / 2 * b[j] * b[j];
        }
        double rr = yy - qb + bg;
        double t = mu == 0 && m > la ? la / m : 1;
        double sum = 0;
        for (int j = 0; j < p; j++) {
            double v = -t * g[j], bj = b[j];
            double conj = mu > 0 ? sq(Math.max(Math.abs(v) - la, 0)) / (2 * mu) : 0; // h*(v); |v| ≤ la when mu = 0
            sum += la * Math.abs(bj) + mu / 2 * bj * bj + conj - v * bj;
        }
        double num = 0.5 * (1 - t) * (1 - t) * rr + sum;
        double P = 0.5 * rr + pen;
        return new Certificates.Certificate("duality_gap", P, P - num, num / Math.max(Math.abs(P), Double.MIN_NORMAL));
    }

    private static double sq(double v) {
        return v * v;
    }

    /**
     * g = Qb − q from b's non-zero coordinates (O(p·nnz)): the gradient of ½bᵀQb − qᵀb. Four of b's columns at a
     * time (g read and written once for four instead of for each: with many targets this is most of a solve), each
     * g_i still adding them one by one in column order, so the bits are those of one column at a time.
     */
    static void gradient(double[] Q, double[] q, double[] b, double[] g) {
        gradient(new GramColumns(q.length, Q), q, b, g);
    }

    /**
     * {@link #gradient(double[], double[], double[], double[])} on Q's columns, whole or lazy (only the columns of b's
     * non-zero coordinates are read: a lazy Q computes no others).
     */
    static void gradient(GramColumns Q, double[] q, double[] b, double[] g) {
        int p = q.length, j = 0;
        for (int i = 0; i < p; i++) g[i] = -q[i];
        while (true) {
            while (j < p && b[j] == 0) j++;
            int j1 = j + 1;
            while (j1 < p && b[j1] == 0) j1++;
            int j2 = j1 + 1;
            while (j2 < p && b[j2] == 0) j2++;
            int j3 = j2 + 1;
            while (j3 < p && b[j3] == 0) j3++;
            if (j3 >= p) break;
            double v0 = b[j], v1 = b[j1], v2 = b[j2], v3 = b[j3];
            double[] c0 = Q.array(j), c1 = Q.array(j1), c2 = Q.array(j2), c3 = Q.array(j3);
            int o0 = Q.offset(j), o1 = Q.offset(j1), o2 = Q.offset(j2), o3 = Q.offset(j3);
            for (int i = 0; i < p; i++) g[i] = g[i] + c0[o0 + i] * v0 + c1[o1 + i] * v1 + c2[o2 + i] * v2 + c3[o3 + i] * v3;
            j = j3 + 1;
        }
        for (; j < p; j++) { // the last one to three columns
            double v = b[j];
            if (v == 0) continue;
            double[] c = Q.array(j);
            int o = Q.offset(j);
            for (int i = 0; i < p; i++) g[i] += c[o + i] * v;
        }
    }
}
