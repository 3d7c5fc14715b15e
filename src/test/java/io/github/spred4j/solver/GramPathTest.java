package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.Backends;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The public Gram path ({@link GramPath}) against the core's own Gram route ({@link GramCv#path}, what
 * {@code Spred.cv} runs on each fold) on the same row set's Gram sums: the same solver and path loop, so the
 * coefficients and certificates agree bit for bit, at awkward sizes (p = 1, primes, one past a block, p > n), lasso
 * and elastic net, raw and standardised columns; and against the general engine's path ({@link Spred#path}, an independent solver) to the
 * accuracy both certify. Mutation caught: aiming at the tolerance itself instead of a tenth of it (as GramCv does)
 * changes the answers' last digits, and the bit-for-bit comparison fails.
 */
class GramPathTest {
    /** The centred sums GramCv keeps for a row set (all rows of d here), X and y centred by the column means. */
    static GramCv.Pieces pieces(Dataset d, double[] xm, double[] ym) {
        int n = d.n(), p = d.p();
        double[] x = d.x(), y = d.y();
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) xm[j] += x[i * p + j] / n;
        for (double v : y) ym[0] += v / n;
        GramCv.Pieces t = new GramCv.Pieces(p);
        for (int i = 0; i < n; i++) {
            double yi = y[i] - ym[0];
            t.n++;
            t.sy += yi;
            t.syy += yi * yi;
            for (int a = 0; a < p; a++) {
                double xa = x[i * p + a] - xm[a];
                t.sx[a] += xa;
                t.sxy[a] += xa * yi;
                for (int c = 0; c < p; c++) t.S[a * p + c] += xa * (x[i * p + c] - xm[c]);
            }
        }
        return t;
    }

    @Test
    void thePathEqualsTheCoreGramRouteBitForBitAndTheEngineToItsCertificate() {
        int[][] shapes = {{12, 1}, {23, 2}, {41, 7}, {60, 17}, {30, 33}, {101, 65}}; // n, p
        try (Context ctx = Backends.get("java").open()) {
            for (double alpha : new double[]{1, 0.5})
                for (boolean standardize : new boolean[]{false, true})
                for (int[] s : shapes) {
                    int n = s[0], p = s[1];
                    String at = n + "x" + p + " alpha " + alpha + " standardize " + standardize;
                    FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-11).withAlpha(alpha).withStandardize(standardize);
                    Dataset d = GramCvTest.random(n, p, 7L * n + p);
                    double[] lam = Spred.lambdas(d, o, 15, p > n ? 0.05 : 1e-3);
                    double[] xm = new double[p], ym = new double[1];
                    GramCv.Pieces t = pieces(d, xm, ym);
                    int refits = GramCv.REFITS.get();
                    PathResult core = GramCv.path(ctx, t, xm, ym[0], o, lam, PathListener.NONE, 0, lam.length, () -> d, null);
                    assertEquals(refits, GramCv.REFITS.get(), at + ": the core's Gram route settled every point itself");
                    // Q, q, yy as GramCv.path forms them (the set's own means m, its sd s), operation for operation
                    double[] m = new double[p], sd = new double[p], Q = new double[p * p], q = new double[p];
                    double my = t.sy / n;
                    for (int j = 0; j < p; j++) {
                        m[j] = t.sx[j] / n;
                        double v = (t.S[j * p + j] - n * m[j] * m[j]) / n;
                        sd[j] = standardize ? (v > 0 ? Math.sqrt(v) : 1) : 1;
                    }
                    for (int a = 0; a < p; a++)
                        for (int c = a; c < p; c++) {
                            double v = (t.S[a * p + c] - n * m[a] * m[c]) / (n * sd[a] * sd[c]);
                            Q[a * p + c] = v;
                            Q[c * p + a] = v;
                        }
                    for (int a = 0; a < p; a++) q[a] = (t.sxy[a] - n * m[a] * my) / (n * sd[a]);
                    double yy = (t.syy - n * my * my) / n;
                    double[] Q0 = Q.clone(), q0 = q.clone();
                    GramPath.Result r = GramPath.solve(Q, q, yy, alpha, lam, o.tol());
                    assertArrayEquals(Q0, Q, 0, "Q not modified");
                    assertArrayEquals(q0, q, 0, "q not modified");
                    PathResult engine = Spred.path(ctx, d, o, lam, PathListener.NONE);
                    double scale = 1e-300; // the path's largest coefficient: the engine agrees to its certificate's digits
                    for (FitResult f : engine.fits()) for (double v : f.beta()) scale = Math.max(scale, Math.abs(v));
                    for (int l = 0; l < lam.length; l++) {
                        FitResult f = core.fits().get(l);
                        double[] beta = new double[p];
                        for (int j = 0; j < p; j++) beta[j] = r.b()[l][j] == 0 ? 0 : r.b()[l][j] / sd[j];
                        assertArrayEquals(f.beta(), beta, 0, at + " lambda " + l + ": the core's coefficients");
                        assertEquals(f.certificate(), r.gap()[l], 0, at + " lambda " + l + ": the core's certificate");
                        assertTrue(r.gap()[l] <= o.tol() && r.gap()[l] >= -1e-12, at + " lambda " + l + ": gap " + r.gap()[l]);
                        double[] e = engine.fits().get(l).beta();
                        for (int j = 0; j < p; j++)
                            assertEquals(e[j], beta[j], 1e-4 * scale, at + " lambda " + l + " coefficient " + j + ": the engine's path");
                    }
                }
        }
    }

    @Test
    void badInputGetsAOneLineError() {
        double[] Q = {1, 0.5, 0.5, 1}, q = {0.3, -0.2}, lam = {0.2, 0.1};
        assertEquals(2, GramPath.solve(Q, q, 1, 1, lam, 1e-9).b().length);
        assertEquals(0, GramPath.solve(Q, q, 1, 1, new double[0], 1e-9).b().length, "an empty path is empty");
        String[] msgs = {
                assertThrows(IllegalArgumentException.class, () -> GramPath.solve(new double[3], q, 1, 1, lam, 1e-9)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> GramPath.solve(new double[]{1, Double.NaN, 0.5, 1}, q, 1, 1, lam, 1e-9)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> GramPath.solve(Q, new double[]{Double.POSITIVE_INFINITY, 0}, 1, 1, lam, 1e-9)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> GramPath.solve(Q, q, -1, 1, lam, 1e-9)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> GramPath.solve(Q, q, 1, 0, lam, 1e-9)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> GramPath.solve(Q, q, 1, 1, new double[]{0.1, 0.2}, 1e-9)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> GramPath.solve(Q, q, 1, 1, new double[]{0.1, 0}, 1e-9)).getMessage(),
                assertThrows(IllegalArgumentException.class, () -> GramPath.solve(Q, q, 1, 1, lam, 0)).getMessage()};
        String[] names = {"Q has 3", "Q[0][1] is NaN", "q[0]", "yy", "alpha", "lambdas[1] = 0.2", "lambdas[1] = 0.0", "tol"};
        for (int i = 0; i < msgs.length; i++) {
            assertTrue(msgs[i].contains(names[i]), msgs[i] + " names " + names[i]);
            assertFalse(msgs[i].contains("\n"), "one line: " + msgs[i]);
        }
    }
}
