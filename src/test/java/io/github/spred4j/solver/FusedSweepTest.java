package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.backend.Required;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's coordinate-descent sweeps through the native cd_sweep op ({@link FusedSweep}) against the Java loops
 * of {@link Inner} ({@code -Dspred4j.cdsweep=false}) on the native backend: one sweep from the same start lands on
 * the same coefficients to rounding (the dot's summation order is all that differs), sweeps to convergence reach
 * the same minimiser, and whole fits and paths (squared and logistic, lasso and elastic net) are certified with the
 * same objectives. The working sets here are large enough for the fused route ({@link FusedSweep#pays}).
 */
class FusedSweepTest {
    @BeforeEach
    void nativeBackend() {
        Required.backend(Backends.get("native"));
    }

    static Dataset data(int n, int p, boolean binary, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) x[i * p + j] = r.nextGaussian() * (1 + j % 3) + (j % 5 == 0 ? 2 : 0);
        for (int i = 0; i < n; i++) {
            double s = 0.5 * r.nextGaussian();
            for (int j = 0; j < p; j += 9) s += 0.3 * x[i * p + j] * (j % 2 == 0 ? 1 : -1);
            y[i] = binary ? (s > 0.4 ? 1 : 0) : s + 3;
        }
        return Dataset.dense(n, p, x, y, null);
    }

    /** Runs {@code f} with the fused route switched off (the Java loops). */
    static <T> T javaLoops(Supplier<T> f) {
        String old = System.getProperty("spred4j.cdsweep");
        System.setProperty("spred4j.cdsweep", "false");
        try {
            return f.get();
        } finally {
            if (old == null) System.clearProperty("spred4j.cdsweep");
            else System.setProperty("spred4j.cdsweep", old);
        }
    }

    private static int[] all(int p) {
        int[] w = new int[p];
        for (int j = 0; j < p; j++) w[j] = j;
        return w;
    }

    @Test
    void oneSweepAndTheMinimiserMatchTheJavaLoops() {
        for (Model model : new Model[]{Model.SQUARED, Model.LOGISTIC})
            for (double alpha : new double[]{1, 0.5}) {
                Dataset d = data(283, 331, model == Model.LOGISTIC, 11); // p > n: the naive mode (no covariance mode)
                FitOptions o = FitOptions.defaults(model).withAlpha(alpha);
                try (Context ctx = Backends.get("native").open(); Prepared pb = new Prepared(ctx, d, o);
                     Inner fused = new Inner(pb); Inner plain = javaLoops(() -> new Inner(pb))) {
                    String at = model + " alpha=" + alpha;
                    assertTrue(fused.fusedRoute(), at + ": the fused route is on");
                    assertTrue(!plain.fusedRoute(), at + ": the Java loops");
                    assertTrue(fused.pays(all(pb.p)), at + ": a working set large enough for the fused route");
                    double lam = 0.05 * pb.lambdaMax, la = lam * alpha, mu = lam * (1 - alpha);
                    int[] W = all(pb.p);
                    for (Inner st : new Inner[]{fused, plain}) st.startQuadratic(st.eta(), W);
                    // one full sweep from β = 0: the same moves to rounding
                    assertEquals(plain.solve(W, la, mu, 0, 1), fused.solve(W, la, mu, 0, 1), at);
                    assertEquals(plain.sweeps, fused.sweeps, at + ": sweeps");
                    assertClose(at + ": b after one sweep", plain.b, fused.b, 1e-12);
                    assertClose(at + ": residual after one sweep", plain.res, fused.res, 1e-12);
                    assertEquals(plain.sweepViolation, fused.sweepViolation, 1e-12 * Math.abs(plain.sweepViolation), at);
                    assertEquals(plain.offset(), fused.offset(), 1e-12 * (1 + Math.abs(plain.offset())), at + ": intercept");
                    // then to convergence of this quadratic model
                    assertTrue(plain.solve(W, la, mu, 1e-20, 100_000), at + ": Java loops converged");
                    assertTrue(fused.solve(W, la, mu, 1e-20, 100_000), at + ": fused sweeps converged");
                    assertClose(at + ": minimiser", plain.b, fused.b, 1e-8);
                    if (model != Model.SQUARED) assertClose(at + ": η", plain.eta(), fused.eta(), 1e-8);
                }
            }
    }

    @Test
    void fitsAndPathsAreCertifiedWithTheSameObjectives() {
        for (Model model : new Model[]{Model.SQUARED, Model.LOGISTIC})
            for (double alpha : new double[]{1, 0.5}) {
                Dataset d = data(307, 600, model == Model.LOGISTIC, 12);
                FitOptions o = FitOptions.defaults(model).withAlpha(alpha).withTol(1e-8);
                try (Context ctx = Backends.get("native").open()) {
                    PathResult f = Spred.path(ctx, d, o, 30, 0.01);
                    PathResult j = javaLoops(() -> Spred.path(ctx, d, o, 30, 0.01));
                    assertEquals(j.fits().size(), f.fits().size());
                    for (int l = 0; l < f.fits().size(); l++) {
                        FitResult a = f.fits().get(l), b = j.fits().get(l);
                        String at = model + " alpha=" + alpha + " λ" + l + ": ";
                        assertTrue(a.certificate() <= 1e-8 && a.certificate() >= -1e-12, at + "fused gap " + a.certificate());
                        assertTrue(b.certificate() <= 1e-8 && b.certificate() >= -1e-12, at + "Java gap " + b.certificate());
                        assertEquals(b.objective(), a.objective(), 2e-8 * Math.abs(b.objective()), at + "objective");
                    }
                }
            }
    }

    @Test
    void otherBackendsAndSparseXKeepTheJavaLoops() {
        Dataset d = data(50, 20, false, 13);
        try (Context ctx = Backends.get("java").open(); Prepared pb = new Prepared(ctx, d, FitOptions.defaults(Model.SQUARED))) {
            assertNull(FusedSweep.of(pb, false));
        }
        try (Context ctx = Backends.get("native").open(); Prepared pb = new Prepared(ctx, d, FitOptions.defaults(Model.SQUARED))) {
            assertNull(FusedSweep.of(pb, true));
            try (FusedSweep f = FusedSweep.of(pb, false)) {
                assertNotNull(f);
            }
        }
    }

    private static void assertClose(String what, double[] want, double[] got, double tol) {
        double scale = 0;
        for (double v : want) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < want.length; i++)
            assertTrue(Double.isFinite(got[i]) && Math.abs(got[i] - want[i]) <= tol * (1 + scale),
                    what + " [" + i + "]: " + got[i] + " vs " + want[i]);
    }
}
