package io.github.spred4j.tribuo;

import io.github.spred4j.api.Precision;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trainers, used through Tribuo (MutableDataset in, Tribuo model out, coefficients mapped back by feature name),
 * reproduce glmnet's reference solutions at the five reference λ of each set: objective (recomputed here in float64
 * from the model's coefficients) within 1e-6 relative (float64; 1e-5 for float32), and the same support (reference
 * coefficients below 1e-8 ignored, as the references' README explains for λ = λ_max).
 */
class GlmnetReferenceTest {

    @ParameterizedTest(name = "lasso {0} {1} {2}")
    @CsvSource({"diabetes_raw, auto, FLOAT64", "diabetes_raw, java, FLOAT64", "diabetes_raw, auto, FLOAT32",
            "diabetes_x2, auto, FLOAT64", "gasoline, auto, FLOAT64"})
    void lassoMatchesGlmnet(String set, String backend, Precision precision) throws Exception {
        TestData.Arrays a = TestData.load(set);
        Assumptions.assumeTrue(a != null, "data set " + set + " not found (needs ../shared/data)");
        MutableDataset<Regressor> ds = TestData.regression(a, null);
        for (TestData.Solution ref : TestData.refs(set, "lasso", a.p())) {
            SpredRegressionModel m = new SpredElasticNetTrainer(ref.lambda(), 1.0, backend, precision).train(ds);
            double[] beta = TestData.columns(m.getFeatureIDMap(), m.coefficients(0), a.names());
            double obj = TestData.squaredObjective(a, m.intercept(0), beta, ref.lambda(), 1.0);
            check(set, precision, ref, beta, obj, m);
        }
    }

    @ParameterizedTest(name = "logistic {0} {1} {2}")
    @CsvSource({"breast_cancer, auto, FLOAT64", "breast_cancer, java, FLOAT64", "breast_cancer, auto, FLOAT32",
            "golub, auto, FLOAT64"})
    void logisticMatchesGlmnet(String set, String backend, Precision precision) throws Exception {
        TestData.Arrays a = TestData.load(set);
        Assumptions.assumeTrue(a != null, "data set " + set + " not found (needs ../shared/data)");
        MutableDataset<Label> ds = TestData.classification(a, null);
        for (TestData.Solution ref : TestData.refs(set, "logistic", a.p())) {
            SpredClassificationModel m = new SpredLogisticTrainer(ref.lambda(), 1.0, backend, precision).train(ds);
            assertTrue(m.isBinary());
            assertEquals("1", m.predictorLabels()[0], "positive label");
            double[] beta = TestData.columns(m.getFeatureIDMap(), m.coefficients(0), a.names());
            double obj = TestData.logisticObjective(a, m.intercept(0), beta, ref.lambda(), 1.0);
            check(set, precision, ref, beta, obj, m);
        }
    }

    private static void check(String set, Precision precision, TestData.Solution ref, double[] beta, double obj,
                              org.tribuo.Model<?> m) {
        double relErr = (obj - ref.objective()) / Math.abs(ref.objective());
        int nnz = 0;
        for (double v : beta) if (v != 0) nnz++;
        var inst = m.getProvenance().getInstanceProvenance().getMap();
        System.out.printf("tribuo %s %s %s lambda=%.4g: objective rel err %.2e, nnz %d (glmnet %d), certificate %s%n",
                set, inst.get(Designs.BACKEND), precision, ref.lambda(), relErr, nnz, ref.nnz(), inst.get(Designs.CERTIFICATE));
        double tol = precision == Precision.FLOAT64 ? 1e-6 : 1e-5;
        assertTrue(Math.abs(relErr) <= tol, set + " λ=" + ref.lambda() + ": objective " + obj + " vs glmnet "
                + ref.objective() + " (rel err " + relErr + ")");
        if (precision == Precision.FLOAT64)
            for (int j = 0; j < beta.length; j++)
                if (Math.abs(ref.beta()[j]) >= 1e-8 || ref.beta()[j] == 0)
                    assertEquals(ref.beta()[j] != 0, beta[j] != 0, set + " λ=" + ref.lambda()
                            + ": support differs at column " + j + " (glmnet " + ref.beta()[j] + ", ours " + beta[j] + ")");
    }
}
