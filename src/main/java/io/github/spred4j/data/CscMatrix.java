package io.github.spred4j.data;

/**
 * A sparse rows×cols matrix on the host in compressed sparse column form: column j holds the entries
 * {@code k in [colPtr[j], colPtr[j+1])} at row {@code rowIdx[k]} with value {@code values[k]}. The same rules as
 * {@link CsrMatrix} with rows and columns exchanged: int64 offsets, int32 row indices strictly increasing within
 * a column, finite float64 values, arrays shared and validated once.
 */
public final class CscMatrix {
    private final int rows, cols;
    private final long[] colPtr;
    private final int[] rowIdx;
    private final double[] values;

    public CscMatrix(int rows, int cols, long[] colPtr, int[] rowIdx, double[] values) {
        this(rows, cols, colPtr, rowIdx, values, true);
    }

    /** Wraps the arrays, validated unless they come from a transpose of a validated matrix (valid by construction). */
    CscMatrix(int rows, int cols, long[] colPtr, int[] rowIdx, double[] values, boolean validate) {
        if (validate) Compressed.validate("CSC", "column", "row", cols, rows, colPtr, rowIdx, values);
        this.rows = rows;
        this.cols = cols;
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
        this.values = values;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public long nnz() {
        return colPtr[cols];
    }

    /** Column offsets, length cols+1 (shared: do not modify). */
    public long[] colPtr() {
        return colPtr;
    }

    /** Row index of each stored entry, length nnz (shared: do not modify). */
    public int[] rowIdx() {
        return rowIdx;
    }

    /** Value of each stored entry, length nnz (shared: do not modify). */
    public double[] values() {
        return values;
    }

    /** The same matrix in CSR form (a counting sort: O(nnz + rows)). */
    public CsrMatrix toCsr() {
        long[] rp = new long[rows + 1];
        int[] ci = new int[rowIdx.length];
        double[] v = new double[values.length];
        Compressed.transpose(cols, rows, colPtr, rowIdx, values, rp, ci, v);
        return new CsrMatrix(rows, cols, rp, ci, v, false); // sorted, in range and finite: this matrix was validated
    }

    @Override
    public String toString() {
        return "CSC " + rows + "x" + cols + " with " + nnz() + " nonzeros";
    }
}
