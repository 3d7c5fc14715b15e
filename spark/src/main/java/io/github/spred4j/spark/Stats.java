package io.github.spred4j.spark;

import java.io.Serializable;

/**
 * The sums one pass over the data returns (one per partition, added by treeAggregate). All in float64 and on the
 * original scale: r = y − μ(η), η = c0 + Xβ; w = μ'(η) (1 for the squared loss). The constant sums (n, Σy, Σx,
 * Σx²) ride along every pass because they are cheap.
 */
final class Stats implements Serializable {
    private static final long serialVersionUID = 1L;

    long n;
    double sumY, loss, sumR, sumRY, sumR2, sumW, entropy;
    double[] sumX, sumX2, xtr, xtw, hess; // hess p×p row-major (null unless asked)

    Stats(int p, boolean hessian) {
        sumX = new double[p];
        sumX2 = new double[p];
        xtr = new double[p];
        xtw = new double[p];
        hess = hessian ? new double[p * p] : null;
    }

    /** this += o (returns this). */
    Stats add(Stats o) {
        n += o.n;
        sumY += o.sumY;
        loss += o.loss;
        sumR += o.sumR;
        sumRY += o.sumRY;
        sumR2 += o.sumR2;
        sumW += o.sumW;
        entropy += o.entropy;
        addTo(sumX, o.sumX);
        addTo(sumX2, o.sumX2);
        addTo(xtr, o.xtr);
        addTo(xtw, o.xtw);
        if (hess != null && o.hess != null) addTo(hess, o.hess);
        else if (hess == null && o.hess != null) hess = o.hess.clone();
        return this;
    }

    private static void addTo(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) a[i] += b[i];
    }
}
