package io.github.spred4j.io;

import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The fold-id, λ-sequence and multi-response readers: what they accept, and every malformed input giving a
 * one-line {@link InputFormatException} that names the file (and line where one applies), as MalformedInputTest.
 */
class FoldAndLambdaFileTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /** One value per line: errors at a line point at column 1. */
    private static void expect(Path f, long line, String fragment, Executable e) {
        expect(f, line, line > 0 ? 1 : 0, fragment, e);
    }

    private static void expect(Path f, long line, long col, String fragment, Executable e) {
        InputFormatException ex = assertThrows(InputFormatException.class, e);
        String m = ex.getMessage();
        String loc = f + (line > 0 ? ":" + line + (col > 0 ? ":" + col : "") : "") + ": ";
        assertTrue(m.startsWith(loc), "message should start with '" + loc + "': " + m);
        assertEquals(line, ex.line(), m);
        assertTrue(m.contains(fragment), "message should mention '" + fragment + "': " + m);
        assertFalse(m.contains("\n"), "one line: " + m);
    }

    @Test
    void foldIdsAsCvGlmnetWritesThem() throws IOException {
        Path f = file("foldid.txt", "# written by R\n2\n1\n\n3\n1.0\n3.000000000000000000e+00 # numpy.savetxt\n2\n");
        assertArrayEquals(new int[]{2, 1, 3, 1, 3, 2}, FoldIdFile.read(f, 6));
        Path w = dir.resolve("w.txt");
        FoldIdFile.write(w, new int[]{1, 2, 2, 1});
        assertArrayEquals(new int[]{1, 2, 2, 1}, FoldIdFile.read(w, 4));
    }

    @Test
    void malformedFoldIds() throws IOException {
        Path zero = file("zero.txt", "1\n0\n2\n");
        expect(zero, 2, "fold id 0 is not a positive integer", () -> FoldIdFile.read(zero, 3));
        Path neg = file("neg.txt", "1\n2\n-1\n");
        expect(neg, 3, "fold id -1 is not a positive integer", () -> FoldIdFile.read(neg, 3));
        Path frac = file("frac.txt", "1\n2.5\n");
        expect(frac, 2, "fold id 2.5 is not a positive integer", () -> FoldIdFile.read(frac, 2));
        Path text = file("text.txt", "1\nfold2\n");
        expect(text, 2, "fold id 'fold2' is not a number", () -> FoldIdFile.read(text, 2));
        Path nan = file("nan.txt", "1\nNaN\n");
        expect(nan, 2, "fold id 'NaN' is not a number", () -> FoldIdFile.read(nan, 2));
        Path two = file("two.txt", "1,2\n2,1\n");
        expect(two, 1, "several values on one line", () -> FoldIdFile.read(two, 2));
        Path shortF = file("short.txt", "1\n2\n1\n");
        expect(shortF, 0, "3 fold ids but X has 4 rows", () -> FoldIdFile.read(shortF, 4));
        Path longF = file("long.txt", "1\n2\n1\n2\n1\n");
        expect(longF, 5, "more fold ids than the 4 rows of X", () -> FoldIdFile.read(longF, 4));
        Path one = file("one.txt", "1\n1\n1\n");
        expect(one, 0, "at least 2 folds", () -> FoldIdFile.read(one, 3));
        Path gap = file("gap.txt", "1\n3\n1\n3\n");
        expect(gap, 0, "fold 2 has no rows", () -> FoldIdFile.read(gap, 4));
        // a huge fold number is refused at its line (it would leave folds empty), without allocating K counters
        Path huge = file("huge.txt", "1\n2000000000\n");
        expect(huge, 2, "exceeds the 2 rows of X", () -> FoldIdFile.read(huge, 2));
        Path big = file("big.txt", "1\n1e300\n");
        expect(big, 2, "exceeds the 2 rows of X", () -> FoldIdFile.read(big, 2));
        Path empty = file("empty.txt", "\n# nothing\n");
        expect(empty, 0, "empty file", () -> FoldIdFile.read(empty, 3));
        Path none = dir.resolve("nope.txt");
        expect(none, 0, "no such file", () -> FoldIdFile.read(none, 3));
        Path bad = dir.resolve("bad.txt");
        Files.write(bad, new byte[]{'1', '\n', (byte) 0xff, '\n'});
        InputFormatException ex = assertThrows(InputFormatException.class, () -> FoldIdFile.read(bad, 2));
        assertTrue(ex.getMessage().startsWith(bad.toString()), ex.getMessage());
        assertThrows(InputFormatException.class, () -> FoldIdFile.read(dir, 2), "a directory is an input error");
    }

    @Test
    void lambdaSequences() throws IOException {
        Path f = file("lam.txt", "lambda\n10\n# comment\n1.5\n\n0.25\n1e-3\n");
        assertArrayEquals(new double[]{10, 1.5, 0.25, 1e-3}, LambdaFile.read(f));
        Path q = file("q.txt", "\"lambda\"\n2\n1\n");
        assertArrayEquals(new double[]{2, 1}, LambdaFile.read(q));
        double[] lam = {3.3218939011840046, 0.1 + 0.2, 1e-9};
        Path w = dir.resolve("w.txt");
        LambdaFile.write(w, lam);
        assertArrayEquals(lam, LambdaFile.read(w), 0.0, "written in the shortest text that reads back exactly");
    }

    @Test
    void malformedLambdaSequences() throws IOException {
        Path inc = file("inc.txt", "1\n0.5\n0.7\n");
        expect(inc, 3, "is not below the previous value 0.5 (line 2): the sequence must be strictly decreasing", () -> LambdaFile.read(inc));
        Path tie = file("tie.txt", "1\n1\n");
        expect(tie, 2, "strictly decreasing", () -> LambdaFile.read(tie));
        Path zero = file("zero.txt", "1\n0\n");
        expect(zero, 2, "lambda 0 is not positive", () -> LambdaFile.read(zero));
        Path neg = file("neg.txt", "-1\n");
        expect(neg, 1, "lambda -1 is not positive", () -> LambdaFile.read(neg));
        Path nan = file("nan.txt", "1\nNaN\n");
        expect(nan, 2, "NaN", () -> LambdaFile.read(nan));
        Path nanFirst = file("nan1.txt", "nan\n1\n");
        expect(nanFirst, 1, "nan", () -> LambdaFile.read(nanFirst));
        Path inf = file("inf.txt", "1e999\n");
        expect(inf, 1, "overflows", () -> LambdaFile.read(inf));
        Path text = file("text.txt", "lambda\n1\nabc\n");
        expect(text, 3, "non-numeric cell \"abc\"", () -> LambdaFile.read(text));
        Path twoHeaders = file("h2.txt", "lambda\nvalue\n1\n");
        expect(twoHeaders, 2, "non-numeric cell \"value\"", () -> LambdaFile.read(twoHeaders));
        Path csv = file("csv.txt", "1,0.5\n");
        expect(csv, 1, "several values on one line", () -> LambdaFile.read(csv));
        Path empty = file("empty.txt", "lambda\n\n");
        expect(empty, 0, "no lambda values", () -> LambdaFile.read(empty));
    }

    /** R's write.csv / write.table of a vector and pandas' Series.to_csv keep their row names: the column is dropped. */
    @Test
    void rowNamesAsRAndPandasWriteThem() throws IOException {
        Path csv = file("foldid.csv", "\"\",\"x\"\n\"1\",2\n\"2\",1\n\"3\",2\n");          // write.csv(foldid, f)
        assertArrayEquals(new int[]{2, 1, 2}, FoldIdFile.read(csv, 3));
        Path table = file("foldid.txt", "\"x\"\n\"1\" 2\n\"2\" 1\n\"3\" 2\n");          // write.table(foldid, f)
        assertArrayEquals(new int[]{2, 1, 2}, FoldIdFile.read(table, 3));
        Path noHeader = file("nh.txt", "\"a\"\t2\n\"b\"\t1\n");                       // write.table(col.names=FALSE, sep="\t")
        assertArrayEquals(new int[]{2, 1}, FoldIdFile.read(noHeader, 2));
        Path pandas = file("lam.csv", ",lambda\n0,2.5\n1,1.5\n2,0.5\n");                 // pd.Series(lam, name="lambda").to_csv(f)
        assertArrayEquals(new double[]{2.5, 1.5, 0.5}, LambdaFile.read(pandas));
        Path lam = file("lam2.csv", "\"\",\"x\"\n\"1\",2\n\"2\",1\n");
        assertArrayEquals(new double[]{2, 1}, LambdaFile.read(lam));
        Path w = file("w.csv", "\"\",\"x\"\n\"1\",1\n\"2\",0\n\"3\",2\n");
        assertArrayEquals(new double[]{1, 0, 2}, ValuesFile.read(w, 3, "weight", "rows of X", "row", false));
        Path pf = file("pf.csv", "\"\",\"x\"\n\"1\",Inf\n\"2\",1\n");
        assertArrayEquals(new double[]{Double.POSITIVE_INFINITY, 1}, ValuesFile.read(pf, 2, "penalty factor", "features", "feature", true));
        Path g = file("g.csv", "\"\",\"x\"\n\"1\",1\n\"2\",1\n\"3\",2\n");
        assertArrayEquals(new int[]{1, 1, 2}, GroupFile.read(g, 3));
        Path y = file("y.txt", "\"x\"\n\"1\" 151\n\"2\" 75.5\n");                       // write.table(y, f) as --y
        assertArrayEquals(new double[]{151, 75.5}, DataLoader.readY(y, null));
        Path yBad = file("yb.txt", "\"x\"\n\"1\" 151\n\"2\" NA\n");
        expect(yBad, 3, 2, "'NA'", () -> DataLoader.readY(yBad, null));
        // errors point at the value's column (2) and line; a line without the row name is refused in one line
        Path bad = file("bad.csv", "\"\",\"x\"\n\"1\",2\n\"2\",zero\n");
        expect(bad, 3, 2, "fold id 'zero' is not a number", () -> FoldIdFile.read(bad, 2));
        Path mixed = file("mixed.csv", "\"\",\"x\"\n\"1\",2\n1\n");
        expect(mixed, 3, "expected a row name and one fold id", () -> FoldIdFile.read(mixed, 2));
        Path three = file("three.csv", "\"\",\"x\"\n\"1\",2,3\n");
        expect(three, 2, "several values on one line", () -> FoldIdFile.read(three, 1));
        Path wide = file("wide.csv", "\"\",\"a\",\"b\"\n\"1\",2,3\n");
        expect(wide, 1, "several values on one line", () -> FoldIdFile.read(wide, 1));
        // unquoted labels without the empty-named header stay ambiguous: several values
        Path plain = file("plain.csv", "1,2\n2,1\n");
        expect(plain, 1, "several values on one line", () -> FoldIdFile.read(plain, 2));
    }

    @Test
    void severalResponses() throws IOException {
        Path x = dir.resolve("x.npy");
        Npy.write(x, new double[]{1, 2, 3, 4, 5, 6, 7, 8}, 4, 2, false, false, false);
        Path y = dir.resolve("Y.npy");
        Npy.write(y, new double[]{1, 10, 2, 20, 3, 30, 4, 40}, 4, 2, false, true, false); // Fortran order on disk
        Targets t = Targets.load(x, y, null);
        assertEquals(2, t.count());
        assertArrayEquals(new String[]{"y1", "y2"}, t.names());
        assertArrayEquals(new double[]{1, 2, 3, 4}, t.columns()[0]);
        assertArrayEquals(new double[]{10, 20, 30, 40}, t.columns()[1]);
        assertArrayEquals(t.columns()[1], t.column(1).y());
        Path yc = file("Y.csv", "a,b,c\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n");
        Targets tc = Targets.load(x, yc, null);
        assertArrayEquals(new String[]{"a", "b", "c"}, tc.names());
        assertArrayEquals(new double[]{3, 6, 9, 12}, tc.columns()[2]);
        Path data = file("d.csv", "u,a,v,b\n1,2,3,4\n5,6,7,8\n");
        Targets td = Targets.load(data, null, "b, a");
        assertArrayEquals(new String[]{"b", "a"}, td.names());
        Dataset d = td.data();
        assertEquals(2, d.p());
        assertArrayEquals(new String[]{"u", "v"}, d.names());
        assertArrayEquals(new double[]{1, 3, 5, 7}, d.x());
        assertArrayEquals(new double[]{4, 8}, td.columns()[0]);
        assertArrayEquals(new double[]{4, 8}, d.y(), "data.y() is the first target");
        Path y1 = dir.resolve("y1.npy");
        Npy.write(y1, new double[]{1, 2, 3, 4}, 4, -1, false, false, false);
        Targets single = Targets.load(x, y1, null);
        assertEquals(1, single.count(), "a 1-D y is one response");
    }

    @Test
    void malformedResponses() throws IOException {
        Path x = dir.resolve("x.npy");
        Npy.write(x, new double[8], 4, 2, false, false, false);
        Path y = dir.resolve("Y.npy");
        Npy.write(y, new double[]{1, 2, 3, 4, 5, 6}, 3, 2, false, false, false);
        expect(y, 0, "y has 3 rows (2 columns) but X", () -> Targets.load(x, y, null));
        Path yn = dir.resolve("Yn.npy");
        Npy.write(yn, new double[]{1, 2, 3, 4, 5, Double.NaN, 7, 8}, 4, 2, false, false, false);
        expect(yn, 0, "row 3, column 2", () -> Targets.load(x, yn, null));
        Path data = file("d.csv", "u,a,b\n1,2,3\n");
        expect(data, 1, 0, "no column 'c' in the header", () -> Targets.load(data, null, "a,c"));
        expect(data, 0, "names column 'a' twice", () -> Targets.load(data, null, "a,a"));
        expect(data, 0, "has an empty column name", () -> Targets.load(data, null, "a,"));
        expect(data, 0, "no feature columns left", () -> Targets.load(data, null, "u,a,b"));
        expect(x, 0, "applies to CSV input", () -> Targets.load(x, null, "a,b"));
        Path yc = file("Y.csv", "a,b\n1,2\n");
        expect(data, 0, "both --target and --y", () -> Targets.load(data, yc, "a,b"));
    }
}
