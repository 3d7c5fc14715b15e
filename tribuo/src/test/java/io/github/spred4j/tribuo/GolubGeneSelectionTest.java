package io.github.spred4j.tribuo;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SpredOptimizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optimizer-step API in a plain Java training loop: a linear softmax classifier (two outputs) on the golub
 * leukemia data (38 samples × 3051 genes) whose weight matrix is made group-sparse by spred, one group per gene =
 * the two weights leaving that gene, so a gene is either used by the model or dropped. With two classes this group
 * lasso (group weight √2) is exactly L1 logistic regression on β = w₁ − w₀ at the same λ, so the loop's answer is
 * checked against glmnet's golub reference: the selected genes, the objective, and a KKT check after thresholding.
 */
class GolubGeneSelectionTest {

    // README snippet starts here: X is n×p row-major with centred columns, y ∈ {0,1}.
    static double[] train(double[] X, double[] y, int n, int p, double lambda, int steps) {
        int[] offsets = new int[p + 1];                     // group j = weights (j,0), (j,1) leaving gene j
        for (int j = 0; j <= p; j++) offsets[j] = 2 * j;
        double[] w = new double[2 * p], g = new double[2 * p], d = new double[p];
        double b = 0;                                       // intercept difference b₁ − b₀ (unpenalised)
        try (Context ctx = Backends.auto().open()) {
            for (double lr : new double[]{1e-2, 1e-3, 1e-4}) {  // Adam in three phases of falling step size
                try (SpredOptimizer opt = SpredOptimizer.createGrouped(ctx, Precision.FLOAT64, offsets, null,
                        AdamParams.of(lr, lambda))) {      // penalty λ·Σ_j √2·‖w_j‖₂ (group weight √2)
                    opt.init(w);
                    for (int t = 0; t < steps; t++) {
                        opt.readV(w);
                        for (int j = 0; j < p; j++) d[j] = w[2 * j + 1] - w[2 * j];
                        java.util.Arrays.fill(g, 0);
                        double gb = 0;
                        for (int i = 0; i < n; i++) {       // softmax of 2 outputs = sigmoid of their difference
                            double eta = b;
                            for (int j = 0; j < p; j++) eta += X[i * p + j] * d[j];
                            double r = (1 / (1 + Math.exp(-eta)) - y[i]) / n;
                            gb += r;
                            for (int j = 0; j < p; j++) g[2 * j + 1] += r * X[i * p + j];
                        }
                        for (int j = 0; j < p; j++) g[2 * j] = -g[2 * j + 1];
                        opt.step(g);                        // one fused group-spred Adam update on the device
                        b -= 4 * gb;                        // plain step on the intercept (curvature ≤ 1/4)
                    }
                    opt.readV(w);
                }
            }
        }
        double[] out = java.util.Arrays.copyOf(w, 2 * p + 1);
        out[2 * p] = b;
        return out;
    }
    // README snippet ends here.

    /** ∂L/∂β_j of the logistic loss at (β = w₁ − w₀, b). */
    static double[] lossGradient(double[] x, double[] y, int n, int p, double[] wb) {
        double[] grad = new double[p];
        for (int i = 0; i < n; i++) {
            double eta = wb[2 * p];
            for (int j = 0; j < p; j++) eta += x[i * p + j] * (wb[2 * j + 1] - wb[2 * j]);
            double r = (1 / (1 + Math.exp(-eta)) - y[i]) / n;
            for (int j = 0; j < p; j++) grad[j] += r * x[i * p + j];
        }
        return grad;
    }

    @Test
    void selectsGlmnetsGenesOnGolub() throws Exception {
        TestData.Arrays a = TestData.load("golub");
        Assumptions.assumeTrue(a != null, "golub not found (needs ../shared/data)");
        int n = a.n(), p = a.p();
        List<String> genes = java.nio.file.Files.readAllLines(TestData.dir("golub").resolve("datasets/golub.colnames.txt"));
        double[] xc = a.x().clone();
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) m += xc[i * p + j] / n;
            for (int i = 0; i < n; i++) xc[i * p + j] -= m;
        }
        TestData.Solution ref = TestData.refs("golub", "logistic", p).get(2);
        long t0 = System.nanoTime();
        int steps = Integer.getInteger("golub.steps", 500);
        double[] wb = train(xc, a.y(), n, p, ref.lambda(), steps);
        double secs = (System.nanoTime() - t0) * 1e-9;
        double[] beta = new double[p];
        double maxNorm = 0;
        for (int j = 0; j < p; j++) maxNorm = Math.max(maxNorm, Math.hypot(wb[2 * j], wb[2 * j + 1]));
        // Zeroing rule (spred-math §6): a group is zeroed when it is small AND its KKT condition for zero holds,
        // ‖∂L/∂w_j‖ = √2·|∂L/∂β_j| ≤ λ·√2, never on magnitude alone.
        double[] g0 = lossGradient(xc, a.y(), n, p, wb);
        List<String> selected = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            double norm = Math.hypot(wb[2 * j], wb[2 * j + 1]);
            boolean zero = norm <= 1e-2 * maxNorm && Math.abs(g0[j]) <= ref.lambda();
            beta[j] = zero ? 0 : wb[2 * j + 1] - wb[2 * j];
            if (beta[j] != 0) selected.add(genes.get(j));
        }
        TestData.Arrays c = new TestData.Arrays("golub-centred", n, p, xc, a.y(), a.names());
        double obj = TestData.logisticObjective(c, wb[2 * p], beta, ref.lambda(), 1);
        // KKT of L1 logistic at the thresholded point
        double[] grad = new double[p];
        double gb = 0;
        for (int i = 0; i < n; i++) {
            double eta = wb[2 * p];
            for (int j = 0; j < p; j++) eta += xc[i * p + j] * beta[j];
            double r = (1 / (1 + Math.exp(-eta)) - a.y()[i]) / n;
            gb += r;
            for (int j = 0; j < p; j++) grad[j] += r * xc[i * p + j];
        }
        double kkt = 0;
        for (int j = 0; j < p; j++)
            kkt = Math.max(kkt, beta[j] == 0 ? Math.max(0, Math.abs(grad[j]) - ref.lambda())
                    : Math.abs(grad[j] + ref.lambda() * Math.signum(beta[j])));
        int correct = 0;
        for (int i = 0; i < n; i++) {
            double eta = wb[2 * p];
            for (int j = 0; j < p; j++) eta += xc[i * p + j] * beta[j];
            if ((eta > 0 ? 1 : 0) == a.y()[i]) correct++;
        }
        int[] refSupport = java.util.stream.IntStream.range(0, p).filter(j -> ref.beta()[j] != 0).toArray();
        int[] support = java.util.stream.IntStream.range(0, p).filter(j -> beta[j] != 0).toArray();
        double relErr = (obj - ref.objective()) / ref.objective();
        System.out.printf("golub spred loop: %d steps %.2fs, genes %s, objective rel err %.2e, KKT/λ %.2e, |grad b| %.1e, train acc %d/%d%n",
                3 * steps, secs, selected, relErr, kkt / ref.lambda(), Math.abs(gb), correct, n);
        assertTrue(support.length > 0 && support.length < 20, support.length + " genes selected");
        assertArrayEquals(refSupport, support, "the loop selects glmnet's genes at the same λ");
        assertTrue(Math.abs(relErr) <= 1e-6, "objective rel err vs glmnet " + relErr);
        assertTrue(kkt <= 1e-3 * ref.lambda(), "KKT violation after zeroing: " + kkt / ref.lambda() + "·λ");
        assertTrue(Math.abs(gb) <= 1e-6, "intercept stationarity " + gb);
        assertTrue(correct >= 0.95 * n, "training accuracy " + correct + "/" + n);
    }
}
