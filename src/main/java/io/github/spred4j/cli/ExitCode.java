package io.github.spred4j.cli;

/** The documented exit codes of {@code spred4j} (also listed in every --help footer). */
public final class ExitCode {
    public static final int OK = 0;
    /** An internal error: a bug; rerun with --verbose and report the stack trace. */
    public static final int INTERNAL = 1;
    /** Bad command line: unknown option, missing argument, value out of range. */
    public static final int USAGE = 2;
    /** Bad input data (unreadable or malformed file, wrong shape, NaN/Inf, labels not 0/1), or an unwritable output. */
    public static final int INPUT = 3;
    /** The requested backend cannot run here, or its device failed. */
    public static final int BACKEND = 4;
    /** The solver stopped (iteration limit) before its certificate reached --tol; results were still written. */
    public static final int NOT_CERTIFIED = 5;
    /** The solver diverged (non-finite objective or coefficients); nothing was written. */
    public static final int DIVERGED = 6;

    static final String FOOTER = "%nExit codes:%n"
            + "  0  success%n"
            + "  1  internal error (a bug: rerun with --verbose, report the trace)%n"
            + "  2  usage error (bad option or value)%n"
            + "  3  input/output error (malformed or unreadable input, shape, NaN/Inf,%n     labels; an output that cannot be written)%n"
            + "  4  backend unavailable or device failure (see 'spred4j devices')%n"
            + "  5  not certified: certificate above --tol (outputs still written)%n"
            + "  6  diverged: non-finite objective or coefficients (nothing written)%n"
            + "Errors are one line on stderr naming the file, line and column or the%n"
            + "shape at fault; --verbose adds the stack trace.";

    private ExitCode() {
    }
}
