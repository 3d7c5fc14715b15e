package io.github.spred4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Numeric CSV tables with a header row. */
public final class Csv {
    private Csv() {
    }

    /** A numeric table: {@code names.length} columns, {@code rows} rows, values row-major. */
    public record Table(String[] names, int rows, double[] data) {
        public int cols() {
            return names.length;
        }

        public int column(String name) {
            for (int j = 0; j < names.length; j++) if (names[j].equals(name)) return j;
            return -1;
        }

        /** Column j as an array. */
        public double[] columnValues(int j) {
            double[] out = new double[rows];
            int p = names.length;
            for (int i = 0; i < rows; i++) out[i] = data[i * p + j];
            return out;
        }

        /** All columns except {@code drop} (may be -1), row-major. */
        public double[] without(int drop) {
            int p = names.length;
            if (drop < 0) return data;
            double[] out = new double[rows * (p - 1)];
            int k = 0;
            for (int i = 0; i < rows; i++)
                for (int j = 0; j < p; j++) if (j != drop) out[k++] = data[i * p + j];
            return out;
        }

        public String[] namesWithout(int drop) {
            if (drop < 0) return names.clone();
            List<String> l = new ArrayList<>(Arrays.asList(names));
            l.remove(drop);
            return l.toArray(new String[0]);
        }
    }

    /**
     * Reads a CSV file whose first record is a header of distinct, non-empty names and whose other records are
     * all numeric and finite with as many fields as the header. Errors name file, line and column.
     */
    public static Table read(Path file) throws IOException {
        try (CsvReader r = new CsvReader(file)) {
            List<String> header = r.next();
            if (header == null) throw InputFormatException.of(file, "empty file (expected a header row of column names)");
            String[] names = header.toArray(new String[0]);
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < names.length; j++) {
                if (names[j].isEmpty()) throw new InputFormatException(file, r.recordLine(), j + 1, "empty column name in the header");
                if (!seen.add(names[j])) throw new InputFormatException(file, r.recordLine(), j + 1, "duplicate column name '" + names[j] + "' in the header");
            }
            int p = names.length;
            double[] data = new double[Math.max(16, p * 64)];
            int k = 0;
            int rows = 0;
            List<String> rec;
            while ((rec = r.next()) != null) {
                if (rec.size() != p)
                    throw new InputFormatException(file, r.recordLine(), Math.min(rec.size(), p) + 1,
                            "ragged row: " + rec.size() + " fields but the header has " + p);
                if (k + p > data.length) {
                    long grow = Math.min((long) Integer.MAX_VALUE - 8, (long) data.length * 2 + p);
                    if (grow < k + p) throw new InputFormatException(file, r.recordLine(), 0, "table too large (more than 2^31 cells)");
                    data = Arrays.copyOf(data, (int) grow);
                }
                for (int j = 0; j < p; j++)
                    data[k++] = Numbers.parse(rec.get(j), file, r.recordLine(), j + 1, "column '" + names[j] + "'");
                rows++;
            }
            if (rows == 0) throw InputFormatException.of(file, "no data rows after the header");
            return new Table(names, rows, Arrays.copyOf(data, k));
        }
    }

    /** Writes a numeric table with a header, atomically; exact zeros as 0. */
    public static void write(Path file, String[] names, int rows, double[] data) throws IOException {
        int p = names.length;
        if ((long) rows * p != data.length) throw new IllegalArgumentException("data has " + data.length + " values, table needs " + rows + "x" + p);
        AtomicFiles.writeText(file, w -> {
            for (int j = 0; j < p; j++) w.write((j == 0 ? "" : ",") + CsvReader.quote(names[j]));
            w.write('\n');
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < p; j++) {
                    if (j > 0) w.write(',');
                    w.write(Numbers.format(data[i * p + j]));
                }
                w.write('\n');
            }
        });
    }
}
