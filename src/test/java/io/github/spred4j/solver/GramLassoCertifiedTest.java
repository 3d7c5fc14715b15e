package io.github.spred4j.solver;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The gap {@link GramLasso#solve} reports, and the one {@link GramCertificate#ofSolver} builds from the solver's own
 * g, must be the gap of the returned b with g = Qb − q recomputed from scratch, bit for bit: certified() takes the
 * first gap as the confirmed one when g was just recomputed (after the path extrapolation or Newton's full step) and
 * recomputes g otherwise. A reference solver on the same Q, q started at b (start() adds b's columns to −q in the
 * order refresh() does: the same bits) gives the from-scratch gap. Paths in decreasing, increasing and repeated λ
 * order, lasso and elastic net, p > n, correlated columns: every solve compared.
 *
 * <p>Mutations caught: certified() taking the incrementally updated g's gap as confirmed (its fresh test made
 * always true); a coordinate sweep not clearing the fresh flag; certified() not recording the confirmed gap.
 */
class GramLassoCertifiedTest {
    @Test
    void theReportedGapIsTheGapOfTheAnswerFromScratch() {
        int[][] shapes = {{200, 30}, {40, 90}, {25, 3}, {60, 1}, {30, 60}};
        int solves = 0;
        for (int[] sh : shapes)
            for (double rho : new double[]{0, 3})
                for (double alpha : new double[]{1, 0.4}) {
                    int n = sh[0], p = sh[1];
                    double[][] pr = GramLassoTest.problem(n, p, rho, n * 31L + p + (long) (10 * rho));
                    GramLasso gl = new GramLasso(p, pr[0], pr[1], pr[2][0], alpha);
                    double lmax = gl.lambdaMax();
                    double[][] orders = {grid(lmax, 30, false), grid(lmax, 12, true), {0.5 * lmax, 0.5 * lmax, 0.2 * lmax, 0.2 * lmax, 0.6 * lmax}};
                    for (double[] lams : orders) {
                        double prev = lmax;
                        for (double l : lams) {
                            double gap = gl.solve(l, Math.max(prev, l));
                            prev = l;
                            String what = "n " + n + " p " + p + " rho " + rho + " alpha " + alpha + " lambda/lmax " + l / lmax;
                            double scratch = fromScratch(pr, gl, alpha, l);
                            assertFalse(Double.isNaN(scratch), what + ": NaN gap");
                            assertEquals(scratch, gap, 0.0, what + ": the reported gap is b's gap from scratch");
                            assertTrue(gl.gradientFresh(), what + ": g is fresh after solve");
                            double la = l * alpha, mu = l * (1 - alpha);
                            Certificates.Certificate own = GramCertificate.ofSolver(gl, la, mu, new double[p]);
                            Certificates.Certificate ref = GramCertificate.of(pr[0], pr[1], pr[2][0], gl.b.clone(), la, mu, new double[p]);
                            assertEquals(ref.value(), own.value(), 0.0, what + ": ofSolver's certificate");
                            assertEquals(ref.objective(), own.objective(), 0.0, what + ": ofSolver's objective");
                            solves++;
                        }
                    }
                    // b moved from outside (start): the solver's g is no longer fresh and ofSolver recomputes it
                    double[] b0 = new double[p];
                    for (int j = 0; j < p; j += 2) b0[j] = 0.01 * (j + 1);
                    gl.start(b0);
                    assertFalse(gl.gradientFresh(), "start moved b: g only updated");
                    double l = 0.3 * lmax;
                    assertEquals(GramCertificate.of(pr[0], pr[1], pr[2][0], gl.b.clone(), l * alpha, l * (1 - alpha), new double[p]).value(),
                            GramCertificate.ofSolver(gl, l * alpha, l * (1 - alpha), new double[p]).value(), 0.0, "ofSolver after start");
                }
        assertTrue(solves > 300, "solves compared: " + solves);
    }

    /** λ_max·ratio^(i/(m−1)) for i < m down to 1e-3·λ_max, or the same values in increasing order. */
    private static double[] grid(double lmax, int m, boolean increasing) {
        double[] l = new double[m];
        for (int i = 0; i < m; i++) l[increasing ? m - 1 - i : i] = lmax * Math.pow(1e-3, (i + 1) / (double) m);
        return l;
    }

    /** The relative gap of gl's b at λ with g recomputed from scratch (a reference solver started at b). */
    private static double fromScratch(double[][] pr, GramLasso gl, double alpha, double lambda) {
        GramLasso ref = new GramLasso(gl.p, pr[0], pr[1], pr[2][0], alpha);
        ref.start(gl.b);
        return ref.gap(lambda);
    }
}
