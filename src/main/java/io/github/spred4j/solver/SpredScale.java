package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The spred methods (L-BFGS, SGD, momentum, Adam) on data of extreme magnitude. Their curvature estimates square
 * the gradient (L-BFGS's yᵀy), so X and y at 1e100 overflowed to NaN where the working-set engine (scale-invariant)
 * fits fine. For the squared loss (and group lasso) the fit is scale-equivariant: with X' = X/a, y' = y/a and
 * λ' = λ/a², β is unchanged, the intercept is a·b0' and the objective a²·P' (the relative certificate unchanged);
 * a is a power of two, so the scaling is exact. The logistic and Poisson losses are not (y is not scalable): there
 * a huge X is refused naming the cell, with the method that fits it.
 */
final class SpredScale {
    /** Magnitudes above 2^100 (about 1.3e30) are scaled: the squares of their gradients stay far from overflow. */
    static final double BIG = 0x1p100;

    private SpredScale() {
    }

    /** The power of two a that brings the data's largest magnitude near 1, or 1 when it is not needed. */
    static double factor(Dataset d, FitOptions o) {
        double[] v = d.isSparse() ? d.values() : d.x();
        int at = -1;
        int len = d.isSparse() ? d.rowPtr()[d.n()] : v.length;
        for (int k = 0; k < len; k++) if (at < 0 || Math.abs(v[k]) > Math.abs(v[at])) at = k;
        double m = at < 0 ? 0 : Math.abs(v[at]);
        boolean quadratic = o.model() == Model.SQUARED || o.model() == Model.GROUP;
        if (quadratic) for (double y : d.y()) m = Math.max(m, Math.abs(y));
        if (!(m > BIG)) return 1;
        if (!quadratic)
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "X%s = %.3g is too large for --method %s with the %s loss (|X| must stay below %.3g: the spred curvature overflows); rescale X or use --method cd",
                    cell(d, at), v[at], o.method().name().toLowerCase(Locale.ROOT), o.model().name().toLowerCase(Locale.ROOT), BIG));
        return Math.scalb(1.0, Math.getExponent(m));
    }

    /** X/a and y/a (a copy; the caller's arrays untouched). */
    static Dataset scaled(Dataset d, double a) {
        return new Dataset(d.n(), d.p(), div(d.x(), a), d.rowPtr(), d.colIdx(), div(d.values(), a), div(d.y(), a), d.names());
    }

    /** The fit of the scaled problem as the fit of the original one: λ·a², intercept·a, objective·a². */
    static FitResult back(FitResult f, double a) {
        return new FitResult(f.intercept() * a, f.beta(), f.lambda() * a * a, f.objective() * a * a, f.certificateName(),
                f.certificate(), f.nnz(), f.iterations(), f.seconds(), f.backend(), f.device());
    }

    static PathResult back(PathResult pr, double a) {
        List<FitResult> fits = new ArrayList<>();
        for (FitResult f : pr.fits()) fits.add(back(f, a));
        double[] lam = pr.lambdas().clone();
        for (int i = 0; i < lam.length; i++) lam[i] *= a * a;
        return new PathResult(lam, fits);
    }

    /** A listener that sees the original problem's fits. */
    static PathListener back(PathListener l, double a) {
        return (i, total, f) -> l.fitted(i, total, back(f, a));
    }

    /** λ/a² for each λ (a copy). */
    static double[] lambdas(double[] lam, double a) {
        double[] l = lam.clone();
        for (int i = 0; i < l.length; i++) l[i] /= a * a;
        return l;
    }

    private static double[] div(double[] v, double a) {
        if (v == null) return null;
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = v[i] / a;
        return o;
    }

    private static String cell(Dataset d, int at) {
        if (!d.isSparse()) return "[" + at / Math.max(d.p(), 1) + "," + at % Math.max(d.p(), 1) + "]";
        int i = 0;
        while (d.rowPtr()[i + 1] <= at) i++;
        return "[" + i + "," + d.colIdx()[at] + "]";
    }
}
