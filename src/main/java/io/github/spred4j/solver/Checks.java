package io.github.spred4j.solver;

import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.data.Design;

/**
 * The pass over all p columns that every outer step of the engine ends with: g = Zcᵀr/n = diag(1/s)(Xᵀr − x̄·Σr)/n
 * from one {@link Design#transposeTimes} of the residual. Buffers are allocated once and reused.
 */
final class Checks implements AutoCloseable {
    private final Prepared pb;
    private DeviceBuffer rBuf, gBuf;

    Checks(Prepared pb) {
        this.pb = pb;
    }

    /** Zcᵀr/n over all columns of {@code x}; r has length n (host, float64). */
    double[] zcT(Design x, double[] r) {
        int n = pb.n, p = pb.p;
        if (rBuf == null) {
            rBuf = x.context().alloc(x.precision(), n);
            gBuf = x.context().alloc(x.precision(), p);
        }
        rBuf.copyFrom(r);
        x.transposeTimes(gBuf, rBuf, 1);
        return Certificates.centred(gBuf.toDoubleArray(), r, pb.xbar, pb.scale);
    }

    @Override
    public void close() {
        if (rBuf != null) rBuf.close();
        if (gBuf != null) gBuf.close();
        rBuf = gBuf = null;
    }
}
