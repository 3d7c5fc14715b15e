package io.github.spred4j.solver;

import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;

import java.util.Arrays;

/**
 * A dataset's X on the host, checked (shape, offsets, indices, finite values) with one-line messages: as a dense
 * row-major array or as canonical CSR; and the predictions η = b0 + Xβ from it (CSR never densified).
 */
final class HostX {
    private HostX() {
    }

    /** X as a dense row-major array, checked finite (CSR is expanded on the host: correct, not memory-lean). */
    static double[] dense(Dataset d) {
        int n = d.n(), p = d.p();
        if (!d.isSparse()) {
            double[] x = d.x();
            if (x.length != (long) n * p) throw new IllegalArgumentException("X has " + x.length + " values, expected n*p = " + (long) n * p);
            int big = -1;
            for (int k = 0; k < x.length; k++) {
                if (!Double.isFinite(x[k]))
                    throw new IllegalArgumentException("X[" + k / Math.max(p, 1) + "," + k % Math.max(p, 1) + "] is not finite: " + x[k]);
                if (big < 0 ? Math.abs(x[k]) > 0 : Math.abs(x[k]) > Math.abs(x[big])) big = k;
            }
            if (big >= 0) checkScale(x[big], n, "X[" + big / p + "," + big % p + "]");
            return x;
        }
        CsrMatrix c = csr(d); // checked; columns sorted and duplicates summed in input order, as += would
        long[] rp = c.rowPtr();
        int[] ci = c.colIdx();
        double[] v = c.values();
        double[] x = new double[Math.multiplyExact(n, p)];
        for (int i = 0; i < n; i++)
            for (int k = (int) rp[i], e = (int) rp[i + 1]; k < e; k++) x[i * p + ci[k]] = v[k];
        return x;
    }

    /**
     * Refuses a value so large that sums of squares over the n rows overflow float64 (|v| above
     * sqrt(MAX_VALUE / 16n), about 1e153 at n = 40): the statistics, λ_max and the objective would be infinite, and
     * the fit NaN. Values up to that bound fit (the engine works on the centred, scaled columns).
     */
    static void checkScale(double v, int n, String where) {
        double limit = Math.sqrt(Double.MAX_VALUE / (16.0 * Math.max(n, 1)));
        if (Math.abs(v) > limit)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "%s = %.3g is too large: its square summed over n = %d rows overflows float64 (|value| must stay below %.3g); rescale it",
                    where, v, n, limit));
    }

    /**
     * X as host CSR, checked (offsets, indices, finite values); the caller's arrays are shared when each row's columns are strictly increasing, else a canonical copy is built (columns
     * sorted, duplicates summed, as {@link #dense} sums them). Never densified.
     */
    static CsrMatrix csr(Dataset d) {
        int n = d.n(), p = d.p();
        int[] rp = d.rowPtr(), ci = d.colIdx();
        double[] vals = d.values();
        if (rp == null || rp.length != n + 1) throw new IllegalArgumentException("CSR rowPtr must have length n+1 = " + (n + 1));
        if (rp[0] != 0) throw new IllegalArgumentException("CSR rowPtr[0] must be 0, got " + rp[0]);
        if (ci == null || vals == null || ci.length < rp[n] || vals.length < rp[n])
            throw new IllegalArgumentException("CSR colIdx/values must hold rowPtr[n] = " + rp[n] + " entries");
        boolean canonical = ci.length == rp[n] && vals.length == rp[n];
        int big = -1, bigRow = 0;
        for (int i = 0; i < n; i++) {
            if (rp[i] > rp[i + 1]) throw new IllegalArgumentException("CSR rowPtr decreases at row " + i);
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                int j = ci[k];
                if (j < 0 || j >= p) throw new IllegalArgumentException("CSR column index " + j + " out of range at row " + i);
                if (!Double.isFinite(vals[k])) throw new IllegalArgumentException("X[" + i + "," + j + "] is not finite: " + vals[k]);
                if (big < 0 || Math.abs(vals[k]) > Math.abs(vals[big])) {
                    big = k;
                    bigRow = i;
                }
                if (k > rp[i] && ci[k - 1] >= j) canonical = false;
            }
        }
        if (big >= 0) checkScale(vals[big], n, "X[" + bigRow + "," + ci[big] + "]");
        if (canonical) return CsrMatrix.of(n, p, rp, ci, vals);
        long[] nrp = new long[n + 1];
        int[] nci = new int[rp[n]];
        double[] nv = new double[rp[n]];
        int w = 0;
        for (int i = 0; i < n; i++) {
            int a = rp[i], len = rp[i + 1] - a;
            Integer[] order = new Integer[len];
            for (int t = 0; t < len; t++) order[t] = a + t;
            Arrays.sort(order, (u, v) -> Integer.compare(ci[u], ci[v])); // stable: duplicates summed in input order
            for (int t = 0; t < len; t++) {
                int k = order[t];
                if (t > 0 && ci[k] == nci[w - 1]) nv[w - 1] += vals[k];
                else {
                    nci[w] = ci[k];
                    nv[w++] = vals[k];
                }
            }
            nrp[i + 1] = w;
        }
        return new CsrMatrix(n, p, nrp, Arrays.copyOf(nci, w), Arrays.copyOf(nv, w));
    }

    /** η = b0 + Xβ, or the mean μ(η) of the model's family (GROUP: η itself). */
    static double[] predict(Dataset d, double b0, double[] beta, Model model) {
        int n = d.n(), p = d.p();
        if (beta.length != p) throw new IllegalArgumentException("beta has length " + beta.length + ", expected p = " + p);
        double[] e = new double[n];
        if (d.isSparse()) { // a CSR row loop: never densified
            CsrMatrix x = csr(d);
            long[] rp = x.rowPtr();
            int[] ci = x.colIdx();
            double[] v = x.values();
            for (int i = 0; i < n; i++) {
                double s = b0;
                for (int q = (int) rp[i], end = (int) rp[i + 1]; q < end; q++) s += v[q] * beta[ci[q]];
                e[i] = model == Model.GROUP ? s : Families.of(model).mean(s);
            }
            return e;
        }
        double[] x = dense(d);
        for (int i = 0; i < n; i++) {
            double s = b0;
            for (int j = 0; j < p; j++) s += x[i * p + j] * beta[j];
            e[i] = model == Model.GROUP ? s : Families.of(model).mean(s);
        }
        return e;
    }
}
