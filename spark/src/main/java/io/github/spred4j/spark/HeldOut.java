package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.ml.linalg.DenseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

import java.io.Serializable;
import java.util.Iterator;
import java.util.List;

/**
 * The held-out pass of cross-validation, run in the executors: every row of fold k adds its unit deviance
 * (squared error, binomial or Poisson deviance: the core's {@code LossFamily.deviance}, cv.glmnet's default
 * measures) at each of fold k's L coefficient vectors; K × L sums come back, never a prediction.
 */
final class HeldOut {
    private HeldOut() {
    }

    /** Every fold's path, sparse: fold k, λ l has intercept c0[k][l] and non-zeros idx[k][l] / val[k][l]. */
    record Paths(int[] foldIds, double[][] c0, int[][][] idx, double[][][] val) implements Serializable {
        static Paths of(int[] foldIds, double[][] c0, double[][][] beta) {
            int K = beta.length, L = c0[0].length;
            int[][][] idx = new int[K][L][];
            double[][][] val = new double[K][L][];
            for (int k = 0; k < K; k++)
                for (int l = 0; l < L; l++) {
                    double[] b = beta[k][l];
                    int m = 0;
                    for (double v : b) if (v != 0) m++;
                    idx[k][l] = new int[m];
                    val[k][l] = new double[m];
                    m = 0;
                    for (int j = 0; j < b.length; j++)
                        if (b[j] != 0) {
                            idx[k][l][m] = j;
                            val[k][l][m++] = b[j];
                        }
                }
            return new Paths(foldIds, c0, idx, val);
        }

        int fold(int id) {
            int k = java.util.Arrays.binarySearch(foldIds, id);
            if (k < 0) throw new IllegalStateException("fold id " + id + " was not seen by the statistics pass");
            return k;
        }
    }

    /** One partition's K·L deviance sums (row-major by fold). */
    static Iterator<double[]> sums(Iterator<Row> rows, int p, LossFamily fam, FoldSums.FoldOf foldOf, Paths paths) {
        int K = paths.c0().length, L = paths.c0()[0].length;
        double[] s = new double[K * L];
        while (rows.hasNext()) {
            Row r = rows.next();
            double y = FoldSums.label(r, p, fam);
            int k = paths.fold(foldOf.of(r));
            Vector v = (Vector) r.get(1);
            double[] dense = v instanceof DenseVector dv ? dv.values() : null;
            for (int l = 0; l < L; l++) {
                double eta = paths.c0()[k][l];
                int[] idx = paths.idx()[k][l];
                double[] val = paths.val()[k][l];
                if (dense != null) for (int e = 0; e < idx.length; e++) eta += dense[idx[e]] * val[e];
                else for (int e = 0; e < idx.length; e++) eta += v.apply(idx[e]) * val[e];
                s[k * L + l] += fam.deviance(y, eta);
            }
        }
        return List.of(s).iterator();
    }

    static double[] add(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }
}
