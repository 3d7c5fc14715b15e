package io.github.spred4j.solver;

/**
 * The solver's own float64 certificate (relative duality gap for SQUARED and LOGISTIC) evaluated at any
 * (b0, β) given on the original scale, so that another solver's answer (glmnet's) is judged by exactly the
 * measure our fits are stopped by. Lives in the solver's package (benchmarks module only) to reach the
 * package-private {@link Problem#certificate}; it changes nothing in the solver.
 */
public final class BenchCertificate {
    private BenchCertificate() {
    }

    public static double of(Dataset d, FitOptions o, double b0, double[] beta) {
        if (o.model() == Model.GROUP) throw new IllegalArgumentException("GROUP: not a duality gap");
        Problem pr = Problem.of(d, o);
        int n = pr.n, p = pr.p;
        double[] x = pr.x, eta = new double[n], r = new double[n], xcTr = new double[p], b = new double[p];
        for (int k = 0; k < p; k++) b[k] = beta[pr.perm[k]] * pr.scale[k];
        for (int i = 0; i < n; i++) {
            double s = b0;
            for (int j = 0; j < p; j++) s += x[i * p + j] * beta[pr.perm[j]];
            eta[i] = s;
            double mu = o.model() == Model.LOGISTIC ? 1 / (1 + Math.exp(-s)) : s;
            r[i] = pr.y[i] - mu;
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) xcTr[j] += (x[i * p + j] - pr.xbar[j]) * r[i];
        return pr.certificate(b, eta, r, xcTr).certificate();
    }
}
