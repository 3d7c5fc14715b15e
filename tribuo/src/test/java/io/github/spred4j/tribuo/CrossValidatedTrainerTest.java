package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationData;
import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.ProvenanceUtil;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * λ chosen by cross-validation inside the trainers ({@code cvFolds}, {@code cvSeed}, {@code cvRule}): the chosen λ,
 * curve and coefficients are those of {@link Spred#cv} called directly on the same X, y and folds; the recorded curve
 * gives back the chosen λ by cv.glmnet's rules; bad options are one-line errors.
 */
class CrossValidatedTrainerTest {

    /** Spred.cv on the X the trainer builds (same column order) with the trainer's options. */
    static CvResult direct(MutableDataset<?> ds, double[] y, Model loss, int folds, long seed) {
        Designs.Design x = Designs.design(ds);
        FitOptions o = FitOptions.defaults(loss).withLambda(0.0).withAlpha(1.0).withTol(1e-7).withMaxIter(100_000)
                .withPrecision(Precision.FLOAT64);
        try (Context ctx = Backends.get("java").open()) {
            return Spred.cv(ctx, x.with(y), o, 100, Double.NaN, folds, seed);
        }
    }

    /** {@link #direct} with observation weights (the example weights as doubles). */
    static CvResult directWeighted(MutableDataset<?> ds, double[] y, Model loss, int folds, long seed, double[] w) {
        Designs.Design x = Designs.design(ds);
        FitOptions o = FitOptions.defaults(loss).withLambda(0.0).withAlpha(1.0).withTol(1e-7).withMaxIter(100_000)
                .withPrecision(Precision.FLOAT64).withWeights(w);
        try (Context ctx = Backends.get("java").open()) {
            return Spred.cv(ctx, x.with(java.util.Arrays.copyOf(y, x.n())), o, 100, Double.NaN, folds, seed);
        }
    }

    static double[] list(Map<String, ? extends Provenance> inst, String key, String output) {
        var l = (ListProvenance<?>) ((MapProvenance<?>) inst.get(key)).getMap().get(output);
        return l.getList().stream().mapToDouble(p -> ((DoubleProvenance) p).getValue()).toArray();
    }

    static double chosen(Map<String, ? extends Provenance> inst, String output) {
        return ((DoubleProvenance) ((MapProvenance<?>) inst.get(CvSelection.CHOSEN)).getMap().get(output)).getValue();
    }

    /** cv.glmnet's rules on a recorded curve, computed here independently of the solver. */
    static double rule(double[] lambdas, double[] mean, double[] se, boolean oneSe) {
        int min = 0;
        for (int i = 1; i < mean.length; i++) if (mean[i] < mean[min]) min = i;
        if (!oneSe) return lambdas[min];
        for (int i = 0; i < mean.length; i++) if (mean[i] <= mean[min] + se[min]) return lambdas[i];
        throw new AssertionError("no λ within one standard error");
    }

    @Test
    void regressionTakesSpredCvsLambdaAndFitByEitherRule() throws Exception {
        TestData.Arrays a = TestData.load("diabetes_raw");
        Assumptions.assumeTrue(a != null, "diabetes_raw not found");
        MutableDataset<Regressor> ds = TestData.regression(a, null);
        int folds = 5;
        long seed = 20261202L;
        CvResult cv = direct(ds, a.y(), Model.SQUARED, folds, seed);
        assertNotEquals(cv.lambdaMin(), cv.lambda1se(), "the two rules must differ on this data for the test to tell them apart");

        for (String r : new String[]{CvSelection.MIN, CvSelection.ONE_SE}) {
            SpredElasticNetTrainer trainer = new SpredElasticNetTrainer(123.0, 1.0, "java", Precision.FLOAT64);
            trainer.withCrossValidation(folds, seed, r);
            SpredRegressionModel m = trainer.train(ds);
            var inst = m.getProvenance().getInstanceProvenance().getMap();
            boolean oneSe = r.equals(CvSelection.ONE_SE);
            double want = oneSe ? cv.lambda1se() : cv.lambdaMin();
            int at = oneSe ? cv.index1se() : cv.indexMin();
            assertEquals(want, chosen(inst, "y"), r);
            assertEquals(want, ((DoubleProvenance) inst.get(Designs.LAMBDA)).getValue(), "one output: spred.lambda is the chosen λ");
            assertArrayEquals(cv.lambdas(), list(inst, CvSelection.LAMBDAS, "y"));
            assertArrayEquals(cv.meanLoss(), list(inst, CvSelection.MEAN_LOSS, "y"));
            assertArrayEquals(cv.stdErr(), list(inst, CvSelection.STD_ERR, "y"));
            assertEquals(want, rule(list(inst, CvSelection.LAMBDAS, "y"), list(inst, CvSelection.MEAN_LOSS, "y"),
                    list(inst, CvSelection.STD_ERR, "y"), oneSe), "the recorded curve gives the chosen λ by " + r);
            assertEquals(folds, ((IntProvenance) inst.get(CvSelection.FOLDS)).getValue());
            assertEquals(seed, ((LongProvenance) inst.get(CvSelection.SEED)).getValue());
            assertEquals(r, ((StringProvenance) inst.get(CvSelection.RULE)).getValue());
            // the model is the all-data path fit at the chosen λ, certified
            assertArrayEquals(cv.path().fits().get(at).beta(), m.coefficients(0));
            assertEquals(cv.path().fits().get(at).intercept(), m.intercept(0));
            assertTrue(ProvenanceTest.dbl(inst, Designs.CERTIFICATE) <= 1e-7);
            assertEquals(m.getProvenance(), ProvenanceUtil.unmarshalProvenance(ProvenanceUtil.marshalProvenance(m.getProvenance())));

            // the configuration in the provenance rebuilds a trainer that cross-validates the same way
            List<ConfigurationData> configs = ProvenanceUtil.extractConfiguration(m.getProvenance().getTrainerProvenance());
            ConfigurationManager cm = new ConfigurationManager();
            cm.addConfiguration(configs);
            SpredElasticNetTrainer rebuilt = cm.lookupAll(SpredElasticNetTrainer.class).get(0);
            assertEquals(trainer.toString(), rebuilt.toString());
            assertEquals(want, chosen(rebuilt.train(ds).getProvenance().getInstanceProvenance().getMap(), "y"));
        }
    }

    @Test
    void theSeedChoosesTheFolds() throws Exception {
        TestData.Arrays a = TestData.load("diabetes_raw");
        Assumptions.assumeTrue(a != null, "diabetes_raw not found");
        MutableDataset<Regressor> ds = TestData.regression(a, null);
        SpredElasticNetTrainer t = new SpredElasticNetTrainer(1.0, 1.0, "java", Precision.FLOAT64);
        t.withCrossValidation(4, 1L, CvSelection.MIN);
        double[] one = list(t.train(ds).getProvenance().getInstanceProvenance().getMap(), CvSelection.MEAN_LOSS, "y");
        t.withCrossValidation(4, 2L, CvSelection.MIN);
        double[] two = list(t.train(ds).getProvenance().getInstanceProvenance().getMap(), CvSelection.MEAN_LOSS, "y");
        assertFalse(java.util.Arrays.equals(one, two), "another seed, other folds, another curve");
        assertArrayEquals(direct(ds, a.y(), Model.SQUARED, 4, 2L).meanLoss(), two);
    }

    @Test
    void logisticCrossValidatesItsPositiveLabel() throws Exception {
        TestData.Arrays a = TestData.load("breast_cancer");
        Assumptions.assumeTrue(a != null, "breast_cancer not found");
        MutableDataset<Label> ds = TestData.classification(a, null);
        SpredLogisticTrainer t = new SpredLogisticTrainer(0.5, 1.0, "java", Precision.FLOAT64);
        t.withCrossValidation(3, 5L, CvSelection.ONE_SE);
        SpredClassificationModel m = t.train(ds);
        var inst = m.getProvenance().getInstanceProvenance().getMap();
        CvResult cv = direct(ds, a.y(), Model.LOGISTIC, 3, 5L);
        assertEquals(cv.lambda1se(), chosen(inst, "1"));
        assertArrayEquals(cv.meanLoss(), list(inst, CvSelection.MEAN_LOSS, "1"));
        assertArrayEquals(cv.path().fits().get(cv.index1se()).beta(), m.coefficients(0));
    }

    @Test
    void everyOutputChoosesItsOwnLambdaAndTheModelSurvivesProtobuf() throws Exception {
        TestData.Arrays a = TestData.load("diabetes_raw");
        Assumptions.assumeTrue(a != null, "diabetes_raw not found");
        double[] u = a.y(), w = new double[a.n()];
        for (int i = 0; i < a.n(); i++) w[i] = 3 * a.x()[i * a.p() + 2] - a.x()[i * a.p() + 8] + 0.01 * (i % 7); // another target
        MutableDataset<Regressor> ds = new MutableDataset<>(new org.tribuo.provenance.SimpleDataSourceProvenance("two",
                new org.tribuo.regression.RegressionFactory()), new org.tribuo.regression.RegressionFactory());
        for (int i = 0; i < a.n(); i++)
            ds.add(new org.tribuo.impl.ArrayExample<>(new Regressor(new String[]{"u", "w"}, new double[]{u[i], w[i]}),
                    a.names(), java.util.Arrays.copyOfRange(a.x(), i * a.p(), (i + 1) * a.p())));
        SpredElasticNetTrainer t = new SpredElasticNetTrainer(1.0, 1.0, "java", Precision.FLOAT64);
        t.withCrossValidation(5, 3L, CvSelection.MIN);
        SpredRegressionModel m = t.train(ds);
        var inst = m.getProvenance().getInstanceProvenance().getMap();
        assertFalse(inst.containsKey(Designs.LAMBDA), "several outputs: one λ each, no single spred.lambda");
        int uid = m.getOutputIDInfo().getID(new Regressor("u", Double.NaN)), wid = 1 - uid;
        CvResult cu = direct(ds, u, Model.SQUARED, 5, 3L), cw = direct(ds, w, Model.SQUARED, 5, 3L);
        assertEquals(cu.lambdaMin(), chosen(inst, "u"));
        assertEquals(cw.lambdaMin(), chosen(inst, "w"));
        assertNotEquals(chosen(inst, "u"), chosen(inst, "w"));
        assertArrayEquals(cu.path().fits().get(cu.indexMin()).beta(), m.coefficients(uid));
        assertArrayEquals(cw.path().fits().get(cw.indexMin()).beta(), m.coefficients(wid));
        assertEquals(m.getProvenance(), org.tribuo.Model.deserialize(m.serialize()).getProvenance(), "protobuf keeps the CV curve");
    }

    @Test
    void badOptionsAreOneLineErrors() throws Exception {
        SpredElasticNetTrainer t = new SpredElasticNetTrainer(1.0, 1.0, "java", Precision.FLOAT64);
        for (int folds : new int[]{1, -3}) {
            PropertyException e = assertThrows(PropertyException.class, () -> t.withCrossValidation(folds, 1L, CvSelection.MIN));
            assertTrue(e.getMessage().contains("cvFolds must be 0 (no cross-validation) or >= 2, found " + folds), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        PropertyException r = assertThrows(PropertyException.class, () -> t.withCrossValidation(5, 1L, "lambda.max"));
        assertTrue(r.getMessage().contains("cvRule must be lambda.min or lambda.1se, found lambda.max"), r.getMessage());

        TestData.Arrays a = TestData.load("diabetes_raw");
        Assumptions.assumeTrue(a != null, "diabetes_raw not found");
        MutableDataset<Regressor> small = TestData.regression(a, new int[]{0, 1, 2, 3, 4, 5, 6});
        t.withCrossValidation(8, 1L, CvSelection.MIN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.train(small));
        assertEquals("cvFolds must be in [2, n] where n = 7 examples, found 8", e.getMessage());
        assertEquals(0, t.getInvocationCount(), "a refused CV is not counted as a training run");
        t.withCrossValidation(7, 1L, CvSelection.MIN); // n folds (leave-one-out) is allowed, weighted too
        small.getExample(3).setWeight(2.0f); // weighted CV: Spred.cv with the example weights on the same folds
        double[] w = new double[7];
        java.util.Arrays.fill(w, 1);
        w[3] = 2;
        var weighted = t.train(small).getProvenance().getInstanceProvenance().getMap();
        CvResult cw = directWeighted(small, a.y(), Model.SQUARED, 7, 1L, w);
        assertArrayEquals(cw.meanLoss(), list(weighted, CvSelection.MEAN_LOSS, "y"));
        assertEquals(cw.lambdaMin(), chosen(weighted, "y"));
        small.getExample(3).setWeight(1.0f);
        assertTrue(java.util.Arrays.stream(cw.meanLoss()).anyMatch(m -> m != 0)
                && !java.util.Arrays.equals(cw.meanLoss(), list(t.train(small).getProvenance().getInstanceProvenance().getMap(), CvSelection.MEAN_LOSS, "y")),
                "the weight changes the CV curve");
        assertEquals(7, ((IntProvenance) t.train(small).getProvenance().getInstanceProvenance().getMap()
                .get(CvSelection.FOLDS)).getValue());
    }
}
