package io.github.spred4j.solver;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The canary of many targets ({@link GramTargets.Solved#canary}, checked from its residuals by
 * {@link GramBatch#checked}) must be a target where the Gram is used: the settled target whose mean is largest
 * against its spread (ȳ²/‖y_c‖²·n), never one whose centred response is exactly zero (an all-zero or constant
 * phenotype: q = 0, β = 0, nothing of Q or Xᵀy to check). Such a target's score is 0/0 (NaN: no later target
 * compares above it) or ȳ²/0 (+∞: none ever beats it), so it took the canary for good and the residual check
 * looked at nothing. Fails without the fix in GramTargets (canary 0 resp. 1 instead of 1 resp. 2).
 */
class GramTargetsCanaryTest {
    @Test
    void aTargetWithNoSpreadIsNeverTheCanaryWhileAnotherSettles() {
        int n = 50, p = 12;
        double[][] pr = GramLassoTest.problem(n, p, 0.5, 77);
        double[] Q = pr[0], q = pr[1];
        double yy = pr[2][0];
        double lam = 0.3 * GramLasso.lambdaMax(q, 1);
        // {ȳ, ‖y_c‖²/n, q scale} per target: 0 0 0 is an all-zero y, 5 0 0 a constant 5
        assertEquals(1, canary(Q, q, yy, n, lam, new double[][]{{0, 0, 0}, {2, yy, 1}, {0.1, yy, 1}}), "all-zero target first");
        assertEquals(2, canary(Q, q, yy, n, lam, new double[][]{{0.1, yy, 1}, {5, 0, 0}, {2, 4 * yy, 2}}), "constant target");
        assertEquals(0, canary(Q, q, yy, n, lam, new double[][]{{5, 0, 0}, {0, 0, 0}}), "only targets without spread: still one canary");
    }

    /** The canary GramTargets picks for targets {ȳ_t, yy_t, c_t} with q_t = c_t·q (identity scales, zero means of X). */
    private static int canary(double[] Q, double[] q, double yy, int n, double lam, double[][] spec) {
        int p = q.length, k = spec.length;
        double[] s = new double[p], xbar = new double[p], xty = new double[k * p], ybar = new double[k], yys = new double[k], lams = new double[k];
        java.util.Arrays.fill(s, 1);
        for (int t = 0; t < k; t++) {
            ybar[t] = spec[t][0];
            yys[t] = spec[t][1];
            for (int j = 0; j < p; j++) xty[t * p + j] = n * spec[t][2] * q[j];
            lams[t] = spec[t][2] == 0 ? lam : spec[t][2] * lam;
        }
        GramTargets.Solved r = GramTargets.solve(new GramColumns(p, Q), s, xbar, xty, ybar, yys, lams, FitOptions.defaults(Model.SQUARED), n);
        for (int t = 0; t < k; t++) {
            assertTrue(r.settled()[t], "target " + t + " settles");
            assertFalse(Double.isNaN(r.cert()[t]), "target " + t + ": NaN certificate");
            if (spec[t][1] == 0) for (double v : r.betas()[t]) assertEquals(0.0, v, 0, "target " + t + " without spread: β = 0");
        }
        return r.canary();
    }
}
