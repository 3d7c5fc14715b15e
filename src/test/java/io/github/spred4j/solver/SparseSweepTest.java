package io.github.spred4j.solver;

import io.github.spred4j.backend.Required;
import io.github.spred4j.backend.nativecpu.NativeSparseCd;
import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.LossFamily;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The native sweep of {@link SparseCd} (native/sparse_cd.c through {@link NativeSparseCd}) against the Java loops
 * ({@link SparseCd#column}, the float64 reference) on seeded random CSC inputs: bit for bit, since the C keeps Java's
 * summation order and never fuses a multiply-add. Sizes n 1, 2, 7, 31 and p 0, 1, 2, 13 with empty columns, k = 1…13
 * sets (widths 1, 4, 8, 12, 16), rows held out or in every set (own −1), frozen sets, repeated columns and column
 * lists with garbage past their count, the padding lanes of u poisoned with NaN (they must not reach the real lanes),
 * then whole λ solves (sweeps, Anderson steps and certificates mixed) compared certificate for certificate.
 * Mutations caught (run once each): the own-fold correction dropped; a real lane's dot read from the next lane
 * (dots_block's row + 4 → row + 5); fp-contract on (FMA in the avx2 build: last bits differ); the all-moving subtract
 * skipping its third group; su's update left out; the NaN-keeping max replaced by a plain one (aNaNMeasureIsKept);
 * frozen sets not skipped; SparseSweep not counting the native sweeps' columns.
 */
class SparseSweepTest {
    private static final FitOptions[] OPTIONS = {
            FitOptions.defaults(Model.SQUARED),
            FitOptions.defaults(Model.SQUARED).withIntercept(false).withStandardize(false).withAlpha(0.5)};

    private static void requireNative() {
        String why = NativeSparseCd.unavailable();
        Required.inCi(why == null, "the native library is not loaded: " + why);
    }

    @Test
    void nativeSweepsEqualJavaSweepsBitForBit() {
        requireNative();
        Random rnd = new Random(20261203);
        int cases = 0;
        for (int n : new int[]{1, 2, 7, 31}) {
            for (int p : new int[]{0, 1, 2, 13}) {
                for (int k = 1; k <= 13; k++) {
                    if (n == 1 && k > 1) continue; // a held-out row would leave a set without rows
                    for (FitOptions o : OPTIONS) {
                        compareSweeps(rnd, n, p, k, o, "n=" + n + " p=" + p + " k=" + k + " " + o);
                        cases++;
                    }
                }
            }
        }
        assertEquals(2 * (4 * 4 * 13 - 4 * 12), cases);
    }

    private static void compareSweeps(Random rnd, int n, int p, int k, FitOptions o, String at) {
        Problem pr = Problem.random(rnd, n, p, k);
        SparseCd java = pr.solver(o, false), c = pr.solver(o, true);
        assertTrue(c.sweeper.isNative(), at);
        assertFalse(java.sweeper.isNative(), at);
        for (SparseCd cd : new SparseCd[]{java, c}) // padding lanes poisoned: they must never reach a real lane
            for (int i = 0; i < n; i++) for (int t = k; t < cd.w; t++) cd.u[i * cd.w + t] = Double.NaN;
        double lamMax = 0;
        for (int t = 0; t < k; t++) lamMax = Math.max(lamMax, java.lambdaMax(t));
        for (int sweep = 0; sweep < 8; sweep++) {
            double lam = lamMax * new double[]{0.9, 0.5, 0.2, 0.05}[sweep / 2], la = lam * o.alpha(), mu = lam * (1 - o.alpha());
            if (sweep == 5 && k > 1) { // some sets frozen (certified at this λ): their columns must not move
                for (int t = 0; t < k; t += 2) java.live[t] = c.live[t] = false;
            }
            int count = p == 0 ? 0 : 1 + rnd.nextInt(2 * p);
            int[] cols = new int[count + 3];
            for (int q = 0; q < count; q++) cols[q] = rnd.nextInt(p); // repeats allowed, empty columns among them
            cols[count] = -1; // past the count: never read
            cols[count + 1] = p + 7;
            cols[count + 2] = Integer.MIN_VALUE;
            double dj = java.sweeper.run(cols, count, la, mu), dn = c.sweeper.run(cols, count, la, mu);
            String here = at + ", sweep " + sweep;
            assertBits(dj, dn, here + ": change measure");
            assertFalse(Double.isNaN(dn), here + ": NaN change measure");
            assertEquals(java.columnSweeps, c.columnSweeps, here + ": column sweeps");
            assertArrayBits(java.b, c.b, here + ": b");
            assertArrayBits(java.su, c.su, here + ": Σ");
            for (int i = 0; i < n; i++) {
                for (int t = 0; t < java.w; t++) {
                    double uj = java.u[i * java.w + t], un = c.u[i * c.w + t];
                    assertBits(uj, un, here + ": u[" + i + "," + t + "]");
                    assertEquals(t >= k, Double.isNaN(un), here + ": u[" + i + "," + t + "] NaN exactly on the padding");
                }
            }
        }
    }

    /** Whole λ solves (strong sets, sweeps, Anderson steps, refreshes, certificates): the same to the bit. */
    @Test
    void nativeSolvesEqualJavaSolves() {
        requireNative();
        Random rnd = new Random(7);
        LossFamily fam = Families.of(Model.SQUARED);
        for (int k : new int[]{1, 4, 11}) {
            Problem pr = Problem.random(rnd, 97, 41, k);
            FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-9);
            SparseCd java = pr.solver(o, false), c = pr.solver(o, true);
            double prev = 0;
            for (int t = 0; t < k; t++) prev = Math.max(prev, java.lambdaMax(t));
            for (int l = 1; l <= 12; l++) {
                double lam = prev * 0.7;
                Certificates.Certificate[] cj = java.solve(lam, prev, fam), cn = c.solve(lam, prev, fam);
                prev = lam;
                String at = "k=" + k + " λ " + l;
                assertEquals(java.columnSweeps, c.columnSweeps, at + ": column sweeps");
                assertTrue(c.columnSweeps > 0, at);
                assertArrayBits(java.b, c.b, at + ": b");
                for (int t = 0; t < k; t++) {
                    assertBits(cj[t].value(), cn[t].value(), at + ": certificate of set " + t);
                    assertFalse(c.unsettled(t), at + ": set " + t + " uncertified");
                }
            }
            long nonzero = 0;
            for (double v : c.b) if (v != 0) nonzero++;
            assertTrue(nonzero > k, "k=" + k + ": the path must have moved (" + nonzero + " nonzero coefficients)");
        }
    }

    /** A NaN change measure (here a poisoned variance of y) is never lost in the max: the sweeps must not look settled. */
    @Test
    void aNaNMeasureIsKept() {
        requireNative();
        for (int k : new int[]{1, 3, 11}) {
            Problem pr = Problem.random(new Random(k), 31, 13, k);
            FitOptions o = FitOptions.defaults(Model.SQUARED);
            SparseCd java = pr.solver(o, false), c = pr.solver(o, true);
            double lam = 0;
            for (int t = 0; t < k; t++) lam = Math.max(lam, java.lambdaMax(t));
            java.yv[k - 1] = c.yv[k - 1] = Double.NaN;
            int[] all = new int[13];
            for (int j = 0; j < 13; j++) all[j] = j;
            double dj = java.sweeper.run(all, 13, 0.05 * lam, 0), dn = c.sweeper.run(all, 13, 0.05 * lam, 0);
            assertTrue(Double.isNaN(dj), "k=" + k + ": Java's measure " + dj);
            assertTrue(Double.isNaN(dn), "k=" + k + ": C's measure " + dn);
        }
    }

    @Test
    void badShapesAndColumnsAreOneLineErrors() {
        requireNative();
        Problem pr = Problem.random(new Random(3), 7, 5, 3);
        SparseCd cd = pr.solver(FitOptions.defaults(Model.SQUARED), true);
        double[] u = cd.u, b = cd.b, xm = cd.xm, sc = cd.s, a = cd.a, cs = cd.cs, su = cd.su, yv = cd.yv;
        int[] own = cd.own, nt = cd.nt;
        boolean[] live = cd.live;
        var e = assertThrows(IllegalArgumentException.class, () -> NativeSparseCd.sweep(new int[]{0, 5}, 2, pr.x, own,
                u, 4, 3, b, xm, sc, a, cs, nt, su, yv, live, 0.1, 0));
        assertEquals("sparse CD: column 5 outside 0..4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NativeSparseCd.sweep(new int[]{0}, 2, pr.x, own,
                u, 4, 3, b, xm, sc, a, cs, nt, su, yv, live, 0.1, 0));
        assertEquals("sparse CD: 2 of 1 columns", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NativeSparseCd.sweep(new int[]{0}, 1, pr.x, own,
                u, 3, 3, b, xm, sc, a, cs, nt, su, yv, live, 0.1, 0));
        assertEquals("sparse CD: 3 lanes for 3 sets", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NativeSparseCd.sweep(new int[]{0}, 1, pr.x, own,
                new double[u.length - 1], 4, 3, b, xm, sc, a, cs, nt, su, yv, live, 0.1, 0));
        assertEquals("sparse CD: array lengths do not fit n=7, p=5, k=3", e.getMessage());
        double[] before = u.clone();
        assertEquals(0.0, NativeSparseCd.sweep(new int[]{0}, 0, pr.x, own, u, 4, 3, b, xm, sc, a, cs, nt, su, yv, live,
                0.1, 0), 0.0, "no columns: no change");
        assertArrayEquals(before, u, "no columns: u untouched");
    }

    /** A random CSC X (sorted rows, about a third of the columns empty), y, and rows held out by k − 1 folds. */
    private record Problem(CscMatrix x, double[] y, int[] held, int k) {
        static Problem random(Random rnd, int n, int p, int k) {
            long[] cp = new long[p + 1];
            List<Integer> rows = new ArrayList<>();
            List<Double> vals = new ArrayList<>();
            for (int j = 0; j < p; j++) {
                if (rnd.nextInt(3) > 0)
                    for (int i = 0; i < n; i++)
                        if (rnd.nextInt(3) == 0 || i == j % n) {
                            rows.add(i);
                            vals.add(rnd.nextGaussian());
                        }
                cp[j + 1] = rows.size();
            }
            int[] ri = rows.stream().mapToInt(Integer::intValue).toArray();
            double[] xv = vals.stream().mapToDouble(Double::doubleValue).toArray();
            double[] y = new double[n];
            for (int i = 0; i < n; i++) y[i] = rnd.nextGaussian() + (p > 0 && rnd.nextBoolean() ? 2 : 0);
            int[] held = null;
            if (k > 1) {
                held = new int[n];
                held[0] = -1; // in every training set, so none is empty
                for (int i = 1; i < n; i++) held[i] = rnd.nextInt(k) - 1;
            }
            return new Problem(new CscMatrix(n, p, cp, ri, xv), y, held, k);
        }

        SparseCd solver(FitOptions o, boolean useNative) {
            SparseCd cd = new SparseCd(x, y, held, k, o);
            cd.sweeper = new SparseSweep(cd, x, useNative);
            return cd;
        }
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                () -> what + ": " + expected + " (Java) vs " + actual + " (C)");
    }

    private static void assertArrayBits(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertBits(expected[i], actual[i], what + "[" + i + "]");
            assertFalse(Double.isNaN(actual[i]), what + "[" + i + "] is NaN");
        }
    }
}
