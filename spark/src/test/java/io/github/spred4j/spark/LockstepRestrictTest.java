package io.github.spred4j.spark;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link LockstepCv.Fit#restricted}: the accepted point's sums on a working set that only shrank, against packing
 * the smaller Gram from the full matrix directly (seeded random symmetric Grams, k = 1, 2, 7, 13, subsets from
 * empty to all). No Spark session: the driver-side arithmetic alone.
 */
class LockstepRestrictTest {
    @Test
    void restrictedSumsAreThoseOfTheSmallerWorkingSet() {
        Random r = new Random(7);
        for (int k : new int[]{1, 2, 7, 13}) {
            for (int trial = 0; trial < 20; trial++) {
                double[][] G = new double[k][k];
                for (int a = 0; a < k; a++)
                    for (int c = a; c < k; c++) G[a][c] = G[c][a] = r.nextGaussian();
                PassSums s = new PassSums();
                s.gram = pack(G, identity(k));
                s.xtwR = new double[k];
                for (int a = 0; a < k; a++) s.xtwR[a] = r.nextGaussian();
                s.xtr = new double[]{r.nextGaussian(), r.nextGaussian()};
                s.loss = r.nextGaussian();
                s.sumW = r.nextDouble();
                s.wn = 11;
                s.n = 11;
                int m = 0;
                int[] keep = new int[k];
                for (int a = 0; a < k; a++) if (trial == 0 || trial != 1 && r.nextBoolean()) keep[m++] = a; // trial 0: all, 1: none
                int[] pos = java.util.Arrays.copyOf(keep, m);
                PassSums t = LockstepCv.Fit.restricted(s, pos, k);
                assertArrayEquals(pack(G, pos), t.gram, 0, "k " + k + " pos " + java.util.Arrays.toString(pos));
                double[] x = new double[m];
                for (int a = 0; a < m; a++) x[a] = s.xtwR[pos[a]];
                assertArrayEquals(x, t.xtwR, 0);
                assertArrayEquals(s.xtr, t.xtr, 0);
                assertEquals(s.loss, t.loss, 0);
                assertEquals(s.sumW, t.sumW, 0);
                assertEquals(s.wn, t.wn, 0);
                assertEquals(s.n, t.n);
            }
        }
    }

    private static int[] identity(int k) {
        int[] id = new int[k];
        for (int a = 0; a < k; a++) id[a] = a;
        return id;
    }

    /** The packed upper triangle, row by row, of G's rows and columns pos (LockstepPass's layout). */
    private static double[] pack(double[][] G, int[] pos) {
        int m = pos.length;
        double[] out = new double[m * (m + 1) / 2];
        for (int a = 0, e = 0; a < m; a++)
            for (int c = a; c < m; c++) out[e++] = G[pos[a]][pos[c]];
        return out;
    }
}
