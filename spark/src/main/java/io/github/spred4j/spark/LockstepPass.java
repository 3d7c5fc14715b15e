package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One pass of the lockstep cross-validation ({@link LockstepCv}), run in the executors: a single read of the rows
 * serves every fold's training set and the full data at once. Set k &lt; K is the rows outside fold k, set K all
 * rows; each row adds to the K sets it trains (its fold's set excepted) and, for its own fold, its held-out
 * deviance. Per set the pass evaluates the point the driver asked for (loss, residual sums, Xᵀr, Xᵀw and the
 * curvature-weighted Gram of that set's working set W: Σ w x_W x_Wᵀ, one packed triangle, w = μ'(η)) and, when
 * asked, the conjugate sums of the dual point of another point (the certificate, as {@link Block}'s entropy, with
 * the scalings the driver derived from that point's own pass). No p×p array; rows never leave the executor.
 */
final class LockstepPass {
    private LockstepPass() {
    }

    /**
     * What one set asks: a point to evaluate (intercept c0, β's non-zeros idx/val on the original scale; idx null
     * for none) with its working set {@code gram}; and optionally the certificate's conjugate sums at the point
     * (cc0, cIdx, cVal) for the dual points q = y − t(r − r̄) and q = y − t2(r − wc·μ'(η)).
     */
    record Ask(double c0, int[] idx, double[] val, int[] gram,
               boolean cert, double cc0, int[] cIdx, double[] cVal, double t, double rbar, double t2, double wc)
            implements Serializable {
        boolean eval() {
            return idx != null;
        }

        long gramSize() {
            return gram == null ? 0 : (long) gram.length * (gram.length + 1) / 2;
        }
    }

    /**
     * A pass: the sorted fold ids (fold k is the k-th), one ask per set (null: nothing this pass), the family's name,
     * the row field of the observation weight (−1: none; every sum is then weighted, glmnet's Σ v_i ℓ_i / Σ v).
     */
    record Spec(int[] foldIds, Ask[] sets, String family, int weightIndex) implements Serializable {
    }

    /** A pass's sums: one {@link PassSums} per set, and per fold its rows' held-out deviance at its evaluated point. */
    static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;
        final PassSums[] set;
        final double[] heldOut;

        Sums(int sets) {
            set = new PassSums[sets];
            heldOut = new double[sets - 1];
        }

        Sums add(Sums o) {
            for (int s = 0; s < set.length; s++) set[s].add(o.set[s]);
            for (int k = 0; k < heldOut.length; k++) heldOut[k] += o.heldOut[k];
            return this;
        }
    }

    /** One partition's sums. */
    static Iterator<Sums> run(Iterator<Row> rows, int p, FoldSums.FoldOf foldOf, Spec spec) {
        LossFamily fam = BlockCache.family(spec.family());
        Ask[] asks = spec.sets();
        int S = asks.length;
        Sums out = new Sums(S);
        for (int s = 0; s < S; s++) {
            PassSums ps = new PassSums();
            Ask a = asks[s];
            if (a != null && a.eval()) {
                ps.xtr = new double[p];
                ps.xtw = new double[p];
                ps.gram = new double[(int) a.gramSize()];
                ps.xtwR = new double[a.gram().length];
            }
            out.set[s] = ps;
        }
        double lo = fam.dualLower(), hi = fam.dualUpper();
        double[] x = new double[p], xw = new double[p];
        int[] nz = new int[p];
        while (rows.hasNext()) {
            Row row = rows.next();
            double y = FoldSums.label(row, p, fam), v = FoldSums.weight(row, spec.weightIndex());
            int m = fill((Vector) row.get(1), x, nz);
            int f = fold(spec.foldIds(), foldOf.of(row));
            for (int s = 0; s < S; s++) {
                Ask a = asks[s];
                if (a == null) continue;
                if (s == f) { // held-out row of this fold
                    if (a.eval() && v != 0) out.heldOut[s] += v * fam.deviance(y, eta(a.c0(), a.idx(), a.val(), x));
                    continue;
                }
                PassSums ps = out.set[s];
                if (a.eval()) ps.n++;
                if (v == 0) continue; // a zero weight drops the row (glmnet)
                if (a.eval()) {
                    double eta = eta(a.c0(), a.idx(), a.val(), x);
                    double r = v * fam.residual(y, eta), w = v * fam.weight(eta); // weighted residual and curvature
                    ps.wn += v;
                    ps.sumY += v * y;
                    ps.loss += v * fam.loss(y, eta);
                    ps.sumR += r;
                    ps.sumRY += r * y;
                    ps.sumR2 += r * r / v;
                    ps.sumW += w;
                    for (int e = 0; e < m; e++) {
                        int j = nz[e];
                        ps.xtr[j] += r * x[j];
                        ps.xtw[j] += w * x[j];
                    }
                    int[] W = a.gram();
                    int k = W.length;
                    for (int b = 0; b < k; b++) xw[b] = x[W[b]];
                    for (int b = 0, e = 0; b < k; b++) {
                        double wx = w * xw[b];
                        if (wx == 0) {
                            e += k - b;
                            continue;
                        }
                        ps.xtwR[b] += wx;
                        for (int c = b; c < k; c++, e++) ps.gram[e] += wx * xw[c];
                    }
                }
                if (a.cert()) { // Block's entropy, at the certified point (the conjugate from the step: its digits kept)
                    double eta = eta(a.cc0(), a.cIdx(), a.cVal(), x);
                    double r = fam.residual(y, eta);
                    double d1 = r - a.rbar();
                    ps.tMax = Math.min(ps.tMax, bound(y, d1, lo, hi));
                    ps.entropy -= v * fam.dualTermAt(y, fam.clipStep(y, a.t() * d1));
                    if (a.wc() != 0 || a.t2() != 0) {
                        double d2 = r - a.wc() * fam.weight(eta);
                        ps.tMax2 = Math.min(ps.tMax2, bound(y, d2, lo, hi));
                        ps.entropy2 -= v * fam.dualTermAt(y, fam.clipStep(y, a.t2() * d2));
                    }
                }
            }
            for (int e = 0; e < m; e++) x[nz[e]] = 0;
        }
        return List.of(out).iterator();
    }

    /** Scatters a row into the zeroed x; nz gets its non-zero columns; returns their number. */
    private static int fill(Vector v, double[] x, int[] nz) {
        int m = 0;
        if (v instanceof SparseVector sv) {
            int[] idx = sv.indices();
            double[] val = sv.values();
            for (int e = 0; e < idx.length; e++) {
                double xv = finite(idx[e], val[e]);
                if (xv == 0) continue;
                x[idx[e]] = xv;
                nz[m++] = idx[e];
            }
        } else {
            double[] d = v instanceof DenseVector dv ? dv.values() : v.toArray();
            for (int j = 0; j < d.length; j++) {
                double xv = finite(j, d[j]);
                if (xv == 0) continue;
                x[j] = xv;
                nz[m++] = j;
            }
        }
        return m;
    }

    private static double finite(int j, double x) {
        if (!Double.isFinite(x)) throw new IllegalArgumentException("feature " + j + " is not finite: " + x);
        return x;
    }

    private static double eta(double c0, int[] idx, double[] val, double[] x) {
        double e = c0;
        for (int a = 0; a < idx.length; a++) e += val[a] * x[idx[a]];
        return e;
    }

    private static int fold(int[] ids, int id) {
        int k = Arrays.binarySearch(ids, id);
        if (k < 0) throw new IllegalStateException("fold id " + id + " was not seen by the statistics pass");
        return k;
    }

    /** The largest t ≥ 0 with y − t·d inside [lo, hi] (y itself is inside). */
    private static double bound(double y, double d, double lo, double hi) {
        if (d > 0 && lo > Double.NEGATIVE_INFINITY) return Math.max(0, (y - lo) / d);
        if (d < 0 && hi < Double.POSITIVE_INFINITY) return Math.max(0, (y - hi) / d);
        return Double.POSITIVE_INFINITY;
    }
}
