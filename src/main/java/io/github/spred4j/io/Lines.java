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
}
