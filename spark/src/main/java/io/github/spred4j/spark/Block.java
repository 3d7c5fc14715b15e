package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.Iterator;

/**
 * One partition's rows packed once on its executor for the working-set engine: CSR (row pointers, column indices,
 * values) when at most half the entries are non-zero, else dense row-major. Never centred or scaled: the
 * intercept and standardisation stay implicit (the driver works with Σx and Σx²). The reads of X (η, Xᵀr, Gram
 * blocks) run on the fit's backend ({@link PassOps}: a device copy uploaded on the first pass and kept with the
 * block, or the Java float64 loops); the O(n) work on η (losses, residuals, weights, sums) is host Java either way.
 *
 * <p>η of the last point evaluated is kept (by point id) so that the certificate's conjugate sums, which need the
 * aggregated gradient first, cost a pass over n numbers rather than over X.
 */
final class Block {
    final int n, p;
    final boolean dense;
    final double[] x;        // dense: row-major n×p
    final int[] ptr, col;    // CSR: row i holds col[ptr[i] .. ptr[i+1]-1]
    final double[] val;
    final double[] y;
    /** Observation weights (weightCol), null when every row weighs 1; every sum below is weighted by them. */
    final double[] w;
    final double sumY, wn;
    final double[] sumX, sumX2;
    private int lastPoint = -1;
    private double[] lastEta;
    /** The reads of X on the fit's backend, opened (uploaded) on the first pass. */
    private PassOps ops;

    private Block(int n, int p, double[] x, int[] ptr, int[] col, double[] val, double[] y, double[] w) {
        this.n = n;
        this.p = p;
        this.dense = x != null;
        this.x = x;
        this.ptr = ptr;
        this.col = col;
        this.val = val;
        this.y = y;
        this.w = w;
        sumX = new double[p];
        sumX2 = new double[p];
        double sy = 0, sw = 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i];
            sw += wi;
            if (w == null) sy += y[i];
            else sy += wi * y[i];
            if (dense) {
                for (int j = 0, b = i * p; j < p; j++) {
                    double v = x[b + j];
                    sumX[j] += w == null ? v : wi * v;
                    sumX2[j] += w == null ? v * v : wi * v * v;
                }
            } else {
                for (int e = ptr[i]; e < ptr[i + 1]; e++) {
                    double v = val[e];
                    sumX[col[e]] += w == null ? v : wi * v;
                    sumX2[col[e]] += w == null ? v * v : wi * v * v;
                }
            }
        }
        sumY = sy;
        wn = sw;
    }

    /** Packs rows (label, features) given arrays (tests, the benchmark). */
    static Block csr(int n, int p, int[] ptr, int[] col, double[] val, double[] y) {
        return new Block(n, p, null, ptr, col, val, y, null);
    }

    /**
     * Packs a partition's (label, features) rows; one-line errors name the bad value.
     *
     * @param rows the partition's rows
     * @param p    the features' length
     * @param fam  the loss family (its label check)
     */
    static Block pack(Iterator<Row> rows, int p, LossFamily fam) {
        return pack(rows, p, fam, -1);
    }

    /**
     * {@link #pack(Iterator, int, LossFamily)} with each row's observation weight in field {@code weightIndex}
     * (finite, &gt;= 0; −1: none).
     */
    static Block pack(Iterator<Row> rows, int p, LossFamily fam, int weightIndex) {
        int[] ptr = new int[1025];
        int[] col = new int[4096];
        double[] val = new double[4096];
        double[] y = new double[1024];
        double[] wt = weightIndex < 0 ? null : new double[1024];
        int n = 0, nnz = 0;
        while (rows.hasNext()) {
            Row row = rows.next();
            if (row.isNullAt(0) || row.isNullAt(1)) throw new IllegalArgumentException("null label or features in a row");
            double yi = row.getDouble(0);
            Vector v = (Vector) row.get(1);
            if (v.size() != p) throw new IllegalArgumentException("features vector of size " + v.size() + ", expected " + p);
            if (!Double.isFinite(yi)) throw new IllegalArgumentException("label is not finite: " + yi);
            if (fam == LossFamily.LOGISTIC && yi != 0 && yi != 1)
                throw new IllegalArgumentException("logistic regression needs labels in {0,1}, got " + yi);
            if (fam == LossFamily.POISSON && yi < 0)
                throw new IllegalArgumentException("Poisson regression needs counts >= 0 as labels, got " + yi);
            int k = v instanceof SparseVector sv ? sv.indices().length : p;
            if (nnz + (long) k > Integer.MAX_VALUE - 8)
                throw new IllegalArgumentException("a partition holds more than 2^31 non-zero features: use more partitions");
            if (nnz + k > col.length) {
                int cap = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * col.length, nnz + (long) k));
                col = Arrays.copyOf(col, cap);
                val = Arrays.copyOf(val, cap);
            }
            if (v instanceof SparseVector sv) {
                int[] idx = sv.indices();
                double[] vs = sv.values();
                for (int e = 0; e < idx.length; e++) {
                    if (!Double.isFinite(vs[e])) throw new IllegalArgumentException("feature " + idx[e] + " is not finite: " + vs[e]);
                    if (vs[e] == 0) continue;
                    col[nnz] = idx[e];
                    val[nnz++] = vs[e];
                }
            } else {
                double[] vs = v instanceof DenseVector dv ? dv.values() : v.toArray();
                for (int j = 0; j < p; j++) {
                    if (!Double.isFinite(vs[j])) throw new IllegalArgumentException("feature " + j + " is not finite: " + vs[j]);
                    if (vs[j] == 0) continue;
                    col[nnz] = j;
                    val[nnz++] = vs[j];
                }
            }
            if (n + 1 >= ptr.length) ptr = Arrays.copyOf(ptr, 2 * ptr.length);
            if (n >= y.length) y = Arrays.copyOf(y, 2 * y.length);
            if (wt != null) {
                if (row.isNullAt(weightIndex)) throw new IllegalArgumentException("null observation weight in a row (weightCol)");
                double wi = row.getDouble(weightIndex);
                if (!(wi >= 0) || Double.isInfinite(wi))
                    throw new IllegalArgumentException("observation weight (weightCol) must be finite and >= 0, got " + wi);
                if (n >= wt.length) wt = Arrays.copyOf(wt, 2 * wt.length);
                wt[n] = wi;
            }
            y[n++] = yi;
            ptr[n] = nnz;
        }
        ptr = Arrays.copyOf(ptr, n + 1);
        y = Arrays.copyOf(y, n);
        if (wt != null) wt = Arrays.copyOf(wt, n);
        // dense when at least half the entries are non-zero (8 bytes an entry instead of 12) and n·p fits an array
        if ((long) n * p <= Integer.MAX_VALUE - 8 && 2L * nnz >= (long) n * p) {
            double[] x = new double[n * p];
            for (int i = 0; i < n; i++)
                for (int e = ptr[i]; e < ptr[i + 1]; e++) x[i * p + col[e]] = val[e];
            return new Block(n, p, x, null, null, null, y, wt);
        }
        return new Block(n, p, null, ptr, Arrays.copyOf(col, nnz), Arrays.copyOf(val, nnz), y, wt);
    }

    /** One pass on this partition (see {@link PassSpec}). */
    synchronized PassSums compute(PassSpec q, LossFamily fam) {
        PassSums s = new PassSums();
        s.n = n;
        s.wn = wn;
        s.sumY = sumY;
        if (q.constants()) {
            s.sumX = sumX.clone();
            s.sumX2 = sumX2.clone();
        }
        if (q.entropy() && !q.gradient() && !q.xtw() && q.gramRows() == null && lastPoint == q.point()) {
            entropy(q, fam, lastEta, s); // the cached η of this point: no read of X
            return s;
        }
        if (ops == null) ops = DeviceOps.open(q.backend(), this); // uploaded once, kept with the block
        DeviceOps.count(ops.name());
        double[] eta = ops.eta(q.c0(), q.bIdx(), q.bVal());
        double[] r = new double[n];
        double loss = 0, sr = 0, sry = 0, sr2 = 0;
        for (int i = 0; i < n; i++) {
            double ri = fam.residual(y[i], eta[i]); // the entropy pass's residual: one dual point for both
            if (w == null) {
                r[i] = ri;
                loss += fam.loss(y[i], eta[i]);
                sr += ri;
                sry += ri * y[i];
                sr2 += ri * ri;
            } else { // the weighted sums; r holds w∘r, so Xᵀr below is the weighted gradient
                double wi = w[i];
                r[i] = wi * ri;
                loss += wi * fam.loss(y[i], eta[i]);
                sr += wi * ri;
                sry += wi * ri * y[i];
                sr2 += wi * ri * ri;
            }
        }
        s.loss = loss;
        s.sumR = sr;
        s.sumRY = sry;
        s.sumR2 = sr2;
        lastPoint = q.point();
        lastEta = eta;
        if (q.entropy()) entropy(q, fam, eta, s);
        if (q.gradient()) s.xtr = ops.xtr(r);
        double[] cw = null; // curvature weights μ'(η), times the observation weights
        if (q.xtw() || q.weighted()) {
            cw = new double[n];
            double sw = 0;
            for (int i = 0; i < n; i++) sw += cw[i] = fam.weight(eta[i]) * (w == null ? 1 : w[i]);
            s.sumW = sw;
        }
        if (q.xtw()) s.xtw = ops.xtr(cw);
        if (q.gramRows() != null) {
            double[][] gx = ops.gram(q.gramRows(), q.gramCols(), q.weighted() ? cw : w);
            s.gram = gx[0];
            s.xtwR = gx[1];
            if (!q.weighted()) s.sumW = wn;
        }
        return s;
    }

    /**
     * −Σ ℓ* of the two dual points q = y − t(r − r̄) (uniform centring) and q = y − t2(r − wc·w) (curvature-weighted
     * centring, w = μ'(η)), each clipped to the conjugate's domain.
     */
    private void entropy(PassSpec q, LossFamily fam, double[] eta, PassSums s) {
        double e1 = 0, e2 = 0, m1 = Double.POSITIVE_INFINITY, m2 = Double.POSITIVE_INFINITY;
        double lo = fam.dualLower(), hi = fam.dualUpper();
        boolean two = q.wc() != 0 || q.t2() != 0;
        for (int i = 0; i < n; i++) {
            double wi = w == null ? 1 : w[i]; // the weighted dual: Σ w_i ℓ*_i; a zero weight drops the row
            if (wi == 0) continue;
            double ri = fam.residual(y[i], eta[i]); // y − μ with its digits (logistic: 1 − μ = μ(−η))
            double d1 = ri - q.rbar();
            m1 = Math.min(m1, bound(y[i], d1, lo, hi));
            e1 -= wi * fam.dualTermAt(y[i], fam.clipStep(y[i], q.t() * d1)); // from the step (1 − q keeps its digits); the clip: rounding only when t ≤ tMax
            if (two) {
                double d2 = ri - q.wc() * fam.weight(eta[i]);
                m2 = Math.min(m2, bound(y[i], d2, lo, hi));
                e2 -= wi * fam.dualTermAt(y[i], fam.clipStep(y[i], q.t2() * d2));
            }
        }
        s.entropy = e1;
        s.entropy2 = e2;
        s.tMax = m1;
        s.tMax2 = m2;
    }

    /** The largest t ≥ 0 with y − t·d inside [lo, hi] (y itself is inside). */
    private static double bound(double y, double d, double lo, double hi) {
        if (d > 0 && lo > Double.NEGATIVE_INFINITY) return Math.max(0, (y - lo) / d);
        if (d < 0 && hi < Double.POSITIVE_INFINITY) return Math.max(0, (y - hi) / d);
        return Double.POSITIVE_INFINITY;
    }

    /** Frees the device copy, if any (the block leaves the cache). */
    synchronized void close() {
        if (ops != null) ops.close();
        ops = null;
    }
}
