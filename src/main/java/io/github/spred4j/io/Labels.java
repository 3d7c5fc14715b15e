package io.github.spred4j.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The text labels of one CSV column read as a binomial response (R's factor or character column, "M"/"B",
 * "yes"/"no"): collected while the table is read, then turned into 0/1 in the order of R's {@code factor()} levels.
 */
final class Labels {
    private static final Pattern NOT_A_LABEL = Pattern.compile("(?i)[+-]?(nan|inf|infinity)|NA|TRUE|FALSE");
    private static final int SHOWN = 6;

    private final String column;
    private final Map<String, List<Integer>> rowsOf = new LinkedHashMap<>();   // label -> rows holding it
    private long firstLine;
    private long firstColumn;
    private int texts;

    Labels(String column) {
        this.column = column;
    }

    /** Whether a cell is a text label: not empty, not a number, a logical or a missing-value code. */
    static boolean isText(String cell) {
        String t = cell.strip();
        return !t.isEmpty() && !Numbers.isDecimal(t, 0, t.length()) && !NOT_A_LABEL.matcher(t).matches();
    }

    /** Records a label at {@code row}; returns the placeholder stored until {@link #toZeroOne}. */
    double add(String label, int row, long line, long col) {
        if (texts++ == 0) {
            firstLine = line;
            firstColumn = col;
        }
        rowsOf.computeIfAbsent(label, l -> new ArrayList<>()).add(row);
        return Double.NaN;
    }

    /**
     * Writes 0/1 into column {@code j} of the row-major {@code data} (p columns) and returns the two levels, or null
     * when the column held only numbers. Labels mixed with numbers, or not exactly two labels: one line naming them.
     */
    String[] toZeroOne(Path file, double[] data, int p, int j, int rows) {
        if (texts == 0) return null;
        List<String> levels = new ArrayList<>(rowsOf.keySet());
        if (texts < rows)
            throw new InputFormatException(file, firstLine, firstColumn, "column '" + column + "' mixes text labels ("
                    + shown(levels) + ") with numbers: a binomial response is either 0/1 (or -1/+1) or two text labels");
        if (levels.size() != 2)
            throw new InputFormatException(file, firstLine, firstColumn, "column '" + column + "' holds " + levels.size() + " label"
                    + (levels.size() == 1 ? "" : "s") + " (" + shown(levels) + "): logistic loss needs exactly two classes"
                    + (levels.size() > 2 ? " (multinomial is not supported: fit one class against the rest, as 0/1)" : ""));
        levels.sort(FACTOR_ORDER);
        for (int b = 0; b < 2; b++)
            for (int row : rowsOf.get(levels.get(b))) data[row * p + j] = b;
        return levels.toArray(new String[0]);
    }

    /** R's sort() of strings in an English locale: case-insensitive first, then lower case before upper case. */
    static final Comparator<String> FACTOR_ORDER = Comparator.<String, String>comparing(s -> s.toLowerCase(java.util.Locale.ROOT))
            .thenComparing(Comparator.reverseOrder());

    private static String shown(List<String> levels) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(levels.size(), SHOWN); i++) sb.append(i == 0 ? "'" : ", '").append(Numbers.abbreviate(levels.get(i))).append("'");
        if (levels.size() > SHOWN) sb.append(", ... ").append(levels.size() - SHOWN).append(" more");
        return sb.toString();
    }
}
