package io.github.spred4j.api;

// the README block's imports, as written (this is package api)
import io.github.spred4j.api.*;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.*;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The README's "Java API in ten lines" example, compiled and run, so the README cannot rot. */
class ReadmeExampleTest {
    @Test
    void optimizerStepExampleFindsTheSparseSolution() {
        // --- README example: minimise ½‖v − t‖² + λ‖v‖₁ (solution: soft-threshold of t) ---
        double[] t = {3, -0.2, 0.05, -2, 0.5};
        double lambda = 0.3;
        double[] v = new double[t.length], grad = new double[t.length];
        try (Context ctx = Backends.auto().open();
             SpredOptimizer opt = SpredOptimizer.create(ctx, Precision.FLOAT64, t.length,
                     MomentumParams.of(0.05, 0.9, lambda))) {
            for (int step = 0; step < 2000; step++) {
                opt.readV(v);
                for (int i = 0; i < t.length; i++) grad[i] = v[i] - t[i];  // ∂L/∂V of your model
                opt.step(grad);                                               // one fused kernel launch
            }
            opt.readV(v);
        }
        // --- end of example ---
        for (int i = 0; i < t.length; i++) {
            double soft = Math.signum(t[i]) * Math.max(Math.abs(t[i]) - lambda, 0);
            assertEquals(soft, v[i], 1e-6, "coordinate " + i);
        }
        assertTrue(Math.abs(v[1]) < 1e-6 && Math.abs(v[2]) < 1e-6, "small coordinates go to zero");
    }

    /** The README's "Sparse regression with a certificate" block, as written, on the demo's diabetes data. */
    @Test
    void sparseRegressionExampleRunsAndCertifies() throws Exception {
        int n = 442, p = 10;   // the demo's diabetes data, shipped in the jar
        double[] x = demoDoubles(".X.f64", n * p), y = demoDoubles(".y.f64", n);
        int[] foldId = Spred.foldIds(n, 5, 1);
        double[] lambdas = {40, 20, 10, 5, 2.5, 1.25, 0.6};
        double[][] ys = {y, y.clone()};
        for (int i = 0; i < n; i++) ys[1][i] = 2 * y[i] - x[i * p];
        FitOptions options = FitOptions.defaults(Model.SQUARED);
        double[] lambdaPerTarget = {1.0, 2.0};
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            // --- README example (sparse regression with a certificate) ---
            Dataset data = Dataset.dense(n, p, x /* row-major n×p */, y, null);
            try (Context ctx = Backends.get("auto").open()) {
                FitResult fit = Spred.fit(ctx, data, FitOptions.defaults(Model.SQUARED).withLambda(0.5));
                // fit.beta() has exact zeros; fit.certificate() is the relative duality gap
                CvResult cv = Spred.cv(ctx, data, FitOptions.defaults(Model.SQUARED), lambdas, foldId); // cv.glmnet's lambda=, foldid=
                FitResult[] perTarget = Spred.fitTargets(ctx, data, ys /* k responses */, options, lambdaPerTarget);
                System.out.printf("nnz %d gap %.1e lambda.min %g lambda.1se %g targets %d%n",
                        fit.nnz(), fit.certificate(), cv.lambdaMin(), cv.lambda1se(), perTarget.length);
            }
            // --- end of example ---
        } finally {
            System.setOut(stdout);
        }
        String[] f = printed.toString(StandardCharsets.UTF_8).trim().split(" ");
        assertEquals(10, f.length, printed::toString);
        assertTrue(Integer.parseInt(f[1]) > 0 && Integer.parseInt(f[1]) <= p, printed::toString);
        double gap = Double.parseDouble(f[3]);
        assertTrue(gap <= 1e-7 && gap >= -1e-12, () -> "certified: " + printed);
        double min = Double.parseDouble(f[5]), se = Double.parseDouble(f[7]);
        assertTrue(min >= lambdas[lambdas.length - 1] && se >= min && se <= lambdas[0], printed::toString);
        assertEquals("2", f[9]);
        assertNotNull(Backends.get("auto"));
    }

    private static double[] demoDoubles(String suffix, int count) throws java.io.IOException {
        try (var in = ReadmeExampleTest.class.getResourceAsStream("/demo/diabetes_raw" + suffix)) {
            assertNotNull(in, "demo data " + suffix);
            double[] v = new double[count];
            java.nio.ByteBuffer.wrap(in.readAllBytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(v);
            return v;
        }
    }
}
