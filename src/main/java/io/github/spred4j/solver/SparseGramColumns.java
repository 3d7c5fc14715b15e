package io.github.spred4j.solver;

import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.CsrMatrix;

/**
 * The scaled Gram Q = (XᵀX − n·m·mᵀ)/(n·s·sᵀ) of a sparse X as lazy columns ({@link GramColumns}), for many
 * targets on one X ({@link SparseTargets}): a target's solve reads only the columns of coordinates that enter its
 * active set, and related targets share most of their supports, so the columns ever read are a small part of p
 * (the union of the supports). Column j costs Σ over the rows i of column j of nnz(row i), plus p to centre and
 * scale, where the whole p×p Gram cost p² memory writes (32 MB at p = 2000: most of the route's time at k = 100).
 *
 * <p>Each entry has the bits of the whole Gram built row by row (outer products of the CSR rows, rows in
 * increasing order, then centred and scaled with its smaller index first): the same products, added in the same
 * row order, then (S − (n·m_a)·m_c)/((n·s_a)·s_c) with a ≤ c.
 */
final class SparseGramColumns implements GramColumns.Source {
    private final CsrMatrix x;
    private final CscMatrix xc;
    private final double[] m, s;
    private final int n, p;

    SparseGramColumns(CsrMatrix x, CscMatrix xc, double[] m, double[] s) {
        this.x = x;
        this.xc = xc;
        this.m = m;
        this.s = s;
        n = x.rows();
        p = x.cols();
    }

    /**
     * Q's lazy columns for CSR {@code x} (columns strictly increasing within a row) and its CSC copy {@code xc},
     * column means {@code m} (0 without an intercept) and scales {@code s}; the diagonal is computed now (O(nnz)).
     * At most p columns of p are ever computed, the whole Gram's memory (the caller's budget).
     */
    static GramColumns of(CsrMatrix x, CscMatrix xc, double[] m, double[] s) {
        SparseGramColumns src = new SparseGramColumns(x, xc, m, s);
        return new GramColumns(src.p, src.diagonal(), src, new GramColumns.Pool(src.p, () -> { }));
    }

    /** Q_jj for every j: Σ x_ij² over column j's rows in increasing order, centred and scaled. */
    private double[] diagonal() {
        long[] cp = xc.colPtr();
        double[] v = xc.values(), d = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (int a = (int) cp[j], e = (int) cp[j + 1]; a < e; a++) sum += v[a] * v[a];
            d[j] = (sum - n * m[j] * m[j]) / (n * s[j] * s[j]);
        }
        return d;
    }

    /** Column j: for each row i of column j (increasing), x_ij times row i added into {@code into}; then scaled. */
    @Override
    public void column(int j, double[] into) {
        java.util.Arrays.fill(into, 0);
        long[] cp = xc.colPtr(), rp = x.rowPtr();
        int[] ri = xc.rowIdx(), ci = x.colIdx();
        double[] cv = xc.values(), v = x.values();
        for (int a = (int) cp[j], e = (int) cp[j + 1]; a < e; a++) {
            int i = ri[a];
            double xij = cv[a];
            for (int c = (int) rp[i], ce = (int) rp[i + 1]; c < ce; c++) into[ci[c]] += xij * v[c];
        }
        double mj = n * m[j], sj = n * s[j]; // the smaller index's n·m and n·s go first, as in the row-by-row Gram
        for (int c = 0; c < j; c++) into[c] = (into[c] - n * m[c] * m[j]) / (n * s[c] * s[j]);
        for (int c = j; c < p; c++) into[c] = (into[c] - mj * m[c]) / (sj * s[c]);
    }
}
