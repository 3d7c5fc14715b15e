package io.github.spred4j.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Files of one number per line for glmnet's per-row and per-feature vectors: {@code --weights} (one weight per
 * row of X, ≥ 0, not all zero) and {@code --penalty-factor} (one factor per feature, ≥ 0; {@code Inf} excludes
 * the feature). Blank lines and {@code #} comments are skipped; one header line that is not a number (R's
 * {@code write.csv} of a vector) is allowed at the top. Errors name the file, line and value.
 */
public final class ValuesFile {
    private ValuesFile() {
    }

    /** Exactly {@code count} values ({@code per}: "rows of X", {@code unit}: "row"), each ≥ 0 (Inf allowed when {@code infinityAllowed}), not all zero. */
    public static double[] read(Path file, int count, String what, String per, String unit, boolean infinityAllowed) throws IOException {
        double[] v = new double[count];
        int k = 0;
        boolean positive = false;
        try (Lines.Values in = new Lines.Values(file, what, l -> Lines.isHeader(l) && !isInf(l))) {
            for (String line; (line = in.next()) != null; ) {
                long lineNo = in.lineNo;
                double x = isInf(line) ? Double.POSITIVE_INFINITY : Numbers.parse(line, file, lineNo, in.column, "the " + what + "s");
                if (x < 0) throw new InputFormatException(file, lineNo, in.column, what + " " + Numbers.abbreviate(line) + " is negative (must be >= 0)");
                if (Double.isInfinite(x) && !infinityAllowed)
                    throw new InputFormatException(file, lineNo, in.column, what + " " + Numbers.abbreviate(line) + " is not finite");
                if (k >= count)
                    throw new InputFormatException(file, lineNo, in.column, "more " + what + "s than the " + count + " " + per + " (one " + what + " per " + unit + ")");
                positive |= x > 0;
                v[k++] = x;
            }
        }
        if (k < count)
            throw InputFormatException.of(file, k + " " + what + "s for the " + count + " " + per + " (one " + what + " per " + unit + ")");
        if (!positive) throw InputFormatException.of(file, "the " + what + "s are all zero (at least one must be > 0)");
        return v;
    }

    private static boolean isInf(String s) {
        String t = s.replace("\"", "").trim();
        return t.equals("Inf") || t.equals("inf") || t.equals("Infinity") || t.equals("+Inf") || t.equals("+inf");
    }

}
