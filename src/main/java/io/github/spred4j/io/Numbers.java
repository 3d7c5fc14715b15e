package io.github.spred4j.io;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Strict parsing and round-trip formatting of numbers in text files. */
public final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NONFINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    private Numbers() {
    }

    /**
     * Parses a decimal number; anything else (empty, text, NaN, Inf, a value that overflows) is an
     * {@link InputFormatException} at {@code file:line:column}. {@code what} names the column in the message.
     */
    public static double parse(String s, Path file, long line, long column, String what) {
        String t = s.strip();
        if (DECIMAL.matcher(t).matches()) {
            double v = Double.parseDouble(t);
            if (Double.isFinite(v)) return v;
            throw new InputFormatException(file, line, column, "value " + abbreviate(t) + " overflows a double" + where(what));
        }
        if (t.isEmpty()) throw new InputFormatException(file, line, column, "empty cell" + where(what));
        if (NONFINITE.matcher(t).matches() || t.equalsIgnoreCase("NA"))
            throw new InputFormatException(file, line, column, "missing or non-finite value '" + abbreviate(t) + "'" + where(what) + " (NaN/Inf/NA are not allowed)");
        throw new InputFormatException(file, line, column, "non-numeric cell \"" + abbreviate(t) + "\"" + where(what));
    }

    /**
     * {@link #parse} of {@code s.substring(from, to)}, with a hand-written check of the decimal grammar first so
     * the common case costs no regular expression (the LibSVM reader parses one value per nonzero).
     */
    static double parse(String s, int from, int to, Path file, long line, long column, String what) {
        if (isDecimal(s, from, to)) {
            double v = Double.parseDouble(s.substring(from, to));
            if (Double.isFinite(v)) return v;
        }
        return parse(s.substring(from, to), file, line, column, what); // throws the precise message
    }

    /** Whether {@code s[from, to)} matches {@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?}. */
    static boolean isDecimal(String s, int from, int to) {
        int i = from;
        if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int intDigits = 0, fracDigits = 0;
        while (i < to && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        if (i < to && s.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) return false;
        if (i < to && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < to && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exp = 0;
            while (i < to && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) return false;
        }
        return i == to;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String where(String what) {
        return what == null ? "" : " in " + what;
    }

    /** Input text to quote in a message: one printable line of at most 40 characters. */
    static String abbreviate(String s) {
        return InputFormatException.oneLine(s, 40);
    }

    /** Shortest text that reads back to the same double; exact zeros (either sign) are written as {@code 0}. */
    public static String format(double v) {
        if (v == 0.0) return "0";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        // Java writes 1.0E-5; R, NumPy and spreadsheets all read 1.0e-5 as well, keep Java's shortest digits
        return s.replace('E', 'e').toLowerCase(Locale.ROOT);
    }
}
