package io.github.spred4j.solver;

/**
 * Many targets at one λ each on one Gram (Q = ZᵀZ/n in internal coordinates), the solve shared by dense X
 * ({@link GramBatch#fitTargets}) and sparse X ({@link SparseTargets}): each target by feature-sign search from the
 * previous target's active set and signs ({@link FeatureSign}: exact on the support, one solve where the support
 * did not change); where it gives up, descent on one solver from the previous settled solution's support
 * ({@link SupportGuess}, {@link GramLasso}); each target's gap from the Gram ({@link GramCertificate}) decides.
 * The caller checks one target (the {@link Solved#canary}) from its residuals.
 */
final class GramTargets {
    private GramTargets() {
    }

    /**
     * Per target t: β (original scale), b0, the Gram certificate and objective, the steps, whether the Gram solve
     * settled; the canary is the settled target whose mean is largest against its spread (forming Xcᵀy_c rounds
     * worst there), −1 if none settled.
     */
    record Solved(double[][] betas, double[] b0, double[] cert, double[] obj, int[] its, boolean[] settled, int canary) {
    }

    /**
     * Solves target t with scaled right-hand side q_t[j] = xty[t·p + j]/(n·s_j) (xty = Xcᵀy_c), mean ybar[t] and
     * yy[t] = ‖y_c‖²/n at lambdas[t]; xbar and s are the columns' means (0 without an intercept) and scales. Q is
     * whole or lazy: feature-sign search reads only the columns of coordinates that enter an active set, descent only
     * those of coordinates that move, the certificates only those of the support.
     */
    static Solved solve(GramColumns Q, double[] s, double[] xbar, double[] xty, double[] ybar, double[] yy, double[] lambdas,
                        FitOptions o, int n) {
        int p = s.length, k = lambdas.length;
        double[][] betas = new double[k][];
        double[] b0 = new double[k], cert = new double[k], obj = new double[k];
        int[] its = new int[k];
        boolean[] settled = new boolean[k];
        GramLasso gl = new GramLasso(Q, new double[p], 0, o.alpha());
        gl.target = GramBatch.target(o);
        FeatureSign fs = new FeatureSign(Q);
        SupportGuess guess = new SupportGuess(Q);
        double[] q = new double[p], work = new double[p], zero = new double[p];
        int canary = -1, gaveUp = 0;
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < p; j++) q[j] = xty[t * p + j] / (n * s[j]);
            double l = lambdas[t], la = l * o.alpha(), mu = l * (1 - o.alpha());
            int before = fs.steps + gl.iterations;
            double[] bt = zero;
            Certificates.Certificate gc = null;
            if (GramLasso.nearLambdaMax(q, l, o.alpha())) { // β = 0 where it certifies, as GramLasso.solve decides
                Certificates.Certificate z = GramCertificate.of(Q, q, yy[t], zero, la, mu, work);
                if (z.value() <= gl.target) gc = z;
            }
            if (gc == null) { // feature-sign search, else descent
                gc = gaveUp < 8 && fs.solve(q, la, mu) ? GramCertificate.ofGradient(q, yy[t], fs.b, la, mu, fs.g) : null; // fs.g = Q·fs.b − q
                gaveUp = gc != null ? 0 : gaveUp + 1; // 8 give-ups in a row (p > n lasso, a ridge term alone): descent only
                if (gc != null && gc.value() <= gl.target) bt = fs.b;
                else { // descent: as before this route existed
                    boolean near = guess.apply(gl, q, la, mu);
                    gl.retarget(q, yy[t]);
                    double c = gl.solve(l, near ? l : Math.max(l, gl.lambdaMax())); // b = 0 at λ_max where it certifies
                    boolean ok = c <= gl.target;
                    if (!ok) gl.start(new double[p]); // a failed solve is no start for the next target
                    guess.follow(gl.b, ok, mu);
                    if (ok) fs.follow(gl.b);
                    bt = gl.b;
                    gc = GramCertificate.ofSolver(gl, la, mu, work); // of b = 0 after a failed solve
                }
            }
            settled[t] = gc.value() <= gl.target;
            its[t] = fs.steps + gl.iterations - before;
            betas[t] = GramBatch.original(bt, s);
            b0[t] = o.intercept() ? ybar[t] - GramBatch.dot(xbar, betas[t]) : 0;
            cert[t] = gc.value();
            obj[t] = gc.objective();
            if (settled[t] && (canary < 0 || canaryScore(ybar[t], yy[t]) > canaryScore(ybar[canary], yy[canary]))) canary = t;
        }
        return new Solved(betas, b0, cert, obj, its, settled, canary);
    }

    /**
     * ȳ²/(‖y_c‖²/n): how badly forming Xcᵀy_c rounds for a target. −1 where y_c is exactly 0 (an all-zero or constant
     * response: q = 0, β = 0, nothing of the Gram to check): ȳ²/0 is NaN or +∞, and such a target would keep the
     * canary whatever came after it.
     */
    private static double canaryScore(double ybar, double yy) {
        return yy > 0 ? ybar * ybar / yy : -1;
    }
}
