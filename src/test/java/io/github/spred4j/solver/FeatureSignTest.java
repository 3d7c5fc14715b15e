package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link FeatureSign} on one Gram for many targets in a row (the active set carried from one to the next): where it
 * answers, the answer is the exact minimiser (signed Gram gap within [−1e-12, 1e-12]) and equals descent's
 * ({@link GramLasso}); at awkward shapes (p = 1, 2, a prime, 64), lasso and elastic net, λ from near λ_max to
 * 1% of it, λ at or above λ_max (exact zeros); it gives up, never answers wrongly, where it cannot (a ridge term
 * alone; p &gt; n lasso, where it may).
 */
class FeatureSignTest {
    @Test
    void eachTargetInARowIsTheExactMinimiserAndEqualsDescent() {
        for (int p : new int[]{1, 2, 17, 64})
            for (double alpha : new double[]{1, 0.5}) {
                Dataset d = TargetsBatchTest.data(3 * p + 20, p, 11 + p);
                double[][] ys = TargetsBatchTest.targets(d, 40, 5);
                int solved = run(d, ys, alpha, true, "p " + p + " alpha " + alpha);
                assertEquals(ys.length, solved, "p " + p + " alpha " + alpha + ": every target solved by feature-sign");
            }
    }

    @Test
    void pGreaterThanNGivesUpOrAnswersExactly() {
        Dataset d = TargetsBatchTest.data(20, 61, 7);
        double[][] ys = TargetsBatchTest.targets(d, 30, 9);
        run(d, ys, 1, false, "p > n lasso");
        assertEquals(30, run(d, ys, 0.3, true, "p > n elastic net"), "a ridge term makes every block regular");
    }

    @Test
    void aRidgeTermAloneIsLeftToDescent() {
        Dataset d = TargetsBatchTest.data(30, 5, 3);
        GramCertificateTest.Gram gm = GramCertificateTest.Gram.of(d, FitOptions.defaults(Model.SQUARED));
        FeatureSign fs = new FeatureSign(5, gm.Q());
        assertFalse(fs.solve(gm.q(), 0, 0.1));
    }

    /** Solves every target in a row at λ from 1.2·λ_max down to 0.01·λ_max; returns how many feature-sign answered. */
    private static int run(Dataset d, double[][] ys, double alpha, boolean compare, String what) {
        FitOptions o = FitOptions.defaults(Model.SQUARED).withAlpha(alpha);
        int p = d.p(), solved = 0;
        FeatureSign fs = null;
        double[] work = new double[p];
        for (int t = 0; t < ys.length; t++) {
            GramCertificateTest.Gram gm = GramCertificateTest.Gram.of(MultiTarget.column(d, ys[t]), o);
            if (fs == null) fs = new FeatureSign(p, gm.Q());
            double lmax = 0;
            for (double v : gm.q()) lmax = Math.max(lmax, Math.abs(v) / alpha);
            double l = lmax * (t % 5 == 4 ? 1.2 : Math.pow(0.01, (t % 5) / 4.0)), la = l * alpha, mu = l * (1 - alpha);
            String at = what + " target " + t + " lambda/lmax " + l / lmax;
            if (!fs.solve(gm.q(), la, mu)) continue;
            solved++;
            for (double v : fs.b) assertTrue(Double.isFinite(v), at);
            double gap = GramCertificate.of(gm.Q(), gm.q(), gm.yy(), fs.b, la, mu, work).value();
            assertTrue(gap <= 1e-12 && gap >= -1e-12, at + ": gap " + gap);
            if (l >= lmax) for (double v : fs.b) assertEquals(0.0, v, at + ": zero at or above lambda_max");
            if (!compare) continue;
            GramLasso gl = new GramLasso(p, gm.Q(), gm.q(), gm.yy(), alpha);
            gl.target = 1e-13;
            gl.solve(l, Math.max(l, gl.lambdaMax()));
            double scale = 1e-12;
            for (double v : gl.b) scale = Math.max(scale, Math.abs(v));
            for (int j = 0; j < p; j++) assertEquals(gl.b[j], fs.b[j], 1e-5 * scale, at + ": b " + j);
        }
        return solved;
    }
}
