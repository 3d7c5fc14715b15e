package io.github.spred4j.solver;

/**
 * Told after each fit of a path or cross-validation, e.g. to show progress. {@code index} counts from 0 to
 * {@code total − 1} over all the fits the call makes (for CV: every fold's path, then the path on all data).
 * Called on the solving thread; it must return quickly and must not modify the result.
 */
@FunctionalInterface
public interface PathListener {
    PathListener NONE = (index, total, fit) -> { };

    void fitted(int index, int total, FitResult fit);
}
