package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.data.Design;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The pass over all p columns that every outer step of the engine ends with: g = Zcᵀr/n = diag(1/s)(Xᵀr − x̄·Σr)/n
 * from one {@link Design#transposeTimes} of the residual. Buffers are allocated once per engine (a path) and reused.
 *
 * <p>Two ways to use it. {@link #zcT} brings g to the host (p numbers). {@link #pass} keeps g on the device
 * (centred there by {@code centre_scale}); the engine then asks for what it needs: ‖g‖∞ and the elastic net's
 * Σ(|t·g_j| − λα)₊² for the duality gap ({@link #maxAbs}, {@link #softSq}: one scalar each), and the columns whose
 * |g_j| reaches a bound for screening and the KKT violators ({@link #above}: a count and the short list of indices
 * and values, by the {@code select_above} compaction). The host reads O(1 + |list|) numbers per outer step instead of
 * p (issue 12 item 5); {@link #host} reads all p only for a consumer that needs them (the Newton polish).
 */
final class Checks implements AutoCloseable, Certificates.GradientSummary {
    /** Elements read back from the device by the checks (all instances): the host-read counter of ControlBench. */
    static final AtomicLong READ_BACK = new AtomicLong();
    /** Passes over X made by the checks (all instances). */
    static final AtomicLong PASSES = new AtomicLong();
    /** Buffer allocations made by the checks (all instances): once per engine, never per λ. */
    static final AtomicLong ALLOCATIONS = new AtomicLong();

    /** Whether the engine keeps the gradient on the device ({@code -Dspred4j.deviceControl=false}: the host route). */
    static boolean deviceControl() {
        return !"false".equalsIgnoreCase(System.getProperty("spred4j.deviceControl"));
    }

    private final Prepared pb;
    private DeviceBuffer rBuf, gBuf, xbarBuf, scaleBuf, idxBuf, valBuf, gwBuf, gdBuf;
    private double gMax = Double.NaN; // ‖g‖∞ of the current device pass (NaN: not asked yet)

    Checks(Prepared pb) {
        this.pb = pb;
    }

    private void ensure(Design x) {
        if (rBuf != null) return;
        Context ctx = x.context();
        rBuf = ctx.alloc(x.precision(), pb.n);
        gBuf = ctx.alloc(x.precision(), pb.p);
        ALLOCATIONS.addAndGet(2);
    }

    /** Zcᵀr/n over all columns of {@code x}, on the host; r has length n (host, float64). */
    double[] zcT(Design x, double[] r) {
        ensure(x);
        rBuf.copyFrom(r);
        x.transposeTimes(gBuf, rBuf, 1);
        PASSES.incrementAndGet();
        READ_BACK.addAndGet(pb.p);
        gMax = Double.NaN;
        return Certificates.centred(gBuf.toDoubleArray(), r, pb.xbar, pb.scale);
    }

    /** Zcᵀr/n over all columns of {@code x}, left on the device (read it with the methods below). */
    void pass(Design x, double[] r) {
        ensure(x);
        Context ctx = x.context();
        if (xbarBuf == null) {
            xbarBuf = ctx.upload(x.precision(), pb.xbar);
            scaleBuf = ctx.upload(x.precision(), pb.scale);
            idxBuf = ctx.alloc(x.precision(), pb.p);
            valBuf = ctx.alloc(x.precision(), pb.p);
            ALLOCATIONS.addAndGet(4);
        }
        centred(x, gBuf, r);
        gMax = Double.NaN;
    }

    /** out = Zcᵀv/n: one pass over X, then the centring and scaling on the device (Certificates.centred's order). */
    private void centred(Design x, DeviceBuffer out, double[] v) {
        rBuf.copyFrom(v);
        x.transposeTimes(out, rBuf, 1);
        double s = 0;
        for (double e : v) s += e; // Certificates.centred's Σ, same order
        x.context().centreScale(out, xbarBuf, scaleBuf, s, pb.n);
        PASSES.incrementAndGet();
    }

    /**
     * The curvature-weighted dual point's gradient for {@link Certificates#computeWeighted}: gw = Zcᵀw/n by one more
     * pass (into its own buffer: g stays), then for a given a the summary of g − a·gw, formed on the device (copy,
     * axpy) and read as scalars.
     */
    java.util.function.DoubleFunction<Certificates.GradientSummary> weighted(Design x, double[] w) {
        Context ctx = x.context();
        if (gwBuf == null) {
            gwBuf = ctx.alloc(x.precision(), pb.p);
            gdBuf = ctx.alloc(x.precision(), pb.p);
            ALLOCATIONS.addAndGet(2);
        }
        centred(x, gwBuf, w);
        return a -> {
            ctx.copy(gdBuf, gBuf);
            ctx.axpy(gdBuf, -a, gwBuf);
            return new Certificates.GradientSummary() {
                @Override
                public double maxAbs() {
                    READ_BACK.incrementAndGet();
                    return ctx.maxAbs(gdBuf);
                }

                @Override
                public double softSq(double t, double la) {
                    READ_BACK.incrementAndGet();
                    return ctx.softSq(gdBuf, t, la);
                }
            };
        };
    }

    /** ‖g‖∞ of the last {@link #pass} (one scalar from the device, asked once per pass). */
    @Override
    public double maxAbs() {
        if (Double.isNaN(gMax)) {
            gMax = gBuf.context().maxAbs(gBuf);
            READ_BACK.incrementAndGet();
        }
        return gMax;
    }

    /** Σ_j max(|t·g_j| − la, 0)² of the last {@link #pass} (one scalar). */
    @Override
    public double softSq(double t, double la) {
        READ_BACK.incrementAndGet();
        return gBuf.context().softSq(gBuf, t, la);
    }

    /**
     * The columns of the last {@link #pass} with |g_j| ≥ bound (or NaN), increasing, their values in
     * {@code values[0]}: the host reads the count and 2·|list| numbers. When more than max(1024, 8·need, p/16)
     * columns pass, the bound is raised by bisection (device passes over p, one count read each) while at least
     * {@code need} still pass: a caller that takes the {@code limit} largest |g_j| after dropping at most
     * {@code need − limit} listed columns gets the same columns as from the full list (far below the previous λ
     * every column passes the strong rule, and all p would come back).
     */
    int[] above(double bound, int need, double[][] values) {
        Context ctx = gBuf.context();
        int c = select(bound);
        // reading a list of p/16 is cheap next to the passes bisection would add (each O(p)); on a GPU both are µs
        long cap = Math.max(Math.max(1024L, 8L * need), pb.p / 16);
        if (c > cap) {
            double lo = bound, hi = maxAbs(), at = bound;
            for (int it = 0; it < 64 && c > cap && hi > Math.max(lo, 0); it++) {
                double mid = Math.max(lo, 0) + (hi - Math.max(lo, 0)) / 2;
                int cm = select(mid);
                at = mid;
                if (cm >= need) {
                    lo = mid;
                    c = cm;
                } else {
                    hi = mid;
                }
            }
            if (at != lo) c = select(lo); // the device list is the one at lo
        }
        READ_BACK.addAndGet(2L * c);
        double[] ix = new double[c], v = new double[c];
        if (c > 0) {
            idxBuf.copyTo(0, ix, 0, c);
            valBuf.copyTo(0, v, 0, c);
        }
        int[] idx = new int[c];
        for (int k = 0; k < c; k++) idx[k] = (int) ix[k];
        values[0] = v;
        return idx;
    }

    private int select(double bound) {
        READ_BACK.incrementAndGet();
        return gBuf.context().selectAbove(idxBuf, valBuf, gBuf, bound);
    }

    /** All p of the last {@link #pass} on the host (counted: only consumers that need every column call it). */
    double[] host() {
        READ_BACK.addAndGet(pb.p);
        return gBuf.toDoubleArray();
    }

    @Override
    public void close() {
        for (DeviceBuffer b : new DeviceBuffer[]{rBuf, gBuf, xbarBuf, scaleBuf, idxBuf, valBuf, gwBuf, gdBuf}) if (b != null) b.close();
        rBuf = gBuf = xbarBuf = scaleBuf = idxBuf = valBuf = gwBuf = gdBuf = null;
    }
}
