package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.SparseCache;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * fitTargets on sparse X ({@link SparseTargets}: the Gram from the nonzeros, never densified) against the dense
 * Gram route ({@link GramBatch#fitTargets}) on the same X densified here, at awkward sizes: k = 1, 2, 17 targets,
 * an empty column, a target that is all zeros, p &gt; n, with and without an intercept and standardisation, lasso
 * and elastic net.
 * Every answer is certified ([−1e-12, tol]), its certificate recomputed from residuals over the sparse arrays
 * passes too, no target is refitted by the engine (the Gram answers were right), and it equals the dense
 * route's answer for the same target.
 */
class SparseTargetsTest {
    static final double TOL = TargetsBatchTest.TOL;

    /** Seeded CSR X (n×p, density ~0.3, column 1 empty, columns 0 and 3 with non-zero means) and a response. */
    static Dataset sparse(int n, int p, long seed) {
        Random r = new Random(seed);
        int[] rp = new int[n + 1];
        int[] ci = new int[n * p];
        double[] v = new double[n * p], y = new double[n];
        int nz = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                if (j == 1 || !(r.nextDouble() < 0.3 || j == 0 || j == 3)) continue; // column 1 empty
                ci[nz] = j;
                v[nz] = r.nextGaussian() + (j == 0 || j == 3 ? 4 : 0);
                y[i] += (j % 4 == 0 ? 2 : j % 5 == 2 ? -1.5 : 0) * v[nz];
                nz++;
            }
            rp[i + 1] = nz;
            y[i] += r.nextGaussian();
        }
        return Dataset.sparse(n, p, rp, java.util.Arrays.copyOf(ci, nz), java.util.Arrays.copyOf(v, nz), y, null);
    }

    static Dataset densified(Dataset s) {
        int n = s.n(), p = s.p();
        double[] x = new double[n * p];
        for (int i = 0; i < n; i++)
            for (int a = s.rowPtr()[i]; a < s.rowPtr()[i + 1]; a++) x[i * p + s.colIdx()[a]] = s.values()[a];
        return Dataset.dense(n, p, x, s.y(), null);
    }

    /** k targets from {@link TargetsBatchTest#targets}, target 1 (when k ≥ 2) all zeros; λ a fraction of each λ_max. */
    static double[][] targets(Dataset d, int k, long seed) {
        double[][] ys = TargetsBatchTest.targets(d, k, seed);
        if (k >= 2) ys[1] = new double[d.n()];
        return ys;
    }

    @Test
    void sparseTargetsEqualTheDenseRouteAtAwkwardSizes() throws Exception {
        int[][] shapes = {{60, 13}, {31, 7}, {30, 45}}; // the last: p > n
        try (Context ctx = Backends.get("java").open()) {
            for (int[] sh : shapes)
                for (int k : new int[]{1, 2, 17})
                    for (FitOptions o : new FitOptions[]{FitOptions.defaults(Model.SQUARED).withTol(TOL),
                            FitOptions.defaults(Model.SQUARED).withTol(TOL).withAlpha(0.5),
                            FitOptions.defaults(Model.SQUARED).withTol(TOL).withIntercept(false),
                            FitOptions.defaults(Model.SQUARED).withTol(TOL).withStandardize(true),
                            FitOptions.defaults(Model.SQUARED).withTol(TOL).withStandardize(true).withIntercept(false).withAlpha(0.7)})
                        check(ctx, sparse(sh[0], sh[1], 7L * sh[0] + k), k, o, sh[0] + "x" + sh[1] + " k " + k + " alpha " + o.alpha()
                                + (o.intercept() ? "" : " no intercept") + (o.standardize() ? " standardized" : ""));
        }
    }

    @Test
    void fitTargetsOnSparseXTakesTheSparseGramRoute() throws Exception {
        Dataset s = sparse(80, 20, 11);
        double[][] ys = targets(s, 5, 3);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(TOL);
        double[] l = lambdas(s, ys, o);
        try (Context ctx = Backends.get("java").open()) {
            assertTrue(SparseTargets.applies(s, o, ys.length));
            FitResult[] viaApi = Spred.fitTargets(ctx, s, ys, o, l), direct = SparseTargets.fit(ctx, s, ys, o, l);
            for (int t = 0; t < ys.length; t++)
                assertArrayEquals(direct[t].beta(), viaApi[t].beta(), 0, "target " + t + ": Spred.fitTargets took SparseTargets");
        }
    }

    static double[] lambdas(Dataset d, double[][] ys, FitOptions o) {
        double[] lmax = MultiTarget.lambdaMax(densified(d), ys, o), l = new double[ys.length];
        for (int t = 0; t < l.length; t++) l[t] = lmax[t] > 0 ? lmax[t] * (t % 2 == 0 ? 0.1 : 0.02) : 0.3; // an all-zero target: λ_max = 0
        return l;
    }

    /**
     * The canary rule shared by fitBatch, fitTargets and sparse fitTargets ({@link GramBatch#checked}): a canary
     * whose certificate from residuals passes keeps every other problem's Gram certificate (one call of the exact
     * certificate); one that misses sends every problem to its certificate from residuals (a second call, all k).
     */
    @Test
    void aCanaryThatMissesSendsEveryProblemToItsCertificateFromResiduals() throws Exception {
        Dataset s = sparse(50, 9, 21);
        double[][] ys = targets(s, 4, 6);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(TOL);
        double[] l = lambdas(s, ys, o);
        CsrMatrix x = HostX.csr(s);
        CscMatrix xc = SparseCache.csc(s, HostX::csr);
        try (Context ctx = Backends.get("java").open()) {
            FitResult[] f = SparseTargets.fit(ctx, s, ys, o, l);
            double[][] betas = new double[4][];
            double[] b0 = new double[4], gram = new double[4], obj = new double[4];
            for (int t = 0; t < 4; t++) {
                betas[t] = f[t].beta();
                b0[t] = f[t].intercept();
                gram[t] = 0.5 * TOL; // stands for the Gram certificates: what the results keep when the canary passes
                obj[t] = f[t].objective();
            }
            for (boolean miss : new boolean[]{false, true}) {
                int[] calls = {0}, sizes = new int[2];
                GramBatch.Exact exact = (yc, lc, bc, betc) -> {
                    sizes[calls[0]++] = lc.length;
                    double[][] out = new double[2][lc.length];
                    for (int t = 0; t < lc.length; t++) {
                        double[][] c = SparseGramCv.certify(x, xc, yc[t], o, new double[]{lc[t]}, new double[]{bc[t]}, new double[][]{betc[t]});
                        out[0][t] = miss && calls[0] == 1 ? 2 * TOL : c[0][0]; // the canary's check made to miss
                        out[1][t] = c[1][0];
                    }
                    return out;
                };
                FitResult[] r = GramBatch.checked(ctx, s, o, l, b0, betas, new int[4], new boolean[]{true, true, true, true}, 0L, ys,
                        gram.clone(), obj.clone(), 2, exact);
                assertEquals(miss ? 2 : 1, calls[0], "exact certificate calls, canary " + (miss ? "missing" : "passing"));
                assertEquals(1, sizes[0], "the canary alone first");
                if (miss) assertEquals(4, sizes[1], "then every problem");
                for (int t = 0; t < 4; t++) {
                    double c = SparseGramCv.certify(x, xc, ys[t], o, new double[]{l[t]}, new double[]{b0[t]}, new double[][]{betas[t]})[0][0];
                    assertEquals(miss || t == 2 ? c : 0.5 * TOL, r[t].certificate(), 0, "target " + t + (miss ? ", canary missing" : ""));
                }
            }
        }
    }

    private static void check(Context ctx, Dataset s, int k, FitOptions o, String what) {
        Dataset dense = densified(s);
        double[][] ys = targets(s, k, 5);
        double[] l = lambdas(s, ys, o);
        int refits = GramCv.REFITS.get();
        FitResult[] sp = SparseTargets.fit(ctx, s, ys, o, l);
        assertEquals(refits, GramCv.REFITS.get(), what + ": every target settled on the sparse Gram (no engine refit)");
        FitResult[] de = GramBatch.fitTargets(ctx, dense, ys, o, l);
        CsrMatrix x = HostX.csr(s);
        CscMatrix xc = SparseCache.csc(s, HostX::csr);
        for (int t = 0; t < k; t++) {
            String w = what + " target " + t;
            double[][] exact = SparseGramCv.certify(x, xc, ys[t], o, new double[]{l[t]}, new double[]{sp[t].intercept()},
                    new double[][]{sp[t].beta()});
            assertTrue(exact[0][0] <= TOL && exact[0][0] >= -1e-12, w + ": certificate from residuals " + exact[0][0]);
            TargetsBatchTest.sameProblem(de[t], sp[t], w);
            if (k >= 2 && t == 1) { // the all-zero response: β = 0 and intercept 0 exactly
                for (double b : sp[t].beta()) assertEquals(0, b, 0, w);
                assertEquals(0, sp[t].intercept(), 0, w);
            }
            assertEquals(0, sp[t].beta()[1], 0, w + ": the empty column stays 0");
        }
    }
}
