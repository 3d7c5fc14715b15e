package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import io.github.spred4j.api.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluator;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * tribuo/README.md's Java blocks, each copied verbatim (the core's ReadmeSnippetsTest checks that they stay so) and
 * run on a seeded synthetic problem, with checks that the answers they print are the trainers' answers.
 */
class ReadmeExamplesTest {
    static final int N = 120, P = 6;
    final double alpha = 0.05, l1Ratio = 0.9;
    final MutableDataset<Regressor> trainSet, testSet, counts;
    final MutableDataset<Label> labelled;

    ReadmeExamplesTest() {
        Random r = new Random(11);
        double[] x = new double[N * P], y = new double[N], yb = new double[N], yc = new double[N];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < P; j++) x[i * P + j] = r.nextGaussian();
            double eta = 0.5 + 1.5 * x[i * P] - x[i * P + 1];
            y[i] = eta + 0.3 * r.nextGaussian();
            yb[i] = r.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
            yc[i] = CountsOf.poisson(r, Math.exp(0.2 + 0.5 * x[i * P]));
        }
        String[] names = {"a", "b", "c", "d", "e", "f"};
        int[] train = new int[N * 3 / 4], test = new int[N - train.length];
        for (int i = 0; i < N; i++) if (i < train.length) train[i] = i; else test[i - train.length] = i;
        trainSet = TestData.regression(new TestData.Arrays("readme", N, P, x, y, names), train);
        testSet = TestData.regression(new TestData.Arrays("readme", N, P, x, y, names), test);
        labelled = TestData.classification(new TestData.Arrays("readme-binary", N, P, x, yb, names), null);
        counts = TestData.regression(new TestData.Arrays("readme-counts", N, P, x, yc, names), null);
    }

    /** Knuth's Poisson sampler (small means). */
    static final class CountsOf {
        static int poisson(Random r, double mean) {
            int k = 0;
            for (double t = r.nextDouble(), e = Math.exp(-mean); t > e; t *= r.nextDouble()) k++;
            return k;
        }
    }

    @Test
    void whatATribuoUserWrites() {
        // Lasso / elastic net: same parameter names and objective as Tribuo's ElasticNetCDTrainer.
        SpredRegressionModel m = new SpredElasticNetTrainer(alpha, l1Ratio).train(trainSet);   // any Dataset<Regressor>
        double rmse = new RegressionEvaluator().evaluate(m, testSet).averageRMSE();

        // L1 logistic: two labels (positive = the name sorting last, or positiveLabel), one-vs-rest for more.
        SpredClassificationModel c = new SpredLogisticTrainer(alpha).train(labelled);           // any Dataset<Label>

        // L1 Poisson regression (glmnet's family = "poisson", log link): y counts >= 0, predictions e^η.
        SpredRegressionModel pm = SpredElasticNetTrainer.poisson(alpha, l1Ratio).train(counts);  // or @Config loss = poisson

        // Backend and precision (default "auto", FLOAT64); recorded in the model's provenance with λ and the certificate.
        new SpredElasticNetTrainer(alpha, l1Ratio, "cuda", Precision.FLOAT32);
        var run = m.getProvenance().getInstanceProvenance().getMap();   // spred.backend, spred.lambda, spred.certificate, ...
        assertTrue(Double.isFinite(rmse) && rmse < 0.6, "held-out RMSE near the noise level 0.3: " + rmse);
        double gap = ((DoubleProvenance) run.get("spred.certificate")).getValue();
        assertTrue(gap >= -1e-12 && gap <= 1e-7, "certified: " + gap);
        assertEquals(alpha, ((DoubleProvenance) run.get("spred.lambda")).getValue(), 0.0);
        int right = 0;
        for (Example<Label> e : labelled) right += c.predict(e).getOutput().getLabel().equals(e.getOutput().getLabel()) ? 1 : 0;
        assertTrue(right > 0.7 * N, "training accuracy " + right + " of " + N);
        for (Example<Regressor> e : counts) assertTrue(pm.predict(e).getOutput().getValues()[0] > 0, "Poisson predicts e^eta > 0");
    }

    @Test
    void crossValidation() {
        // 10-fold CV over glmnet's default sequence of 100 λ per output; the model takes λ_min (or "lambda.1se").
        SpredRegressionModel cvm = new SpredElasticNetTrainer(0.0, l1Ratio)        // alpha is ignored when cvFolds > 0
                .withCrossValidation(10, 42L, "lambda.min").train(trainSet);
        var inst = cvm.getProvenance().getInstanceProvenance().getMap();         // spred.cv.lambda: the chosen λ per output
        assertTrue(inst.containsKey("spred.cv.lambda") && inst.containsKey("spred.cv.mean-loss"), inst.keySet().toString());
        double lam = ((DoubleProvenance) inst.get("spred.lambda")).getValue();
        assertTrue(lam > 0 && lam < 2, "a chosen λ on the path: " + lam);
    }

    @Test
    void savingAModel(@TempDir Path dir) throws Exception {
        SpredRegressionModel m = new SpredElasticNetTrainer(alpha, l1Ratio).train(trainSet);
        Path file = dir.resolve("lasso.tribuo");                                  // dir: any writable directory
        m.serializeToFile(file);
        var back = (SpredRegressionModel) Model.deserializeFromFile(file);        // same predictions, provenance, certificate
        for (Example<Regressor> e : testSet) {
            Prediction<Regressor> want = m.predict(e), got = back.predict(e);
            assertEquals(want.getOutput().getValues()[0], got.getOutput().getValues()[0], 0.0);
        }
        assertEquals(m.getProvenance(), back.getProvenance());
    }
}
