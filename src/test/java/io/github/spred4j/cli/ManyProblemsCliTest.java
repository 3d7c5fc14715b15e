package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.io.CoefFile;
import io.github.spred4j.io.Csv;
import io.github.spred4j.io.FoldIdFile;
import io.github.spred4j.io.LambdaFile;
import io.github.spred4j.io.Npy;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static io.github.spred4j.cli.CliTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/** cv --foldid/--lambdas, path --lambdas, and fit/path with several responses, run in-process on the diabetes data. */
class ManyProblemsCliTest {
    static Dataset diabetes;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws IOException {
        diabetes = diabetes();
    }

    private Path x() throws IOException {
        return writeNpyX(dir, "X.npy", diabetes, false, false);
    }

    private Path y() throws IOException {
        return writeNpyY(dir, "y.npy", diabetes.y());
    }

    /** Fold ids 1..4 of unequal sizes in a seeded order. */
    private static int[] folds() {
        int n = diabetes.n();
        int[] f = new int[n];
        for (int i = 0; i < n; i++) f[i] = i < 50 ? 1 : i < 150 ? 2 : i < 300 ? 3 : 4;
        Random r = new Random(9);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = f[i];
            f[i] = f[j];
            f[j] = t;
        }
        return f;
    }

    private static final double[] LAMBDAS = {30, 10, 3, 1, 0.3, 0.1};

    @Test
    void cvWithGivenFoldsAndLambdasMatchesTheApiAndReportsTheChoiceAsJson() throws IOException {
        Path fid = dir.resolve("foldid.txt"), lam = dir.resolve("lambda.txt"), table = dir.resolve("cv.csv");
        int[] ids = folds();
        FoldIdFile.write(fid, ids);
        LambdaFile.write(lam, LAMBDAS);
        Result r = ok("cv", "--x", x().toString(), "--y", y().toString(), "--foldid", fid.toString(), "--lambdas", lam.toString(),
                "--backend", "java", "--out", table.toString(), "--json");
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(4, j.get("folds").asInt());
        assertEquals(fid.toString(), j.get("foldid").asText());
        assertFalse(j.has("seed"), "no seed when the folds are given");
        assertTrue(j.get("seconds").asDouble() > 0);
        for (int i = 0; i < LAMBDAS.length; i++) assertEquals(LAMBDAS[i], j.get("lambda").get(i).asDouble(), 0.0);
        CvResult api;
        try (Context ctx = Backends.get("java").open()) {
            api = Spred.cv(ctx, diabetes, FitOptions.defaults(Model.SQUARED), LAMBDAS, ids);
        }
        assertEquals(api.lambdaMin(), j.get("lambda_min").asDouble(), 0.0);
        assertEquals(api.lambda1se(), j.get("lambda_1se").asDouble(), 0.0);
        for (int i = 0; i < LAMBDAS.length; i++) {
            assertEquals(api.meanLoss()[i], j.get("cv_mean").get(i).asDouble(), 1e-12 * api.meanLoss()[i]);
            assertEquals(api.stdErr()[i], j.get("cv_stderr").get(i).asDouble(), 1e-12 * api.meanLoss()[i]);
        }
        Csv.Table t = Csv.read(table);
        assertEquals(LAMBDAS.length, t.rows());
        assertArrayEquals(api.meanLoss(), t.columnValues(t.column("mean")), 1e-12 * api.meanLoss()[0]);
    }

    @Test
    void badFoldAndLambdaFilesAndConflictingOptionsAreOneLineErrors() throws IOException {
        String xs = x().toString(), ys = y().toString();
        Path fid = dir.resolve("f.txt");
        FoldIdFile.write(fid, folds());
        Path shortF = dir.resolve("short.txt");
        FoldIdFile.write(shortF, new int[]{1, 2, 1});
        fails(ExitCode.INPUT, new String[]{"cv", "--x", xs, "--y", ys, "--foldid", shortF.toString(), "--backend", "java"},
                shortF.toString(), "3 fold ids but X has 442 rows");
        Path zero = dir.resolve("zero.txt");
        Files.writeString(zero, "1\n2\n0\n");
        fails(ExitCode.INPUT, new String[]{"cv", "--x", xs, "--y", ys, "--foldid", zero.toString(), "--backend", "java"},
                zero + ":3:1", "fold id 0 is not a positive integer");
        Path inc = dir.resolve("inc.txt");
        Files.writeString(inc, "1\n2\n");
        fails(ExitCode.INPUT, new String[]{"cv", "--x", xs, "--y", ys, "--lambdas", inc.toString(), "--backend", "java"},
                inc + ":2:1", "strictly decreasing");
        fails(ExitCode.INPUT, new String[]{"path", "--x", xs, "--y", ys, "--lambdas", inc.toString(), "--backend", "java"},
                inc + ":2:1", "strictly decreasing");
        fails(ExitCode.USAGE, new String[]{"cv", "--x", xs, "--y", ys, "--foldid", fid.toString(), "--folds", "5"}, "--foldid gives the folds");
        fails(ExitCode.USAGE, new String[]{"cv", "--x", xs, "--y", ys, "--foldid", fid.toString(), "--seed", "3"}, "--foldid gives the folds");
        Path lam = dir.resolve("lam.txt");
        LambdaFile.write(lam, LAMBDAS);
        fails(ExitCode.USAGE, new String[]{"path", "--x", xs, "--y", ys, "--lambdas", lam.toString(), "--nlambda", "5"}, "--lambdas gives the whole sequence");
        fails(ExitCode.USAGE, new String[]{"cv", "--x", xs, "--y", ys, "--lambdas", lam.toString(), "--lambda-min-ratio", "0.1"}, "--lambdas gives the whole sequence");
        Path y3 = threeTargets();
        fails(ExitCode.USAGE, new String[]{"cv", "--x", xs, "--y", y3.toString(), "--backend", "java"}, "this command fits one response", "3 columns");
        fails(ExitCode.USAGE, new String[]{"path", "--x", xs, "--y", y3.toString(), "--plot", dir.resolve("p.png").toString()},
                "--plot draws one path, but there are 3 responses");
    }

    @Test
    void pathWithGivenLambdasUsesThem() throws IOException {
        Path lam = dir.resolve("lam.txt"), out = dir.resolve("path.csv");
        LambdaFile.write(lam, LAMBDAS);
        ok("path", "--x", x().toString(), "--y", y().toString(), "--lambdas", lam.toString(), "--backend", "java", "--out", out.toString());
        Csv.Table t = Csv.read(out);
        assertArrayEquals(LAMBDAS, t.columnValues(t.column("lambda")), 0.0);
    }

    /** y, 0.01·y − 3 and y + noise as an n×3 .npy. */
    private Path threeTargets() throws IOException {
        int n = diabetes.n();
        double[] y = new double[n * 3];
        Random r = new Random(2);
        for (int i = 0; i < n; i++) {
            y[i * 3] = diabetes.y()[i];
            y[i * 3 + 1] = 0.01 * diabetes.y()[i] - 3;
            y[i * 3 + 2] = diabetes.y()[i] + 60 * r.nextGaussian();
        }
        Path f = dir.resolve("Y3.npy");
        Npy.write(f, y, n, 3, false, false, false);
        return f;
    }

    private static double[] column(Path npy, int t) throws IOException {
        Npy.Array a = Npy.read(npy);
        double[] c = new double[a.rows()];
        for (int i = 0; i < c.length; i++) c[i] = a.data()[i * a.cols() + t];
        return c;
    }

    @Test
    void fitWithThreeTargetsWritesOneCoefficientColumnPerTargetEqualToTheSingleFits() throws IOException {
        Path y3 = threeTargets(), coef = dir.resolve("coef.csv");
        Result r = ok("fit", "--x", x().toString(), "--y", y3.toString(), "--lambda-ratio", "0.05", "--tol", "1e-10",
                "--backend", "java", "--out", coef.toString(), "--json");
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(3, j.get("k").asInt());
        assertTrue(j.get("certified").asBoolean());
        List<String> lines = lines(coef);
        assertEquals("name,y1,y2,y3", lines.get(0));
        assertTrue(lines.get(1).startsWith("(Intercept),"));
        assertEquals(diabetes.p() + 2, lines.size());
        for (int k = 0; k < 3; k++) {
            JsonNode fk = j.get("targets").get(k);
            assertEquals("y" + (k + 1), fk.get("target").asText());
            assertTrue(fk.get("certified").asBoolean());
            assertEquals(0.05 * fk.get("lambda_max").asDouble(), fk.get("lambda").asDouble(), 1e-12 * fk.get("lambda").asDouble(),
                    "each target at the ratio of its own lambda_max");
            Path yk = writeNpyY(dir, "y" + k + ".npy", column(y3, k)), ck = dir.resolve("c" + k + ".csv");
            Result one = ok("fit", "--x", x().toString(), "--y", yk.toString(), "--lambda-ratio", "0.05", "--tol", "1e-10",
                    "--backend", "java", "--out", ck.toString(), "--json");
            assertEquals(Json.MAPPER.readTree(one.out()).get("lambda").asDouble(), fk.get("lambda").asDouble(), 0.0);
            CoefFile.Coefficients c = CoefFile.read(ck);
            double[] col = new double[diabetes.p() + 1]; // row 0 is the intercept
            for (int row = 0; row < col.length; row++) col[row] = Double.parseDouble(lines.get(row + 1).split(",")[k + 1]);
            double scale = Math.abs(c.intercept());
            for (double b : c.beta()) scale = Math.max(scale, Math.abs(b));
            assertEquals(c.intercept(), col[0], 1e-5 * scale, "target " + k + " intercept");
            for (int f = 0; f < diabetes.p(); f++) {
                assertEquals(c.beta()[f], col[f + 1], 1e-5 * scale, "target " + k + " coefficient " + f);
                assertEquals(c.beta()[f] == 0, col[f + 1] == 0, "target " + k + " same exact zeros at " + f);
            }
        }
    }

    @Test
    void pathWithTwoCsvTargetsWritesOneBlockPerTarget() throws IOException {
        int n = diabetes.n(), p = diabetes.p();
        String[] names = new String[p + 2];
        double[] data = new double[n * (p + 2)];
        names[0] = "a";
        names[p + 1] = "b";
        for (int f = 0; f < p; f++) names[f + 1] = "f" + (f + 1);
        for (int i = 0; i < n; i++) {
            data[i * (p + 2)] = diabetes.y()[i];
            for (int f = 0; f < p; f++) data[i * (p + 2) + f + 1] = diabetes.x()[i * p + f];
            data[i * (p + 2) + p + 1] = 2 * diabetes.y()[i] + diabetes.x()[i * p];
        }
        Path csv = dir.resolve("d.csv"), lam = dir.resolve("lam.txt"), out = dir.resolve("path.csv");
        Csv.write(csv, names, n, data);
        LambdaFile.write(lam, LAMBDAS);
        Result r = ok("path", "--x", csv.toString(), "--target", "a,b", "--lambdas", lam.toString(), "--backend", "java",
                "--out", out.toString(), "--json");
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(2, j.get("k").asInt());
        assertEquals(0, j.get("uncertified").asInt());
        List<String> lines = lines(out);
        assertTrue(lines.get(0).startsWith("target,lambda,nnz,objective,certificate,(Intercept),f1,"), lines.get(0));
        assertEquals(1 + 2 * LAMBDAS.length, lines.size());
        for (int t = 0; t < 2; t++) {
            String name = t == 0 ? "a" : "b";
            // the same problem alone: a CSV without the other target column
            String[] sn = new String[p + 1];
            double[] sd = new double[n * (p + 1)];
            sn[0] = name;
            System.arraycopy(names, 1, sn, 1, p);
            for (int i = 0; i < n; i++) {
                sd[i * (p + 1)] = data[i * (p + 2) + (t == 0 ? 0 : p + 1)];
                System.arraycopy(data, i * (p + 2) + 1, sd, i * (p + 1) + 1, p);
            }
            Path one = dir.resolve("one" + name + ".csv"), single = dir.resolve("single" + name + ".csv");
            Csv.write(one, sn, n, sd);
            ok("path", "--x", one.toString(), "--target", name, "--lambdas", lam.toString(), "--backend", "java", "--out", single.toString());
            List<String> sl = lines(single);
            assertEquals("lambda,nnz,objective,certificate,(Intercept),f1,f2,f3,f4,f5,f6,f7,f8,f9,f10", sl.get(0),
                    "the single-target table is unchanged");
            for (int i = 0; i < LAMBDAS.length; i++) {
                String row = lines.get(1 + t * LAMBDAS.length + i);
                assertTrue(row.startsWith(name + ","), row);
                String[] many = row.substring(name.length() + 1).split(","), alone = sl.get(1 + i).split(",");
                sameRow(alone, many, "target " + name + " lambda " + i);
            }
        }
    }

    /**
     * One path-table row (lambda,nnz,objective,certificate,(Intercept),coefficients...) of a target fitted among
     * several (all targets' paths on one Gram) against the same problem alone: the same λ and support, both
     * certified, the objectives within the larger certificate, the coefficients to 1e-5 of the largest.
     */
    private static void sameRow(String[] alone, String[] many, String what) {
        assertEquals(alone.length, many.length, what);
        double[] a = new double[alone.length], m = new double[many.length];
        for (int c = 0; c < a.length; c++) {
            a[c] = Double.parseDouble(alone[c]);
            m[c] = Double.parseDouble(many[c]);
        }
        assertEquals(a[0], m[0], 0.0, what + ": lambda");
        assertEquals(a[1], m[1], 0.0, what + ": nnz");
        assertTrue(m[3] <= 1e-7 && m[3] > -1e-12 && Math.abs(a[3]) <= 1e-7, what + ": certificates " + a[3] + ", " + m[3]);
        assertEquals(a[2], m[2], (Math.max(Math.abs(a[3]), m[3]) + 1e-12) * Math.abs(a[2]), what + ": objective");
        double scale = 0;
        for (int c = 4; c < a.length; c++) scale = Math.max(scale, Math.abs(a[c]));
        for (int c = 4; c < a.length; c++) assertEquals(a[c], m[c], 1e-5 * scale, what + ": column " + c);
    }

    @Test
    void pathWithAnNpyOfThreeTargetsAndGivenLambdasWritesOneBlockPerTargetEqualToTheSinglePaths() throws IOException {
        Path y3 = threeTargets(), lam = dir.resolve("lam.txt"), out = dir.resolve("path3.csv");
        LambdaFile.write(lam, LAMBDAS);
        Result r = ok("path", "--x", x().toString(), "--y", y3.toString(), "--lambdas", lam.toString(), "--backend", "java",
                "--out", out.toString(), "--json");
        assertEquals(3, Json.MAPPER.readTree(r.out()).get("k").asInt());
        List<String> lines = lines(out);
        assertEquals(1 + 3 * LAMBDAS.length, lines.size());
        for (int t = 0; t < 3; t++) {
            Path yt = writeNpyY(dir, "yt" + t + ".npy", column(y3, t)), single = dir.resolve("single" + t + ".csv");
            ok("path", "--x", x().toString(), "--y", yt.toString(), "--lambdas", lam.toString(), "--backend", "java", "--out", single.toString());
            List<String> sl = lines(single);
            for (int i = 0; i < LAMBDAS.length; i++) {
                String row = lines.get(1 + t * LAMBDAS.length + i), name = "y" + (t + 1);
                assertTrue(row.startsWith(name + ","), row);
                sameRow(sl.get(1 + i).split(","), row.substring(name.length() + 1).split(","), "target " + name + " lambda " + i);
            }
        }
    }

    @Test
    void fitWithCsvColumnsAsTargetsWritesOneCoefficientColumnPerTargetNamedFromTheHeader() throws IOException {
        int n = diabetes.n();
        double[] y = new double[n * 2];
        for (int i = 0; i < n; i++) {
            y[i * 2] = diabetes.y()[i];
            y[i * 2 + 1] = -0.5 * diabetes.y()[i] + 7;
        }
        Path ycsv = dir.resolve("Y.csv"), coef = dir.resolve("coef2.csv");
        Csv.write(ycsv, new String[]{"first", "second"}, n, y);
        Result r = ok("fit", "--x", x().toString(), "--y", ycsv.toString(), "--lambda", "0.5", "--backend", "java",
                "--out", coef.toString(), "--json");
        assertTrue(Json.MAPPER.readTree(r.out()).get("certified").asBoolean());
        List<String> lines = lines(coef);
        assertEquals("name,first,second", lines.get(0));
        assertEquals(diabetes.p() + 2, lines.size());
        for (int t = 0; t < 2; t++) {
            double[] yt = new double[n];
            for (int i = 0; i < n; i++) yt[i] = y[i * 2 + t];
            Path single = dir.resolve("one" + t + ".csv");
            ok("fit", "--x", x().toString(), "--y", writeNpyY(dir, "one" + t + ".npy", yt).toString(), "--lambda", "0.5",
                    "--backend", "java", "--out", single.toString());
            CoefFile.Coefficients one = CoefFile.read(single);
            double scale = Math.abs(one.intercept());
            for (double b : one.beta()) scale = Math.max(scale, Math.abs(b));
            assertEquals(one.intercept(), Double.parseDouble(lines.get(1).split(",")[t + 1]), 1e-5 * scale, "target " + t + " intercept");
            for (int f = 0; f < diabetes.p(); f++)
                assertEquals(one.beta()[f], Double.parseDouble(lines.get(f + 2).split(",")[t + 1]), 1e-5 * scale, "target " + t + " coefficient " + f);
        }
    }
}
