package io.github.spred4j.solver;

/**
 * A Cholesky factor L·Lᵀ = Q_FF + μI of the Gram block on an ordered coordinate set F, kept up to date as
 * coordinates enter (one row appended: a triangular solve, O(k²)) and leave (the row removed and the factor
 * made triangular again by Givens rotations, O(k²)). Along a path the support changes by a few coordinates
 * per λ, so a Newton step on it costs O(k²) instead of the O(k³) of a fresh factorisation.
 */
final class GramFactor {
    final int p;
    final double mu;
    private final GramColumns Q;
    private double[] L; // lower triangle, row-major with stride w (grown as the set grows: supports are small)
    private int w;
    private final int[] F, pos; // F[a]: the coordinate of row a; pos[j]: its row, or −1
    int k;

    GramFactor(int p, double[] Q, double mu) {
        this(new GramColumns(p, Q), mu);
    }

    /** On Q's columns (lazy ones are computed as coordinates enter). */
    GramFactor(GramColumns Q, double mu) {
        int p = Q.p;
        this.p = p;
        this.Q = Q;
        this.mu = mu;
        w = Math.min(p, 16);
        L = new double[w * w];
        F = new int[p];
        pos = new int[p];
        java.util.Arrays.fill(pos, -1);
    }

    /** Empties the set (the storage is kept). */
    void clear() {
        for (int a = 0; a < k; a++) pos[F[a]] = -1;
        k = 0;
    }

    boolean has(int j) {
        return pos[j] >= 0;
    }

    int coordinate(int a) {
        return F[a];
    }

    /** Appends coordinate j; false (nothing changed) when Q_FF + μI would be numerically singular with it. */
    boolean add(int j) {
        return add(j, new double[k], 0);
    }

    /**
     * Appends js[0..m) in order, the same as m calls of {@link #add(int)} (bit for bit), but with the parts of
     * the new rows against the current set solved together: each row of L is read once for all m instead of m
     * times (near a path's end L no longer fits in the core's cache, and a step adds several coordinates).
     * Returns how many were added: fewer than m when the next would make the block numerically singular.
     */
    int addAll(int[] js, int m) {
        int k0 = k;
        double[][] l = new double[m][k0];
        double[][] col = new double[m][];
        int[] off = new int[m];
        for (int t = 0; t < m; t++) {
            col[t] = Q.array(js[t]);
            off[t] = Q.offset(js[t]);
        }
        for (int a = 0; a < k0; a++) {
            int o = a * w, fa = F[a];
            for (int t = 0; t < m; t++) l[t][a] = (col[t][off[t] + fa] - dot(L, o, l[t], a)) / L[o + a];
        }
        for (int t = 0; t < m; t++) if (!add(js[t], java.util.Arrays.copyOf(l[t], k), k0)) return t;
        return m;
    }

    /** {@link #add(int)} with l[0..from) (the row's part against the first {@code from} coordinates) already solved. */
    private boolean add(int j, double[] l, int from) {
        double[] col = Q.array(j);
        int oj = Q.offset(j);
        for (int a = from; a < k; a++) {
            int o = a * w;
            l[a] = (col[oj + F[a]] - dot(L, o, l, a)) / L[o + a]; // row j = column j (Q symmetric), read contiguously
        }
        double djj = Q.diag(j) + mu, d = djj;
        for (double v : l) d -= v * v;
        if (!(d > 1e-10 * djj)) return false;
        if (k == w) { // grow the storage: twice the width, rows copied
            int nw = Math.min(p, 2 * w);
            double[] nl = new double[nw * nw];
            for (int a = 0; a < k; a++) System.arraycopy(L, a * w, nl, a * nw, a + 1);
            L = nl;
            w = nw;
        }
        int o = k * w;
        System.arraycopy(l, 0, L, o, k);
        L[o + k] = Math.sqrt(d);
        F[k] = j;
        pos[j] = k++;
        return true;
    }

    /** Removes coordinate j: its row goes, and rotations of neighbouring columns restore the triangle. */
    void remove(int j) {
        int i = pos[j];
        pos[j] = -1;
        for (int r = i + 1; r < k; r++) { // rows below move up one (each still one entry past the diagonal)
            System.arraycopy(L, r * w, L, (r - 1) * w, r + 1);
            F[r - 1] = F[r];
            pos[F[r - 1]] = r - 1;
        }
        k--;
        for (int c = i; c < k; c++) { // zero L[c][c+1] by rotating columns c and c+1 of rows c..k−1
            double a = L[c * w + c], b = L[c * w + c + 1], h = Math.hypot(a, b);
            double cs = a / h, sn = b / h;
            for (int r = c; r < k; r++) {
                int o = r * w;
                double x = L[o + c], y = L[o + c + 1];
                L[o + c] = cs * x + sn * y;
                L[o + c + 1] = -sn * x + cs * y;
            }
        }
        for (int r = 0; r < k; r++) L[r * w + k] = 0; // the dropped column (zero up to rounding)
    }

    /** x with (Q_FF + μI)·x = rhs, both in F's order. */
    double[] solve(double[] rhs) {
        double[] z = new double[k];
        for (int a = 0; a < k; a++) {
            int o = a * w;
            z[a] = (rhs[a] - dot(L, o, z, a)) / L[o + a];
        }
        for (int a = k - 1; a >= 0; a--) { // Lᵀ by rows of L (contiguous), subtracting each solved value at once
            int o = a * w;
            double v = z[a] /= L[o + a];
            for (int c = 0; c < a; c++) z[c] -= L[o + c] * v;
        }
        return z;
    }

    /**
     * Σ_{c<m} a[o + c]·z[c] in four independent chains: a single chain is bound by the latency of the add (the JIT
     * does not reorder a floating-point sum), and these forward substitutions are most of a path's factor work.
     */
    static double dot(double[] a, int o, double[] z, int m) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int c = 0;
        for (; c + 3 < m; c += 4) {
            s0 += a[o + c] * z[c];
            s1 += a[o + c + 1] * z[c + 1];
            s2 += a[o + c + 2] * z[c + 2];
            s3 += a[o + c + 3] * z[c + 3];
        }
        for (; c < m; c++) s0 += a[o + c] * z[c];
        return (s0 + s1) + (s2 + s3);
    }
}
