package io.github.spred4j.io;

import java.nio.file.Path;

/**
 * A malformed or inconsistent input file. The message is one line that names the file and, where they apply,
 * the 1-based line and column (CSV column = field number, LibSVM column = token number), e.g.
 * {@code data.csv:17:3: non-numeric cell "abc" in column 'bmi'}. The CLI turns it into exit code 3.
 * Whatever input text a message quotes is made one printable line here (line breaks and other control or
 * invisible characters escaped as {@code \n}, backslash-u0085, ...) and cut to {@link #MAX_WHAT} characters, so no
 * file content can split or flood the message.
 */
public class InputFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The longest description (the part after the location) a message keeps, in characters. */
    static final int MAX_WHAT = 300;

    private final String file;
    private final long line;
    private final long column;

    /**
     * @param file   the file at fault (may be null for in-memory input)
     * @param line   1-based line, or 0 when the problem is not tied to a line
     * @param column 1-based column, or 0 when the problem is not tied to a column
     * @param what   what is wrong, without the location
     */
    public InputFormatException(Path file, long line, long column, String what) {
        this(file == null ? null : file.toString(), line, column, what, null);
    }

    public InputFormatException(String file, long line, long column, String what, Throwable cause) {
        super(location(file, line, column) + oneLine(what, MAX_WHAT), cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** Throws "is a directory, not a file" for a directory: reading one fails with a message naming no path. */
    static void requireNotDirectory(Path file) {
        if (java.nio.file.Files.isDirectory(file)) throw of(file, "is a directory, not a file");
    }

    /** A problem with the whole file (shape, size, header), not one line. */
    public static InputFormatException of(Path file, String what) {
        return new InputFormatException(file, 0, 0, what);
    }

    private static String location(String file, long line, long column) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<input>" : oneLine(file, 1000));
        if (line > 0) sb.append(':').append(line);
        if (line > 0 && column > 0) sb.append(':').append(column);
        return sb.append(": ").toString();
    }

    /**
     * {@code s} as one line of printable text: CR, LF and tab as {@code \r \n \t}, every other control, format,
     * separator (U+2028/9), surrogate or unassigned character as backslash-u and four hex digits; longer than {@code max}
     * characters, it is cut and ends in "...".
     */
    static String oneLine(String s, int max) {
        if (s == null) return "null";
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 8);
        int i = 0;
        for (; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    boolean hidden = type == Character.CONTROL || type == Character.FORMAT || type == Character.UNASSIGNED
                            || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                            || type == Character.SURROGATE || type == Character.PRIVATE_USE;
                    if (hidden) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        if (i == s.length() && sb.length() <= max) return sb.toString();
        sb.setLength(Math.min(sb.length(), Math.max(0, max - 3)));
        return sb.append("...").toString();
    }

    public String file() {
        return file;
    }

    /** 1-based line, 0 when not tied to a line. */
    public long line() {
        return line;
    }

    /** 1-based column, 0 when not tied to a column. */
    public long column() {
        return column;
    }
}
