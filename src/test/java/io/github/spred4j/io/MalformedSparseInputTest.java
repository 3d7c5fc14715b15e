package io.github.spred4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile .mtx and .npz files: truncated, lying headers, indices out of range, duplicates, nnz mismatches,
 * NaN, unsorted. Each gives one InputFormatException line naming the file (and the line, for text); the
 * readers write nothing, so "nothing written on failure" holds by construction (checked for the CLI in
 * the process tests).
 */
class MalformedSparseInputTest {
    @TempDir
    Path dir;

    private Path mtx(String name, String body) throws IOException {
        return Files.writeString(dir.resolve(name), body, StandardCharsets.UTF_8);
    }

    private static void expect(Path f, long line, String fragment, Executable e) {
        InputFormatException ex = assertThrows(InputFormatException.class, e);
        String m = ex.getMessage();
        String loc = f + (line > 0 ? ":" + line : "") + ":";
        assertTrue(m.startsWith(loc), "should start with '" + loc + "': " + m);
        assertEquals(line, ex.line(), m);
        assertTrue(m.contains(fragment), "should mention '" + fragment + "': " + m);
        assertFalse(m.contains("\n"), m);
    }

    private static final String HEAD = "%%MatrixMarket matrix coordinate real general\n% a comment\n";

    @Test
    void matrixMarketCatalogue() throws IOException {
        Path f;
        f = mtx("trunc.mtx", HEAD + "3 3 3\n1 1 1.0\n2 2 2.0\n");
        expect(f, 0, "truncated: the size line promises 3 entries, the file has 2", () -> MatrixMarket.read(f));
        Path more = mtx("more.mtx", HEAD + "3 3 1\n1 1 1.0\n2 2 2.0\n");
        expect(more, 5, "more entries than the 1", () -> MatrixMarket.read(more));
        Path lie = mtx("lie.mtx", HEAD + "100000 100000 1000000000\n1 1 1.0\n");
        expect(lie, 3, "promises 1000000000 entries but the file has only", () -> MatrixMarket.read(lie));
        Path fit = mtx("fit.mtx", HEAD + "2 2 5\n1 1 1\n1 2 1\n2 1 1\n2 2 1\n1 1 1\n");
        expect(fit, 3, "5 entries cannot fit a 2x2 matrix", () -> MatrixMarket.read(fit));
        Path range = mtx("range.mtx", HEAD + "3 3 2\n1 1 1.0\n2 4 2.0\n");
        expect(range, 5, "the column index 4 is out of range [1, 3]", () -> MatrixMarket.read(range));
        Path zero = mtx("zero.mtx", HEAD + "3 3 1\n0 1 1.0\n");
        expect(zero, 4, "the row index 0 is out of range [1, 3] (indices are 1-based)", () -> MatrixMarket.read(zero));
        Path dup = mtx("dup.mtx", HEAD + "3 3 3\n1 1 1.0\n3 2 5\n1 1 2.0\n");
        expect(dup, 6, "duplicate entry (1, 1), first on line 4", () -> MatrixMarket.read(dup));
        Path symDup = mtx("symdup.mtx", "%%MatrixMarket matrix coordinate real symmetric\n3 3 2\n2 1 1.0\n1 2 1.0\n");
        expect(symDup, 4, "duplicate entry (1, 2), first on line 3", () -> MatrixMarket.read(symDup));
        // Separators that Character.isWhitespace knows and a regex \\s does not (U+001F, U+2003), and a '+' sign: the
        // second pass that names the duplicate's lines must read them as the first pass did (a fuzzer finding).
        Path oddDup = mtx("odddup.mtx", HEAD + "4\u001F3 2\n4\u20033 1.0\n+4 3 2.0\n");
        expect(oddDup, 5, "duplicate entry (4, 3), first on line 4", () -> MatrixMarket.read(oddDup));
        Path nan = mtx("nan.mtx", HEAD + "3 3 2\n1 1 1.0\n2 2 NaN\n");
        expect(nan, 5, "NaN", () -> MatrixMarket.read(nan));
        Path inf = mtx("inf.mtx", HEAD + "3 3 1\n1 1 1e400\n");
        expect(inf, 4, "overflows", () -> MatrixMarket.read(inf));
        Path noval = mtx("noval.mtx", HEAD + "3 3 1\n1 1\n");
        expect(noval, 4, "missing value", () -> MatrixMarket.read(noval));
        Path extra = mtx("extra.mtx", HEAD + "3 3 1\n1 1 2 3\n");
        expect(extra, 4, "extra field", () -> MatrixMarket.read(extra));
        Path word = mtx("word.mtx", HEAD + "3 3 1\none 1 2\n");
        expect(word, 4, "the row index 'one' is not an integer", () -> MatrixMarket.read(word));
        Path arr = mtx("arr.mtx", "%%MatrixMarket matrix array real general\n2 2\n1\n2\n3\n4\n");
        expect(arr, 1, "dense 'array' MatrixMarket files are not read", () -> MatrixMarket.read(arr));
        Path cplx = mtx("c.mtx", "%%MatrixMarket matrix coordinate complex general\n1 1 1\n1 1 1 0\n");
        expect(cplx, 1, "field 'complex' is not supported", () -> MatrixMarket.read(cplx));
        Path banner = mtx("b.mtx", "3 3 1\n1 1 1\n");
        expect(banner, 1, "expected '%%MatrixMarket matrix coordinate", () -> MatrixMarket.read(banner));
        Path rect = mtx("rect.mtx", "%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n1 1 1\n");
        expect(rect, 2, "must be square", () -> MatrixMarket.read(rect));
        Path skew = mtx("skew.mtx", "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n1 1 1\n");
        expect(skew, 3, "no diagonal entries", () -> MatrixMarket.read(skew));
        Path nosize = mtx("nosize.mtx", HEAD);
        expect(nosize, 0, "no size line", () -> MatrixMarket.read(nosize));
        Path big = mtx("big.mtx", HEAD + "3000000000 3 0\n");
        expect(big, 3, "the row count 3000000000 is out of range", () -> MatrixMarket.read(big));
        Path empty = mtx("empty.mtx", "");
        expect(empty, 0, "empty file", () -> MatrixMarket.read(empty));
        Path bad = dir.resolve("bad-utf8.mtx");
        Files.write(bad, (HEAD + "2 2 1\n").getBytes(StandardCharsets.UTF_8));
        Files.write(bad, new byte[]{'1', ' ', '1', ' ', (byte) 0xff, '\n'}, java.nio.file.StandardOpenOption.APPEND);
        expect(bad, 4, "invalid UTF-8", () -> MatrixMarket.read(bad));
    }

    @Test
    void matrixMarketUnsortedAndSkewSymmetricAreRead() throws IOException {
        Path f = mtx("u.mtx", HEAD + "2 3 3\n2 3 -1\n1 2 5\n2 1 4\n");
        assertArrayEquals(new double[]{0, 5, 0, 4, 0, -1}, MatrixMarket.read(f).toDense(), 0.0);
        Path s = mtx("sk.mtx", "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 3\n");
        assertArrayEquals(new double[]{0, -3, 3, 0}, MatrixMarket.read(s).toDense(), 0.0);
    }

    /** Rewrites one member of an .npz fixture with {@code edit} applied to its bytes (or drops it when edit returns null). */
    private Path npz(String name, String member, java.util.function.UnaryOperator<byte[]> edit) throws IOException {
        Path out = dir.resolve(name);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(SparseReadersTest.fixture("a_csr.npz")));
             ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] b = in.readAllBytes();
                if (e.getName().equals(member)) b = edit.apply(b);
                if (b == null) continue;
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(b);
                z.closeEntry();
            }
        }
        return out;
    }

    /** The .npy bytes of a member with its header text replaced. */
    private static byte[] header(byte[] npy, String from, String to) {
        String s = new String(npy, StandardCharsets.ISO_8859_1);
        assertTrue(s.contains(from), "fixture header should contain " + from + ": " + s.substring(0, 80));
        return s.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void npzCatalogue() throws IOException {
        // a_csr.npz is 7x5 with 9 nonzeros, int32 indices, float64 data
        Path trunc = npz("trunc.npz", "data.npy", b -> Arrays.copyOf(b, b.length - 5));
        expect(trunc, 0, "data.npy: truncated", () -> Npz.read(trunc));
        Path lie = npz("lie.npz", "indices.npy", b -> header(b, "(9,)", "(8,)"));
        expect(lie, 0, "indices.npy: has 8 elements, expected 9", () -> Npz.read(lie));
        Path nnz = npz("nnz.npz", "indptr.npy", b -> {
            byte[] c = b.clone();
            c[c.length - 4] = 10; // the last offset (int32, little endian): 9 -> 10
            return c;
        });
        expect(nnz, 0, "indices.npy: has 9 elements, expected 10", () -> Npz.read(nnz));
        Path range = npz("range.npz", "indices.npy", b -> {
            byte[] c = b.clone();
            c[c.length - 4] = 5; // the last column index -> 5 in a 5-column matrix
            return c;
        });
        expect(range, 0, "indices.npy: column index 5 at position 8 is out of range [0, 5)", () -> Npz.read(range));
        Path nan = npz("nan.npz", "data.npy", b -> {
            byte[] c = b.clone();
            long bits = Double.doubleToRawLongBits(Double.NaN);
            for (int i = 0; i < 8; i++) c[c.length - 8 + i] = (byte) (bits >>> (8 * i));
            return c;
        });
        expect(nan, 0, "data.npy: non-finite value NaN at position 8", () -> Npz.read(nan));
        Path missing = npz("missing.npz", "indptr.npy", b -> null);
        expect(missing, 0, "no indptr.npy in the archive", () -> Npz.read(missing));
        Path fmt = npz("fmt.npz", "format.npy", b -> header(b, "csr", "bsr"));
        expect(fmt, 0, "sparse format 'bsr' is not read", () -> Npz.read(fmt));
        Path shape = npz("shape.npz", "indptr.npy", b -> header(b, "(8,)", "(7,)"));
        expect(shape, 0, "indptr.npy: has 7 elements, expected 8", () -> Npz.read(shape));
        Path huge = npz("huge.npz", "data.npy", b -> header(b, "(9,)", "(90000000000,)"));
        expect(huge, 0, "data.npy: shape (90000000000,) has more than 2^31-9 elements", () -> Npz.read(huge));
        Path dtype = npz("dtype.npz", "data.npy", b -> header(b, "<f8", "<c16"));
        expect(dtype, 0, "data.npy: unsupported dtype '<c16'", () -> Npz.read(dtype));
        Path dup = SparseReadersTest.fixture("dup.npz");
        expect(dup, 0, "duplicate entry at row 1, column 2", () -> Npz.read(dup));
        Path notZip = Files.write(dir.resolve("nz.npz"), "PK\u0003\u0004garbage".getBytes(StandardCharsets.ISO_8859_1));
        expect(notZip, 0, ".npz", () -> Npz.read(notZip));
        Path text = Files.writeString(dir.resolve("t.npz"), "hello");
        expect(text, 0, "not a valid .npz (zip) archive", () -> Npz.read(text));
        assertFalse(Files.exists(dir.resolve("t.npz.tmp")));
    }

    @Test
    void npzDecreasingOffsets() throws IOException {
        ByteArrayOutputStream unused = new ByteArrayOutputStream();
        Path dec = npz("dec.npz", "indptr.npy", b -> {
            byte[] c = b.clone();
            c[c.length - 8] = 0; // indptr[6] (int32) -> 0 while indptr[5] > 0
            return c;
        });
        expect(dec, 0, "indptr.npy: offsets decrease at row", () -> Npz.read(dec));
        assertEquals(0, unused.size());
    }
}
