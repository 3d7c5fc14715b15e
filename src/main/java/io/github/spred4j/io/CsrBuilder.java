package io.github.spred4j.io;

import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.MemoryBudget;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Growable primitive arrays that a text reader fills row by row (or entry by entry): no per-row objects, no
 * dense copy. Growth is by half again, so the peak is about 2.5× the final arrays for a moment; a failed growth
 * is refused with the memory the file needs instead of an OutOfMemoryError.
 */
final class CsrBuilder {
    private final Path file;
    long[] rowPtr = new long[1025];
    int[] col = new int[4096];
    double[] val = new double[4096];
    double[] labels = new double[1024];
    int rows;
    int nnz;

    CsrBuilder(Path file) {
        this.file = file;
    }

    /** Appends one entry to the current (open) row. */
    void add(int j, double v, long line) {
        if (nnz == col.length) {
            int cap = grownCapacity(col.length, line, "nonzeros");
            col = copy(col, cap, line);
            val = copy(val, cap, line);
        }
        col[nnz] = j;
        val[nnz] = v;
        nnz++;
    }

    /** Closes the current row with its label. */
    void endRow(double label, long line) {
        if (rows + 2 > rowPtr.length) rowPtr = copy(rowPtr, grownCapacity(rowPtr.length, line, "rows"), line);
        if (rows == labels.length) labels = copy(labels, grownCapacity(labels.length, line, "rows"), line);
        labels[rows] = label;
        rows++;
        rowPtr[rows] = nnz;
    }

    CsrMatrix matrix(int cols) {
        return new CsrMatrix(rows, cols, Arrays.copyOf(rowPtr, rows + 1), Arrays.copyOf(col, nnz), Arrays.copyOf(val, nnz));
    }

    double[] labels() {
        return Arrays.copyOf(labels, rows);
    }

    private int grownCapacity(int now, long line, String what) {
        if (now >= MemoryBudget.MAX_ARRAY)
            throw new InputFormatException(file, line, 0, "more than " + MemoryBudget.MAX_ARRAY + " " + what
                    + ": a host array holds at most 2^31-9 elements (split the file)");
        return (int) Math.min(MemoryBudget.MAX_ARRAY, now + (now >> 1) + 16L);
    }

    private int[] copy(int[] a, int cap, long line) {
        try {
            return Arrays.copyOf(a, cap);
        } catch (OutOfMemoryError e) {
            throw tooLarge(4L * cap, line);
        }
    }

    private long[] copy(long[] a, int cap, long line) {
        try {
            return Arrays.copyOf(a, cap);
        } catch (OutOfMemoryError e) {
            throw tooLarge(8L * cap, line);
        }
    }

    private double[] copy(double[] a, int cap, long line) {
        try {
            return Arrays.copyOf(a, cap);
        } catch (OutOfMemoryError e) {
            throw tooLarge(8L * cap, line);
        }
    }

    private InputFormatException tooLarge(long more, long line) {
        long have = CsrMatrix.bytes(rows, nnz);
        return new InputFormatException(file, line, 0, MemoryBudget.message(have + more, "reading this file (" + rows + " rows and "
                + nnz + " nonzeros so far)"));
    }
}
