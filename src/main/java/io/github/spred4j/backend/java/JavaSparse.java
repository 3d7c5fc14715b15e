package io.github.spred4j.backend.java;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.SparseIndex;

/** The reference keeps the (validated, copied) host arrays as its "device" copy. */
final class JavaSparse extends SparseIndex {
    final long[] ptr;
    final int[] idx;

    JavaSparse(Context owner, Layout layout, int rows, int cols, long[] ptr, int[] idx) {
        super(owner, layout, rows, cols, ptr, idx);
        this.ptr = ptrRef();
        this.idx = idxRef();
    }
}
