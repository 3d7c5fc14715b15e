package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.MemoryBudget;

import java.util.Locale;

/**
 * Sparse X that reaches a solver which still densifies it (the spred methods L-BFGS/SGD/..., group lasso: the
 * working-set engine, {@link Method#CD}, keeps it sparse) is refused up front, in one line naming the memory the
 * dense float64 copy needs, when that copy cannot be made: beyond one Java array, or beyond the free heap. It is
 * checked before any allocation, so the caller gets an IllegalArgumentException, not an OutOfMemoryError
 * half-way through.
 */
final class DenseGuard {
    private DenseGuard() {
    }

    /** Throws if {@code d} is sparse, {@code o} leads to a densifying solver, and the dense copy will not fit. */
    static void check(Dataset d, FitOptions o) {
        if (d == null || o == null || !d.isSparse() || Paths.engine(o)) return;
        String s = refusal(d.n(), d.p(), o.model() == Model.GROUP ? "group lasso" : "the " + o.method() + " method");
        if (s != null) throw new IllegalArgumentException(s);
    }

    /** The refusal for an n×p sparse X that {@code who} densifies, or null when the dense copy fits now. */
    static String refusal(int n, int p, String who) {
        long cells = (long) n * p, bytes = 8 * cells;
        String what = String.format(Locale.ROOT, "%dx%d sparse X: %s densifies it (n*p = %d float64, %s; use Method.CD, "
                + "the working-set engine, which keeps X sparse)", n, p, who, cells, MemoryBudget.human(bytes));
        if (cells > MemoryBudget.MAX_ARRAY) return what + ", beyond one Java array (2^31-9 elements)";
        return MemoryBudget.shortfall(bytes, what);
    }
}
