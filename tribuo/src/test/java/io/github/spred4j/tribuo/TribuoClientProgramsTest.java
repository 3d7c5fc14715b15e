package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;
import org.tribuo.regression.slm.ElasticNetCDTrainer;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tribuo client programs as users write them: the trainers inside Tribuo's own {@code CrossValidation} (one fit per
 * fold, Tribuo's evaluators), and predictions on examples that carry features the model never saw.
 */
class TribuoClientProgramsTest {
    /**
     * Tribuo's CrossValidation with our trainer gives, fold by fold, the RMSE of Tribuo's own ElasticNetCDTrainer
     * (the same objective) on the same folds, to 1e-4 relative; the logistic trainer runs under it with LabelEvaluator.
     */
    @Test
    void insideTribuosCrossValidation() throws Exception {
        TestData.Arrays a = TestData.load("diabetes_raw");
        Assumptions.assumeTrue(a != null, "data set diabetes_raw not found (needs ../shared/data)");
        MutableDataset<Regressor> ds = TestData.regression(a, null);
        double lam = 1.0, l1 = 0.8;
        List<Pair<RegressionEvaluation, Model<Regressor>>> ours =
                new CrossValidation<>(new SpredElasticNetTrainer(lam, l1), ds, new RegressionEvaluator(), 5, 7L).evaluate();
        List<Pair<RegressionEvaluation, Model<Regressor>>> peer =
                new CrossValidation<>(new ElasticNetCDTrainer(lam, l1, 1e-12, 1_000_000, false, 1L), ds, new RegressionEvaluator(), 5, 7L).evaluate();
        assertEquals(5, ours.size());
        for (int k = 0; k < 5; k++) {
            assertTrue(ours.get(k).getB() instanceof SpredRegressionModel);
            double r = ours.get(k).getA().averageRMSE(), q = peer.get(k).getA().averageRMSE();
            assertTrue(Double.isFinite(r) && Math.abs(r - q) <= 1e-4 * q, "fold " + k + ": RMSE " + r + " vs ElasticNetCDTrainer " + q);
        }

        TestData.Arrays b = TestData.load("breast_cancer");
        Assumptions.assumeTrue(b != null, "data set breast_cancer not found (needs ../shared/data)");
        List<Pair<LabelEvaluation, Model<Label>>> cls =
                new CrossValidation<>(new SpredLogisticTrainer(0.01), TestData.classification(b, null), new LabelEvaluator(), 3, 7L).evaluate();
        for (Pair<LabelEvaluation, Model<Label>> f : cls)
            assertTrue(f.getA().accuracy() > 0.85, "held-out accuracy " + f.getA().accuracy());
    }

    /**
     * An example with a feature the model never saw (a new column in tomorrow's file) predicts as if that feature
     * were absent, as Tribuo's linear models do; an example with only unseen features gets the intercept and says it
     * used no feature, as Tribuo's own SparseLinearModel (ElasticNetCDTrainer's) does.
     */
    @Test
    void featuresUnseenAtTraining() throws Exception {
        TestData.Arrays a = TestData.load("diabetes_raw");
        Assumptions.assumeTrue(a != null, "data set diabetes_raw not found (needs ../shared/data)");
        SpredRegressionModel m = new SpredElasticNetTrainer(0.5, 1.0).train(TestData.regression(a, null));
        double[] row = java.util.Arrays.copyOfRange(a.x(), 0, a.p());
        Example<Regressor> known = new ArrayExample<>(new Regressor("y", Double.NaN), a.names(), row);
        String[] more = java.util.Arrays.copyOf(a.names(), a.p() + 2);
        more[a.p()] = "new_lab_value";
        more[a.p() + 1] = "another";
        double[] moreRow = java.util.Arrays.copyOf(row, a.p() + 2);
        moreRow[a.p()] = 123.0;
        moreRow[a.p() + 1] = -4.0;
        Example<Regressor> extra = new ArrayExample<>(new Regressor("y", Double.NaN), more, moreRow);
        Prediction<Regressor> p = m.predict(known), q = m.predict(extra);
        assertEquals(p.getOutput().getValues()[0], q.getOutput().getValues()[0], 0.0);
        double want = m.intercept(0);
        double[] beta = TestData.columns(m.getFeatureIDMap(), m.coefficients(0), a.names());
        for (int j = 0; j < a.p(); j++) want += beta[j] * row[j];
        assertEquals(want, p.getOutput().getValues()[0], 1e-9 * Math.abs(want));
        Example<Regressor> none = new ArrayExample<>(new Regressor("y", Double.NaN), new String[]{"zzz"}, new double[]{1});
        Prediction<Regressor> n0 = m.predict(none);
        assertEquals(0, n0.getNumActiveFeatures());
        assertEquals(m.intercept(0), n0.getOutput().getValues()[0], 0.0);
        Prediction<Regressor> peer = new ElasticNetCDTrainer(0.5, 1.0).train(TestData.regression(a, null)).predict(none);
        assertEquals(peer.getNumActiveFeatures(), n0.getNumActiveFeatures());
        assertEquals(p.getNumActiveFeatures(), q.getNumActiveFeatures(), "unseen features are not counted as used");
    }
}
