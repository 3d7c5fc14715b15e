package io.github.spred4j.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields (or tab-separated, or separated by runs of blanks as
 * {@code numpy.savetxt} and R's {@code write.table} write them: see {@link #sniff}), double-quoted fields may hold commas, quotes ("") and
 * newlines; CRLF or LF line ends; a UTF-8 byte-order mark is skipped. Blank lines are skipped. Errors name the
 * file and the line.
 */
public final class CsvReader implements Closeable {
    private final BufferedReader in;
    private final Path file;
    private long line = 1;        // physical line of the next character
    private long recordLine;      // physical line where the last record started
    private boolean first = true;
    private final char delimiter;   // ',', '\t', or ' ' for runs of spaces and tabs
    private boolean anyQuoted;      // whether the last record had a quoted field
    private boolean firstQuoted;    // whether its first field was quoted

    public CsvReader(Path file) throws IOException {
        this(file, ',');
    }

    /** A reader splitting on {@code delimiter}: ',', '\t', or ' ' for runs of blanks (spaces and tabs). */
    public CsvReader(Path file, char delimiter) throws IOException {
        this.file = file;
        this.in = Utf8.open(file);
        this.delimiter = delimiter;
    }

    /**
     * The delimiter of a table file from its first non-blank line: ',' when it holds a comma, else ';' when it holds
     * a semicolon (then numbers may use a decimal comma, as R's {@code write.csv2} writes), else a tab when it
     * holds one, else ' ' (runs of blanks) when it holds several blank-separated fields, else ','.
     */
    public static char sniff(Path file) throws IOException {
        try (java.io.BufferedReader r = Utf8.open(file)) {
            String l;
            while ((l = r.readLine()) != null) {
                String t = l.strip();
                if (t.isEmpty()) continue;
                if (t.indexOf(',') >= 0) return ',';
                if (t.indexOf(';') >= 0) return ';';   // R's write.csv2, Excel in decimal-comma locales
                if (t.indexOf('\t') >= 0) return '\t';
                return t.matches("\\S+(\\s+\\S+)+") ? ' ' : ',';
            }
            return ',';
        } catch (CharacterCodingException e) {
            throw Utf8.malformed(file, 1, e);
        }
    }

    /** Whether the first field of the record last returned by {@link #next()} was quoted. */
    public boolean firstQuoted() {
        return firstQuoted;
    }

    /** Whether a field of the record last returned by {@link #next()} was quoted. */
    public boolean anyQuoted() {
        return anyQuoted;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line on which the record last returned by {@link #next()} started. */
    public long recordLine() {
        return recordLine;
    }

    /** The next record's fields, or null at end of file; bytes that are not UTF-8 are an InputFormatException. */
    public List<String> next() throws IOException {
        try {
            return nextRecord();
        } catch (CharacterCodingException e) {
            throw Utf8.malformed(file, line, e);
        }
    }

    private List<String> nextRecord() throws IOException {
        int c = in.read();
        if (first) {
            first = false;
            if (c == 0xFEFF) c = in.read();
        }
        // skip blank lines
        while (c == '\n' || c == '\r') {
            if (c == '\r') {
                in.mark(1);
                if (in.read() != '\n') in.reset();
            }
            line++;
            c = in.read();
        }
        if (c < 0) return null;
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        boolean blanks = delimiter == ' ';
        anyQuoted = false;
        firstQuoted = false;
        while (true) {
            if (quoted) {
                if (c < 0) throw new InputFormatException(file, recordLine, fields.size() + 1, "unterminated quoted field (end of file inside quotes)");
                if (c == '"') {
                    in.mark(1);
                    int d = in.read();
                    if (d == '"') sb.append('"');
                    else {
                        quoted = false;
                        if (d >= 0) in.reset();
                    }
                } else {
                    if (c == '\n') line++;
                    sb.append((char) c);
                }
            } else {
                if (c < 0 || c == '\n' || c == '\r') {
                    if (!blanks || wasQuoted || sb.length() > 0 || fields.isEmpty())
                        fields.add(wasQuoted ? sb.toString() : sb.toString().strip());
                    if (c == '\r') {
                        in.mark(1);
                        if (in.read() != '\n') in.reset();
                    }
                    if (c >= 0) line++;
                    return fields;
                } else if (blanks && (c == ' ' || c == '\t')) {
                    if (wasQuoted || sb.length() > 0) fields.add(sb.toString());
                    sb.setLength(0);
                    wasQuoted = false;
                } else if (c == delimiter) {
                    fields.add(wasQuoted ? sb.toString() : sb.toString().strip());
                    sb.setLength(0);
                    wasQuoted = false;
                } else if (c == '"' && sb.toString().isBlank() && !wasQuoted) {
                    sb.setLength(0);
                    quoted = true;
                    wasQuoted = true;
                    anyQuoted = true;
                    if (fields.isEmpty()) firstQuoted = true;
                } else if (wasQuoted) {
                    if (!Character.isWhitespace(c))
                        throw new InputFormatException(file, recordLine, fields.size() + 1, "text after a closing quote");
                } else {
                    sb.append((char) c);
                }
            }
            c = in.read();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Quotes a field for writing when it holds a comma, quote, newline or surrounding space. */
    public static String quote(String s) {
        boolean need = s.isEmpty() || !s.equals(s.strip());
        for (int i = 0; i < s.length() && !need; i++) {
            char ch = s.charAt(i);
            need = ch == ',' || ch == '"' || ch == '\n' || ch == '\r';
        }
        return need ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
