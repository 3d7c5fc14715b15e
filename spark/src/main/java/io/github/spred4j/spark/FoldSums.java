package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one pass of cross-validation's statistics: per fold (keyed by the fold id a row carries), n, Σy, Σy², Σx_j,
 * Σx_j², Xᵀy and, for the fold-Gram route, XᵀX (upper triangle, packed row by row). Every training set's sums are
 * the total minus its fold's (cv.glmnet's folds, the core's fold Grams by subtraction); no row leaves its executor.
 */
final class FoldSums implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One fold's sums. */
    static final class One implements Serializable {
        private static final long serialVersionUID = 1L;
        long n;
        /** Σ of the rows' observation weights (n when unweighted): the n of every mean. */
        double wn;
        double sy, syy;
        double[] sx, sx2, xty, gram;

        One(int p, boolean gram) {
            sx = new double[p];
            sx2 = new double[p];
            xty = new double[p];
            this.gram = gram ? new double[p * (p + 1) / 2] : null;
        }

        void add(One o) {
            n += o.n;
            wn += o.wn;
            sy += o.sy;
            syy += o.syy;
            plus(sx, o.sx);
            plus(sx2, o.sx2);
            plus(xty, o.xty);
            if (gram != null) plus(gram, o.gram);
        }

        /** this − o: the sums of the rows of this set outside fold o. */
        One minus(One o) {
            One d = new One(sx.length, gram != null);
            d.n = n - o.n;
            d.wn = wn - o.wn;
            d.sy = sy - o.sy;
            d.syy = syy - o.syy;
            for (int j = 0; j < sx.length; j++) {
                d.sx[j] = sx[j] - o.sx[j];
                d.sx2[j] = sx2[j] - o.sx2[j];
                d.xty[j] = xty[j] - o.xty[j];
            }
            if (gram != null) for (int e = 0; e < gram.length; e++) d.gram[e] = gram[e] - o.gram[e];
            return d;
        }

        private static void plus(double[] a, double[] b) {
            for (int i = 0; i < a.length; i++) a[i] += b[i];
        }
    }

    /** Fold id → its sums, in increasing id order (fold k of the curve is the k-th id). */
    final TreeMap<Integer, One> folds = new TreeMap<>();

    /** Index of (j, k), j ≤ k, in the packed upper triangle of a p×p matrix. */
    static int tri(int p, int j, int k) {
        return j * p - j * (j - 1) / 2 + (k - j);
    }

    /** The sums of one partition's (label, features, ...) rows, unweighted. */
    static Iterator<FoldSums> of(Iterator<Row> rows, int p, LossFamily fam, FoldOf fold, boolean gram) {
        return of(rows, p, fam, fold, gram, -1);
    }

    /**
     * The sums of one partition's rows, each weighted by its observation weight in field {@code weightIndex} (−1:
     * none; weighted sums serve the lockstep route only: no Gram).
     */
    static Iterator<FoldSums> of(Iterator<Row> rows, int p, LossFamily fam, FoldOf fold, boolean gram, int weightIndex) {
        FoldSums s = new FoldSums();
        while (rows.hasNext()) {
            Row r = rows.next();
            double y = label(r, p, fam);
            double wt = weight(r, weightIndex);
            Vector v = (Vector) r.get(1);
            One o = s.folds.computeIfAbsent(fold.of(r), k -> new One(p, gram));
            o.n++;
            o.wn += wt;
            o.sy += wt * y;
            o.syy += wt * y * y;
            if (v instanceof SparseVector sv) {
                int[] idx = sv.indices();
                double[] val = sv.values();
                for (int a = 0; a < idx.length; a++) {
                    double x = finite(idx[a], val[a]);
                    o.sx[idx[a]] += wt * x;
                    o.sx2[idx[a]] += wt * x * x;
                    o.xty[idx[a]] += wt * x * y;
                    if (gram && x != 0) for (int b = a; b < idx.length; b++) o.gram[tri(p, idx[a], idx[b])] += x * val[b];
                }
            } else {
                double[] x = v instanceof DenseVector dv ? dv.values() : v.toArray();
                for (int j = 0; j < p; j++) {
                    double xj = finite(j, x[j]);
                    o.sx[j] += wt * xj;
                    o.sx2[j] += wt * xj * xj;
                    o.xty[j] += wt * xj * y;
                    if (gram && xj != 0) for (int k = j, e = tri(p, j, j); k < p; k++, e++) o.gram[e] += xj * x[k];
                }
            }
        }
        return List.of(s).iterator();
    }

    /** this += o (returns this). */
    FoldSums add(FoldSums o) {
        for (Map.Entry<Integer, One> e : o.folds.entrySet()) {
            One mine = folds.get(e.getKey());
            if (mine == null) folds.put(e.getKey(), e.getValue());
            else mine.add(e.getValue());
        }
        return this;
    }

    /** The sums over every fold (all the data). */
    One total(int p, boolean gram) {
        One t = new One(p, gram);
        for (One o : folds.values()) t.add(o);
        return t;
    }

    /** A row's label, with the one-line checks of {@link Block#pack} (and the features' length). */
    static double label(Row r, int p, LossFamily fam) {
        if (r.isNullAt(0) || r.isNullAt(1)) throw new IllegalArgumentException("null label or features in a row");
        double y = r.getDouble(0);
        int size = ((Vector) r.get(1)).size();
        if (size != p) throw new IllegalArgumentException("features vector of size " + size + ", expected " + p);
        if (!Double.isFinite(y)) throw new IllegalArgumentException("label is not finite: " + y);
        if (fam == LossFamily.LOGISTIC && y != 0 && y != 1)
            throw new IllegalArgumentException("logistic regression needs labels in {0,1}, got " + y);
        if (fam == LossFamily.POISSON && y < 0)
            throw new IllegalArgumentException("Poisson regression needs counts >= 0 as labels, got " + y);
        return y;
    }

    /** A row's observation weight (finite, &gt;= 0; 1 without a weight column), with Block's one-line checks. */
    static double weight(Row r, int weightIndex) {
        if (weightIndex < 0) return 1;
        if (r.isNullAt(weightIndex)) throw new IllegalArgumentException("null observation weight in a row (weightCol)");
        double w = r.getDouble(weightIndex);
        if (!(w >= 0) || Double.isInfinite(w))
            throw new IllegalArgumentException("observation weight (weightCol) must be finite and >= 0, got " + w);
        return w;
    }

    private static double finite(int j, double x) {
        if (!Double.isFinite(x)) throw new IllegalArgumentException("feature " + j + " is not finite: " + x);
        return x;
    }

    /**
     * A row's fold id: the integer fold column (index 2 of the row) or, without one, a seeded hash of the row's
     * content modulo k (a row's position in a partition is not stable across recomputation; its content is).
     */
    record FoldOf(boolean column, int k, long seed) implements Serializable {
        int of(Row r) {
            if (column) {
                if (r.isNullAt(2)) throw new IllegalArgumentException("null fold id in a row (foldCol)");
                return ((Number) r.get(2)).intValue();
            }
            long h = mix(seed * 0x9E3779B97F4A7C15L + Double.doubleToLongBits(r.getDouble(0) + 0.0));
            Vector v = (Vector) r.get(1);
            if (v instanceof SparseVector sv) {
                for (int a = 0; a < sv.indices().length; a++) h = step(h, sv.indices()[a], sv.values()[a]);
            } else {
                double[] x = v.toArray();
                for (int j = 0; j < x.length; j++) h = step(h, j, x[j]);
            }
            return (int) Math.floorMod(mix(h), (long) k);
        }

        private static long step(long h, int j, double x) {
            return x == 0 ? h : mix(h ^ (j * 0xC2B2AE3D27D4EB4FL + Double.doubleToLongBits(x)));
        }

        /** SplitMix64's finaliser. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
