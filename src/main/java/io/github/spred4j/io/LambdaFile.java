package io.github.spred4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * λ-sequence files for {@code path --lambdas} and {@code cv --lambdas}, as glmnet's {@code lambda} argument:
 * one value per line, finite, positive and strictly decreasing (the order a warm-started path runs in).
 * Blank lines and {@code #} comments are skipped; one header line that is not a number (e.g. {@code lambda},
 * as R's write.csv or a CV table writes it) is allowed at the top (quoted or not).
 */
public final class LambdaFile {
    private LambdaFile() {
    }

    public static double[] read(Path file) throws IOException {
        double[] lam = new double[128];
        int k = 0;
        long prevLine = 0;
        try (Lines.Values in = new Lines.Values(file, "lambda", Lines::isHeader)) {
            for (String line; (line = in.next()) != null; ) {
                long lineNo = in.lineNo;
                double v = Numbers.parse(line, file, lineNo, in.column, "the lambda sequence");
                if (!(v > 0))
                    throw new InputFormatException(file, lineNo, in.column, "lambda " + Numbers.abbreviate(line) + " is not positive (every lambda must be > 0)");
                if (k > 0 && !(v < lam[k - 1]))
                    throw new InputFormatException(file, lineNo, in.column, "lambda " + Numbers.abbreviate(line) + " is not below the previous value "
                            + Numbers.format(lam[k - 1]) + " (line " + prevLine + "): the sequence must be strictly decreasing");
                if (k == lam.length) lam = Arrays.copyOf(lam, k * 2);
                lam[k++] = v;
                prevLine = lineNo;
            }
        }
        if (k == 0) throw InputFormatException.of(file, "no lambda values (expected one positive number per line, decreasing)");
        return Arrays.copyOf(lam, k);
    }

    /** Writes one λ per line in the shortest text that reads back exactly. */
    public static void write(Path file, double[] lambdas) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (double l : lambdas) w.write(Numbers.format(l) + "\n");
        });
    }
}
