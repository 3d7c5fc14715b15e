package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.spred4j.api.Precision;
import io.github.spred4j.solver.Method;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code SpredElasticNetTrainer} with {@code loss = poisson}, used through Tribuo, reproduces glmnet's
 * {@code family = "poisson"} solutions on MASS quine (../shared/data/refs/quine.poisson.json) at its five λ:
 * objective (recomputed here in float64 from the model's coefficients) within 1e-9 relative, the same support, a
 * certificate at the target; the model predicts e^η.
 */
class PoissonReferenceTest {

    /** glmnet's Poisson objective (1/n)Σ[e^η − yη] + λ(a‖β‖₁ + (1−a)/2‖β‖²), in float64. */
    static double poissonObjective(TestData.Arrays a, double b, double[] beta, double lambda, double mix) {
        double loss = 0;
        for (int i = 0; i < a.n(); i++) {
            double eta = b;
            for (int j = 0; j < a.p(); j++) eta += a.x()[i * a.p() + j] * beta[j];
            loss += Math.exp(eta) - a.y()[i] * eta;
        }
        return loss / a.n() + TestData.penalty(beta, lambda, mix);
    }

    @Test
    void poissonMatchesGlmnetOnQuine() throws Exception {
        TestData.Arrays a = TestData.load("quine");
        Assumptions.assumeTrue(a != null, "data set quine not found (needs ../shared/data)");
        MutableDataset<Regressor> ds = TestData.regression(a, null);
        for (TestData.Solution ref : TestData.refs("quine", "poisson", a.p())) {
            SpredRegressionModel m = SpredElasticNetTrainer.poisson(ref.lambda(), 1.0).train(ds);
            assertTrue(m.logLink());
            double[] beta = TestData.columns(m.getFeatureIDMap(), m.coefficients(0), a.names());
            double obj = poissonObjective(a, m.intercept(0), beta, ref.lambda(), 1.0);
            double relErr = (obj - ref.objective()) / Math.abs(ref.objective());
            double cert = ProtobufSerializationTest.certificate(m);
            int nnz = 0;
            for (double v : beta) if (v != 0) nnz++;
            System.out.printf("tribuo quine poisson lambda=%.4g: objective rel err %.2e, nnz %d (glmnet %d), certificate %.2e%n",
                    ref.lambda(), relErr, nnz, ref.nnz(), cert);
            assertTrue(Math.abs(relErr) <= 1e-9, "λ=" + ref.lambda() + ": objective " + obj + " vs glmnet " + ref.objective());
            assertTrue(cert <= 1e-7 && cert >= -1e-12, "certificate " + cert);
            for (int j = 0; j < beta.length; j++)
                if (Math.abs(ref.beta()[j]) >= 1e-8 || ref.beta()[j] == 0)
                    assertEquals(ref.beta()[j] != 0, beta[j] != 0, "λ=" + ref.lambda() + ": support differs at column " + j);
            // the prediction is the mean e^η, not η
            Example<Regressor> e = ds.getExample(7);
            double eta = m.intercept(0);
            for (int j = 0; j < a.p(); j++) eta += a.x()[7 * a.p() + j] * beta[j];
            assertEquals(Math.exp(eta), m.predict(e).getOutput().getValues()[0], 1e-12 * Math.exp(eta));
        }
    }

    @Test
    void negativeCountsAndOtherSolversAreRefused() {
        TestData.Arrays a = new TestData.Arrays("neg", 3, 1, new double[]{1, 2, 3}, new double[]{1, -2, 0}, new String[]{"x"});
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> SpredElasticNetTrainer.poisson(0.1, 1.0).train(TestData.regression(a, null)));
        assertTrue(ex.getMessage().contains("y[1]"), ex.getMessage());
        assertThrows(PropertyException.class, () -> new SpredElasticNetTrainer(0.1, 1.0, "poisson", 1e-7, 100, "java",
                Precision.FLOAT64, Method.LBFGS));
        assertThrows(PropertyException.class, () -> new SpredElasticNetTrainer(0.1, 1.0, "gamma", 1e-7, 100, "java",
                Precision.FLOAT64, Method.CD));
    }
}
