package io.github.spred4j.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
