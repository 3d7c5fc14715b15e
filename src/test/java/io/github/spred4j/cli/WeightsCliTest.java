package io.github.spred4j.cli;

import io.github.spred4j.io.CoefFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.spred4j.cli.CliTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code --weights FILE} and {@code --penalty-factor FILE} on glmnet's own files (scripts/glmnet-weights-refs.R:
 * X.csv, y.txt, weights.txt, pf.txt as written by R): the fit equals glmnet's coefficients; bad files are one-line
 * errors naming the file and line.
 */
class WeightsCliTest {
    @TempDir
    Path dir;

    private static Path ref(String name) throws Exception {
        return Path.of(WeightsCliTest.class.getResource("/glmnet-weights/" + name + "/opts.txt").toURI()).getParent();
    }

    @Test
    void fitWithWeightsAndPenaltyFactorsEqualsGlmnet() throws Exception {
        Path r = ref("sq_pf");
        List<String> lam = Files.readAllLines(r.resolve("lambda.txt")), coef = Files.readAllLines(r.resolve("coef.csv"));
        int k = 9;
        Path out = dir.resolve("coef.csv");
        ok("fit", "--x", r.resolve("X.csv").toString(), "--y", r.resolve("y.txt").toString(), "--weights", r.resolve("weights.txt").toString(),
                "--penalty-factor", r.resolve("pf.txt").toString(), "--standardize", "--lambda", lam.get(k), "--tol", "1e-12",
                "--backend", "java", "--out", out.toString());
        CoefFile.Coefficients c = CoefFile.read(out);
        assertGlmnetRow(coef.get(k), c.intercept(), c.beta(), "");
        assertEquals(0.0, c.beta()[2], 0, "pf = Inf excludes x3");
        assertNotEquals(0.0, c.beta()[0], "pf = 0 keeps x1 in the model");
    }

    /** Several responses with --weights and --penalty-factor: each coefficient column equals its own one-response fit. */
    @Test
    void severalResponsesWithWeightsEqualTheirSingleFits() throws Exception {
        Path r = ref("sq_pf");
        List<String> y = Files.readAllLines(r.resolve("y.txt"));
        StringBuilder two = new StringBuilder("a,b\n"), second = new StringBuilder();
        for (String v : y) {
            if (v.isBlank()) continue;
            double b = 3 - 2 * Double.parseDouble(v.trim()) + Math.sin(two.length());
            two.append(v.trim()).append(',').append(b).append('\n');
            second.append(b).append('\n');
        }
        Path ys = dir.resolve("Y.csv"), y2 = dir.resolve("y2.txt");
        Files.writeString(ys, two);
        Files.writeString(y2, second);
        String lam = Files.readAllLines(r.resolve("lambda.txt")).get(9);
        String[] common = {"--x", r.resolve("X.csv").toString(), "--weights", r.resolve("weights.txt").toString(), "--penalty-factor",
                r.resolve("pf.txt").toString(), "--standardize", "--lambda", lam, "--tol", "1e-12", "--backend", "java"};
        Path both = dir.resolve("both.csv"), one = dir.resolve("one.csv"), other = dir.resolve("other.csv");
        ok(concat(new String[]{"fit", "--y", ys.toString(), "--out", both.toString()}, common));
        ok(concat(new String[]{"fit", "--y", r.resolve("y.txt").toString(), "--out", one.toString()}, common));
        ok(concat(new String[]{"fit", "--y", y2.toString(), "--out", other.toString()}, common));
        CoefFile.Columns c = CoefFile.readColumns(both);
        assertEquals(2, c.k(), "one coefficient column per response");
        CoefFile.Coefficients[] single = {CoefFile.read(one), CoefFile.read(other)};
        for (int t = 0; t < 2; t++) {
            CoefFile.Coefficients a = c.column(t), b = single[t];
            assertEquals(b.intercept(), a.intercept(), 1e-9 * (1 + Math.abs(b.intercept())), "intercept of response " + t);
            for (int j = 0; j < b.beta().length; j++)
                assertEquals(b.beta()[j], a.beta()[j], 1e-9 * (1 + Math.abs(b.beta()[j])), "beta[" + j + "] of response " + t);
        }
        assertNotEquals(c.column(0).beta()[0], c.column(1).beta()[0], "the two responses have their own fits");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void pathOverGlmnetsLambdasEqualsGlmnetsPath() throws Exception {
        Path r = ref("sq_noint");
        List<String> coef = Files.readAllLines(r.resolve("coef.csv"));
        Path out = dir.resolve("path.csv");
        ok("path", "--x", r.resolve("X.csv").toString(), "--y", r.resolve("y.txt").toString(), "--weights", r.resolve("weights.txt").toString(),
                "--penalty-factor", r.resolve("pf.txt").toString(), "--standardize", "--no-intercept", "--lambdas", r.resolve("lambda.txt").toString(),
                "--tol", "1e-12", "--backend", "java", "--out", out.toString());
        io.github.spred4j.io.Csv.Table t = io.github.spred4j.io.Csv.read(out);
        int p = coef.get(0).split(",").length - 1;
        double[] b0 = t.columnValues(t.column(CoefFile.INTERCEPT));
        assertEquals(coef.size(), b0.length, "one row per lambda");
        double[][] cols = new double[p][];
        for (int j = 0; j < p; j++) cols[j] = t.columnValues(t.column("x" + (j + 1)));
        for (int k = 0; k < coef.size(); k++) {
            double[] beta = new double[p];
            for (int j = 0; j < p; j++) beta[j] = cols[j][k];
            assertGlmnetRow(coef.get(k), b0[k], beta, "lambda #" + k + ": ");
        }
    }

    /** Ours against one row of glmnet's coef.csv (intercept first), each within 1e-5·(1 + the row's largest |value|). */
    private static void assertGlmnetRow(String row, double intercept, double[] beta, String where) {
        String[] g = row.split(",");
        assertEquals(g.length, beta.length + 1, where + "glmnet's row has the intercept and one value per feature");
        double scale = 0;
        for (String v : g) scale = Math.max(scale, Math.abs(Double.parseDouble(v)));
        assertEquals(Double.parseDouble(g[0]), intercept, 1e-5 * (1 + scale), where + "intercept");
        for (int j = 0; j < beta.length; j++)
            assertEquals(Double.parseDouble(g[j + 1]), beta[j], 1e-5 * (1 + scale), where + "beta[" + j + "]");
    }

    @Test
    void badWeightAndFactorFilesAreOneLineErrors() throws Exception {
        Path r = ref("sq_weights");
        String x = r.resolve("X.csv").toString(), y = r.resolve("y.txt").toString();
        int n = Files.readAllLines(r.resolve("y.txt")).size();
        Path w = dir.resolve("w.txt");
        String o = dir.resolve("coef.csv").toString();
        Files.writeString(w, "1\n".repeat(n - 1));
        fails(3, new String[]{"fit", "--x", x, "--y", y, "--weights", w.toString(), "--lambda", "0.1", "--backend", "java", "--out", o},
                "w.txt", (n - 1) + " weights for the " + n + " rows of X");
        Files.writeString(w, "1\n".repeat(n + 1));
        fails(3, new String[]{"fit", "--x", x, "--y", y, "--weights", w.toString(), "--lambda", "0.1", "--backend", "java", "--out", o},
                "w.txt:" + (n + 1) + ":1", "more weights than the " + n + " rows of X");
        Files.writeString(w, "weight\n1\n-2\n" + "1\n".repeat(n - 2));
        fails(3, new String[]{"fit", "--x", x, "--y", y, "--weights", w.toString(), "--lambda", "0.1", "--backend", "java", "--out", o},
                "w.txt:3:1", "weight -2 is negative");
        Files.writeString(w, "1\nNaN\n" + "1\n".repeat(n - 2));
        fails(3, new String[]{"fit", "--x", x, "--y", y, "--weights", w.toString(), "--lambda", "0.1", "--backend", "java", "--out", o},
                "w.txt:2:1", "non-finite value 'NaN' in the weights");
        Files.writeString(w, "0\n".repeat(n));
        fails(3, new String[]{"fit", "--x", x, "--y", y, "--weights", w.toString(), "--lambda", "0.1", "--backend", "java", "--out", o},
                "w.txt", "the weights are all zero");
        Path f = dir.resolve("pf.txt");
        Files.writeString(f, "1\n2\n");
        fails(3, new String[]{"fit", "--x", x, "--y", y, "--penalty-factor", f.toString(), "--lambda", "0.1", "--backend", "java", "--out", o},
                "pf.txt", "2 penalty factors for the 11 features");
        Files.writeString(f, "0\n".repeat(11));
        fails(3, new String[]{"fit", "--x", x, "--y", y, "--penalty-factor", f.toString(), "--lambda", "0.1", "--backend", "java", "--out", o},
                "pf.txt", "the penalty factors are all zero");
        Files.writeString(f, "1\n".repeat(11));
        fails(2, new String[]{"fit", "--x", x, "--y", y, "--penalty-factor", f.toString(), "--lambda", "0.1", "--backend", "java",
                "--out", f.toString()}, "--out", "is also --penalty-factor (an input): refusing to overwrite it");
    }

    @Test
    void logisticFitWithWeightsAndAnUnpenalisedFeatureEqualsGlmnet() throws Exception {
        Path r = ref("logit_w_pf0");
        List<String> lam = Files.readAllLines(r.resolve("lambda.txt")), coef = Files.readAllLines(r.resolve("coef.csv"));
        int k = 8;
        Path out = dir.resolve("coef.csv");
        ok("fit", "--loss", "logistic", "--x", r.resolve("X.csv").toString(), "--y", r.resolve("y.txt").toString(),
                "--weights", r.resolve("weights.txt").toString(), "--penalty-factor", r.resolve("pf.txt").toString(), "--standardize",
                "--lambda", lam.get(k), "--tol", "1e-12", "--backend", "java", "--out", out.toString());
        CoefFile.Coefficients c = CoefFile.read(out);
        assertGlmnetRow(coef.get(k), c.intercept(), c.beta(), "");
        assertNotEquals(0.0, c.beta()[0], "pf = 0 keeps x1 in the model");
    }

    @Test
    void cvWithWeightsMatchesCvGlmnet() throws Exception {
        Path r = Path.of(WeightsCliTest.class.getResource("/glmnet-weights-cv/cv_logit_weights/opts.txt").toURI()).getParent();
        Result res = ok("cv", "--loss", "logistic", "--x", r.resolve("X.csv").toString(), "--y", r.resolve("y.txt").toString(),
                "--weights", r.resolve("weights.txt").toString(), "--penalty-factor", r.resolve("pf.txt").toString(), "--standardize",
                "--foldid", r.resolve("foldid.txt").toString(), "--lambdas", r.resolve("lambda.txt").toString(), "--tol", "1e-12",
                "--backend", "java", "--out", dir.resolve("cv.csv").toString(), "--json");
        com.fasterxml.jackson.databind.JsonNode j = Json.MAPPER.readTree(res.out());
        String[] choice = Files.readString(r.resolve("choice.txt")).trim().split(" ");
        assertEquals(Double.parseDouble(choice[0]), j.get("lambda_min").asDouble(), 1e-12 * Double.parseDouble(choice[0]), "lambda_min");
        assertEquals(Double.parseDouble(choice[1]), j.get("lambda_1se").asDouble(), 1e-12 * Double.parseDouble(choice[1]), "lambda_1se");
        List<String> cvm = Files.readAllLines(r.resolve("cvm.txt"));
        for (int l = 0; l < cvm.size(); l++)
            assertEquals(Double.parseDouble(cvm.get(l)), j.get("cv_mean").get(l).asDouble(), 1e-4 * Double.parseDouble(cvm.get(l)), "cvm #" + l);
    }
}
