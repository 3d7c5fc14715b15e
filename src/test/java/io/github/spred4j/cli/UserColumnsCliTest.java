package io.github.spred4j.cli;

import io.github.spred4j.io.CoefFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.github.spred4j.cli.BinomialLabelsCliTest.fixture;
import static io.github.spred4j.cli.CliTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * Columns as users' files hold them (fixtures written by R and pandas: io/users/gen_r.R, gen_py.py): labels of a
 * binomial response in a plain-text {@code --y} file, a factor feature and an ID column next to the numbers
 * ({@code --drop}), and predict on files with columns it does not use. Each case failed before: "non-numeric cell".
 */
class UserColumnsCliTest {
    @TempDir
    Path dir;

    /** Fits X.npy with the labels of {@code yFile} and checks glmnet's binomial coefficients (same zeros too). */
    private void fitsAsGlmnet(String yFile) throws Exception {
        CoefFile.Coefficients ref = CoefFile.read(fixture("r_glmnet_binomial_coef.csv"));
        Path out = dir.resolve(yFile + ".coef.csv");
        Result r = ok("fit", "--x", fixture("X.npy").toString(), "--y", fixture(yFile).toString(), "--loss", "logistic",
                "--lambda", "0.05", "--tol", "1e-13", "--backend", "java", "--out", out.toString(), "-q");
        assertTrue(r.err().contains("'B' is 0, 'M' is 1"), () -> yFile + ": the note names the modelled class\n" + r);
        CoefFile.Coefficients got = CoefFile.read(out);
        assertEquals(ref.intercept(), got.intercept(), 1e-7, yFile + " intercept");
        for (int j = 0; j < ref.beta().length; j++) {
            assertEquals(ref.beta()[j], got.beta()[j], 1e-7, yFile + " " + ref.names()[j]);
            assertEquals(ref.beta()[j] == 0, got.beta()[j] == 0, yFile + " " + ref.names()[j] + ": same zeros");
        }
    }

    /**
     * writeLines(as.character(f)) (no header: its first line is a label, not a header word), write.table(f) (quoted
     * "x" header, quoted row names and labels), write.table(f, quote = FALSE, row.names = FALSE, col.names = FALSE),
     * and numpy's np.save of a string array ('<U1', '|S1'); a pickled object array is refused in one line.
     */
    @Test
    void labelsInPlainTextYFiles() throws Exception {
        for (String f : new String[]{"r_labels_lines.txt", "r_labels_table.txt", "r_labels_bare.txt", "y_labels.npy", "y_labels_bytes.npy"})
            fitsAsGlmnet(f);
        // the squared loss still wants numbers, in one line naming the place
        fails(3, new String[]{"fit", "--x", fixture("X.npy").toString(), "--y", fixture("r_labels_lines.txt").toString(),
                "--lambda", "0.05", "--out", dir.resolve("o.csv").toString()}, "r_labels_lines.txt:2:1: non-numeric cell \"B\"", "needs --loss logistic");
        fails(3, new String[]{"fit", "--x", fixture("X.npy").toString(), "--y", fixture("y_labels.npy").toString(),
                "--lambda", "0.05", "--out", dir.resolve("o.csv").toString()}, "y_labels.npy: a text array ('<U1')", "--loss logistic");
        fails(3, new String[]{"fit", "--x", fixture("X.npy").toString(), "--y", fixture("y_labels_object.npy").toString(), "--loss", "logistic",
                "--lambda", "0.05", "--out", dir.resolve("o.csv").toString()}, "y_labels_object.npy: an object array ('|O', pickled)", "dtype=str");
    }

    /** --drop leaves a factor feature and an ID column out: the fit equals the one on the numbers alone. */
    @Test
    void dropLeavesColumnsOut() throws Exception {
        Path ref = dir.resolve("ref.csv");
        ok("fit", "--x", fixture("r_write_csv.csv").toString(), "--target", "y", "--lambda", "0.1", "--backend", "java", "--out", ref.toString(), "-q");
        String[][] cases = {{"r_factor_feature.csv", "sex,id"}, {"pd_named_index.csv", "id"}};
        for (String[] c : cases) {
            Path out = dir.resolve(c[0]);
            ok("fit", "--x", fixture(c[0]).toString(), "--target", "y", "--drop", c[1], "--lambda", "0.1", "--backend", "java", "--out", out.toString(), "-q");
            assertEquals(Files.readAllLines(ref), Files.readAllLines(out), c[0]);
        }
        String x = fixture("r_factor_feature.csv").toString(), out = dir.resolve("o.csv").toString();
        // without --drop: one line naming the place and what to do
        fails(3, new String[]{"fit", "--x", x, "--target", "y", "--lambda", "0.1", "--out", out},
                "r_factor_feature.csv:2:5: non-numeric cell \"f\" in column 'sex'", "--drop 'sex'", "model.matrix");
        fails(3, new String[]{"fit", "--x", fixture("pd_named_index.csv").toString(), "--target", "y", "--lambda", "0.1", "--out", out},
                "pd_named_index.csv:2:1: non-numeric cell \"r0\" in column 'id'", "--drop 'id'");
        fails(3, new String[]{"fit", "--x", x, "--target", "y", "--drop", "sex,nope", "--lambda", "0.1", "--out", out},
                "r_factor_feature.csv:1: no column 'nope' to drop in the header");
        fails(2, new String[]{"fit", "--x", x, "--target", "y", "--drop", "sex,id,y", "--lambda", "0.1", "--out", out},
                "--drop names the response column 'y'");
        fails(3, new String[]{"fit", "--x", fixture("X.npy").toString(), "--y", fixture("y.npy").toString(), "--drop", "a",
                "--lambda", "0.1", "--out", out}, "--drop applies to CSV input");
        assertFalse(Files.exists(Path.of(out)), "no output after an error");
    }

    /**
     * predict reads only the columns its coefficients name (when all are there) and never the dropped response: a
     * factor, an ID or a response of three labels beside them changes nothing. The three labels were refused with
     * "logistic loss needs exactly two classes", a column predict drops.
     */
    @Test
    void predictReadsOnlyTheColumnsItUses() throws Exception {
        Path coef = dir.resolve("c.csv"), want = dir.resolve("want.csv");
        ok("fit", "--x", fixture("r_write_csv.csv").toString(), "--target", "y", "--lambda", "0.1", "--backend", "java", "--out", coef.toString(), "-q");
        ok("predict", "--coef", coef.toString(), "--x", fixture("r_write_csv.csv").toString(), "--target", "y", "--out", want.toString(), "-q");
        String[][] cases = {{"r_factor_feature.csv"}, {"r_factor_feature.csv", "--target", "y"}, {"pd_named_index.csv"},
                {"r_three_labels.csv", "--target", "species"}, {"r_three_labels.csv", "--target", "species", "--loss", "logistic", "--type", "link"}};
        for (String[] c : cases) {
            Path got = dir.resolve("got.csv");
            String[] args = {"predict", "--coef", coef.toString(), "--x", fixture(c[0]).toString(), "--out", got.toString(), "-q"};
            String[] all = java.util.Arrays.copyOf(args, args.length + c.length - 1);
            System.arraycopy(c, 1, all, args.length, c.length - 1);
            ok(all);
            if (!c[0].equals("r_three_labels.csv")) assertEquals(Files.readAllLines(want), Files.readAllLines(got), String.join(" ", c));
            else assertEquals(7, Files.readAllLines(got).size(), "a prediction for each of the 6 rows");
            Files.delete(got);
        }
        // a coefficient's column missing: still one line; a name to drop that is not there too
        fails(3, new String[]{"predict", "--coef", coef.toString(), "--x", fixture("r_factor_feature.csv").toString(), "--target", "nope",
                "--out", dir.resolve("p.csv").toString()}, "no column 'nope' in the header");
        fails(3, new String[]{"predict", "--coef", coef.toString(), "--x", fixture("r_factor_feature.csv").toString(), "--drop", "nope",
                "--out", dir.resolve("p.csv").toString()}, "no column 'nope' to drop in the header");
    }
}
