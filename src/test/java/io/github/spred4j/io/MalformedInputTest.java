package io.github.spred4j.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/** The catalogue of malformed inputs: each gives an InputFormatException naming the file (and line/column where one applies). */
class MalformedInputTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private static InputFormatException expect(Path f, long line, long col, String fragment, Executable e) {
        InputFormatException ex = assertThrows(InputFormatException.class, e);
        String m = ex.getMessage();
        assertTrue(m.startsWith(f.toString()), m);
        assertEquals(line, ex.line(), m);
        assertEquals(col, ex.column(), m);
        String loc = f + (line > 0 ? ":" + line + (col > 0 ? ":" + col : "") : "") + ": ";
        assertTrue(m.startsWith(loc), "message should start with '" + loc + "': " + m);
        assertTrue(m.contains(fragment), "message should mention '" + fragment + "': " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
        return ex;
    }

    @Test
    void raggedCsv() throws IOException {
        Path f = file("r.csv", "a,b,c\n1,2,3\n4,5\n");
        expect(f, 3, 3, "ragged row: 2 fields but the header has 3", () -> Csv.read(f));
        Path g = file("r2.csv", "a,b\n1,2,3\n");
        expect(g, 2, 3, "ragged row: 3 fields", () -> Csv.read(g));
    }

    @Test
    void nonNumericCell() throws IOException {
        Path f = file("n.csv", "a,bmi\n1,2\n3,abc\n");
        expect(f, 3, 2, "non-numeric cell \"abc\" in column 'bmi'", () -> Csv.read(f));
        Path g = file("e.csv", "a,b\n1,\n");
        expect(g, 2, 2, "empty cell", () -> Csv.read(g));
    }

    @Test
    void nanAndInf() throws IOException {
        for (String bad : new String[]{"NaN", "nan", "Inf", "-Infinity", "NA", "1e999"}) {
            Path f = file("x" + Math.abs(bad.hashCode()) + ".csv", "a,b\n1,2\n3," + bad + "\n");
            expect(f, 3, 2, bad, () -> Csv.read(f));
        }
        Path s = file("nan.svm", "1 1:2\n0 1:nan\n");
        expect(s, 2, 2, "nan", () -> LibSvm.read(s, 0));
        Path n = dir.resolve("nan.npy");
        Npy.write(n, new double[]{1, 2, Double.NaN, 4}, 2, 2, false, false, false);
        expect(n, 0, 0, "row 2, column 1", () -> DataLoader.load(n, null, null));
    }

    @Test
    void truncatedAndLyingNpy() throws IOException {
        Path f = dir.resolve("t.npy");
        Npy.write(f, new double[20], 5, 4, false, false, false);
        byte[] all = Files.readAllBytes(f);
        Files.write(f, Arrays.copyOf(all, all.length - 9));
        expect(f, 0, 0, "truncated", () -> Npy.read(f));
        // header claims (6, 4) for data of (5, 4)
        Path g = dir.resolve("lie.npy");
        String h = new String(all, StandardCharsets.ISO_8859_1).replace("(5, 4)", "(6, 4)");
        Files.write(g, h.getBytes(StandardCharsets.ISO_8859_1));
        expect(g, 0, 0, "header says shape (6, 4)", () -> Npy.read(g));
        // header claims fewer elements than the file holds
        Path k = dir.resolve("lie2.npy");
        Files.write(k, new String(all, StandardCharsets.ISO_8859_1).replace("(5, 4)", "(4, 4)").getBytes(StandardCharsets.ISO_8859_1));
        expect(k, 0, 0, "header does not describe the file", () -> Npy.read(k));
        // truncated inside the preamble / header
        Path p = dir.resolve("pre.npy");
        Files.write(p, Arrays.copyOf(all, 30));
        expect(p, 0, 0, "truncated .npy header", () -> Npy.read(p));
        Path bad = file("bad.npy", "not numpy at all");
        expect(bad, 0, 0, "bad magic", () -> Npy.read(bad));
    }

    @Test
    void npyUnsupportedDtypeAnd3d() throws IOException {
        Path f = dir.resolve("c.npy");
        Npy.write(f, new double[8], 2, 4, false, false, false);
        byte[] all = Files.readAllBytes(f);
        Path g = dir.resolve("u.npy");
        Files.write(g, new String(all, StandardCharsets.ISO_8859_1).replace("'<f8'", "'<c8'").getBytes(StandardCharsets.ISO_8859_1));
        expect(g, 0, 0, "unsupported dtype '<c8'", () -> Npy.read(g));
        Path t = dir.resolve("three.npy");
        Files.write(t, new String(all, StandardCharsets.ISO_8859_1).replace("(2, 4)", "(2,2,2)").getBytes(StandardCharsets.ISO_8859_1));
        expect(t, 0, 0, "1-D or 2-D", () -> Npy.read(t));
    }

    @Test
    void libsvmIndexZeroAndOutOfOrder() throws IOException {
        // index 0 is valid (0-based, scikit-learn's default: UserFilesTest); a negative one is not
        Path f = file("z.svm", "1 1:0.5\n0 -1:1 2:3\n");
        expect(f, 2, 2, "negative feature index -1", () -> LibSvm.read(f, 0));
        Path g = file("o.svm", "1 1:0.5 3:1\n0 4:1 2:3\n");
        expect(g, 2, 3, "feature index 2 after 4", () -> LibSvm.read(g, 0));
        Path d = file("d.svm", "1 2:0.5 2:1\n");
        expect(d, 1, 3, "feature index 2 after 2", () -> LibSvm.read(d, 0));
        Path m = file("m.svm", "1 2:0.5 junk\n");
        expect(m, 1, 3, "expected index:value", () -> LibSvm.read(m, 0));
        Path w = file("w.svm", "1 5:1\n");
        expect(w, 1, 2, "exceeds the 3 features", () -> LibSvm.read(w, 3));
    }

    @Test
    void yLengthDiffersFromRows() throws IOException {
        Path x = dir.resolve("x.npy");
        Npy.write(x, new double[12], 4, 3, false, false, false);
        Path y = dir.resolve("y.npy");
        Npy.write(y, new double[5], 5, -1, false, false, false);
        expect(y, 0, 0, "y has 5 values but X", () -> DataLoader.load(x, y, null));
        Path y2 = dir.resolve("y2.npy");
        Npy.write(y2, new double[8], 4, 2, false, false, false);
        expect(y2, 0, 0, "y must be 1-D", () -> DataLoader.load(x, y2, null));
    }

    @Test
    void emptyFiles() throws IOException {
        Path c = file("empty.csv", "");
        expect(c, 0, 0, "empty file", () -> Csv.read(c));
        Path h = file("header.csv", "a,b\n");
        expect(h, 0, 0, "no data rows", () -> Csv.read(h));
        Path s = file("empty.svm", "\n# nothing\n");
        expect(s, 0, 0, "empty file", () -> LibSvm.read(s, 0));
        Path n = file("empty.npy", "");
        expect(n, 0, 0, "not a .npy file", () -> Npy.read(n));
        Path g = file("G.txt", "");
        expect(g, 0, 0, "empty file", () -> GroupFile.read(g, 3));
        Path k = file("coef.csv", "");
        expect(k, 0, 0, "empty file", () -> CoefFile.read(k));
    }

    @Test
    void missingFileAndCsvHeaderProblems() throws IOException {
        Path none = dir.resolve("nope.csv");
        expect(none, 0, 0, "no such file", () -> DataLoader.load(none, null, "y"));
        Path d = file("dup.csv", "a,a\n1,2\n");
        expect(d, 1, 2, "duplicate column name 'a'", () -> Csv.read(d));
        Path t = file("t.csv", "a,b\n1,2\n");
        expect(t, 1, 0, "no column 'y' in the header (columns: a, b)", () -> DataLoader.load(t, null, "y"));
        Path q = file("q.csv", "a,b\n1,\"2\n");
        expect(q, 2, 2, "unterminated quoted field", () -> Csv.read(q));
    }

    @Test
    void groupAndCoefFiles() throws IOException {
        Path g = file("G.txt", "1\n1\nx\n");
        expect(g, 3, 1, "group id 'x' is not an integer", () -> GroupFile.read(g, 3));
        Path g2 = file("G2.txt", "1\n2\n");
        expect(g2, 0, 0, "2 group ids but X has 3 columns", () -> GroupFile.read(g2, 3));
        Path c = file("c.csv", "name,value\nx1,2\n");
        expect(c, 2, 1, "expected (Intercept)", () -> CoefFile.read(c));
        Path c2 = file("c2.csv", "feature,coef\n");
        expect(c2, 1, 1, "expected 'name,value'", () -> CoefFile.read(c2));
        Path c3 = file("c3.csv", "name,value\n(Intercept),1\nx1,oops\n");
        expect(c3, 3, 2, "non-numeric cell \"oops\" in coefficient 'x1'", () -> CoefFile.read(c3));
    }
}
