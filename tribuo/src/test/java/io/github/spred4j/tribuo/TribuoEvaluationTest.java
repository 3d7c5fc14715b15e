package io.github.spred4j.tribuo;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Spred;
import org.junit.jupiter.api.Test;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;
import org.tribuo.regression.slm.ElasticNetCDTrainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tribuo's evaluators run end to end on the models (train/test split of real data), plus label handling and CSR input. */
class TribuoEvaluationTest {
    static final Logger CD_LOG = Logger.getLogger(ElasticNetCDTrainer.class.getName());

    static {
        CD_LOG.setLevel(Level.WARNING);
    }

    static int[] rows(int n, boolean test) {
        return IntStream.range(0, n).filter(i -> (i % 5 == 0) == test).toArray();
    }

    @Test
    void regressionEvaluatorRmseOnHeldOutDiabetes() throws Exception {
        TestData.Arrays a = TestData.load("diabetes_raw");
        MutableDataset<Regressor> train = TestData.regression(a, rows(a.n(), false));
        MutableDataset<Regressor> test = TestData.regression(a, rows(a.n(), true));
        double lam = TestData.refs("diabetes_raw", "lasso", a.p()).get(3).lambda();
        SpredRegressionModel m = new SpredElasticNetTrainer(lam, 1.0).train(train);
        RegressionEvaluation ev = new RegressionEvaluator().evaluate(m, test);

        // The evaluator's RMSE equals the one computed by hand from the model's coefficients.
        double[] beta = TestData.columns(m.getFeatureIDMap(), m.coefficients(0), a.names());
        double sse = 0, mean = 0, var = 0;
        int[] te = rows(a.n(), true);
        for (int i : te) mean += a.y()[i] / te.length;
        for (int i : te) {
            double yhat = m.intercept(0);
            for (int j = 0; j < a.p(); j++) yhat += a.x()[i * a.p() + j] * beta[j];
            sse += (a.y()[i] - yhat) * (a.y()[i] - yhat);
            var += (a.y()[i] - mean) * (a.y()[i] - mean);
        }
        double rmse = Math.sqrt(sse / te.length), sd = Math.sqrt(var / te.length);
        Model<Regressor> cd = new ElasticNetCDTrainer(lam, 1.0, 1e-10, 20_000, false, 1L).train(train);
        double cdRmse = new RegressionEvaluator().evaluate(cd, test).averageRMSE();
        System.out.printf("diabetes_raw held-out RMSE %.4f (sd of y %.4f), ElasticNetCDTrainer %.4f, R^2 %.3f%n",
                ev.averageRMSE(), sd, cdRmse, ev.averageR2());
        assertEquals(rmse, ev.averageRMSE(), 1e-9 * rmse);
        assertTrue(ev.averageRMSE() < 0.85 * sd, "the lasso should explain part of the variance: RMSE " + ev.averageRMSE() + ", sd " + sd);
        assertEquals(cdRmse, ev.averageRMSE(), 1e-6 * cdRmse, "same objective, same held-out RMSE as ElasticNetCDTrainer");
    }

    @Test
    void labelEvaluatorAccuracyOnHeldOutBreastCancer() throws Exception {
        TestData.Arrays a = TestData.load("breast_cancer");
        MutableDataset<Label> train = TestData.classification(a, rows(a.n(), false));
        MutableDataset<Label> test = TestData.classification(a, rows(a.n(), true));
        double lam = TestData.refs("breast_cancer", "logistic", a.p()).get(4).lambda();
        SpredClassificationModel m = new SpredLogisticTrainer(lam).train(train);
        LabelEvaluation ev = new LabelEvaluator().evaluate(m, test);

        double[] beta = TestData.columns(m.getFeatureIDMap(), m.coefficients(0), a.names());
        int correct = 0;
        int[] te = rows(a.n(), true);
        List<Prediction<Label>> preds = m.predict(test);
        for (int r = 0; r < te.length; r++) {
            int i = te[r];
            double eta = m.intercept(0);
            for (int j = 0; j < a.p(); j++) eta += a.x()[i * a.p() + j] * beta[j];
            double p1 = 1 / (1 + Math.exp(-eta));
            var scores = preds.get(r).getOutputScores();
            assertEquals(p1, scores.get("1").getScore(), 1e-12, "P(y=1) is the sigmoid of the linear predictor");
            assertEquals(1.0, scores.get("1").getScore() + scores.get("0").getScore(), 1e-12);
            if ((p1 >= 0.5 ? 1 : 0) == a.y()[i]) correct++;
        }
        int nnz = 0;
        for (double v : beta) if (v != 0) nnz++;
        System.out.printf("breast_cancer held-out accuracy %.4f with %d of %d features (lambda %.4g)%n",
                ev.accuracy(), nnz, a.p(), lam);
        assertEquals((double) correct / te.length, ev.accuracy(), 1e-12);
        assertTrue(ev.accuracy() >= 0.85, "held-out accuracy " + ev.accuracy());
        assertTrue(nnz < a.p() / 2, "L1 should select few features, got " + nnz);
    }

    /** Three seeded Gaussian classes, separated along 3 of 20 features: one-vs-rest predicts them and stays sparse. */
    @Test
    void oneVsRestForMoreThanTwoLabels() {
        Random rnd = new Random(42);
        int p = 20;
        String[] names = new String[p];
        for (int j = 0; j < p; j++) names[j] = "f" + j;
        LabelFactory lf = new LabelFactory();
        MutableDataset<Label> train = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", lf), lf);
        MutableDataset<Label> test = new MutableDataset<>(new SimpleDataSourceProvenance("blobs", lf), lf);
        for (int i = 0; i < 600; i++) {
            int c = i % 3;
            double[] v = new double[p];
            for (int j = 0; j < p; j++) v[j] = rnd.nextGaussian() + (j == c ? 3 : 0);
            (i < 450 ? train : test).add(new ArrayExample<>(new Label("class" + c), names, v));
        }
        SpredClassificationModel m = new SpredLogisticTrainer(0.02).train(train);
        LabelEvaluation ev = new LabelEvaluator().evaluate(m, test);
        System.out.printf("one-vs-rest, 3 labels: held-out accuracy %.3f, active features %s%n", ev.accuracy(), m.getActiveFeatures());
        assertEquals(3, m.predictorLabels().length);
        assertTrue(ev.accuracy() >= 0.85, "accuracy " + ev.accuracy());
        for (int d = 0; d < 3; d++) {
            String lab = m.predictorLabels()[d];
            double[] b = m.coefficients(d);
            int own = m.getFeatureIDMap().getID("f" + lab.charAt(lab.length() - 1));
            int nnz = 0;
            for (double v : b) if (v != 0) nnz++;
            assertTrue(b[own] > 0, lab + ": its own feature must have a positive coefficient");
            assertTrue(nnz <= 6, lab + ": " + nnz + " non-zeros, expected a sparse predictor");
        }
        for (Prediction<Label> pr : m.predict(test)) {
            double s = 0;
            for (Label l : pr.getOutputScores().values()) s += l.getScore();
            assertEquals(1.0, s, 1e-12);
        }
        // Labels the trainer cannot handle are refused with a message naming them.
        assertThrows(IllegalArgumentException.class,
                () -> new SpredLogisticTrainer(0.02, 1.0, "class0", 1e-7, 1000, "auto",
                        io.github.spred4j.api.Precision.FLOAT64, io.github.spred4j.solver.Method.LBFGS).train(train));
        MutableDataset<Label> one = new MutableDataset<>(new SimpleDataSourceProvenance("one", lf), lf);
        one.add(new ArrayExample<>(new Label("only"), names, new double[p]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SpredLogisticTrainer(0.1).train(one));
        assertTrue(e.getMessage().contains("at least two labels"), e.getMessage());
    }

    /** A sparse Tribuo dataset (2% non-zeros) goes to the solver as CSR and gives the dense fit's answer. */
    @Test
    void sparseInputMatchesDenseFit() {
        Random rnd = new Random(7);
        int n = 300, p = 400;
        RegressionFactory rf = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("sparse", rf), rf);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            List<String> nm = new ArrayList<>();
            List<Double> vals = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                if (j < 5 || rnd.nextDouble() < 0.015) {
                    double v = rnd.nextGaussian();
                    x[i * p + j] = v;
                    nm.add(String.format("g%03d", j));
                    vals.add(v);
                }
            }
            y[i] = 2 * x[i * p] - 3 * x[i * p + 1] + x[i * p + 2] + 0.5 * rnd.nextGaussian();
            ds.add(new ArrayExample<>(new Regressor("y", y[i]), nm.toArray(new String[0]),
                    vals.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        Designs.Design design = Designs.design(ds);
        assertTrue(design.dense() == null, "2% dense input should be passed as CSR");
        double lam = 0.05;
        SpredRegressionModel m = new SpredElasticNetTrainer(lam, 1.0).train(ds);
        FitResult ref;
        String[] names = new String[p];
        for (int j = 0; j < p; j++) names[j] = String.format("g%03d", j);
        try (Context ctx = Backends.get("java").open()) {
            ref = Spred.fit(ctx, io.github.spred4j.data.Dataset.dense(n, p, x, y, names),
                    FitOptions.defaults(io.github.spred4j.solver.Model.SQUARED).withLambda(lam));
        }
        double[] beta = TestData.columns(m.getFeatureIDMap(), m.coefficients(0), names);
        TestData.Arrays a = new TestData.Arrays("sparse", n, p, x, y, names);
        double pm = TestData.squaredObjective(a, m.intercept(0), beta, lam, 1), pr = TestData.squaredObjective(a, ref.intercept(), ref.beta(), lam, 1);
        System.out.printf("CSR vs dense: objective rel diff %.2e, nnz %d vs %d%n", (pm - pr) / pr, m.getActiveFeatures().get("y").size(), ref.nnz());
        assertEquals(pr, pm, 1e-7 * pr);
        for (int j = 0; j < p; j++) assertEquals(ref.beta()[j] != 0, beta[j] != 0, "support at " + j);
    }
}
