package io.github.spred4j.data;

/**
 * A sparse rows×cols matrix on the host in compressed sparse row form: row i holds the entries
 * {@code k in [rowPtr[i], rowPtr[i+1])} at column {@code colIdx[k]} with value {@code values[k]}. Offsets are
 * int64 (the device layouts take nnz past 2³¹); column indices are int32, strictly increasing within a row
 * (so no duplicates); values are finite float64. Validated once on construction; the arrays are shared, not
 * copied, and must not be modified afterwards. Explicit zeros are allowed (they are stored, never added).
 *
 * <p>Host limit: a Java array holds at most 2³¹−9 elements, so nnz on the host is below that; the readers say
 * so in one line when a file needs more.
 */
public final class CsrMatrix {
    private final int rows, cols;
    private final long[] rowPtr;
    private final int[] colIdx;
    private final double[] values;

    /** Validates and wraps the arrays (not copied). */
    public CsrMatrix(int rows, int cols, long[] rowPtr, int[] colIdx, double[] values) {
        this(rows, cols, rowPtr, colIdx, values, true);
    }

    /** Wraps the arrays, validated unless they come from a transpose of a validated matrix (valid by construction). */
    CsrMatrix(int rows, int cols, long[] rowPtr, int[] colIdx, double[] values, boolean validate) {
        if (validate) Compressed.validate("CSR", "row", "column", rows, cols, rowPtr, colIdx, values);
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.values = values;
    }

    /** From the 32-bit row offsets of {@code Dataset.sparse} (validated the same way). */
    public static CsrMatrix of(int rows, int cols, int[] rowPtr, int[] colIdx, double[] values) {
        if (rowPtr == null) throw new IllegalArgumentException("CSR row offsets are null");
        long[] rp = new long[rowPtr.length];
        for (int i = 0; i < rp.length; i++) rp[i] = rowPtr[i];
        return new CsrMatrix(rows, cols, rp, colIdx, values);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public long nnz() {
        return rowPtr[rows];
    }

    /** Row offsets, length rows+1 (shared: do not modify). */
    public long[] rowPtr() {
        return rowPtr;
    }

    /** Column index of each stored entry, length nnz (shared: do not modify). */
    public int[] colIdx() {
        return colIdx;
    }

    /** Value of each stored entry, length nnz (shared: do not modify). */
    public double[] values() {
        return values;
    }

    /** Row offsets as int32, for {@code Dataset.sparse} (always possible on the host: nnz &lt; 2³¹). */
    public int[] intRowPtr() {
        int[] rp = new int[rows + 1];
        for (int i = 0; i <= rows; i++) rp[i] = Math.toIntExact(rowPtr[i]);
        return rp;
    }

    /** The same matrix in compressed sparse column form (built once by a counting sort: O(nnz + cols)). */
    public CscMatrix toCsc() {
        long[] cp = new long[cols + 1];
        int[] ri = new int[colIdx.length];
        double[] v = new double[values.length];
        Compressed.transpose(rows, cols, rowPtr, colIdx, values, cp, ri, v);
        return new CscMatrix(rows, cols, cp, ri, v, false); // sorted, in range and finite: this matrix was validated
    }

    /** Row-major dense copy, for tests and small problems only (n·p must fit one array). */
    public double[] toDense() {
        double[] x = new double[Math.multiplyExact(rows, cols)];
        for (int i = 0; i < rows; i++)
            for (long k = rowPtr[i]; k < rowPtr[i + 1]; k++) x[i * cols + colIdx[(int) k]] = values[(int) k];
        return x;
    }

    /** Host bytes of a CSR matrix with these sizes (offsets, indices, values). */
    public static long bytes(long rows, long nnz) {
        return 8 * (rows + 1) + 12 * nnz;
    }

    @Override
    public String toString() {
        return "CSR " + rows + "x" + cols + " with " + nnz() + " nonzeros";
    }
}
