package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

/**
 * The checks every public entry point of {@link Spred} makes before any work, so that a caller's mistake is one
 * IllegalArgumentException naming it rather than a NullPointerException (or a NaN result) from deep inside a
 * solver: the context, dataset and options are given; the dataset has at least one row, X is present (dense or
 * CSR) and its names, when given, are one per feature.
 */
final class EntryChecks {
    private EntryChecks() {
    }

    static void check(Context ctx, Dataset d, FitOptions o) {
        if (ctx == null) throw new IllegalArgumentException("context is null (open one with Backends.auto().open())");
        check(d, o);
    }

    static void check(Dataset d, FitOptions o) {
        if (d == null) throw new IllegalArgumentException("dataset is null");
        if (o == null) throw new IllegalArgumentException("options are null (start from FitOptions.defaults(model))");
        if (d.n() < 1 || d.p() < 0)
            throw new IllegalArgumentException("need n >= 1 rows and p >= 0 features, got n=" + d.n() + ", p=" + d.p());
        if (d.x() == null && d.rowPtr() == null)
            throw new IllegalArgumentException("X is null: give a dense row-major x (Dataset.dense) or CSR arrays (Dataset.sparse)");
        if (d.names() != null && d.names().length != d.p())
            throw new IllegalArgumentException("names has length " + d.names().length + ", expected one per feature, p = " + d.p());
    }
}
