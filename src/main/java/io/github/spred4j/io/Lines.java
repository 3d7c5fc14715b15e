package io.github.spred4j.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.function.Predicate;

/** The line rules shared by the one-value-per-line files (groups, fold ids, λ sequences, weights, penalty factors). */
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
        long lineNo;

        Values(Path file, String what, Predicate<String> header) throws IOException {
            this.file = file;
            this.what = what;
            this.header = header;
            this.in = Utf8.open(file);
        }

        /** The next value line, or null at the end. */
        String next() throws IOException {
            String line;
            while ((line = read()) != null) {
                lineNo++;
                line = content(line);
                if (line.isEmpty()) continue;
                requireOneValue(file, lineNo, line, what);
                boolean skip = first && header.test(line);
                first = false;
                if (!skip) return line;
            }
            return null;
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
