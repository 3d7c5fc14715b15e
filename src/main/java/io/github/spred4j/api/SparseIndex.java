package io.github.spred4j.api;

import java.util.Objects;
import java.util.Set;

/**
 * The structure of a sparse matrix on a device: CSR (row offsets, column indices) or CSC (column offsets, row
 * indices), int64 offsets and int32 indices, strictly increasing within a row (column). The values live in an
 * ordinary {@link DeviceBuffer} of length nnz, so one structure serves float32 and float64 values alike, and the
 * CSC twin of a CSR matrix is a second index with its own value buffer (both kept, built once on the host).
 * Created by {@link Context#sparse}; backends keep a device copy. Immutable. Closing is idempotent; use after close
 * throws {@link IllegalStateException}; a dropped index is freed by a Cleaner and reported (see {@link Context}).
 */
public abstract class SparseIndex implements AutoCloseable {
    /** Which dimension is compressed: ROWS for CSR, COLUMNS for CSC. */
    public enum Layout { CSR, CSC }

    private final Context owner;
    private final Layout layout;
    private final int rows, cols;
    private final long[] ptr;
    private final int[] idx;
    private final Resource res = Resource.of(this, "sparse index", false);

    protected SparseIndex(Context owner, Layout layout, int rows, int cols, long[] ptr, int[] idx) {
        this.owner = Objects.requireNonNull(owner);
        this.layout = layout;
        this.rows = rows;
        this.cols = cols;
        this.ptr = ptr;
        this.idx = idx;
    }

    /**
     * Validates a structure: offsets of length major+1 starting at 0 and non-decreasing, last = idx.length, indices
     * in [0, minor) and strictly increasing within each major. Messages name the position at fault.
     */
    public static void validate(Layout layout, int rows, int cols, long[] ptr, int[] idx) {
        Objects.requireNonNull(layout, "layout");
        if (rows < 0 || cols < 0) throw new IllegalArgumentException("sparse shape must be >= 0, got " + rows + "x" + cols);
        if (ptr == null || idx == null) throw new IllegalArgumentException("sparse offsets or indices are null");
        int major = layout == Layout.CSR ? rows : cols, minor = layout == Layout.CSR ? cols : rows;
        String mj = layout == Layout.CSR ? "row" : "column", mn = layout == Layout.CSR ? "column" : "row";
        if (ptr.length != major + 1L)
            throw new IllegalArgumentException(layout + " offsets have length " + ptr.length + ", expected " + mj + "s+1 = " + (major + 1L));
        if (ptr[0] != 0) throw new IllegalArgumentException(layout + " offsets must start at 0, got " + ptr[0]);
        if (ptr[major] != idx.length)
            throw new IllegalArgumentException(layout + " offsets end at " + ptr[major] + " but there are " + idx.length + " indices");
        for (int a = 0; a < major; a++) {
            if (ptr[a + 1] < ptr[a])
                throw new IllegalArgumentException(layout + " offsets decrease at " + mj + " " + a + ": " + ptr[a] + " then " + ptr[a + 1]);
            int last = -1;
            for (long k = ptr[a]; k < ptr[a + 1]; k++) {
                int i = idx[(int) k];
                if (i < 0 || i >= minor)
                    throw new IllegalArgumentException(layout + " " + mn + " index " + i + " out of range [0, " + minor + ") in " + mj + " " + a);
                if (i <= last)
                    throw new IllegalArgumentException(layout + " " + mn + " indices must increase within a " + mj + ": " + i + " after " + last + " in " + mj + " " + a);
                last = i;
            }
        }
    }

    public final Context context() {
        return owner;
    }

    public final Layout layout() {
        return layout;
    }

    public final int rows() {
        return rows;
    }

    public final int cols() {
        return cols;
    }

    /** The number of stored entries (the length of the value buffer). */
    public final long nnz() {
        return idx.length;
    }

    /** The compressed dimension: rows for CSR, columns for CSC. */
    public final int majors() {
        return layout == Layout.CSR ? rows : cols;
    }

    /** Direct access for backends (do not modify). */
    protected final long[] ptrRef() {
        return ptr;
    }

    protected final int[] idxRef() {
        return idx;
    }

    public final boolean isClosed() {
        return res.isReleased();
    }

    public final void checkOpen() {
        if (res.isReleased()) throw new IllegalStateException("sparse index (" + layout + " " + rows + "x" + cols + ") used after close");
        owner.checkOpen();
    }

    @Override
    public final void close() {
        res.close();
    }

    /** Called once by the backend's constructor: the action that frees the device copy (handle only). */
    protected final void releaseWith(Runnable action) {
        res.releaseWith(Objects.requireNonNull(action, "action"));
    }

    final void track(Set<Resource> live, String what) {
        res.describe(what);
        res.arm(live);
    }
}
