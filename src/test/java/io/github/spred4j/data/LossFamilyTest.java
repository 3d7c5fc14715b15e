package io.github.spred4j.data;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Each family's pieces against independent closed forms and finite differences. */
class LossFamilyTest {
    static final LossFamily[] ALL = {LossFamily.SQUARED, LossFamily.LOGISTIC, LossFamily.POISSON};

    /** The losses' log1p against Math.log1p (fdlibm, under 1 ulp) from tiny to huge, near −1, and the special values. */
    @Test
    void log1pIsWithinFourUlpOfTheLibrary() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        double[] fixed = {0, -0.0, Double.MIN_VALUE, 1e-300, 1e-17, 1.1e-16, 2.3e-16, 1e-8, 0.5, 1, 2, 1e15, 1e300,
                Double.MAX_VALUE, -1e-17, -1e-8, -0.25, -0.5, -0.75, -0.9999, -1 + 1e-15, Math.ulp(1.0) - 1};
        double worst = 0;
        for (int k = 0; k < fixed.length + 200000; k++) {
            double x = k < fixed.length ? fixed[k]
                    : k % 3 == 0 ? Math.pow(10, -20 + 25 * r.nextDouble()) // positive, tiny to large
                    : k % 3 == 1 ? -Math.pow(10, -20 + 20 * r.nextDouble()) // negative, tiny to near −1
                    : -r.nextDouble();
            double want = Math.log1p(x), got = Log1p.of(x);
            double ulps = want == got ? 0 : Math.abs(got - want) / Math.ulp(want);
            assertTrue(ulps <= 4, "log1p(" + x + ") = " + got + ", library " + want + " (" + ulps + " ulp)");
            worst = Math.max(worst, ulps);
        }
        assertEquals(Double.POSITIVE_INFINITY, Log1p.of(Double.POSITIVE_INFINITY));
        assertEquals(Double.NEGATIVE_INFINITY, Log1p.of(-1));
        assertTrue(Double.isNaN(Log1p.of(-1.5)));
        assertTrue(Double.isNaN(Log1p.of(Double.NaN)));
        assertTrue(worst > 0, "the comparison ran on values where the two differ in the last bits");
    }

    @Test
    void meanAndWeightAreTheLossDerivatives() {
        for (LossFamily f : ALL)
            for (double y : f == LossFamily.LOGISTIC ? new double[]{0, 1} : new double[]{0, 1, 3.5})
                for (double eta : new double[]{-3, -0.2, 0, 0.7, 2.5}) {
                    double h = 1e-5;
                    double d1 = (f.loss(y, eta + h) - f.loss(y, eta - h)) / (2 * h);
                    double d2 = (f.loss(y, eta + h) - 2 * f.loss(y, eta) + f.loss(y, eta - h)) / (h * h);
                    assertEquals(f.mean(eta) - y, d1, 1e-7 * (1 + Math.abs(d1)), f + " dℓ/dη at " + eta);
                    assertEquals(f.weight(eta), d2, 1e-4 * (1 + Math.abs(d2)), f + " d²ℓ/dη² at " + eta);
                }
    }

    @Test
    void dualTermIsMinusTheConjugate() {
        // −ℓ*(y, u) = inf_η [ℓ(y, η) − u·η] with u = q − y: checked by a dense grid over η
        for (LossFamily f : ALL)
            for (double y : f == LossFamily.LOGISTIC ? new double[]{0, 1} : new double[]{0, 2})
                for (double q : new double[]{0.1, 0.5, 0.9}) {
                    double u = q - y, best = Double.POSITIVE_INFINITY;
                    for (double eta = -30; eta <= 30; eta += 1e-4) best = Math.min(best, f.loss(y, eta) - u * eta);
                    assertEquals(best, f.dualTerm(y, q), 1e-6, f + " y=" + y + " q=" + q);
                }
    }

    @Test
    void nullInterceptMinimisesTheConstantModel() {
        double[] y = {0, 1, 1, 0, 1};
        for (LossFamily f : ALL) {
            double ybar = 0.6, c = f.nullIntercept(ybar), s = 0;
            for (double v : y) s += f.mean(c) - v;
            assertEquals(0, s, 1e-12, f.name());
        }
    }

    @Test
    void validationNamesTheRow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LossFamily.POISSON.validate(new double[]{1, 0, -2}));
        assertTrue(e.getMessage().contains("y[2] = -2.0"), e.getMessage());
        LossFamily.POISSON.validate(new double[]{0, 1.5, 7}); // non-integer counts are allowed, as in glmnet
        e = assertThrows(IllegalArgumentException.class, () -> LossFamily.LOGISTIC.validate(new double[]{0, 2}));
        assertTrue(e.getMessage().contains("y[1] = 2.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LossFamily.POISSON.nullIntercept(0));
    }

    @Test
    void sigmoidIsStableAndDevianceMatchesClosedForms() {
        assertEquals(0, LossFamily.sigmoid(-800), 0);
        assertEquals(1, LossFamily.sigmoid(800), 0);
        assertEquals(0.5, LossFamily.sigmoid(0), 0);
        assertEquals(1 / (1 + Math.exp(-1.3)), LossFamily.sigmoid(1.3), 1e-16);
        double mu = Math.exp(0.4);
        assertEquals(2 * (3 * Math.log(3 / mu) - (3 - mu)), LossFamily.POISSON.deviance(3, 0.4), 1e-14);
        assertEquals(2 * mu, LossFamily.POISSON.deviance(0, 0.4), 1e-14);
        assertEquals(2.25, LossFamily.SQUARED.deviance(1, 2.5), 0);
    }
}
