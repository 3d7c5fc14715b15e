package io.github.spred4j.io;

import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The sparse readers against files written by scipy (save_npz, mmwrite) and R (Matrix::writeMM): each is read
 * into CSR and compared, entry by entry, with the dense copy the generator saved next to it
 * (src/test/resources/io/github/spred4j/io/sparse/make_fixtures.py and .R).
 */
class SparseReadersTest {
    @TempDir
    Path dir;

    static Path fixture(String name) {
        try {
            return Path.of(SparseReadersTest.class.getResource("sparse/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** CSR rules (sorted, in range, offsets consistent) hold and the matrix equals the dense answer exactly. */
    static void assertSame(double[] dense, int rows, int cols, CsrMatrix m, String what) {
        assertEquals(rows, m.rows(), what + " rows");
        assertEquals(cols, m.cols(), what + " cols");
        assertArrayEquals(dense, m.toDense(), 0.0, what);
        long stored = 0;
        for (double v : dense) if (v != 0) stored++;
        assertEquals(stored, m.nnz(), what + ": nonzeros (no explicit zeros in these fixtures)");
        new CsrMatrix(m.rows(), m.cols(), m.rowPtr(), m.colIdx(), m.values()); // validates again
    }

    private static double[] text(String name) throws IOException {
        return Files.readAllLines(fixture(name)).stream().flatMap(l -> List.of(l.strip().split("\\s+")).stream())
                .mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    void scipyNpzCsrCscCooUnsortedFloat32() throws IOException {
        Npy.Array a = Npy.read(fixture("a.dense.npy"));
        for (String f : new String[]{"a_csr.npz", "a_csc.npz", "a_coo.npz", "a_unsorted.npz"})
            assertSame(a.data(), a.rows(), a.cols(), Npz.read(fixture(f)), f);
        Npy.Array f32 = Npy.read(fixture("a_f32.dense.npy"));
        assertSame(f32.data(), f32.rows(), f32.cols(), Npz.read(fixture("a_f32_i64.npz")), "float32 values, int64 indices");
        CsrMatrix m = Npz.read(fixture("a_csr.npz"));
        assertEquals(0, m.rowPtr()[4] - m.rowPtr()[3], "row 4 is empty");
        for (int c : m.colIdx()) assertNotEquals(2, c, "column 3 is empty");
    }

    @Test
    void matrixMarketFromScipy() throws IOException {
        Npy.Array a = Npy.read(fixture("a.dense.npy"));
        assertSame(a.data(), a.rows(), a.cols(), MatrixMarket.read(fixture("a_scipy.mtx")), "scipy general real");
        double[] pattern = a.data().clone();
        for (int k = 0; k < pattern.length; k++) pattern[k] = pattern[k] != 0 ? 1 : 0;
        assertSame(pattern, a.rows(), a.cols(), MatrixMarket.read(fixture("a_scipy_pattern.mtx")), "scipy pattern");
        Npy.Array s = Npy.read(fixture("s.dense.npy"));
        assertSame(s.data(), s.rows(), s.cols(), MatrixMarket.read(fixture("s_scipy_symmetric.mtx")), "scipy symmetric");
        Npy.Array i = Npy.read(fixture("i.dense.npy"));
        assertSame(i.data(), i.rows(), i.cols(), MatrixMarket.read(fixture("i_scipy_integer.mtx")), "scipy integer");
    }

    @Test
    void matrixMarketFromR() throws IOException {
        double[] g = text("r_general.dense.txt");
        assertSame(g, 7, 5, MatrixMarket.read(fixture("r_general.mtx")), "R dgCMatrix");
        double[] p = g.clone();
        for (int k = 0; k < p.length; k++) p[k] = p[k] != 0 ? 1 : 0;
        assertSame(p, 7, 5, MatrixMarket.read(fixture("r_pattern.mtx")), "R ngCMatrix");
        assertSame(text("r_symmetric.dense.txt"), 3, 3, MatrixMarket.read(fixture("r_symmetric.mtx")), "R dsCMatrix");
    }

    @Test
    void dataLoaderKeepsSparseInputSparse() throws IOException {
        Path y = Files.writeString(dir.resolve("y.txt"), "1\n2\n3\n4\n5\n6\n7\n");
        Npy.Array a = Npy.read(fixture("a.dense.npy"));
        for (String f : new String[]{"a_csr.npz", "a_scipy.mtx"}) {
            assertEquals(f.endsWith(".npz") ? DataLoader.Format.NPZ : DataLoader.Format.MTX, DataLoader.detect(fixture(f)));
            Dataset d = DataLoader.load(fixture(f), y, null);
            assertTrue(d.isSparse(), f);
            assertArrayEquals(a.data(), CsrMatrix.of(d.n(), d.p(), d.rowPtr(), d.colIdx(), d.values()).toDense(), 0.0, f);
            assertArrayEquals(new double[]{1, 2, 3, 4, 5, 6, 7}, d.y(), 0.0);
        }
        // detected from the content when the extension says nothing
        Path npz = Files.copy(fixture("a_csc.npz"), dir.resolve("x.bin"));
        Path mtx = Files.copy(fixture("r_general.mtx"), dir.resolve("x.dat"));
        assertEquals(DataLoader.Format.NPZ, DataLoader.detect(npz));
        assertEquals(DataLoader.Format.MTX, DataLoader.detect(mtx));
        Path y3 = Files.writeString(dir.resolve("y3.txt"), "1\n2\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> DataLoader.load(npz, y3, null));
        assertTrue(e.getMessage().contains("y has 2 values but X"), e.getMessage());
    }

    @Test
    void libsvmStreamsSkewedRowsIntoCsr() throws IOException {
        // row lengths 0 (label only), 1, 10^4 and 3: the CSR holds exactly what the lines say
        StringBuilder sb = new StringBuilder("1\n-1 7:0.5\n+1");
        for (int j = 1; j <= 10_000; j++) sb.append(' ').append(j).append(':').append(j % 7 - 3);
        sb.append("\n0 2:1e-3 9:-2.5 10001:4 # comment\n");
        Path f = Files.writeString(dir.resolve("skew.svm"), sb);
        LibSvm.Labeled l = LibSvm.readCsr(f, 0);
        CsrMatrix m = l.x();
        assertArrayEquals(new double[]{1, -1, 1, 0}, l.y(), 0.0);
        assertEquals(10_001, m.cols());
        assertArrayEquals(new long[]{0, 0, 1, 10_001, 10_004}, m.rowPtr());
        assertEquals(6, m.colIdx()[0]);
        assertEquals(0.5, m.values()[0], 0.0);
        assertEquals(1 % 7 - 3, m.values()[1], 0.0);
        assertEquals(10_000 % 7 - 3, m.values()[10_000], 0.0);
        assertEquals(10_000, m.colIdx()[10_003]);
        assertEquals(4, m.values()[10_003], 0.0);
    }
}
