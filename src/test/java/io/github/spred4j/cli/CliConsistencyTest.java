package io.github.spred4j.cli;

import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The command line says the same thing about the same fit however it is asked (found acting as a CLI user, 2 Dec
 * 2026). Before: a float32 fit certified as a single response (gap ≤ max(tol, 1e-5)) was "not certified" (exit 5)
 * when fitted as one of several responses, which compared with --tol alone; and a λ_max of 0 (constant y, or no
 * varying column) printed "(NaN x lambda_max)"; an --out naming an input file overwrote it.
 */
class CliConsistencyTest {
    @TempDir
    Path dir;

    @Test
    void float32ManyResponsesAreCertifiedAsOneResponseIs() throws Exception {
        SplittableRandom g = new SplittableRandom(3);
        int n = 80, p = 12;
        double[] x = new double[n * p], y1 = new double[n], y2 = new double[n];
        for (int k = 0; k < x.length; k++) x[k] = g.nextGaussian();
        for (int i = 0; i < n; i++) {
            y1[i] = x[i * p] + 0.5 * g.nextGaussian();
            y2[i] = x[i * p + 1] - x[i * p + 2] + 0.5 * g.nextGaussian();
        }
        Path xf = CliTestSupport.writeNpyX(dir, "X.npy", Dataset.dense(n, p, x, y1, null), false, false);
        Path y1f = CliTestSupport.writeNpyY(dir, "y1.npy", y1);
        StringBuilder csv = new StringBuilder("a,b\n");
        for (int i = 0; i < n; i++) csv.append(y1[i]).append(',').append(y2[i]).append('\n');
        Path yy = Files.writeString(dir.resolve("Y.csv"), csv);
        // --tol below what float32 can show: a float32 fit is certified at max(tol, 1e-5), whatever the number of responses
        String[] common = {"--precision", "float32", "--tol", "1e-20", "--max-iter", "200", "--backend", "java", "-q"};
        CliTestSupport.Result one = CliTestSupport.run(concat(new String[]{"fit", "--x", xf.toString(), "--y", y1f.toString(),
                "--out", dir.resolve("c1.csv").toString()}, common));
        assertEquals(0, one.code(), one::toString);
        CliTestSupport.Result two = CliTestSupport.run(concat(new String[]{"fit", "--x", xf.toString(), "--y", yy.toString(),
                "--out", dir.resolve("c2.csv").toString(), "--json"}, common));
        assertEquals(0, two.code(), two::toString);
        assertTrue(two.out().contains("\"certified\":true") && !two.out().contains("\"certified\":false"), two.out());
        CliTestSupport.Result path = CliTestSupport.run(concat(new String[]{"path", "--x", xf.toString(), "--y", yy.toString(),
                "--nlambda", "5", "--out", dir.resolve("p2.csv").toString()}, common));
        assertEquals(0, path.code(), path::toString);
    }

    @Test
    void aZeroLambdaMaxIsSaidInWords() throws Exception {
        Path f = Files.writeString(dir.resolve("c.csv"), "x,y\n1,2\n2,2\n3,2\n");
        CliTestSupport.Result r = CliTestSupport.ok("fit", "--x", f.toString(), "--target", "y", "--out", dir.resolve("o.csv").toString(),
                "--backend", "java", "-q");
        assertTrue(r.out().contains("lambda_max = 0") && !r.out().contains("NaN") && !r.out().contains("Infinity"), r.out());
        r = CliTestSupport.ok("fit", "--x", f.toString(), "--target", "y", "--out", dir.resolve("o.csv").toString(),
                "--lambda", "0.1", "--backend", "java", "-q");
        assertTrue(!r.out().contains("NaN") && !r.out().contains("Infinity"), r.out());
        assertEquals("0.0100 x lambda_max", FitCommand.ofLambdaMax(0.01, 1));
    }

    /** `fit --x d.csv --out d.csv` replaced the user's data with the coefficients (exit 0); now exit 2, input untouched. */
    @Test
    void anOutputNamingAnInputIsRefusedAndTheInputKept() throws Exception {
        String csv = "a,b,y\n1,2,3\n2,1,1\n3,5,4\n4,4,2\n";
        Path d = Files.writeString(dir.resolve("d.csv"), csv);
        Path same = dir.resolve("sub").resolve("..").resolve("d.csv"); // another spelling of the same file
        Files.createDirectories(dir.resolve("sub"));
        CliTestSupport.fails(2, new String[]{"fit", "--x", d.toString(), "--target", "y", "--out", same.toString(), "--backend", "java"},
                "--out", "is also --x", "refusing to overwrite");
        CliTestSupport.fails(2, new String[]{"path", "--x", d.toString(), "--target", "y", "--out", dir.resolve("p.csv").toString(),
                "--plot", d.toString(), "--backend", "java"}, "--plot", "is also --x");
        Path c = dir.resolve("c.csv");
        CliTestSupport.fails(2, new String[]{"cv", "--x", d.toString(), "--target", "y", "--folds", "2", "--out", c.toString(),
                "--coef", c.toString(), "--backend", "java"}, "--coef", "is also --out", "its own file");
        CliTestSupport.ok("fit", "--x", d.toString(), "--target", "y", "--out", c.toString(), "--backend", "java", "-q");
        String coef = Files.readString(c);
        CliTestSupport.fails(2, new String[]{"predict", "--coef", c.toString(), "--x", d.toString(), "--target", "y", "--out", c.toString()},
                "--out", "is also --coef");
        assertEquals(csv, Files.readString(d));
        assertEquals(coef, Files.readString(c));
    }

    static String[] concat(String[] a, String[] b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
