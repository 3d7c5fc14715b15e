package io.github.spred4j.backend.opencl;

import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Precision;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.cl_mem;

import java.util.EnumMap;
import java.util.Map;

/**
 * Device copy of a group partition: the offsets (int, m+1 entries) and the weights in the device's accumulation
 * type (double, as on every backend; float only on a device without cl_khr_fp64, see common.cl), uploaded once
 * on first use and shared by both precisions' programs.
 */
final class OpenClGroups extends GroupIndex {
    private final OpenClContext ctx;
    final cl_mem offsets;
    private final Map<Precision, cl_mem> weights = new EnumMap<>(Precision.class);

    OpenClGroups(OpenClContext ctx, int[] off, double[] wt) {
        super(ctx, off, wt);
        this.ctx = ctx;
        long bytes = (long) off.length * Integer.BYTES;
        this.offsets = Cl.createBuffer("clCreateBuffer(group offsets)", "groups=" + (off.length - 1),
                err -> CL.clCreateBuffer(ctx.clContext(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, bytes, Pointer.to(off), err));
        releaseWith(new Free(offsets, weights, "groups=" + (off.length - 1)));
    }

    /** Releases the offsets and the weights uploaded so far; holds the handles (and the map), never the index. */
    private record Free(cl_mem offsets, Map<Precision, cl_mem> weights, String sizes) implements Runnable {
        @Override
        public void run() {
            RuntimeException first = null;
            try {
                Cl.releaseBuffer("clReleaseMemObject(group offsets)", sizes, offsets);
            } catch (RuntimeException e) {
                first = e;
            }
            for (cl_mem w : weights.values()) {
                try {
                    Cl.releaseBuffer("clReleaseMemObject(group weights)", sizes, w);
                } catch (RuntimeException e) {
                    if (first == null) first = e;
                }
            }
            weights.clear();
            if (first != null) throw first;
        }
    }

    /** The weights in the device's accumulation type; null when there are no groups (kernels are then not launched). */
    cl_mem deviceWeights() {
        checkOpen();
        int m = groupCount();
        if (m == 0) return null;
        Precision acc = ctx.device().accumulation();
        cl_mem w = weights.get(acc);
        if (w == null) {
            double[] src = weightsRef();
            Pointer host;
            if (acc == Precision.FLOAT64) {
                host = Pointer.to(src);
            } else {
                float[] f = new float[m];
                for (int i = 0; i < m; i++) f[i] = (float) src[i];
                host = Pointer.to(f);
            }
            long bytes = (long) m * acc.bytes();
            w = Cl.createBuffer("clCreateBuffer(group weights)", acc + " groups=" + m,
                    err -> CL.clCreateBuffer(ctx.clContext(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, bytes, host, err));
            weights.put(acc, w);
        }
        return w;
    }
}
