package io.github.spred4j.solver;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.backend.Required;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A fold's held-out losses at every λ computed on the device ({@link CrossValidation#heldOutLoss}: the stacked
 * predictions, then one deviance reduction, L numbers read back) equal the host loop cross-validation used before
 * (η = b0 + x_i·β per row and λ, {@link Solver#heldOutLoss} per element) on seeded folds at awkward sizes: every
 * family, L below and above the GEMM crossover of {@link Stacked#xb}, p = 0 (intercept-only models), one row.
 */
class HeldOutLossTest {

    /** A path of L random sparse coefficient vectors (about a third zero) with intercepts. */
    static PathResult path(SplittableRandom r, int p, int L) {
        List<FitResult> fits = new ArrayList<>();
        double[] lam = new double[L];
        for (int l = 0; l < L; l++) {
            double[] b = new double[p];
            for (int j = 0; j < p; j++) b[j] = r.nextInt(3) == 0 ? 0 : 0.6 * (r.nextDouble() - 0.5);
            lam[l] = 1.0 / (l + 1);
            fits.add(new FitResult(0.5 * (r.nextDouble() - 0.5), b, lam[l], 0, "duality_gap", 0, 0, 0, 0, "test", "test"));
        }
        return new PathResult(lam, fits);
    }

    /** The host loop: η = b0 + x_i·β in row order, the unit deviance, the mean over the fold. */
    static double[] hostLoss(Model m, double[] x, double[] y, int n, int p, PathResult pr) {
        double[] loss = new double[pr.fits().size()];
        for (int l = 0; l < loss.length; l++) {
            FitResult f = pr.fits().get(l);
            double s = 0;
            for (int i = 0; i < n; i++) {
                double eta = f.intercept();
                for (int j = 0; j < p; j++) eta += x[i * p + j] * f.beta()[j];
                s += Solver.heldOutLoss(m, y[i], eta);
            }
            loss[l] = s / n;
        }
        return loss;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu"})
    void deviceHeldOutLossesEqualTheHostLoop(String backend) {
        int[][] shapes = {{1, 3, 1}, {7, 0, 5}, {13, 5, 100}, {31, 17, 128}, {101, 64, 129}, {257, 33, 7}}; // n, p, L
        try (Context ctx = Required.open(backend)) {
            for (Model m : new Model[]{Model.SQUARED, Model.LOGISTIC, Model.POISSON})
                for (int[] s : shapes) {
                    int n = s[0], p = s[1], L = s[2];
                    SplittableRandom r = new SplittableRandom(1000L * n + 10L * p + L + m.ordinal());
                    double[] x = new double[n * p], y = new double[n];
                    for (int k = 0; k < x.length; k++) x[k] = 2 * r.nextDouble() - 1 + (k % 3 == 0 ? 1 : 0);
                    for (int i = 0; i < n; i++)
                        y[i] = m == Model.LOGISTIC ? r.nextInt(2) : m == Model.POISSON ? r.nextInt(5) : 3 + r.nextGaussian();
                    PathResult pr = path(r, p, L);
                    FitOptions o = FitOptions.defaults(m).withPrecision(Precision.FLOAT64);
                    double[] got = CrossValidation.heldOutLoss(ctx, o, x, y, n, p, pr), want = hostLoss(m, x, y, n, p, pr);
                    String at = backend + " " + m + " n=" + n + " p=" + p + " L=" + L;
                    assertEquals(L, got.length, at);
                    for (int l = 0; l < L; l++) {
                        assertTrue(Double.isFinite(got[l]) && got[l] >= 0, at + " λ " + l + ": " + got[l]);
                        assertEquals(want[l], got[l], 1e-12 * want[l] + 1e-300, at + " λ " + l);
                    }
                }
        }
    }
}
