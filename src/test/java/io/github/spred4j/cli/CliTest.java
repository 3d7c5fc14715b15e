package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.io.CoefFile;
import io.github.spred4j.io.Csv;
import io.github.spred4j.io.DataLoader;
import io.github.spred4j.io.GroupFile;
import io.github.spred4j.io.LibSvm;
import io.github.spred4j.data.Dataset;
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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The commands run in-process (picocli with captured streams) on the embedded diabetes data and synthetic data. */
class CliTest {
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

    @Test
    void fitJsonHasTheContractFieldsAndAnHonestObjective() throws IOException {
        Path coef = dir.resolve("coef.csv");
        Result r = ok("fit", "--x", x().toString(), "--y", y().toString(), "--loss", "squared", "--lambda", "5",
                "--backend", "java", "--out", coef.toString(), "--json");
        JsonNode j = Json.MAPPER.readTree(r.out());
        for (String k : new String[]{"objective", "duality_gap", "nnz", "iterations", "seconds", "backend", "device", "lambda"})
            assertTrue(j.has(k), "JSON lacks " + k + ": " + r.out());
        assertEquals(1, r.out().strip().split("\\R").length, "one JSON object on one line");
        assertEquals(5.0, j.get("lambda").asDouble(), 0.0);
        assertEquals("java", j.get("backend").asText());
        CoefFile.Coefficients c = CoefFile.read(coef);
        for (int k = 0; k < diabetes.p(); k++) assertEquals("x" + (k + 1), c.names()[k], ".npy has no header: names x1..xp");
        int nnz = 0;
        for (double b : c.beta()) if (b != 0) nnz++;
        assertEquals(nnz, j.get("nnz").asInt());
        double obj = lassoObjective(diabetes, c, 5.0);
        assertEquals(obj, j.get("objective").asDouble(), 1e-9 * obj, "objective recomputed from coef.csv");
        assertTrue(j.get("duality_gap").asDouble() <= 1e-7, r.out());
        List<String> lines = lines(coef);
        assertEquals("name,value", lines.get(0));
        assertTrue(lines.get(1).startsWith("(Intercept),"));
        assertEquals(diabetes.p() + 2, lines.size());
        for (String l : lines.subList(2, lines.size())) {
            String v = l.substring(l.indexOf(',') + 1);
            if (Double.parseDouble(v) == 0) assertEquals("0", v, "exact zeros written as 0: " + l);
        }
    }

    @Test
    void csvWithTargetNamesCoefficientsFromTheHeaderAndMatchesNpy() throws IOException {
        Path csv = dir.resolve("diabetes.csv");
        String[] names = new String[diabetes.p() + 1];
        double[] data = new double[diabetes.n() * (diabetes.p() + 1)];
        names[0] = "progression";
        System.arraycopy(diabetes.names(), 0, names, 1, diabetes.p());
        for (int i = 0; i < diabetes.n(); i++) {
            data[i * names.length] = diabetes.y()[i];
            System.arraycopy(diabetes.x(), i * diabetes.p(), data, i * names.length + 1, diabetes.p());
        }
        Csv.write(csv, names, diabetes.n(), data);
        Path c1 = dir.resolve("c1.csv"), c2 = dir.resolve("c2.csv");
        ok("fit", "--x", csv.toString(), "--target", "progression", "--lambda", "2", "--backend", "java", "--out", c1.toString());
        ok("fit", "--x", x().toString(), "--y", y().toString(), "--lambda", "2", "--backend", "java", "--out", c2.toString());
        CoefFile.Coefficients a = CoefFile.read(c1), b = CoefFile.read(c2);
        assertArrayEquals(diabetes.names(), a.names());
        assertArrayEquals(b.beta(), a.beta(), 0.0, "same data through CSV and .npy gives the same fit");
        assertEquals(b.intercept(), a.intercept(), 0.0);
    }

    @Test
    void fortranFloat32AndLibsvmInputsGiveTheSameFit() throws IOException {
        Path yf = y();
        Path cC = dir.resolve("c.csv"), cF = dir.resolve("f.csv"), cS = dir.resolve("s.csv");
        ok("fit", "--x", writeNpyX(dir, "c32.npy", diabetes, true, false).toString(), "--y", yf.toString(), "--lambda", "3", "--backend", "java", "--out", cC.toString());
        ok("fit", "--x", writeNpyX(dir, "f32.npy", diabetes, true, true).toString(), "--y", yf.toString(), "--lambda", "3", "--backend", "java", "--out", cF.toString());
        assertArrayEquals(CoefFile.read(cC).beta(), CoefFile.read(cF).beta(), 0.0, "C and Fortran order hold the same matrix");
        Path svm = dir.resolve("d.svm");
        LibSvm.write(svm, diabetes);
        ok("fit", "--x", svm.toString(), "--lambda", "3", "--backend", "java", "--out", cS.toString());
        Path cD = dir.resolve("d.csv");
        ok("fit", "--x", x().toString(), "--y", yf.toString(), "--lambda", "3", "--backend", "java", "--out", cD.toString());
        CoefFile.Coefficients s = CoefFile.read(cS), d = CoefFile.read(cD);
        double os = lassoObjective(diabetes, s, 3), od = lassoObjective(diabetes, d, 3);
        assertEquals(od, os, 1e-6 * od, "sparse (LibSVM) and dense fits reach the same objective");
    }

    @Test
    void predictReproducesFitsFittedValues() throws IOException {
        Path coef = dir.resolve("coef.csv"), pred = dir.resolve("pred.csv");
        Path xf = x();
        ok("fit", "--x", xf.toString(), "--y", y().toString(), "--lambda", "1", "--backend", "java", "--out", coef.toString());
        ok("predict", "--coef", coef.toString(), "--x", xf.toString(), "--out", pred.toString());
        double[] eta = fitted(diabetes, CoefFile.read(coef));
        List<String> l = lines(pred);
        assertEquals("prediction", l.get(0));
        assertEquals(diabetes.n() + 1, l.size());
        for (int i = 0; i < diabetes.n(); i++)
            assertEquals(eta[i], Double.parseDouble(l.get(i + 1)), 1e-12 * Math.max(1, Math.abs(eta[i])), "row " + (i + 1));
        // CSV input: columns matched by name, in another order, with an extra column that is ignored
        Path csv = dir.resolve("new.csv");
        int p = diabetes.p();
        String[] names = new String[p + 1];
        double[] data = new double[diabetes.n() * (p + 1)];
        names[p] = "unused";
        for (int j = 0; j < p; j++) names[j] = "x" + (p - j);
        for (int i = 0; i < diabetes.n(); i++) {
            for (int j = 0; j < p; j++) data[i * (p + 1) + j] = diabetes.x()[i * p + (p - 1 - j)];
            data[i * (p + 1) + p] = 42;
        }
        Csv.write(csv, names, diabetes.n(), data);
        Path pred2 = dir.resolve("pred2.csv");
        ok("predict", "--coef", coef.toString(), "--x", csv.toString(), "--out", pred2.toString());
        List<String> l2 = lines(pred2);
        for (int i = 1; i <= diabetes.n(); i++)
            assertEquals(Double.parseDouble(l.get(i)), Double.parseDouble(l2.get(i)), 1e-12 * Math.max(1, Math.abs(eta[i - 1])));
    }

    @Test
    void pathWritesOneRowPerLambdaAndAPlot() throws IOException {
        Path out = dir.resolve("path.csv"), png = dir.resolve("path.png");
        Result r = run("path", "--x", x().toString(), "--y", y().toString(), "--nlambda", "12", "--backend", "java",
                "--out", out.toString(), "--plot", png.toString(), "--json");
        assertTrue(r.code() == 0 || r.code() == ExitCode.NOT_CERTIFIED, r.toString());
        Csv.Table t = Csv.read(out);
        assertEquals(12, t.rows());
        assertArrayEquals(new String[]{"lambda", "nnz", "objective", "certificate", "(Intercept)"}, java.util.Arrays.copyOf(t.names(), 5));
        assertEquals("x10", t.names()[t.cols() - 1]);
        double[] lam = t.columnValues(0), nnz = t.columnValues(1);
        for (int i = 1; i < lam.length; i++) assertTrue(lam[i] < lam[i - 1], "decreasing lambda");
        assertEquals(0, nnz[0], 0.0, "nothing enters at lambda_max");
        int failed = 0;
        for (int i = 0; i < t.rows(); i++) {
            int k = 0;
            for (int j = 5; j < t.cols(); j++) if (t.data()[i * t.cols() + j] != 0) k++;
            assertEquals(nnz[i], k, 0.0, "nnz column counts the coefficients in row " + (i + 1));
            if (t.data()[i * t.cols() + 3] > 1e-7) failed++;
        }
        assertEquals(failed == 0 ? 0 : ExitCode.NOT_CERTIFIED, r.code(), "exit code 5 exactly when a certificate is above tol\n" + r);
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertEquals(12, j.get("nlambda").asInt());
        assertEquals(failed, j.get("uncertified").asInt());
        PngCheck.assertPng(png);
    }

    @Test
    void cvReportsLambdaMinAnd1seAndSavesTheTable() throws IOException {
        Path out = dir.resolve("cv.csv"), png = dir.resolve("cv.png"), coef = dir.resolve("coef.csv");
        Result r = run("cv", "--x", x().toString(), "--y", y().toString(), "--nlambda", "15", "--folds", "5", "--backend", "java",
                "--out", out.toString(), "--plot", png.toString(), "--coef", coef.toString(), "--json");
        assertTrue(r.code() == 0 || r.code() == ExitCode.NOT_CERTIFIED, r.toString());
        JsonNode j = Json.MAPPER.readTree(r.out());
        double lmin = j.get("lambda_min").asDouble(), l1se = j.get("lambda_1se").asDouble();
        assertTrue(l1se >= lmin, r.out());
        Csv.Table t = Csv.read(out);
        assertEquals(15, t.rows());
        assertArrayEquals(new String[]{"lambda", "nnz", "mean", "stderr"}, t.names());
        double[] mean = t.columnValues(2), se = t.columnValues(3), lam = t.columnValues(0);
        int imin = 0;
        for (int i = 1; i < mean.length; i++) if (mean[i] < mean[imin]) imin = i;
        assertEquals(lam[imin], lmin, 0.0, "lambda_min has the smallest mean CV error");
        double bound = mean[imin] + se[imin];
        double want = Double.NaN;
        for (int i = 0; i < mean.length; i++) if (mean[i] <= bound) { want = lam[i]; break; }
        assertEquals(want, l1se, 0.0, "lambda_1se: largest lambda within one s.e. of the minimum");
        assertEquals(CoefFile.read(coef).p(), diabetes.p());
        PngCheck.assertPng(png);
    }

    @Test
    void logisticAcceptsPlusMinusOneLabelsAndGroupLassoReadsGroups() throws IOException {
        Random rnd = new Random(7);
        int n = 120, p = 6;
        double[] x = new double[n * p], ypm = new double[n], yg = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = 0;
            for (int j = 0; j < p; j++) {
                x[i * p + j] = rnd.nextGaussian();
                if (j < 2) eta += 1.5 * x[i * p + j];
            }
            ypm[i] = rnd.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : -1;
            yg[i] = eta + 0.3 * rnd.nextGaussian();
        }
        Dataset d = Dataset.dense(n, p, x, ypm, null);
        Path xf = writeNpyX(dir, "lx.npy", d, false, false);
        Path coef = dir.resolve("lc.csv"), pred = dir.resolve("lp.csv");
        Result r = ok("fit", "--x", xf.toString(), "--y", writeNpyY(dir, "ly.npy", ypm).toString(), "--loss", "logistic",
                "--lambda-ratio", "0.1", "--backend", "java", "--out", coef.toString(), "--json");
        assertTrue(Json.MAPPER.readTree(r.out()).has("duality_gap"));
        ok("predict", "--coef", coef.toString(), "--x", xf.toString(), "--loss", "logistic", "--out", pred.toString());
        double[] eta = fitted(d, CoefFile.read(coef));
        List<String> l = lines(pred);
        for (int i = 0; i < n; i++) assertEquals(1 / (1 + Math.exp(-eta[i])), Double.parseDouble(l.get(i + 1)), 1e-12);
        // labels other than 0/1 or -1/+1 are an input error naming the file
        double[] bad = ypm.clone();
        bad[4] = 2;
        Path yb = writeNpyY(dir, "bad.npy", bad);
        fails(ExitCode.INPUT, new String[]{"fit", "--x", xf.toString(), "--y", yb.toString(), "--loss", "logistic", "--lambda", "0.01",
                "--backend", "java", "--out", dir.resolve("z.csv").toString()}, yb.toString(), "row 5");
        // one class only: the solver's validation becomes exit 3 with one line
        Path y0 = writeNpyY(dir, "zeros.npy", new double[n]);
        fails(ExitCode.INPUT, new String[]{"fit", "--x", xf.toString(), "--y", y0.toString(), "--loss", "logistic", "--lambda", "0.01",
                "--backend", "java", "--out", dir.resolve("z.csv").toString()}, "invalid input");

        Path g = dir.resolve("G.txt");
        GroupFile.write(g, new int[]{1, 1, 2, 2, 3, 3});
        Path gc = dir.resolve("gc.csv");
        Result gr = ok("fit", "--x", xf.toString(), "--y", writeNpyY(dir, "gy.npy", yg).toString(), "--loss", "group", "--groups", g.toString(),
                "--lambda-ratio", "0.2", "--backend", "java", "--out", gc.toString(), "--json");
        assertTrue(Json.MAPPER.readTree(gr.out()).has("kkt_violation"), gr.out());
        double[] b = CoefFile.read(gc).beta();
        for (int k = 0; k < 3; k++) assertEquals(b[2 * k] == 0, b[2 * k + 1] == 0, "a group is zero or not as a whole");
    }

    @Test
    void malformedInputsGiveExitCode3AndOneLineNamingTheFile() throws IOException {
        Path y = y(), out = dir.resolve("never.csv");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,b,y\n1,2,3\n4,5\n");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", ragged.toString(), "--target", "y", "--out", out.toString()}, ragged + ":3:3: ragged row");
        Path text = Files.writeString(dir.resolve("text.csv"), "a,b,y\n1,2,3\n4,five,6\n");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", text.toString(), "--target", "y", "--out", out.toString()}, text + ":3:2: non-numeric cell \"five\"");
        Path nan = Files.writeString(dir.resolve("nan.csv"), "a,b,y\n1,2,3\n4,NaN,6\n");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", nan.toString(), "--target", "y", "--out", out.toString()}, nan + ":3:2:", "NaN");
        Path inf = Files.writeString(dir.resolve("inf.csv"), "a,b,y\n1,2,3\n4,5,Inf\n");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", inf.toString(), "--target", "y", "--out", out.toString()}, inf + ":3:3:", "Inf");
        Path xf = x();
        byte[] all = Files.readAllBytes(xf);
        Path trunc = dir.resolve("trunc.npy");
        Files.write(trunc, java.util.Arrays.copyOf(all, all.length - 100));
        fails(ExitCode.INPUT, new String[]{"fit", "--x", trunc.toString(), "--y", y.toString(), "--out", out.toString()}, trunc.toString(), "truncated");
        Path lie = dir.resolve("lie.npy");
        Files.write(lie, new String(all, java.nio.charset.StandardCharsets.ISO_8859_1).replace("(442, 10)", "(443, 10)").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        fails(ExitCode.INPUT, new String[]{"fit", "--x", lie.toString(), "--y", y.toString(), "--out", out.toString()}, lie.toString(), "header says shape (443, 10)");
        Path zero = Files.writeString(dir.resolve("negative.svm"), "1 1:2 2:3\n2 -1:1\n");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", zero.toString(), "--out", out.toString()}, zero + ":2:2: negative feature index -1");
        Path order = Files.writeString(dir.resolve("order.svm"), "1 1:2 2:3\n2 3:1 2:1\n");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", order.toString(), "--out", out.toString()}, order + ":2:3: feature index 2 after 3");
        Path shortY = writeNpyY(dir, "short.npy", new double[10]);
        fails(ExitCode.INPUT, new String[]{"fit", "--x", xf.toString(), "--y", shortY.toString(), "--out", out.toString()}, shortY.toString(), "y has 10 values but X", "442 rows");
        Path empty = Files.writeString(dir.resolve("empty.csv"), "");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", empty.toString(), "--target", "y", "--out", out.toString()}, empty + ": empty file");
        Path emptyNpy = Files.writeString(dir.resolve("empty.npy"), "");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", emptyNpy.toString(), "--y", y.toString(), "--out", out.toString()}, emptyNpy.toString());
        fails(ExitCode.INPUT, new String[]{"fit", "--x", dir.resolve("missing.npy").toString(), "--y", y.toString(), "--out", out.toString()}, "missing.npy: no such file");
        Path g = Files.writeString(dir.resolve("G.txt"), "1\n2\n");
        fails(ExitCode.INPUT, new String[]{"fit", "--x", xf.toString(), "--y", y.toString(), "--loss", "group", "--groups", g.toString(), "--out", out.toString()},
                g.toString(), "2 group ids but X has 10 columns");
        Path badCoef = Files.writeString(dir.resolve("coef.csv"), "name,value\nx1,1\n");
        fails(ExitCode.INPUT, new String[]{"predict", "--coef", badCoef.toString(), "--x", xf.toString(), "--out", out.toString()}, badCoef + ":2:1:", "(Intercept)");
        Path goodCoef = dir.resolve("good.csv");
        CoefFile.write(goodCoef, 1, new String[]{"a", "b"}, new double[]{1, 2});
        fails(ExitCode.INPUT, new String[]{"predict", "--coef", goodCoef.toString(), "--x", xf.toString(), "--out", out.toString()}, "shape (442, 10)", "2 coefficients");
        assertFalse(Files.exists(out), "no output is written for a failed run");
        // an output that cannot be written (its directory is a regular file): exit 3 naming the output, not a temporary
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        Result w = fails(ExitCode.INPUT, new String[]{"fit", "--x", xf.toString(), "--y", y.toString(), "--lambda", "1", "--backend", "java",
                "--out", notADir.resolve("coef.csv").toString()}, "cannot write " + notADir.resolve("coef.csv"));
        assertFalse(w.err().contains(".tmp"), w.toString());
    }

    @Test
    void usageErrorsGiveExitCode2() throws IOException {
        String xs = x().toString(), ys = y().toString(), out = dir.resolve("c.csv").toString();
        fails(ExitCode.USAGE, new String[]{"fit", "--x", xs, "--y", ys}, "--out");
        fails(ExitCode.USAGE, new String[]{"fit", "--x", xs, "--y", ys, "--out", out, "--loss", "hinge"}, "--loss");
        fails(ExitCode.USAGE, new String[]{"fit", "--x", xs, "--y", ys, "--out", out, "--alpha", "0"}, "--alpha must be in (0, 1]");
        fails(ExitCode.USAGE, new String[]{"fit", "--x", xs, "--y", ys, "--out", out, "--lambda", "-1"}, "--lambda must be");
        fails(ExitCode.USAGE, new String[]{"fit", "--x", xs, "--y", ys, "--out", out, "--backend", "tpu"}, "--backend must be one of");
        fails(ExitCode.USAGE, new String[]{"fit", "--x", xs, "--y", ys, "--out", out, "--precision", "float16"}, "--precision");
        fails(ExitCode.USAGE, new String[]{"fit", "--x", xs, "--out", out}, "no response");
        fails(ExitCode.USAGE, new String[]{"frobnicate"}, "frobnicate");
        fails(ExitCode.USAGE, new String[]{"cv", "--x", xs, "--y", ys, "--folds", "1"}, "--folds must be >= 2");
        fails(ExitCode.USAGE, new String[]{"fit", "--x", xs, "--y", ys, "--out", out, "--lambda", "abc"}, "--lambda");
    }

    @Test
    void unavailableBackendGivesExitCode4WithTheReason() throws IOException {
        Backend missing = null;
        for (Backend b : Backends.list()) if (!b.isAvailable() && !b.family().equals("opencl")) { missing = b; break; }
        assumeTrue(missing != null, "every backend is available on this machine");
        fails(ExitCode.BACKEND, new String[]{"fit", "--x", x().toString(), "--y", y().toString(), "--lambda", "1", "--backend", missing.name(),
                "--out", dir.resolve("c.csv").toString()}, missing.name(), "unavailable", "spred4j devices");
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "a,y\n1,2\n3\n");
        Result r = run("fit", "--verbose", "--x", ragged.toString(), "--target", "y", "--out", dir.resolve("c.csv").toString());
        assertEquals(ExitCode.INPUT, r.code());
        assertTrue(r.errLines().get(0).contains(ragged + ":3:"), r.toString());
        assertTrue(r.err().contains("\tat io.github.spred4j.io.Csv.read"), r.toString());
    }

    @Test
    void devicesListsEveryBackend() throws IOException {
        Result t = ok("devices");
        for (Backend b : Backends.list()) assertTrue(t.out().contains(b.name()), t.out());
        assertTrue(t.out().contains("<- auto"), t.out());
        JsonNode a = Json.MAPPER.readTree(ok("devices", "--json").out());
        assertEquals(Backends.list().size(), a.size());
        for (JsonNode o : a) {
            assertTrue(o.has("name") && o.has("available") && o.has("device") && o.has("reason"), o.toString());
            assertEquals(o.get("available").asBoolean(), o.get("reason").isNull(), "a reason exactly when unavailable: " + o);
        }
    }

    @Test
    void helpOnEveryCommandListsTheExitCodes() {
        for (String c : new String[]{"fit", "path", "cv", "predict", "devices", "demo"}) {
            Result r = ok(c, "--help");
            assertTrue(r.out().contains("Usage: spred4j " + c), r.out());
            assertTrue(r.out().contains("Exit codes:") && r.out().contains("5  not certified"), r.out());
        }
        Result v = ok("--version");
        assertTrue(v.out().startsWith("spred4j "), v.out());
        assertTrue(ok("--help").out().contains("predict"));
    }

    @Test
    void demoWritesTwoPngsOfTheExpectedSize() throws IOException {
        Result r = run("demo", "--dir", dir.toString(), "--backend", "java");
        assertTrue(r.code() == 0 || r.code() == ExitCode.NOT_CERTIFIED, r.toString());
        if (r.code() == ExitCode.NOT_CERTIFIED) assertTrue(r.err().contains("not certified"), r.toString());
        assertTrue(r.out().contains("lambda_min=") && r.out().contains("lambda_1se="), r.out());
        assertTrue(r.out().contains("diabetes"), r.out());
        PngCheck.assertPng(dir.resolve("path.png"));
        PngCheck.assertPng(dir.resolve("cv.png"));
        assertEquals(DataLoader.Format.NPY, DataLoader.detect(writeNpyX(dir, "probe", diabetes, false, false)), "format sniffing without extension");
    }

    /** Poisson counts drawn from a seeded log-linear model on two standardised diabetes columns. */
    private Path poissonY(double[] yOut) throws IOException {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        int n = diabetes.n(), p = diabetes.p();
        double[] z0 = new double[n], z2 = new double[n];
        for (int i = 0; i < n; i++) {
            z0[i] = diabetes.x()[i * p];
            z2[i] = diabetes.x()[i * p + 2];
        }
        standardise(z0);
        standardise(z2);
        double[] y = new double[n];
        for (int i = 0; i < y.length; i++) {
            double mu = Math.exp(0.5 + 0.3 * z0[i] - 0.6 * z2[i]);
            int k = 0; // Knuth's Poisson sampler (mu is small here)
            double l = Math.exp(-mu), prod = rnd.nextDouble();
            while (prod > l) {
                k++;
                prod *= rnd.nextDouble();
            }
            y[i] = k;
        }
        if (yOut != null) System.arraycopy(y, 0, yOut, 0, y.length);
        return writeNpyY(dir, "counts.npy", y);
    }

    private static void standardise(double[] v) {
        double m = java.util.Arrays.stream(v).average().orElseThrow(), s = 0;
        for (double t : v) s += (t - m) * (t - m) / v.length;
        for (int i = 0; i < v.length; i++) v[i] = (v[i] - m) / Math.sqrt(s);
    }

    @Test
    void poissonFitPathCvAndPredictWork() throws IOException {
        double[] counts = new double[diabetes.n()];
        Path yf = poissonY(counts);
        Path coef = dir.resolve("pois.csv");
        Result r = ok("fit", "--x", x().toString(), "--y", yf.toString(), "--loss", "poisson", "--lambda-ratio", "0.05",
                "--backend", "java", "--out", coef.toString(), "--json");
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertTrue(j.get("certified").asBoolean(), r.out());
        assertTrue(j.get("duality_gap").asDouble() >= -1e-12, r.out());
        assertTrue(j.get("nnz").asInt() >= 1, r.out());
        // the objective recomputed here: (1/n)·Σ[e^η − yη] + λ‖β‖₁
        CoefFile.Coefficients c = CoefFile.read(coef);
        double[] eta = fitted(diabetes, c);
        double obj = 0;
        for (int i = 0; i < eta.length; i++) obj += (Math.exp(eta[i]) - counts[i] * eta[i]) / eta.length;
        for (double b : c.beta()) obj += j.get("lambda").asDouble() * Math.abs(b);
        assertEquals(obj, j.get("objective").asDouble(), 1e-9 * Math.abs(obj), r.out() + " counts[0..3] " + counts[0] + "," + counts[1] + "," + counts[2]);
        Path pred = dir.resolve("pred.csv");
        ok("predict", "--coef", coef.toString(), "--x", x().toString(), "--loss", "poisson", "--out", pred.toString());
        List<String> rows = lines(pred);
        assertEquals(Math.exp(eta[0]), Double.parseDouble(rows.get(1).split(",")[rows.get(1).split(",").length - 1]), 1e-9 * Math.exp(eta[0]));
        ok("path", "--x", x().toString(), "--y", yf.toString(), "--loss", "poisson", "--nlambda", "8", "--backend", "java",
                "--out", dir.resolve("ppath.csv").toString());
        ok("cv", "--x", x().toString(), "--y", yf.toString(), "--loss", "poisson", "--nlambda", "8", "--folds", "3",
                "--backend", "java", "--out", dir.resolve("pcv.csv").toString());
    }

    @Test
    void poissonRejectsNegativeCountsNamingTheRow() throws IOException {
        double[] y = new double[diabetes.n()];
        java.util.Arrays.fill(y, 2);
        y[4] = -1;
        Path yf = writeNpyY(dir, "neg.npy", y);
        fails(ExitCode.INPUT, new String[]{"fit", "--x", x().toString(), "--y", yf.toString(), "--loss", "poisson",
                "--lambda", "0.1", "--out", dir.resolve("o.csv").toString()}, "counts y >= 0", "row 5");
        fails(ExitCode.USAGE, new String[]{"fit", "--x", x().toString(), "--y", yf.toString(), "--loss", "poisson",
                "--method", "lbfgs", "--lambda", "0.1", "--out", dir.resolve("o.csv").toString()}, "--method cd or spred_ws only");
    }

    @Test
    void exactLeastSquaresIsCertified() throws IOException {
        Result r = ok("fit", "--x", x().toString(), "--y", y().toString(), "--lambda", "0", "--backend", "java",
                "--out", dir.resolve("ls.csv").toString(), "--json");
        JsonNode j = Json.MAPPER.readTree(r.out());
        assertTrue(j.get("certified").asBoolean(), r.out());
        assertTrue(j.get("gradient_ratio").asDouble() <= 1e-7, r.out());
    }
}
