package io.github.spred4j.cli;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.io.CoefFile;
import io.github.spred4j.io.InputFormatException;
import io.github.spred4j.io.Npy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.spred4j.cli.CliTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * predict on coefficient files with several value columns: what {@code fit --out} writes for several responses
 * (header name,y1,...) and R's {@code write.csv(as.matrix(coef(fit)))} of a glmnet fit at several λ ("",s0,s1).
 * Each prediction column is checked against b0 + Xβ computed here from that column.
 */
class PredictColumnsCliTest {
    static Dataset diabetes;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        diabetes = diabetes();
    }

    @Test
    void predictGivesOneColumnPerTargetOfAMultiTargetFit() throws IOException {
        int n = diabetes.n();
        double[] y = new double[n * 2];
        for (int i = 0; i < n; i++) {
            y[2 * i] = diabetes.y()[i];
            y[2 * i + 1] = 0.5 * diabetes.y()[i] + diabetes.x()[i * diabetes.p()];
        }
        Path x = writeNpyX(dir, "X.npy", diabetes, false, false), yk = dir.resolve("Y.npy");
        Npy.write(yk, y, n, 2, false, false, false);
        Path coef = dir.resolve("coef.csv"), pred = dir.resolve("pred.csv");
        ok("fit", "--x", x.toString(), "--y", yk.toString(), "--lambda-ratio", "0.05", "--backend", "java", "--out", coef.toString(), "-q");
        ok("predict", "--coef", coef.toString(), "--x", x.toString(), "--out", pred.toString());
        CoefFile.Columns c = CoefFile.readColumns(coef);
        assertEquals(2, c.k());
        List<String> lines = lines(pred);
        assertEquals("y1,y2", lines.get(0));
        assertEquals(n + 1, lines.size());
        for (int t = 0; t < 2; t++) {
            double[] eta = fitted(diabetes, c.column(t));
            for (int i = 0; i < n; i++)
                assertEquals(eta[i], Double.parseDouble(lines.get(i + 1).split(",")[t]), 1e-9 * (1 + Math.abs(eta[i])), "row " + i + " target " + t);
        }
        // the single-column reader refuses the file in one line instead of reading one column silently
        InputFormatException e = assertThrows(InputFormatException.class, () -> CoefFile.read(coef));
        assertTrue(e.getMessage().contains("2 coefficient columns (y1, y2); expected one"), e.getMessage());
    }

    @Test
    void predictReadsRsWriteCsvOfGlmnetCoefficientsAtSeveralLambdas() throws IOException {
        // write.csv(as.matrix(coef(glmnet(x, y, lambda = c(2, 1)))), "coef.csv") for a two-feature model
        Path coef = dir.resolve("coef.csv"), x = dir.resolve("new.csv"), pred = dir.resolve("pred.csv");
        Files.writeString(coef, "\"\",\"s0\",\"s1\"\n\"(Intercept)\",1.5,2\n\"a\",0,0.25\n\"b\",-1,-2\n");
        Files.writeString(x, "b,a\n1,4\n0,8\n");
        ok("predict", "--coef", coef.toString(), "--x", x.toString(), "--out", pred.toString(), "-q");
        assertEquals(List.of("s0,s1", "0.5,1", "1.5,4"), lines(pred));
        // a row with fewer values than the header has columns is a one-line error naming line and column
        Files.writeString(coef, "name,y1,y2\n(Intercept),1,2\na,3\n");
        fails(ExitCode.INPUT, new String[]{"predict", "--coef", coef.toString(), "--x", x.toString(), "--out", pred.toString()},
                "coef.csv:3:3: 2 fields, expected 3 (name and 2 values, as the header)");
    }
}
