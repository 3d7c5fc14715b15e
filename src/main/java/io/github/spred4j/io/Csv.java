package io.github.spred4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** Numeric CSV tables with a header row. */
public final class Csv {
    private Csv() {
    }

    /**
     * A numeric table: {@code names.length} columns, {@code rows} rows, values row-major. {@code levels[j]} is null,
     * or, for a label column read as 0/1 ({@link #read(Path, Predicate)}), its two labels: levels[j][0] became 0,
     * levels[j][1] became 1.
     */
    public record Table(String[] names, int rows, double[] data, String[][] levels) {
        public Table(String[] names, int rows, double[] data) {
            this(names, rows, data, new String[names.length][]);
        }

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
     * Reads a numeric table. The first record is a header of distinct, non-empty names; the other records are all
     * numeric and finite with as many fields as the header. What common tools write is read as they mean it:
     * <ul>
     *   <li>R's {@code write.csv} and pandas' {@code to_csv} row names: a first header name that is empty
     *       ({@code ""}), or (R's {@code write.table}) data rows with one field more than the header whose first
     *       field is quoted or not a number: that first column is dropped;</li>
     *   <li>{@code numpy.savetxt} without a header: a first record of unquoted numbers is data, the columns are
     *       named x1..xp; with {@code header=} and the default {@code comments='# '} the leading '#' is dropped;</li>
     *   <li>tab- or blank-separated files, and R's {@code write.csv2} (';' with decimal commas) ({@link CsvReader#sniff});
     *       R's {@code write.table(quote = FALSE)} row names in a tab- or blank-separated file (1, 2, ... unquoted,
     *       checked row by row);</li>
     *   <li>logical cells are 1/0: R's {@code TRUE}/{@code FALSE} (write.csv, data.table's fwrite), pandas'
     *       {@code True}/{@code False} (to_csv of a bool column), {@code true}/{@code false} (Spark, Java).</li>
     * </ul>
     * Errors name file, line and column.
     */
    public static Table read(Path file) throws IOException {
        return read(file, name -> false);
    }

    /**
     * As {@link #read(Path)}, where a column named by {@code labelColumn} may also hold two text labels (a binomial
     * response as R writes a factor or character column, "M"/"B", "yes"/"no"): they are read as 0/1 in the order R's
     * {@code factor()} gives its levels (sorted, so glmnet's modelled class, the second level, is 1) and recorded in
     * {@link Table#levels()}. One label, more than two, or labels mixed with numbers are one-line errors.
     */
    public static Table read(Path file, Predicate<String> labelColumn) throws IOException {
        return read(file, labelColumn, (name, header) -> false);
    }

    /**
     * As {@link #read(Path, Predicate)} without the columns named in {@code drop} (left out unread, as
     * {@link #read(Path, Predicate, Skip)}); each must be in the header.
     */
    public static Table read(Path file, Predicate<String> labelColumn, Set<String> drop) throws IOException {
        return read(file, labelColumn, new Skip() {
            @Override
            public boolean skip(String name, List<String> header) {
                return drop.contains(name);
            }

            @Override
            public void header(List<String> header) {   // before any row is read: a misspelt name is the first error
                for (String d : drop)
                    if (!header.contains(d)) throw new InputFormatException(file, 1, 0, "no column '" + Numbers.abbreviate(d) + "' to drop in the header");
            }
        });
    }

    /** Which columns a reader leaves out unread, given the header's names (after row names are dropped). */
    public interface Skip {
        boolean skip(String name, List<String> header);

        /** Called with the header's names before any row is read (to refuse a name it lacks). */
        default void header(List<String> header) {
        }
    }

    /**
     * As {@link #read(Path, Predicate)}, leaving out the columns {@code skip} names: their cells are not parsed (text,
     * empty cells and a label column of any kind are fine there) and the table does not hold them. What predict does
     * with the response column and the columns no coefficient uses.
     */
    public static Table read(Path file, Predicate<String> labelColumn, Skip skip) throws IOException {
        char sep = CsvReader.sniff(file);
        boolean decimalComma = sep == ';';
        try (CsvReader r = new CsvReader(file, sep)) {
            List<String> header = r.next();
            if (header == null) throw InputFormatException.of(file, "empty file (expected a header row of column names)");
            header = new ArrayList<>(header);
            long headerLine = r.recordLine();
            List<String> pending = null;   // a first record that turned out to be data
            if (!r.anyQuoted() && header.stream().allMatch(h -> Numbers.isDecimal(h, 0, h.length()))) {
                pending = header;
                header = new ArrayList<>();
                for (int j = 0; j < pending.size(); j++) header.add("x" + (j + 1));
            } else if (!header.isEmpty() && header.get(0).startsWith("#")) {
                String h = header.get(0).substring(1).strip();
                if (h.isEmpty() && header.size() > 1) header.remove(0);
                else header.set(0, h);
            }
            boolean rowNames = pending == null && header.size() > 1 && header.get(0).isEmpty();
            if (rowNames) header.remove(0);
            String[] names = header.toArray(new String[0]);
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < names.length; j++) {
                if (names[j].isEmpty()) throw new InputFormatException(file, headerLine, j + 1 + (rowNames ? 1 : 0), "empty column name in the header");
                if (!seen.add(names[j])) throw new InputFormatException(file, headerLine, j + 1 + (rowNames ? 1 : 0), "duplicate column name '" + names[j] + "' in the header");
            }
            int all = names.length;
            int[] kept = keptColumns(names, skip);
            int p = kept.length;
            Labels[] labels = new Labels[p];
            for (int j = 0; j < p; j++) if (labelColumn.test(names[kept[j]])) labels[j] = new Labels(names[kept[j]]);
            double[] data = new double[Math.max(16, p * 64)];
            int k = 0;
            int rows = 0;
            long line = headerLine;
            List<String> rec = pending;
            boolean numbered = false;   // row names 1, 2, ... without quotes
            if (rec == null) {
                rec = r.next();
                line = r.recordLine();
                // R's write.table: the header has no name over the row-names column, which R quotes ("1") or
                // which holds names; an unquoted number there is a ragged row, not a row name
                if (rec != null && rec.size() == all + 1 && !rowNames
                        && (r.firstQuoted() || !Numbers.isDecimal(rec.get(0), 0, rec.get(0).length()))) rowNames = true;
                // write.table(sep = "\t" or " ", quote = FALSE): unquoted row names 1, 2, 3, ... (each row must then
                // carry its number); in a comma-separated file an extra leading field stays a ragged row
                if (rec != null && rec.size() == all + 1 && !rowNames && sep != ',' && rec.get(0).equals("1")) rowNames = numbered = true;
            }
            int first = rowNames ? 1 : 0;   // the field of the first named column
            while (rec != null) {
                if (rec.size() != all + first)
                    throw new InputFormatException(file, line, Math.min(rec.size(), all + first) + 1,
                            "ragged row: " + rec.size() + " fields but the header has " + (all + first));
                if (numbered && !rec.get(0).equals(Integer.toString(rows + 1)))
                    throw new InputFormatException(file, line, 1, "ragged row: " + rec.size() + " fields but the header has " + all
                            + " (the first field '" + Numbers.abbreviate(rec.get(0)) + "' is not the row number " + (rows + 1)
                            + " that R's write.table(quote = FALSE) writes as a row name)");
                if (k + p > data.length) {
                    long grow = Math.min((long) Integer.MAX_VALUE - 8, (long) data.length * 2 + p);
                    if (grow < k + p) throw new InputFormatException(file, line, 0, "table too large (more than 2^31 cells)");
                    data = Arrays.copyOf(data, (int) grow);
                }
                for (int j = 0; j < p; j++) {
                    int f = kept[j] + first;
                    String c = rec.get(f);
                    data[k++] = labels[j] != null && Labels.isText(c) ? labels[j].add(c.strip(), rows, line, f + 1)
                            : cell(decimalComma ? c.replace(',', '.') : c, file, line, f + 1, names[kept[j]]);
                }
                rows++;
                rec = r.next();
                line = r.recordLine();
            }
            if (rows == 0) throw InputFormatException.of(file, "no data rows after the header");
            data = Arrays.copyOf(data, k);
            String[][] levels = new String[p][];
            for (int j = 0; j < p; j++) if (labels[j] != null) levels[j] = labels[j].toZeroOne(file, data, p, j, rows);
            String[] keptNames = new String[p];
            for (int j = 0; j < p; j++) keptNames[j] = names[kept[j]];
            return new Table(keptNames, rows, data, levels);
        }
    }

    /** The header positions of the columns {@code skip} keeps, in order. */
    private static int[] keptColumns(String[] names, Skip skip) {
        List<String> header = List.of(names);
        skip.header(header);
        int[] kept = new int[names.length];
        int p = 0;
        for (int j = 0; j < names.length; j++) if (!skip.skip(names[j], header)) kept[p++] = j;
        return Arrays.copyOf(kept, p);
    }

    /** A numeric cell; logicals as R, pandas and Spark write them (TRUE, True, true / FALSE, ...) are 1/0. */
    private static double cell(String s, Path file, long line, long column, String name) {
        if (s.equals("TRUE") || s.equals("True") || s.equals("true")) return 1;
        if (s.equals("FALSE") || s.equals("False") || s.equals("false")) return 0;
        if (Labels.isText(s))   // an ID, a factor, a name: say what to do with such a column
            throw new InputFormatException(file, line, column, "non-numeric cell \"" + Numbers.abbreviate(s.strip()) + "\" in column '" + name
                    + "': a feature column must hold numbers (leave it out with --drop '" + name
                    + "', or encode it: R's model.matrix, pandas' get_dummies); a response of two text labels needs --loss logistic");
        return Numbers.parse(s, file, line, column, "column '" + name + "'");
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
