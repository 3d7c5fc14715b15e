package io.github.spred4j.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * The line rules shared by the one-value-per-line files (groups, fold ids, λ sequences, weights, penalty factors).
 * Besides one value per line they read the layouts R and pandas write for a vector by default: R's
 * {@code write.csv(v, f)} ({@code "","x"} then {@code "1",6}), R's {@code write.table(v, f)} ({@code "x"} then
 * {@code "1" 6}) and pandas' {@code Series.to_csv(f)} ({@code ,foldid} then {@code 0,6}); the row-name column is
 * dropped. Unquoted row labels without that header ({@code 1,6}) are still several values on one line.
 */
final class Lines {
    private Lines() {
    }

    /** The line without its {@code #} comment and surrounding white space; empty when nothing is left. */
    static String content(String line) {
        int hash = line.indexOf('#');
        return (hash >= 0 ? line.substring(0, hash) : line).strip();
    }

    /** Refuses a line holding several values (separated by a comma, a space or a tab). */
    static void requireOneValue(Path file, long lineNo, String line, String what) {
        if (line.indexOf(',') >= 0 || line.indexOf(' ') >= 0 || line.indexOf('\t') >= 0)
            throw new InputFormatException(file, lineNo, 1, "several values on one line; expected one " + what + " per line");
    }

    /**
     * Whether a file's first line is a header (R's {@code write.csv} writes {@code "foldid"}, a hand-written file
     * {@code lambda}): a word starting with a letter that is not a spelling of NaN, Inf or NA (those are bad values).
     */
    static boolean isHeader(String s) {
        String t = s.replace("\"", "").toLowerCase(java.util.Locale.ROOT);
        if (t.isEmpty() || !Character.isLetter(t.charAt(0))) return false;
        return !(t.equals("nan") || t.equals("inf") || t.equals("infinity") || t.equals("na"));
    }

    /**
     * The value lines of a one-value-per-line file, in order: comments and blank lines skipped, each line checked
     * to hold one value ({@link #requireOneValue}), and the first one skipped when {@code header} says it is a header.
     * {@link #lineNo} is the current line's number (for errors); malformed UTF-8 is reported with its line.
     */
    static final class Values implements Closeable {
        private final Path file;
        private final String what;
        private final Predicate<String> header;
        private final BufferedReader in;
        private boolean first = true;
        /** null until the first value line; then whether every value line carries a row name first. */
        private Boolean rowNames;
        long lineNo;
        /** The first line when it was skipped as a header (without quotes), else null; and its line number. */
        String skippedHeader;
        long headerLine;
        /** The column of the current value (2 after a row name). */
        int column = 1;

        Values(Path file, String what, Predicate<String> header) throws IOException {
            this.file = file;
            this.what = what;
            this.header = header;
            this.in = Utf8.open(file);
        }

        /** The next value line (without its row name), or null at the end. */
        String next() throws IOException {
            String line;
            while ((line = read()) != null) {
                lineNo++;
                line = content(line);
                if (line.isEmpty()) continue;
                if (first) {
                    first = false;
                    // R's write.csv and pandas' to_csv head the row-name column with an empty name: "","x" or ,0
                    String rest = line.startsWith("\"\",") ? line.substring(3) : line.startsWith(",") ? line.substring(1) : null;
                    if (rest != null) {
                        requireOneValue(file, lineNo, rest.strip(), what);
                        rowNames = true;
                        continue;
                    }
                    if (header.test(line) && splitRowName(line) == null) {
                        requireOneValue(file, lineNo, line, what);
                        skippedHeader = unquoted(line);
                        headerLine = lineNo;
                        continue;
                    }
                }
                String[] named = splitRowName(line);
                if (rowNames == null) rowNames = named != null;
                if (rowNames) {
                    if (named == null)
                        throw new InputFormatException(file, lineNo, 1, "expected a row name and one " + what
                                + " (as the lines above), found '" + Numbers.abbreviate(line) + "'");
                    column = 2;
                    line = named[1];
                }
                requireOneValue(file, lineNo, line, what);
                return unquoted(line);
            }
            return null;
        }

        /** A value as R's write.table quotes text ("M"): without its quotes. */
        private static String unquoted(String v) {
            return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
        }

        /**
         * {@code [name, value]} when the line is a row name then one value, as R writes them ({@code "1",6},
         * {@code "1" 6}) or pandas after an index header ({@code 0,6}); null otherwise.
         */
        private String[] splitRowName(String line) {
            int end;
            if (line.startsWith("\"")) {
                end = line.indexOf('"', 1);
                if (end < 0) return null;
                end++;
            } else if (Boolean.TRUE.equals(rowNames)) {
                end = line.indexOf(',');
                if (end < 0) return null;
            } else {
                return null;
            }
            if (end >= line.length()) return null;
            char sep = line.charAt(end);
            if (sep != ',' && sep != ' ' && sep != '\t') return null;
            String value = line.substring(end + 1).strip();
            return value.isEmpty() ? null : new String[]{line.substring(0, end), value};
        }

        private String read() throws IOException {
            try {
                return in.readLine();
            } catch (CharacterCodingException e) {
                throw Utf8.malformed(file, lineNo + 1, e);
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
