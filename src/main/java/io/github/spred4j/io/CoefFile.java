package io.github.spred4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saved coefficients, {@code coef.csv}: header {@code name,value} (read also: R's {@code write.csv} of a glmnet
 * {@code coef(fit)} column, header {@code "",s0}); first row {@code (Intercept)}; then one row per feature in input order; exact zeros written as {@code 0}; every other value in the shortest text that
 * reads back to the same double, so save-then-load is exact.
 */
public final class CoefFile {
    public static final String INTERCEPT = "(Intercept)";

    private CoefFile() {
    }

    /** Loaded coefficients: names and beta have the same length. */
    public record Coefficients(double intercept, String[] names, double[] beta) {
        public int p() {
            return beta.length;
        }
    }

    public static void write(Path file, double intercept, String[] names, double[] beta) throws IOException {
        if (names.length != beta.length) throw new IllegalArgumentException(names.length + " names for " + beta.length + " coefficients");
        AtomicFiles.writeText(file, w -> {
            w.write("name,value\n");
            w.write(INTERCEPT + "," + Numbers.format(intercept) + "\n");
            for (int j = 0; j < beta.length; j++) w.write(CsvReader.quote(names[j]) + "," + Numbers.format(beta[j]) + "\n");
        });
    }

    /**
     * Coefficients of several models on the same features (one per target): header {@code name,<column 1>,...};
     * the {@code (Intercept)} row first, then one row per feature, one value column per model.
     */
    public static void write(Path file, String[] columns, double[] intercepts, String[] names, double[][] betas) throws IOException {
        int k = columns.length;
        if (intercepts.length != k || betas.length != k)
            throw new IllegalArgumentException(k + " columns for " + intercepts.length + " intercepts and " + betas.length + " coefficient vectors");
        for (double[] b : betas)
            if (b.length != names.length) throw new IllegalArgumentException(names.length + " names for " + b.length + " coefficients");
        AtomicFiles.writeText(file, w -> {
            w.write("name");
            for (String c : columns) w.write("," + CsvReader.quote(c));
            w.write("\n" + INTERCEPT);
            for (double b0 : intercepts) w.write("," + Numbers.format(b0));
            w.write("\n");
            for (int j = 0; j < names.length; j++) {
                w.write(CsvReader.quote(names[j]));
                for (double[] b : betas) w.write("," + Numbers.format(b[j]));
                w.write("\n");
            }
        });
    }

    public static Coefficients read(Path file) throws IOException {
        try (CsvReader r = new CsvReader(file)) {
            List<String> h = r.next();
            if (h == null) throw InputFormatException.of(file, "empty file (expected header name,value)");
            // ours is name,value; R's write.csv(as.matrix(coef(fit))) of glmnet writes "","s0" (its row names first)
            if (h.size() != 2 || !(h.get(0).equals("name") && h.get(1).equals("value") || h.get(0).isEmpty()))
                throw new InputFormatException(file, r.recordLine(), 1, "header is '" + String.join(",", h)
                        + "', expected 'name,value' (or R's write.csv of one coefficient column: '\"\",s0')");
            List<String> rec = r.next();
            if (rec == null) throw InputFormatException.of(file, "no rows after the header (expected (Intercept) first)");
            if (rec.size() != 2) throw new InputFormatException(file, r.recordLine(), Math.min(rec.size(), 2) + 1, rec.size() + " fields, expected 2 (name,value)");
            if (!rec.get(0).equals(INTERCEPT))
                throw new InputFormatException(file, r.recordLine(), 1, "first row is '" + Numbers.abbreviate(rec.get(0)) + "', expected (Intercept)");
            double b0 = Numbers.parse(rec.get(1), file, r.recordLine(), 2, "the intercept");
            List<String> names = new ArrayList<>();
            double[] beta = new double[16];
            while ((rec = r.next()) != null) {
                if (rec.size() != 2) throw new InputFormatException(file, r.recordLine(), Math.min(rec.size(), 2) + 1, rec.size() + " fields, expected 2 (name,value)");
                if (names.size() == beta.length) beta = java.util.Arrays.copyOf(beta, beta.length * 2);
                beta[names.size()] = Numbers.parse(rec.get(1), file, r.recordLine(), 2, "coefficient '" + rec.get(0) + "'");
                names.add(rec.get(0));
            }
            return new Coefficients(b0, names.toArray(new String[0]), java.util.Arrays.copyOf(beta, names.size()));
        }
    }
}
