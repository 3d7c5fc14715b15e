package io.github.spred4j.io;

import java.nio.file.Path;

/** The line rules shared by the one-value-per-line files (groups, fold ids, λ sequences). */
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
}
