package io.github.spred4j.spark;

import java.io.Serializable;

/**
 * The sums one pass of the working-set engine returns (one per partition, added by {@code treeAggregate}); all
 * float64, on the original scale. Arrays are null when the {@link PassSpec} did not ask for them: no p×p array ever,
 * the Gram block is |R|×|C| (row-major) for the working set's rows and its new columns.
 */
final class PassSums implements Serializable {
    private static final long serialVersionUID = 1L;

    long n;
    /** Σ of the rows' observation weights (n when unweighted): the n of every mean and of the objective's 1/n. */
    double wn;
    double sumY, loss, sumR, sumRY, sumR2, sumW, entropy, entropy2;
    double[] sumX, sumX2, xtr, xtw, gram, xtwR;
    /** The largest scalings t, t2 that keep every row's dual q inside the conjugate's domain (min over rows). */
    double tMax = Double.POSITIVE_INFINITY, tMax2 = Double.POSITIVE_INFINITY;

    /** this += o (returns this; arrays absent on one side are taken from the other). */
    PassSums add(PassSums o) {
        n += o.n;
        wn += o.wn;
        sumY += o.sumY;
        loss += o.loss;
        sumR += o.sumR;
        sumRY += o.sumRY;
        sumR2 += o.sumR2;
        sumW += o.sumW;
        entropy += o.entropy;
        entropy2 += o.entropy2;
        tMax = Math.min(tMax, o.tMax);
        tMax2 = Math.min(tMax2, o.tMax2);
        sumX = plus(sumX, o.sumX);
        sumX2 = plus(sumX2, o.sumX2);
        xtr = plus(xtr, o.xtr);
        xtw = plus(xtw, o.xtw);
        gram = plus(gram, o.gram);
        xtwR = plus(xtwR, o.xtwR);
        return this;
    }

    private static double[] plus(double[] a, double[] b) {
        if (a == null) return b;
        if (b == null) return a;
        if (a.length != b.length) throw new IllegalStateException("pass sums of lengths " + a.length + " and " + b.length);
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }
}
