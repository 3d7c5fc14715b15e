package io.github.spred4j.backend.nativecpu;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceException;
import io.github.spred4j.api.SparseIndex;

/** Offsets (int64) and indices (int32) copied to native memory once (native/spred_sparse.h). */
final class NativeSparse extends SparseIndex {
    final long handle;

    NativeSparse(Context owner, Layout layout, int rows, int cols, long[] ptr, int[] idx) {
        super(owner, layout, rows, cols, ptr, idx);
        handle = NativeLib.sparseCreate(layout == Layout.CSR ? cols : rows, ptrRef(), idxRef());
        if (handle == 0)
            throw DeviceException.of("spred_sparse_create", "ENOMEM", 12, layout + " " + rows + "x" + cols + ", nnz=" + idx.length);
        releaseWith(new Free(handle));
    }

    /** Frees the native copy; holds the handle only. */
    private record Free(long handle) implements Runnable {
        @Override
        public void run() {
            NativeLib.sparseFree(handle);
        }
    }
}
