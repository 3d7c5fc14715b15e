package io.github.spred4j.cli;

import io.github.spred4j.io.CoefFile;
import io.github.spred4j.io.Npy;
import io.github.spred4j.data.Dataset;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Runs the command line in-process with captured streams, and writes the test data files. */
final class CliTestSupport {
    record Result(int code, String out, String err) {
        /** stderr as lines (empty lines dropped). */
        List<String> errLines() {
            List<String> l = new ArrayList<>();
            for (String s : err.split("\\R")) if (!s.isBlank()) l.add(s);
            return l;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private CliTestSupport() {
    }

    static Result run(String... args) {
        StringWriter o = new StringWriter(), e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
        return new Result(code, o.toString(), e.toString());
    }

    static Result ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.code, () -> String.join(" ", args) + "\n" + r);
        return r;
    }

    /** A one-line error with the expected exit code, no stack trace, that contains every fragment. */
    static Result fails(int code, String[] args, String... fragments) {
        Result r = run(args);
        assertEquals(code, r.code, () -> String.join(" ", args) + "\n" + r);
        assertEquals(1, r.errLines().size(), () -> "one line on stderr expected\n" + r);
        assertFalse(r.err.contains("\tat ") || r.err.contains("Exception"), () -> "no stack trace or exception class expected\n" + r);
        for (String f : fragments) assertTrue(r.err.contains(f), () -> "stderr should contain '" + f + "'\n" + r);
        return r;
    }

    /** The diabetes data shipped for the demo (442 x 10, raw units). */
    static Dataset diabetes() throws IOException {
        return DemoCommand.load();
    }

    static Path writeNpyX(Path dir, String name, Dataset d, boolean f32, boolean fortran) throws IOException {
        Path f = dir.resolve(name);
        Npy.write(f, d.x(), d.n(), d.p(), f32, fortran, false);
        return f;
    }

    static Path writeNpyY(Path dir, String name, double[] y) throws IOException {
        Path f = dir.resolve(name);
        Npy.write(f, y, y.length, -1, false, false, false);
        return f;
    }

    /** η = b0 + Xβ from a saved coefficient file, computed here (independently of the solver's predict). */
    static double[] fitted(Dataset d, CoefFile.Coefficients c) {
        double[] eta = new double[d.n()];
        for (int i = 0; i < d.n(); i++) {
            double s = c.intercept();
            for (int j = 0; j < d.p(); j++) s += d.x()[i * d.p() + j] * c.beta()[j];
            eta[i] = s;
        }
        return eta;
    }

    /** The lasso objective 1/(2n)‖y − b0 − Xβ‖² + λ‖β‖₁ recomputed from saved coefficients. */
    static double lassoObjective(Dataset d, CoefFile.Coefficients c, double lambda) {
        double[] eta = fitted(d, c);
        double rss = 0, l1 = 0;
        for (int i = 0; i < d.n(); i++) rss += (d.y()[i] - eta[i]) * (d.y()[i] - eta[i]);
        for (double b : c.beta()) l1 += Math.abs(b);
        return rss / (2.0 * d.n()) + lambda * l1;
    }

    static List<String> lines(Path f) throws IOException {
        return Files.readAllLines(f);
    }
}
