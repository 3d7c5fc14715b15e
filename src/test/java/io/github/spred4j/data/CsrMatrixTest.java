package io.github.spred4j.data;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** CSR/CSC validation and the transpose, on seeded random matrices of awkward shapes. */
class CsrMatrixTest {
    /** A seeded random CSR with the given density (rows may be empty). */
    static CsrMatrix random(int rows, int cols, double density, long seed) {
        Random r = new Random(seed);
        long[] rp = new long[rows + 1];
        int[] ci = new int[(int) Math.min((long) rows * cols, 1 << 22)];
        double[] v = new double[ci.length];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++)
                if (r.nextDouble() < density) {
                    ci[k] = j;
                    v[k++] = r.nextGaussian();
                }
            rp[i + 1] = k;
        }
        return new CsrMatrix(rows, cols, rp, java.util.Arrays.copyOf(ci, k), java.util.Arrays.copyOf(v, k));
    }

    @Test
    void transposeRoundTripsAtAwkwardShapes() {
        int[][] shapes = {{0, 0}, {0, 5}, {5, 0}, {1, 1}, {1, 97}, {97, 1}, {13, 1031}, {257, 31}};
        for (int[] s : shapes) {
            CsrMatrix a = random(s[0], s[1], 0.2, 31L * s[0] + s[1]);
            CscMatrix c = a.toCsc();
            double[] dense = a.toDense();
            for (int j = 0; j < c.cols(); j++)
                for (long k = c.colPtr()[j]; k < c.colPtr()[j + 1]; k++)
                    assertEquals(dense[c.rowIdx()[(int) k] * s[1] + j], c.values()[(int) k], 0.0);
            assertEquals(a.nnz(), c.nnz());
            CsrMatrix b = c.toCsr();
            assertArrayEquals(a.rowPtr(), b.rowPtr());
            assertArrayEquals(a.colIdx(), b.colIdx());
            assertArrayEquals(a.values(), b.values(), 0.0);
        }
    }

    @Test
    void validationRefusesBrokenArrays() {
        long[] rp = {0, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 3, rp, new int[]{0, 3, 1}, new double[3]), "index out of range");
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 3, rp, new int[]{1, 1, 0}, new double[3]), "duplicate");
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 3, rp, new int[]{2, 1, 0}, new double[3]), "unsorted");
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 3, rp, new int[]{0, 1, 0}, new double[]{0, Double.NaN, 0}), "NaN");
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 3, new long[]{0, 3, 2}, new int[]{0, 1, 2}, new double[3]), "decreasing offsets");
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 3, new long[]{1, 2, 3}, new int[]{0, 1, 2}, new double[3]), "offset 0");
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 3, rp, new int[]{0, 1}, new double[2]), "nnz mismatch");
        String m = assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 3, rp, new int[]{1, 1, 0}, new double[3])).getMessage();
        assertTrue(m.contains("duplicate") && m.contains("row 0"), m);
    }

    @Test
    void memoryMessageNamesTheNeedAndTheFix() {
        String m = MemoryBudget.message(8L << 30, "the dense copy of X", 1L << 30, 4L << 30);
        assertEquals("the dense copy of X needs 8.00 GB of memory but the Java heap has 1.00 GB free (maximum 4.00 GB): raise the maximum, e.g. JAVA_OPTS=-Xmx13g", m);
        assertNull(MemoryBudget.shortfall(1024, "a little"));
        assertNotNull(MemoryBudget.shortfall(Long.MAX_VALUE / 2, "too much"));
    }
}
