package io.github.spred4j.solver;

import io.github.spred4j.api.Context;

final class Solver {
    static FitResult fit(Context ctx, Dataset d, FitOptions o) { throw new UnsupportedOperationException("not yet"); }
    static PathResult path(Context ctx, Dataset d, FitOptions o, int nl, double r) { throw new UnsupportedOperationException("not yet"); }
    static CvResult cv(Context ctx, Dataset d, FitOptions o, int nl, double r, int f, long s) { throw new UnsupportedOperationException("not yet"); }
    static FitResult[] fitBatch(Context ctx, Dataset d, FitOptions o, double[] l) { throw new UnsupportedOperationException("not yet"); }
}
