package io.github.spred4j.solver;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link GramLasso#lambdaMax} is kept between calls (solve asks at every λ) and must follow {@link GramLasso#retarget}:
 * after a new response the λ_max, the exact zeros at it and the non-zero answer just below are the new problem's.
 * Mutation caught: the kept λ_max not reset by retarget.
 */
class GramLassoRetargetTest {
    @Test
    void lambdaMaxFollowsANewResponse() {
        for (int p : new int[]{1, 2, 17, 40}) {
            double[][] pr = GramLassoTest.problem(p + 9, p, 0.3, 5L * p);
            for (double alpha : new double[]{1, 0.5}) {
                GramLasso gl = new GramLasso(p, pr[0], pr[1], pr[2][0], alpha);
                assertEquals(maxAbs(pr[1]) / alpha, gl.lambdaMax(), 0, "p " + p + ": λ_max of the first response");
                gl.solve(0.5 * gl.lambdaMax(), gl.lambdaMax());
                double[] q2 = new double[p];
                for (int j = 0; j < p; j++) q2[j] = 3 * pr[1][j] + (j % 3 == 0 ? 0.25 : -0.125);
                gl.retarget(q2, 4 * pr[2][0] + 1);
                double lmax = maxAbs(q2) / alpha;
                assertEquals(lmax, gl.lambdaMax(), 0, "p " + p + " α " + alpha + ": λ_max after retarget");
                double gap = gl.solve(lmax, lmax);
                assertTrue(gap <= gl.target && gap >= -1e-12, "certified zero at the new λ_max: " + gap);
                for (double v : gl.b) assertEquals(0.0, v, 0, "p " + p + ": exact zeros at the new λ_max");
                gl.solve(0.9 * lmax, lmax);
                int nnz = 0;
                for (double v : gl.b) if (v != 0) nnz++;
                assertTrue(nnz > 0, "p " + p + ": a coordinate enters below the new λ_max");
            }
        }
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) m = Math.max(m, Math.abs(x));
        return m;
    }
}
