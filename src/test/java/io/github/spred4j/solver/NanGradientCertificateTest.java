package io.github.spred4j.solver;

import io.github.spred4j.data.LossFamily;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A gradient with a NaN must not certify. The dual point's scale t = la/‖g‖∞ was taken only when ‖g‖∞ > la, and
 * NaN > la is false, so t stayed 1 and (with no ridge, where g enters nowhere else) the gap came out as if every
 * |g_j| were within la. Here β = 0 with an intercept on a balanced logistic problem: with g = 0 it is the optimum
 * (gap 0); with one g_j NaN the certificate must be NaN, from {@link Certificates#compute} and from
 * {@link Certificates#scale} (which {@link Certificates#gap} and IrlsGap share).
 */
class NanGradientCertificateTest {
    @Test
    void aNanGradientIsNeverCertified() {
        LossFamily fam = Families.of(Model.LOGISTIC);
        double[] y = {1, 0, 1, 0}, eta = new double[4], r = new double[4], b = {0, 0};
        for (int i = 0; i < 4; i++) r[i] = fam.residual(y[i], eta[i]);
        double la = 0.1;
        Certificates.Certificate ok = Certificates.compute(fam, y, eta, r, Certificates.GradientSummary.of(new double[]{0, 0}), b, la, 0, true, 0.5);
        assertTrue(ok.value() >= 0 && ok.value() <= 1e-15, "the optimum certifies: " + ok.value());
        for (double[] g : new double[][]{{Double.NaN, 0}, {0.05, Double.NaN}}) {
            for (double mu : new double[]{0, 0.05}) {
                Certificates.Certificate c = Certificates.compute(fam, y, eta, r, Certificates.GradientSummary.of(g), b, la, mu, true, 0.5);
                assertFalse(c.value() <= 1e-7, "NaN gradient " + java.util.Arrays.toString(g) + ", mu " + mu + ": certificate " + c.value());
            }
            double t = Certificates.scale(Certificates.GradientSummary.of(g), la, 0, fam.dualLower(), fam.dualUpper(), y, r);
            assertTrue(Double.isNaN(t), "scale from a NaN gradient: " + t);
        }
    }
}
