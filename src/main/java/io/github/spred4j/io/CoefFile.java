package io.github.spred4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Saved coefficients, {@code coef.csv}: header {@code name,value} (read also: R's {@code write.csv} of a glmnet
 * {@code coef(fit)} column, header {@code "",s0}; several value columns, one per model, by {@link #readColumns}); first row {@code (Intercept)}; then one row per feature in input order; exact zeros written as {@code 0}; every other value in the shortest text that
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

    /**
     * Coefficients of k models on the same features, as {@code fit --out} writes them for k responses (header
     * {@code name,<target 1>,...}) or R's {@code write.csv(as.matrix(coef(fit)))} of a glmnet fit at several λ
     * (header {@code "",s0,s1,...}). {@code betas[t]} is column t's coefficient vector.
     */
    public record Columns(String[] columns, double[] intercepts, String[] names, double[][] betas) {
        public int k() {
            return columns.length;
        }

        public Coefficients column(int t) {
            return new Coefficients(intercepts[t], names, betas[t]);
        }
    }

    /** One coefficient column ({@code name,value}); a file with several value columns is refused in one line. */
    public static Coefficients read(Path file) throws IOException {
        Columns c = readColumns(file);
        if (c.k() != 1)
            throw InputFormatException.of(file, c.k() + " coefficient columns (" + String.join(", ", c.columns())
                    + "); expected one (header name,value)");
        return c.column(0);
    }

    /** One or more coefficient columns: header {@code name,<c1>,...} (or R's {@code "",<c1>,...}), (Intercept) first. */
    public static Columns readColumns(Path file) throws IOException {
        try (CsvReader r = new CsvReader(file)) {
            List<String> h = r.next();
            if (h == null) throw InputFormatException.of(file, "empty file (expected header name,value)");
            // ours is name,value (name,<target>,... for several responses); R's write.csv(as.matrix(coef(fit))) of
            // glmnet writes "","s0",... (its row names first)
            if (h.size() < 2 || !(h.get(0).equals("name") || h.get(0).isEmpty()))
                throw new InputFormatException(file, r.recordLine(), 1, "header is '" + String.join(",", h)
                        + "', expected 'name,value' (or R's write.csv of one coefficient column: '\"\",s0')");
            int k = h.size() - 1;
            String[] columns = h.subList(1, h.size()).toArray(new String[0]);
            List<String> rec = r.next();
            if (rec == null) throw InputFormatException.of(file, "no rows after the header (expected (Intercept) first)");
            requireFields(file, r, rec, k);
            if (!rec.get(0).equals(INTERCEPT))
                throw new InputFormatException(file, r.recordLine(), 1, "first row is '" + Numbers.abbreviate(rec.get(0)) + "', expected (Intercept)");
            double[] b0 = new double[k];
            for (int t = 0; t < k; t++) b0[t] = Numbers.parse(rec.get(t + 1), file, r.recordLine(), t + 2, "the intercept");
            List<String> names = new ArrayList<>();
            double[][] beta = new double[k][16];
            while ((rec = r.next()) != null) {
                requireFields(file, r, rec, k);
                int j = names.size();
                for (int t = 0; t < k; t++) {
                    if (j == beta[t].length) beta[t] = java.util.Arrays.copyOf(beta[t], j * 2);
                    beta[t][j] = Numbers.parse(rec.get(t + 1), file, r.recordLine(), t + 2, "coefficient '" + rec.get(0) + "'");
                }
                names.add(rec.get(0));
            }
            for (int t = 0; t < k; t++) beta[t] = java.util.Arrays.copyOf(beta[t], names.size());
            return new Columns(columns, b0, names.toArray(new String[0]), beta);
        }
    }

    private static void requireFields(Path file, CsvReader r, List<String> rec, int k) {
        if (rec.size() != k + 1)
            throw new InputFormatException(file, r.recordLine(), Math.min(rec.size(), k + 1) + 1, rec.size() + " fields, expected "
                    + (k + 1) + (k == 1 ? " (name,value)" : " (name and " + k + " values, as the header)"));
    }
}
