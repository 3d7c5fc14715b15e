package io.github.spred4j.solver;

import java.util.Locale;

/**
 * A {@link PathListener} for {@link Spred#cv} that counts the fits it reports, split into the folds' fits and the
 * full-data fits, and how many of each are not certified at the tolerance they ran with. {@link CvResult} keeps only
 * the full-data path, yet the CV curve is made of the fold fits: this is how a caller sees their certificates.
 * A CV reports every fold's path first, then the path on all data, so of {@code total} fits the last
 * {@code total / (folds + 1)} are the full-data ones. A NaN certificate is not certified; a negative one beyond
 * rounding (−1e-12) is not certified either and is also counted apart, as the bug it is.
 */
public final class CvFitCounts implements PathListener {
    private final int folds;
    private final double tol;
    private int seen, total, foldFits, foldUncertified, fullFits, fullUncertified, negative;
    private double worst = Double.NEGATIVE_INFINITY;

    /** {@code tol}: the certificate target the fits ran with ({@link Certificates#tolerance}). */
    public CvFitCounts(int folds, double tol) {
        if (folds < 2) throw new IllegalArgumentException("folds must be >= 2, got " + folds);
        this.folds = folds;
        this.tol = tol;
    }

    @Override
    public void fitted(int index, int total, FitResult fit) {
        this.total = total;
        seen++;
        double c = fit.certificate();
        boolean neg = c < -1e-12;
        boolean bad = !(c <= tol) || neg;
        if (neg) negative++;
        if (!(c <= worst) && !Double.isNaN(worst)) worst = c; // NaN, once seen, stays the worst
        if (index >= total - total / (folds + 1)) {
            fullFits++;
            if (bad) fullUncertified++;
        } else {
            foldFits++;
            if (bad) foldUncertified++;
        }
    }

    public int foldFits() {
        return foldFits;
    }

    public int foldUncertified() {
        return foldUncertified;
    }

    public int fullFits() {
        return fullFits;
    }

    public int fullUncertified() {
        return fullUncertified;
    }

    /** Certificates below −1e-12: a bug in a solver or a certificate, never rounding. */
    public int negativeGaps() {
        return negative;
    }

    /** The largest certificate seen (NaN if any was NaN; −∞ before the first fit). */
    public double worst() {
        return worst;
    }

    /** Fits reported so far and the total the CV announced: fewer seen than announced means a route skipped some. */
    public int seen() {
        return seen;
    }

    public int total() {
        return total;
    }

    /** The counts as key=value pairs (for logs). */
    public String pairs() {
        return String.format(Locale.ROOT, "fits_seen=%d fits_total=%d fold_fits=%d fold_uncertified=%d full_fits=%d full_uncertified=%d negative_gaps=%d worst_gap=%.3e",
                seen, total, foldFits, foldUncertified, fullFits, fullUncertified, negative, worst);
    }
}
