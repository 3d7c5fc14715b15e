package io.github.spred4j.tribuo;

import io.github.spred4j.api.Precision;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tribuo's example weights are glmnet's observation weights: the elastic-net trainer on a weighted dataset
 * reproduces glmnet's weighted fit (the core's reference case sq_weights_nostd, written by
 * scripts/glmnet-weights-refs.R: weights with zeros, no standardisation). Tribuo stores weights as float, so the
 * comparison allows the float rounding of the weights (1e-6 relative on the objective, 1e-4 on coefficients).
 */
class ExampleWeightsTest {
    @Test
    void weightedExamplesFitGlmnetsWeightedProblem() throws Exception {
        Path d = Path.of("../src/test/resources/glmnet-weights/sq_weights_nostd");
        Assumptions.assumeTrue(Files.isDirectory(d), "core's glmnet-weights references not found at " + d.toAbsolutePath());
        List<String> xs = Files.readAllLines(d.resolve("X.csv"));
        double[] y = col(d.resolve("y.txt")), w = col(d.resolve("weights.txt")), lam = col(d.resolve("lambda.txt"));
        List<String> coef = Files.readAllLines(d.resolve("coef.csv"));
        int n = y.length, p = xs.get(0).split(",").length;
        String[] names = new String[p];
        for (int j = 0; j < p; j++) names[j] = String.format("x%02d", j + 1);
        RegressionFactory f = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("sq_weights_nostd", f), f);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            String[] s = xs.get(i).split(",");
            for (int j = 0; j < p; j++) x[i][j] = Double.parseDouble(s[j]);
            ArrayExample<Regressor> e = new ArrayExample<>(new Regressor("y", y[i]), names, x[i].clone());
            e.setWeight((float) w[i]);
            ds.add(e);
        }
        for (int k : new int[]{3, 10, lam.length - 1}) {
            SpredRegressionModel m = new SpredElasticNetTrainer(lam[k], 1.0, "java", Precision.FLOAT64).train(ds);
            double[] beta = TestData.columns(m.getFeatureIDMap(), m.coefficients(0), names);
            String[] g = coef.get(k).split(",");
            double[] gb = new double[p];
            double scale = 0;
            for (int j = 0; j < p; j++) {
                gb[j] = Double.parseDouble(g[j + 1]);
                scale = Math.max(scale, Math.abs(gb[j]));
            }
            double ours = objective(x, y, w, lam[k], m.intercept(0), beta), theirs = objective(x, y, w, lam[k], Double.parseDouble(g[0]), gb);
            assertEquals(theirs, ours, 1e-6 * Math.abs(theirs), "objective at lambda #" + k);
            for (int j = 0; j < p; j++) assertEquals(gb[j], beta[j], 1e-4 * (1 + scale), "beta[" + j + "] at lambda #" + k);
        }
    }

    /**
     * The logistic trainer on weighted examples reproduces glmnet's weighted logistic fit (core reference
     * logit_w_nostd: weights with zeros, no standardisation, as the trainers fit).
     */
    @Test
    void weightedExamplesFitGlmnetsWeightedLogistic() throws Exception {
        Path d = Path.of("../src/test/resources/glmnet-weights/logit_w_nostd");
        Assumptions.assumeTrue(Files.isDirectory(d), "core's glmnet-weights references not found at " + d.toAbsolutePath());
        List<String> xs = Files.readAllLines(d.resolve("X.csv"));
        double[] y = col(d.resolve("y.txt")), w = col(d.resolve("weights.txt")), lam = col(d.resolve("lambda.txt")),
                obj = col(d.resolve("objective.txt"));
        List<String> coef = Files.readAllLines(d.resolve("coef.csv"));
        int n = y.length, p = xs.get(0).split(",").length;
        String[] names = new String[p];
        for (int j = 0; j < p; j++) names[j] = String.format("x%02d", j + 1);
        org.tribuo.classification.LabelFactory f = new org.tribuo.classification.LabelFactory();
        MutableDataset<org.tribuo.classification.Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("logit_w_nostd", f), f);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            String[] s = xs.get(i).split(",");
            for (int j = 0; j < p; j++) x[i][j] = Double.parseDouble(s[j]);
            ArrayExample<org.tribuo.classification.Label> e = new ArrayExample<>(new org.tribuo.classification.Label(y[i] == 1 ? "1" : "0"), names, x[i].clone());
            e.setWeight((float) w[i]);
            ds.add(e);
        }
        for (int k : new int[]{3, 9, lam.length - 1}) {
            SpredClassificationModel m = new SpredLogisticTrainer(lam[k], 1.0, "java", Precision.FLOAT64).train(ds);
            assertEquals("1", m.predictorLabels()[0], "positive label");
            double[] beta = TestData.columns(m.getFeatureIDMap(), m.coefficients(0), names);
            String[] g = coef.get(k).split(",");
            double scale = 0;
            for (String v : g) scale = Math.max(scale, Math.abs(Double.parseDouble(v)));
            double ws = 0, loss = 0, l1 = 0;
            for (int i = 0; i < n; i++) {
                double e = m.intercept(0);
                for (int j = 0; j < p; j++) e += x[i][j] * beta[j];
                loss += w[i] * TestData.logisticLoss(y[i], e);
                ws += w[i];
            }
            for (double b : beta) l1 += Math.abs(b);
            double ours = loss / ws + lam[k] * l1;
            assertEquals(obj[k], ours, 1e-6 * Math.abs(obj[k]), "objective at lambda #" + k);
            assertEquals(Double.parseDouble(g[0]), m.intercept(0), 1e-4 * (1 + scale), "intercept at lambda #" + k);
            for (int j = 0; j < p; j++) assertEquals(Double.parseDouble(g[j + 1]), beta[j], 1e-4 * (1 + scale), "beta[" + j + "] at lambda #" + k);
        }
    }

    /** glmnet's weighted lasso objective Σ w (y − b0 − xβ)² / (2 Σ w) + λ‖β‖₁ (no standardisation). */
    private static double objective(double[][] x, double[] y, double[] w, double lam, double b0, double[] beta) {
        double s = 0, ws = 0, l1 = 0;
        for (int i = 0; i < y.length; i++) {
            double e = b0;
            for (int j = 0; j < beta.length; j++) e += x[i][j] * beta[j];
            s += w[i] * (y[i] - e) * (y[i] - e);
            ws += w[i];
        }
        for (double b : beta) l1 += Math.abs(b);
        return s / (2 * ws) + lam * l1;
    }

    private static double[] col(Path f) throws Exception {
        return Files.readAllLines(f).stream().mapToDouble(s -> Double.parseDouble(s.trim())).toArray();
    }
}
