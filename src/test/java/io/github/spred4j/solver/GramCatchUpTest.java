package io.github.spred4j.solver;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * GramLasso's support sweeps update g on the support only and catch the rest up from the summed moves before a gap
 * check. A wrong catch-up costs time, not correctness (the confirming gap recomputes g from scratch), so the
 * answers alone cannot catch it: this test looks at g itself right after every catch-up, against Qb − q computed
 * here from Q, q and b, on wide problems (p > n: the supports' blocks turn singular, so the sweeps, not Newton,
 * finish) along decreasing paths, lasso and elastic net.
 */
class GramCatchUpTest {
    @Test
    void afterEveryCatchUpTheGradientIsQbMinusQ() {
        int checked = 0;
        for (int[] np : new int[][]{{20, 97}, {30, 301}, {13, 200}}) {
            double[][] pr = GramLassoTest.problem(np[0], np[1], 0.6, np[1]);
            double[] Q = pr[0], q = pr[1];
            int p = q.length;
            for (double alpha : new double[]{1, 0.9}) {
                GramLasso gl = new GramLasso(p, Q.clone(), q.clone(), pr[2][0], alpha);
                gl.target = 1e-12;
                double[] worst = {0};
                int[] calls = {0};
                gl.caughtUp = () -> {
                    calls[0]++;
                    double scale = 0;
                    for (int i = 0; i < p; i++) {
                        double want = -q[i];
                        for (int j = 0; j < p; j++) want += Q[i * p + j] * gl.b[j];
                        scale = Math.max(scale, Math.abs(q[i]));
                        worst[0] = Math.max(worst[0], Math.abs(gl.g[i] - want));
                    }
                    worst[0] /= Math.max(scale, 1e-300);
                    // fail at the first wrong catch-up: a wrong g can keep the sweeps from settling for minutes
                    if (!(worst[0] <= 1e-10)) throw new AssertionError("n " + np[0] + " p " + p + " alpha " + alpha
                            + ": after catch-up " + calls[0] + ", g off Qb − q by " + worst[0] + " (relative)");
                };
                double lmax = gl.lambdaMax(), prev = lmax;
                for (int l = 0; l < 40; l++) {
                    double lambda = lmax * Math.pow(1e-3, l / 39.0);
                    gl.solve(lambda, prev);
                    prev = lambda;
                }
                assertTrue(worst[0] <= 1e-10, "n " + np[0] + " p " + p + " alpha " + alpha + ": g off Qb − q by " + worst[0] + " (relative)");
                checked += calls[0];
            }
        }
        assertTrue(checked >= 10, "the support sweeps' catch-up ran " + checked + " times: the test must reach it");
    }
}
