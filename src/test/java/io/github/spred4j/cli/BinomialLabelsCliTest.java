package io.github.spred4j.cli;

import io.github.spred4j.io.CoefFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;

import static io.github.spred4j.cli.CliTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * A binomial response as R users hold it: a factor or character column ("M"/"B", "yes"/"no") in the CSV given to
 * {@code --loss logistic --target}. glmnet models the second level of the factor (levels sorted); the fit must equal
 * glmnet's on the same file (fixtures written by R: io/users/gen_r.R). Before: "non-numeric cell "M"".
 */
class BinomialLabelsCliTest {
    @TempDir
    Path dir;

    static Path fixture(String name) throws URISyntaxException {
        var url = BinomialLabelsCliTest.class.getResource("/io/github/spred4j/io/users/" + name);
        assertNotNull(url, "fixture " + name + " missing from the test resources");
        return Path.of(url.toURI());
    }

    @Test
    void factorAndCharacterLabelsFitAsGlmnet() throws Exception {
        CoefFile.Coefficients ref = CoefFile.read(fixture("r_glmnet_binomial_coef.csv"));
        String[][] cases = {{"r_factor_labels.csv", "diagnosis", "'B' is 0, 'M' is 1"}, {"r_yes_no.csv", "answer", "'no' is 0, 'yes' is 1"}};
        for (String[] c : cases) {
            Path out = dir.resolve(c[1] + ".csv");
            Result r = ok("fit", "--x", fixture(c[0]).toString(), "--target", c[1], "--loss", "logistic", "--lambda", "0.05",
                    "--tol", "1e-13", "--backend", "java", "--out", out.toString(), "-q");
            assertTrue(r.err().contains(c[2]), () -> "the note names the modelled class\n" + r);
            CoefFile.Coefficients got = CoefFile.read(out);
            assertArrayEquals(ref.names(), got.names(), c[0]);
            assertEquals(ref.intercept(), got.intercept(), 1e-7, c[0] + " intercept");
            for (int j = 0; j < ref.beta().length; j++) {
                assertEquals(ref.beta()[j], got.beta()[j], 1e-7, c[0] + " " + ref.names()[j]);
                assertEquals(ref.beta()[j] == 0, got.beta()[j] == 0, c[0] + " " + ref.names()[j] + ": same zeros");
            }
        }
    }

    @Test
    void labelsOnlyForTheLogisticLossAndExactlyTwoClasses() throws Exception {
        String x = fixture("r_factor_labels.csv").toString(), out = dir.resolve("o.csv").toString();
        fails(3, new String[]{"fit", "--x", x, "--target", "diagnosis", "--lambda", "0.05", "--out", out},
                "non-numeric cell \"M\" in column 'diagnosis'");
        fails(3, new String[]{"fit", "--x", fixture("r_three_labels.csv").toString(), "--target", "species", "--loss", "logistic",
                "--lambda", "0.05", "--out", out}, "column 'species' holds 3 labels ('setosa', 'versicolor', 'virginica')", "exactly two");
        // a feature column with text stays an error even under the logistic loss
        fails(3, new String[]{"fit", "--x", fixture("r_yes_no.csv").toString(), "--target", "a", "--loss", "logistic",
                "--lambda", "0.05", "--out", out}, "non-numeric cell \"yes\" in column 'answer'");
    }

    /** predict --type class: glmnet's predict(type="class"), its second level (here 1) where the link is > 0. */
    @Test
    void predictClassIsTheSignOfTheLink() throws Exception {
        Path x = fixture("r_factor_labels.csv"), coef = dir.resolve("c.csv"), link = dir.resolve("l.csv"), cls = dir.resolve("k.csv");
        ok("fit", "--x", x.toString(), "--target", "diagnosis", "--loss", "logistic", "--lambda", "0.05", "--backend", "java", "--out", coef.toString(), "-q");
        ok("predict", "--coef", coef.toString(), "--x", x.toString(), "--target", "diagnosis", "--loss", "logistic", "--type", "link", "--out", link.toString(), "-q");
        ok("predict", "--coef", coef.toString(), "--x", x.toString(), "--target", "diagnosis", "--loss", "logistic", "--type", "class", "--out", cls.toString(), "-q");
        var l = java.nio.file.Files.readAllLines(link);
        var k = java.nio.file.Files.readAllLines(cls);
        assertEquals(7, k.size());
        int ones = 0;
        for (int i = 1; i < 7; i++) {
            double eta = Double.parseDouble(l.get(i));
            assertEquals(eta > 0 ? 1.0 : 0.0, Double.parseDouble(k.get(i)), 0.0, "row " + i);
            ones += eta > 0 ? 1 : 0;
        }
        assertTrue(ones > 0 && ones < 6, "both classes predicted on this fixture");
        fails(2, new String[]{"predict", "--coef", coef.toString(), "--x", x.toString(), "--target", "diagnosis", "--type", "class",
                "--out", cls.toString()}, "--type class applies to --loss logistic");
    }
}
