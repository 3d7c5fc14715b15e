package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.SparseIndex;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;

/** Device copy of a sparse structure: offsets as cl_long, indices as cl_int (at least one element each). */
final class OpenClSparse extends SparseIndex {
    final cl_mem ptr, idx;

    OpenClSparse(OpenClContext ctx, Layout layout, int rows, int cols, long[] p, int[] i) {
        super(ctx, layout, rows, cols, p, i);
        String sizes = layout + " " + rows + "x" + cols + ", nnz=" + i.length;
        this.ptr = Cl.createBuffer("clCreateBuffer(sparse offsets)", sizes,
                err -> CL.clCreateBuffer(ctx.clContext(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, (long) p.length * Long.BYTES, Pointer.to(p), err));
        int[] host = i.length > 0 ? i : new int[1]; // a zero-size buffer is an error in OpenCL
        cl_mem ix;
        try {
            ix = Cl.createBuffer("clCreateBuffer(sparse indices)", sizes,
                    err -> CL.clCreateBuffer(ctx.clContext(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, (long) host.length * Integer.BYTES, Pointer.to(host), err));
        } catch (RuntimeException e) {
            Cl.releaseBuffer("clReleaseMemObject(sparse offsets)", sizes, ptr);
            throw e;
        }
        this.idx = ix;
        releaseWith(new Free(ptr, idx, sizes));
    }

    /** Releases both buffers; holds the handles only. */
    private record Free(cl_mem ptr, cl_mem idx, String sizes) implements Runnable {
        @Override
        public void run() {
            try {
                Cl.releaseBuffer("clReleaseMemObject(sparse offsets)", sizes, ptr);
            } finally {
                Cl.releaseBuffer("clReleaseMemObject(sparse indices)", sizes, idx);
            }
        }
    }
}
