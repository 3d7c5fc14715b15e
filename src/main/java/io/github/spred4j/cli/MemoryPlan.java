package io.github.spred4j.cli;

import io.github.spred4j.data.MemoryBudget;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.Model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The heap a fit will allocate on top of the loaded data, checked before the solver starts, so a too-large
 * input is refused in one line (how much, and -Xmx) instead of an OutOfMemoryError half-way through.
 *
 * <p>This mirrors today's solver: it expands CSR input to a dense float64 copy on the host (Problem.dense), copies
 * X once more to make groups contiguous, and the java backend keeps its device copy on the heap. When the engine
 * takes a sparse Design, the sparse terms here become the CSR+CSC size.
 */
final class MemoryPlan {
    private MemoryPlan() {
    }

    /** Extra heap bytes of a fit of {@code d} on the named backend (before any solver allocation). */
    static long fitHeapBytes(Dataset d, Model model, String backend) {
        long dense = 8L * d.n() * d.p();
        long extra = 0;
        if (d.isSparse()) extra += dense;
        if (model == Model.GROUP) extra += dense;
        if ("java".equalsIgnoreCase(backend)) extra += dense;
        return extra;
    }

    /** Throws an input error (exit 3) naming the file, the need and the fix when the fit cannot fit the heap. */
    static void check(Path xFile, Dataset d, Model model, String backend) {
        long cells = (long) d.n() * d.p();
        if (d.isSparse() && cells > MemoryBudget.MAX_ARRAY)
            throw new CliException(ExitCode.INPUT, String.format(Locale.ROOT,
                    "%s: %dx%d sparse input: this solver still expands CSR to a dense array, and n*p = %d is beyond one Java array "
                            + "(2^31-9 elements, %s as float64); the sparse engine is not merged yet", xFile, d.n(), d.p(), cells,
                    MemoryBudget.human(8 * cells)));
        String why = d.isSparse() ? "the fit (the solver expands the " + d.n() + "x" + d.p() + " CSR input to dense float64"
                + ("java".equalsIgnoreCase(backend) ? ", and the java backend keeps a copy" : "") + ")"
                : "the fit (" + d.n() + "x" + d.p() + " float64" + ("java".equalsIgnoreCase(backend) ? ", the java backend's copy" : "")
                + (model == Model.GROUP ? ", the group-ordered copy" : "") + ")";
        String s = MemoryBudget.shortfall(fitHeapBytes(d, model, backend), why);
        if (s != null) throw new CliException(ExitCode.INPUT, xFile + ": " + s + " (a GPU backend needs the same in device memory)");
    }
}
