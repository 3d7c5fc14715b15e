package io.github.spred4j.cli;

import io.github.spred4j.api.Precision;
import io.github.spred4j.data.MemoryBudget;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.Model;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The heap a fit will allocate on top of the loaded data, checked before the solver starts, so a too-large
 * input is refused in one line (how much, and -Xmx) instead of an OutOfMemoryError half-way through.
 *
 * <p>This mirrors the solvers. Sparse input on the working-set engine ({@code --method cd} or {@code spred_ws}, not group) stays
 * sparse: the engine builds a CSC twin of the CSR (int64 offsets) and the java backend keeps device copies of
 * both structures and their values, so the need is a few times the CSR size, never n·p. The spred methods and
 * group lasso still expand CSR to a dense float64 copy; group lasso copies X once more to make groups contiguous;
 * the java backend keeps its device copy of dense X on the heap.
 *
 * <p>A float32 fit on the engine also keeps a float64 copy of X on the device (its x̄, scales, λ_max and its float64
 * certificate are computed from the caller's X, not from its float32 rounding: {@code solver/ExactPasses}): on
 * the java backend, whose device is the heap, that is one more dense float64 array (or one more CSC for sparse X);
 * on a GPU, 8 B per element next to the fit's own 4 B ({@link #deviceBytes}).
 */
final class MemoryPlan {
    private MemoryPlan() {
    }

    /** Extra heap bytes of a float64 fit of {@code d} on the named backend (before any solver allocation). */
    static long fitHeapBytes(Dataset d, Model model, String backend, boolean engine) {
        return fitHeapBytes(d, model, backend, engine, Precision.FLOAT64);
    }

    /** Extra heap bytes of a fit of {@code d} in {@code precision} on the named backend. */
    static long fitHeapBytes(Dataset d, Model model, String backend, boolean engine, Precision precision) {
        boolean java = "java".equalsIgnoreCase(backend);
        boolean copy = exactCopy(model, engine, precision);
        if (d.isSparse() && engine && model != Model.GROUP)
            return sparseBytes(d, java) + (java && copy ? cscBytes(d) : 0); // the java device's float64 CSC copy
        long dense = 8L * d.n() * d.p();
        long extra = 0;
        if (d.isSparse()) extra += dense;
        if (model == Model.GROUP) extra += dense;
        if (java) extra += copy ? 2 * dense : dense; // the java backend stores every buffer as float64
        return extra;
    }

    /**
     * Device bytes of X for a fit on a GPU (or the native backend's off-heap buffers): 4 or 8 B per element of
     * dense X (12 for a float32 engine fit: its float64 copy too); sparse X on the engine: its CSC, twice for float32.
     */
    static long deviceBytes(Dataset d, Model model, boolean engine, Precision precision) {
        boolean copy = exactCopy(model, engine, precision);
        if (d.isSparse() && engine && model != Model.GROUP) return (copy ? 2 : 1) * cscBytes(d);
        long cells = (long) d.n() * d.p();
        return (precision == Precision.FLOAT32 ? 4 : 8) * cells + (copy ? 8 * cells : 0);
    }

    /** Whether the fit keeps a float64 copy of X on the device: a float32 fit on the engine (cd, spred_ws). */
    private static boolean exactCopy(Model model, boolean engine, Precision precision) {
        return precision == Precision.FLOAT32 && engine && model != Model.GROUP;
    }

    private static long cscBytes(Dataset d) {
        long nnz = d.rowPtr() == null ? 0 : d.rowPtr()[d.n()];
        return 8L * (d.p() + 1) + 12 * nnz;
    }

    /**
     * The sparse engine's heap: the int64 copy of the row offsets and the CSC (offsets, row indices, values),
     * on the java backend also the device copies (both structures and both value arrays), plus the engine's
     * O(n + p) float64 vectors (a generous 32 of each).
     */
    static long sparseBytes(Dataset d, boolean java) {
        long n = d.n(), p = d.p(), nnz = d.rowPtr() == null ? 0 : d.rowPtr()[d.n()];
        long csr = 8 * (n + 1) + 12 * nnz, csc = 8 * (p + 1) + 12 * nnz;
        long bytes = 8 * (n + 1) + csc;
        if (java) bytes += csr + csc;
        return bytes + 32 * 8 * (n + p);
    }

    /** Throws an input error (exit 3) naming the file, the need and the fix when the fit cannot fit the heap. */
    static void check(Path xFile, Dataset d, Model model, String backend, boolean engine) {
        check(xFile, d, model, backend, engine, Precision.FLOAT64);
    }

    /** As above for a fit in {@code precision} (a float32 engine fit counts its float64 copy of X). */
    static void check(Path xFile, Dataset d, Model model, String backend, boolean engine, Precision precision) {
        boolean java = "java".equalsIgnoreCase(backend);
        boolean sparseEngine = d.isSparse() && engine && model != Model.GROUP;
        long cells = (long) d.n() * d.p();
        if (d.isSparse() && !sparseEngine && cells > MemoryBudget.MAX_ARRAY)
            throw new CliException(ExitCode.INPUT, String.format(Locale.ROOT,
                    "%s: %dx%d sparse input: this solver (%s) expands CSR to a dense array, and n*p = %d is beyond one Java array "
                            + "(2^31-9 elements, %s as float64); use --method cd (the sparse engine)", xFile, d.n(), d.p(),
                    model == Model.GROUP ? "group lasso" : "a spred method", cells, MemoryBudget.human(8 * cells)));
        String why = sparseEngine ? "the fit (the sparse engine's CSC copy of the " + d.n() + "x" + d.p() + " CSR input"
                + (java ? " and the java backend's device copies" : "") + ")"
                : d.isSparse() ? "the fit (the solver expands the " + d.n() + "x" + d.p() + " CSR input to dense float64"
                + (java ? ", and the java backend keeps a copy" : "") + ")"
                : "the fit (" + d.n() + "x" + d.p() + " float64" + (java ? ", the java backend's copy" : "")
                + (model == Model.GROUP ? ", the group-ordered copy" : "") + ")";
        if (java && exactCopy(model, engine, precision)) why = why.substring(0, why.length() - 1) + ", and the float32 fit's float64 copy)";
        String s = MemoryBudget.shortfall(fitHeapBytes(d, model, backend, engine, precision), why);
        if (s != null) throw new CliException(ExitCode.INPUT, xFile + ": " + s + " (a GPU backend needs "
                + MemoryBudget.human(deviceBytes(d, model, engine, precision)) + " of device memory for X"
                + (exactCopy(model, engine, precision) ? ", its float64 copy included)" : ")"));
    }

    /**
     * A path keeps every λ's coefficients (p float64 each, per response) until it is written: at p = 2·10⁵ and 100 λ
     * that is 153 MB, more than the data's CSR, so a small heap is refused here with the figure instead of an
     * OutOfMemoryError in the middle of the path.
     */
    static void checkPath(Path xFile, Dataset d, int lambdas, int targets) {
        long bytes = 8L * d.p() * lambdas * targets;
        String s = MemoryBudget.shortfall(bytes, "the path's coefficients (" + lambdas + " lambdas x " + d.p() + " features"
                + (targets > 1 ? " x " + targets + " responses" : "") + ", float64)");
        if (s != null) throw new CliException(ExitCode.INPUT, xFile + ": " + s + "; or fewer lambdas (--nlambda)");
    }
}
