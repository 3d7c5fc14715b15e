package io.github.spred4j.solver;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.backend.Required;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Device-resident control, second half (issue 12 item 5): the engine's outer step keeps g = Zcᵀr/n on the device
 * ({@link Checks#pass}); the duality gap reads ‖g‖∞ and the elastic net's Σ(|t·g| − λα)₊² as scalars, screening and
 * the KKT violators read the short list of columns above the bound. The same paths with the gradient brought to the
 * host ({@code -Dspred4j.deviceControl=false}, the route before) must give the same answers and certificates, read
 * far fewer numbers back, and allocate the checks' buffers once per path, not per λ.
 */
class DeviceGapTest {

    /** A path with the property set (device route or host route); the counters' increments in {@code counts}. */
    private static PathResult path(Context ctx, Dataset d, FitOptions o, boolean device, long[] counts) {
        String old = System.getProperty("spred4j.deviceControl");
        System.setProperty("spred4j.deviceControl", Boolean.toString(device));
        long r0 = Checks.READ_BACK.get(), p0 = Checks.PASSES.get(), a0 = Checks.ALLOCATIONS.get();
        try {
            return Spred.path(ctx, d, o, 30, 0.01);
        } finally {
            counts[0] = Checks.READ_BACK.get() - r0;
            counts[1] = Checks.PASSES.get() - p0;
            counts[2] = Checks.ALLOCATIONS.get() - a0;
            if (old == null) System.clearProperty("spred4j.deviceControl");
            else System.setProperty("spred4j.deviceControl", old);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu"})
    void deviceGapAndScreeningGiveTheHostRoutesAnswers(String name) {
        int cases = 0;
        try (Context ctx = Required.open(name)) {
            for (Model model : new Model[]{Model.SQUARED, Model.LOGISTIC})
                for (boolean sparse : new boolean[]{false, true})
                    for (double alpha : new double[]{1, 0.5})
                        for (Precision pr : Precision.values()) {
                            // p ≫ n so that the list of columns above λα is much shorter than p along most of the path
                            int n = 40, p = 1500;
                            Dataset d = sparse ? SparseEngineTest.data(n, p, 0.05, model, 17L + model.ordinal())
                                    : DeviceControlTest.dense(n, p, model, 19L + model.ordinal());
                            FitOptions o = FitOptions.defaults(model).withAlpha(alpha).withPrecision(pr).withTol(1e-7);
                            String at = name + " " + model + (sparse ? " sparse" : " dense") + " alpha=" + alpha + " " + pr + ": ";
                            long[] dc = new long[3], hc = new long[3];
                            PathResult dev = path(ctx, d, o, true, dc), host = path(ctx, d, o, false, hc);
                            List<FitResult> a = dev.fits(), b = host.fits();
                            assertEquals(b.size(), a.size(), at + "path length");
                            double tol = Certificates.tolerance(o);
                            for (int k = 0; k < a.size(); k++) {
                                FitResult x = a.get(k), y = b.get(k);
                                String l = at + "λ #" + k + ": ";
                                assertTrue(x.certificate() <= tol && y.certificate() <= tol,
                                        l + "certified on both routes: " + x.certificate() + " / " + y.certificate());
                                assertTrue(x.certificate() >= -Certificates.NEGATIVE_SLACK, l + "a negative gap " + x.certificate());
                                // both certified to tol: the objectives agree to tol (relative), the answer is the same
                                assertEquals(y.objective(), x.objective(), 4 * tol * Math.abs(y.objective()) + 1e-300, l + "objective");
                                // the device route's certificate is the gap of its own answer: recompute it on the host
                                Certificates.Certificate c = Certificates.of(d, o.withLambda(x.lambda()), x.lambda(), x.intercept(), x.beta());
                                assertTrue(c.value() <= x.certificate() * (1 + 1e-6) + 1e-12,
                                        l + "Certificates.of " + c.value() + " above the reported " + x.certificate());
                            }
                            // the checks made passes on both routes; the device route reads a handful of numbers a pass
                            assertTrue(dc[1] > 0 && hc[1] > 0, at + "passes " + dc[1] + " / " + hc[1]);
                            double perDev = (double) dc[0] / dc[1], perHost = (double) hc[0] / hc[1];
                            assertTrue(perHost >= p, at + "host route reads p per pass, got " + perHost);
                            // (p = 1500 here: the short lists are capped near 1024 entries (Checks.above), a polish reads p)
                            assertTrue(perDev < 0.5 * perHost, at + "device route reads " + perDev + " numbers per pass, host " + perHost);
                            // buffers: once per path (r, g; x̄, s, idx, val; gw, g − a·gw for the weighted dual), never per λ
                            assertTrue(dc[2] <= 8, at + "device route allocated " + dc[2] + " check buffers for a 30-λ path");
                            assertTrue(hc[2] <= 2, at + "host route allocated " + hc[2] + " check buffers for a 30-λ path");
                            cases++;
                        }
        }
        assertEquals(2 * 2 * 2 * 2, cases);
    }

    /** The short-list tests are the full-array tests restricted to the listed columns (same order, same marks). */
    @Test
    void listTestsAreTheArrayTestsOnTheirColumns() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int p = 997;
        double[] g = new double[p], b = new double[p], h = new double[p];
        boolean[] inW = new boolean[p], safeA = new boolean[p], safeL = new boolean[p];
        for (int j = 0; j < p; j++) {
            g[j] = r.nextGaussian();
            b[j] = j % 13 == 0 ? 0.5 : 0;
            h[j] = 0.5 + r.nextDouble();
            inW[j] = j % 17 == 0;
        }
        double la = 1.2, bound = Math.nextUp(la * (1 + 1e-12));
        int c = 0;
        int[] idx = new int[p];
        double[] val = new double[p];
        for (int j = 0; j < p; j++)
            if (!(Math.abs(g[j]) < bound)) {
                idx[c] = j;
                val[c++] = g[j];
            }
        int[] j = java.util.Arrays.copyOf(idx, c);
        double[] v = java.util.Arrays.copyOf(val, c);
        Screening.gapSafe(safeA, g, h, 40, 0.9, 1e-3, la, 1);
        Screening.gapSafe(safeL, j, v, h, 40, 0.9, 1e-3, la, 1);
        for (int k : j) assertEquals(safeA[k], safeL[k], "Gap Safe mark of listed column " + k);
        assertTrue(c > 20, "the list must hold enough columns to mean something: " + c);
        assertEquals(java.util.Arrays.toString(Screening.violators(g, b, inW, safeA, la, 25)),
                java.util.Arrays.toString(Screening.violators(j, v, b, inW, safeL, la, 25)), "violators");
        double sb = 2 * 0.95 - 1.0; // the host route's bound, to the bit
        int cs = 0;
        int[] is = new int[p];
        double[] vs = new double[p];
        for (int k = 0; k < p; k++)
            if (!(Math.abs(g[k]) < sb)) {
                is[cs] = k;
                vs[cs++] = g[k];
            }
        boolean[] none = new boolean[p];
        assertEquals(java.util.Arrays.toString(Screening.strong(g, b, none, 0.95, 1.0, 40)),
                java.util.Arrays.toString(Screening.strong(java.util.Arrays.copyOf(is, cs), java.util.Arrays.copyOf(vs, cs), b, none, sb, 40)),
                "strong-rule candidates");
    }
}
