package io.github.spred4j.data;

/**
 * A design matrix and response, as the solvers take them. Dense X is row-major n×p ({@code x[i*p+j]});
 * sparse X is CSR ({@code rowPtr} n+1, {@code colIdx}/{@code values} nnz). Arrays are not copied and never
 * modified by the solvers. {@code names} (length p) may be null, then "x1".."xp".
 */
public record Dataset(int n, int p, double[] x, int[] rowPtr, int[] colIdx, double[] values, double[] y, String[] names) {
    public static Dataset dense(int n, int p, double[] x, double[] y, String[] names) {
        return new Dataset(n, p, x, null, null, null, y, names);
    }

    public static Dataset sparse(int n, int p, int[] rowPtr, int[] colIdx, double[] values, double[] y, String[] names) {
        return new Dataset(n, p, null, rowPtr, colIdx, values, y, names);
    }

    public boolean isSparse() {
        return x == null;
    }

    /** Feature name j (0-based). */
    public String name(int j) {
        return names != null ? names[j] : "x" + (j + 1);
    }
}
