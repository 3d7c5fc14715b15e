package io.github.spred4j.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link LossFamily#residualsAndWeights} (one exp a row for the logistic and Poisson losses) equals the separate
 * {@link LossFamily#residual} and {@link LossFamily#weight} calls bit for bit, for every family, at random η over
 * the whole range and at the edges of their formulas: ±0, η = 1 and its neighbours (the logistic weight switches
 * form there), ±37 (1 − μ underflows against 1), ±709/±745 (e^|η| overflows, e^−|η| underflows), ±∞ and NaN.
 * Mutations caught: μ(−η) taken as 1/d for η ≥ 0; the weight's switch at η ≤ 1 instead of η < 1; 1 − μ formed
 * from μ for y = 1.
 */
class LossFamilyRowsTest {
    @Test
    void oneCallEqualsTheSeparateCallsBitForBit() {
        double[] edges = {0, -0.0, 1, Math.nextUp(1.0), Math.nextDown(1.0), -1, 0.5, -0.5, 36.7, 37, -37, 40, -40,
                709, 710, -709, -745, -746, 745, 746, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-300,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        int n = edges.length + 20000;
        double[] eta = new double[n];
        for (int i = 0; i < n; i++)
            eta[i] = i < edges.length ? edges[i] : i % 2 == 0 ? 6 * rnd.nextGaussian() : (rnd.nextDouble() - 0.5) * 1500;
        for (LossFamily f : LossFamilyTest.ALL)
            for (double yv : f == LossFamily.LOGISTIC ? new double[]{0, 1, -1} : new double[]{0, 1, 3.5}) {
                double[] y = new double[n];
                for (int i = 0; i < n; i++) y[i] = yv >= 0 ? yv : rnd.nextInt(2); // −1: mixed labels
                double[] r = new double[n], w = new double[n];
                f.residualsAndWeights(y, eta, r, w);
                for (int i = 0; i < n; i++) {
                    String at = f.name() + " y " + y[i] + " η " + eta[i];
                    assertEquals(Double.doubleToLongBits(f.residual(y[i], eta[i])), Double.doubleToLongBits(r[i]), at + ": residual " + r[i]);
                    assertEquals(Double.doubleToLongBits(f.weight(eta[i])), Double.doubleToLongBits(w[i]), at + ": weight " + w[i]);
                }
            }
    }
}
