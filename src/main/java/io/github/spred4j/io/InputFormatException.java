package io.github.spred4j.io;

import java.nio.file.Path;

/**
 * A malformed or inconsistent input file. The message is one line that names the file and, where they apply,
 * the 1-based line and column (CSV column = field number, LibSVM column = token number), e.g.
 * {@code data.csv:17:3: non-numeric cell "abc" in column 'bmi'}. The CLI turns it into exit code 3.
 */
public class InputFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

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
        super(location(file, line, column) + what, cause);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    /** A problem with the whole file (shape, size, header), not one line. */
    public static InputFormatException of(Path file, String what) {
        return new InputFormatException(file, 0, 0, what);
    }

    private static String location(String file, long line, long column) {
        StringBuilder sb = new StringBuilder();
        sb.append(file == null ? "<input>" : file);
        if (line > 0) sb.append(':').append(line);
        if (line > 0 && column > 0) sb.append(':').append(column);
        return sb.append(": ").toString();
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
