package io.github.spred4j.cli;

import io.github.spred4j.io.CoefFile;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.spred4j.cli.CliTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * `spred4j fit --x X.mtx --y y` reaches the objective of the dense fit of the same data (the diabetes set written
 * as MatrixMarket, with a few exact zeros left out), and a malformed sparse file is one line with exit 3 and no
 * output written.
 */
class SparseInputCliTest {
    @TempDir
    Path dir;

    @Test
    void matrixMarketFitMatchesTheDenseFit() throws IOException {
        Dataset d = diabetes();
        StringBuilder mtx = new StringBuilder("%%MatrixMarket matrix coordinate real general\n% diabetes, column-major like writeMM\n");
        int nnz = 0;
        StringBuilder body = new StringBuilder();
        for (int j = 0; j < d.p(); j++)
            for (int i = 0; i < d.n(); i++) {
                double v = d.x()[i * d.p() + j];
                if (v != 0) {
                    body.append(i + 1).append(' ').append(j + 1).append(' ').append(v).append('\n');
                    nnz++;
                }
            }
        mtx.append(d.n()).append(' ').append(d.p()).append(' ').append(nnz).append('\n').append(body);
        Path x = Files.writeString(dir.resolve("x.mtx"), mtx);
        Path y = writeNpyY(dir, "y.npy", d.y());
        Path cs = dir.resolve("s.csv"), cd = dir.resolve("d.csv");
        ok("fit", "--x", x.toString(), "--y", y.toString(), "--lambda", "3", "--backend", "java", "--out", cs.toString());
        ok("fit", "--x", writeNpyX(dir, "x.npy", d, false, false).toString(), "--y", y.toString(), "--lambda", "3", "--backend", "java",
                "--out", cd.toString());
        double os = lassoObjective(d, CoefFile.read(cs), 3), od = lassoObjective(d, CoefFile.read(cd), 3);
        assertEquals(od, os, 1e-9 * od, "sparse (.mtx) and dense fits reach the same objective");

        // predict reads the sparse X too (it used to take the .mtx for CSV text): same predictions as from the .npy
        Path ps = dir.resolve("ps.csv"), pd = dir.resolve("pd.csv");
        ok("predict", "--coef", cs.toString(), "--x", x.toString(), "--out", ps.toString());
        ok("predict", "--coef", cs.toString(), "--x", dir.resolve("x.npy").toString(), "--out", pd.toString());
        assertEquals(d.n() + 1, lines(ps).size());
        for (int i = 1; i <= d.n(); i++)
            assertEquals(Double.parseDouble(lines(pd).get(i)), Double.parseDouble(lines(ps).get(i)), 1e-12 * (1 + Math.abs(Double.parseDouble(lines(pd).get(i)))), "row " + i);
    }

    @Test
    void malformedSparseInputIsOneLineAndWritesNothing() throws IOException {
        Path x = Files.writeString(dir.resolve("bad.mtx"), "%%MatrixMarket matrix coordinate real general\n3 3 2\n1 1 1\n4 1 2\n");
        Path y = Files.writeString(dir.resolve("y.txt"), "1\n2\n3\n");
        Path out = dir.resolve("coef.csv");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", x.toString(), "--y", y.toString(), "--out", out.toString()},
                x + ":4:1: the row index 4 is out of range [1, 3]");
        assertFalse(Files.exists(out));
        Path npz = Files.writeString(dir.resolve("bad.npz"), "PK\u0003\u0004 not really");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", npz.toString(), "--y", y.toString(), "--out", out.toString()}, npz.toString(), ".npz");
        assertFalse(Files.exists(out));
    }
}
