package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static io.github.spred4j.cli.CliTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * `spred4j fit --x X.mtx --y Y.npy` with several response columns: a sparse X goes to the sparse many-target route
 * (Spred.fitTargets → SparseTargets, never densified) and writes the same coefficient columns as the dense X of
 * the same data through the dense Gram route, every target certified.
 */
class SparseTargetsCliTest {
    @TempDir
    Path dir;

    @Test
    void fitOfThreeTargetsOnAMatrixMarketXEqualsTheDenseFit() throws IOException {
        Dataset d = diabetes();
        int n = d.n(), p = d.p();
        StringBuilder body = new StringBuilder();
        int nnz = 0;
        for (int j = 0; j < p; j++)
            for (int i = 0; i < n; i++) {
                double v = d.x()[i * p + j];
                if (v != 0) {
                    body.append(i + 1).append(' ').append(j + 1).append(' ').append(v).append('\n');
                    nnz++;
                }
            }
        Path mtx = Files.writeString(dir.resolve("x.mtx"), "%%MatrixMarket matrix coordinate real general\n" + n + " " + p + " " + nnz + "\n" + body);
        double[] y = new double[n * 3];
        Random r = new Random(4);
        for (int i = 0; i < n; i++) {
            y[i * 3] = d.y()[i];
            y[i * 3 + 1] = 0.01 * d.y()[i] - 3;
            y[i * 3 + 2] = d.y()[i] + 60 * r.nextGaussian();
        }
        Path ys = dir.resolve("Y3.npy"), cs = dir.resolve("s.csv"), cd = dir.resolve("d.csv");
        Npy.write(ys, y, n, 3, false, false, false);
        JsonNode js = Json.MAPPER.readTree(ok("fit", "--x", mtx.toString(), "--y", ys.toString(), "--lambda-ratio", "0.05", "--tol", "1e-10",
                "--backend", "java", "--out", cs.toString(), "--json").out());
        ok("fit", "--x", writeNpyX(dir, "x.npy", d, false, false).toString(), "--y", ys.toString(), "--lambda-ratio", "0.05",
                "--tol", "1e-10", "--backend", "java", "--out", cd.toString());
        assertEquals(3, js.get("k").asInt());
        assertTrue(js.get("certified").asBoolean(), "every target certified");
        List<String> s = lines(cs), de = lines(cd);
        assertEquals(de.get(0), s.get(0));
        assertEquals(de.size(), s.size());
        for (int k = 1; k <= 3; k++) {
            double scale = 0;
            for (int row = 1; row < de.size(); row++) scale = Math.max(scale, Math.abs(Double.parseDouble(de.get(row).split(",")[k])));
            for (int row = 1; row < de.size(); row++) {
                double a = Double.parseDouble(de.get(row).split(",")[k]), b = Double.parseDouble(s.get(row).split(",")[k]);
                assertEquals(a, b, 1e-5 * scale, "target " + k + " row " + row);
                assertEquals(a == 0, b == 0, "target " + k + " row " + row + ": the same exact zeros");
            }
        }
    }
}
