package io.github.spred4j.solver;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link SparseLanes}' blocked loops against the plain loops over every lane they replace, at every set count from
 * 1 to 13 and 21 (widths 1, 4, 8, 12, 16, 24) and column lengths 0, 1, 2, 5 and 37 (rows repeated across columns,
 * first and last rows included): dots to rounding (each lane sums in column order, so equal bit for bit), residuals
 * after subtract bit for bit, padded lanes zero before and after, a group of four zero coefficients leaves its lanes
 * alone even where the other groups move. Mutations caught (run once each): a lane dropped from the dots (s3 of the
 * eight-lane block, s3 of the four-lane block, s7), the blocks read one lane late, the third lane's update using the
 * second coefficient, the all-zero skip testing only e0 (a group with e0 = 0 left unmoved), width 4 for k = 5.
 */
class SparseLanesTest {
    @Test
    void widthPadsToFourExceptForOneSet() {
        int[][] expect = {{1, 1}, {2, 4}, {3, 4}, {4, 4}, {5, 8}, {8, 8}, {9, 12}, {11, 12}, {12, 12}, {13, 16}, {21, 24}};
        for (int[] e : expect) assertEquals(e[1], SparseLanes.width(e[0]), "k = " + e[0]);
    }

    @Test
    void blockedLoopsEqualThePlainLoopsAtAwkwardSizes() {
        Random rnd = new Random(14);
        int n = 41;
        int[] lengths = {0, 1, 2, 5, 37};
        for (int k = 1; k <= 21; k += k < 13 ? 1 : 8) {
            int w = SparseLanes.width(k);
            for (int len : lengths) {
                String at = "k = " + k + ", nonzeros " + len;
                int[] ri = new int[len + 2];
                double[] xv = new double[len + 2];
                int c0 = 1, c1 = 1 + len; // the column sits inside longer arrays: the ends must not be read
                int[] rows = rnd.ints(0, n).distinct().limit(len).sorted().toArray();
                if (len >= 2) {
                    rows[0] = 0;
                    rows[len - 1] = n - 1;
                }
                for (int q = 0; q < len; q++) {
                    ri[c0 + q] = rows[q];
                    xv[c0 + q] = rnd.nextGaussian();
                }
                ri[0] = ri[len + 1] = 3;
                xv[0] = xv[len + 1] = Double.NaN; // read by mistake, they would poison the sums
                double[] u = new double[n * w];
                for (int i = 0; i < n; i++) for (int t = 0; t < k; t++) u[i * w + t] = rnd.nextGaussian();
                double[] dot = new double[w];
                SparseLanes.dots(ri, xv, c0, c1, u, w, dot);
                for (int t = 0; t < w; t++) {
                    double s = 0;
                    for (int q = c0; q < c1; q++) s += xv[q] * u[ri[q] * w + t];
                    assertEquals(s, dot[t], 0.0, at + ": dot of lane " + t);
                    if (t >= k) assertEquals(0.0, dot[t], 0.0, at + ": padded lane " + t);
                }
                double[] c = new double[w];
                for (int t = 0; t < k; t++) c[t] = rnd.nextGaussian();
                if (k > 4) java.util.Arrays.fill(c, 0, 4, 0.0); // the first group unmoved, the others moving
                if (k >= 3) c[2] = 0; // a zero lane inside a moving group (k ≤ 4: the only group)
                double[] want = u.clone();
                for (int q = c0; q < c1; q++) for (int t = 0; t < w; t++) want[ri[q] * w + t] -= xv[q] * c[t];
                if (k > 4) for (int i = 0; i < n; i++) for (int t = 0; t < 4; t++) assertEquals(u[i * w + t], want[i * w + t], 0.0);
                SparseLanes.subtract(ri, xv, c0, c1, u, w, c);
                for (int i = 0; i < n; i++)
                    for (int t = 0; t < w; t++) {
                        assertEquals(want[i * w + t], u[i * w + t], 0.0, at + ": u[" + i + ", " + t + "]");
                        if (t >= k) assertEquals(0.0, u[i * w + t], 0.0, at + ": padded lane stays zero");
                    }
            }
        }
    }

    /** A group whose first coefficient is zero but not the others still moves (the skip needs all four zero). */
    @Test
    void aGroupMovesWhenAnyOfItsCoefficientsIsNonzero() {
        int[] ri = {0, 2};
        double[] xv = {1.5, -2};
        for (int lane = 0; lane < 8; lane++) {
            double[] u = new double[3 * 8], c = new double[8];
            c[lane] = 0.25;
            SparseLanes.subtract(ri, xv, 0, 2, u, 8, c);
            for (int i = 0; i < 3; i++)
                for (int t = 0; t < 8; t++) {
                    double want = t != lane || i == 1 ? 0 : -(i == 0 ? 1.5 : -2) * 0.25;
                    assertEquals(want, u[i * 8 + t], 0.0, "lane " + lane + ": u[" + i + ", " + t + "]");
                }
        }
    }
}
