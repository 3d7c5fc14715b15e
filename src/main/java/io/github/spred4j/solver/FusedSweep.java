package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;

import java.util.Arrays;

/**
 * {@link Inner}'s coordinate-descent sweeps through the native {@code cd_sweep} op (issue 12): on one CPU core the
 * Java dot of the sweep is one scalar chain per accumulator (the JIT does not vectorise a float64 reduction), the C
 * one runs 4-wide FMA accumulators, so a sweep over a large working set runs at memory speed. The working-set
 * columns live in one float64 column-major buffer in native memory, appended as W grows (capacity doubled, the
 * columns copied from Inner's host copies, which stay: the polish and the checks read them). Each solve copies the
 * host state in (b_W, the residual, η for IRLS and the per-column vectors: O(n + |W|), against O(n·|W|) per sweep)
 * and back out, so the host state stays the one the rest of the engine reads and every step around the sweeps
 * (extrapolation, polish, certificate) is unchanged.
 *
 * <p>Used on the native backend for dense X (the fit's own context, float64 buffers whatever the fit's
 * precision), when a sweep is large enough for the copies and the JNI calls not to matter
 * ({@link #MIN_WORK}, {@link #MIN_ROWS}). {@code -Dspred4j.cdsweep=false} keeps the Java loops (for comparisons).
 */
final class FusedSweep implements AutoCloseable {
    /**
     * Below this n·|W|, or n below {@link #MIN_ROWS}, a sweep costs about what the ~15 JNI calls and copies around it
     * do (measured: golub, n = 123, a single λ 1.3× slower fused): the Java loops stay.
     */
    static final long MIN_WORK = 1 << 16;
    static final int MIN_ROWS = 256;

    private final Context ctx;
    private final int n, p;
    private final boolean weighted, intercept;
    private final DeviceBuffer r, eta, w, state;
    private DeviceBuffer x, b, xbar, scale, a, sw;
    private int[] cols = new int[0]; // the columns in x, in order
    private int m;                   // how many
    private double[] hb = new double[0], hx = new double[0], hs = new double[0], ha = new double[0], hw = new double[0];
    private final double[] st = new double[Context.CD_STATE];
    private boolean weightsStale = true;

    private FusedSweep(Context ctx, int n, int p, boolean weighted, boolean intercept) {
        this.ctx = ctx;
        this.n = n;
        this.p = p;
        this.weighted = weighted;
        this.intercept = intercept;
        r = ctx.alloc(Precision.FLOAT64, n);
        eta = ctx.alloc(Precision.FLOAT64, n);
        w = ctx.alloc(Precision.FLOAT64, n);
        state = ctx.alloc(Precision.FLOAT64, Context.CD_STATE);
        grow(Math.min(16, Math.max(1, p)));
    }

    /** The fused route for this problem, or null where the Java loops stay (another backend, sparse X, disabled). */
    static FusedSweep of(Prepared pb, boolean sparse) {
        if (sparse || !"native".equals(pb.ctx.backendName()) || pb.n == 0) return null;
        if (!Boolean.parseBoolean(System.getProperty("spred4j.cdsweep", "true"))) return null;
        return new FusedSweep(pb.ctx, pb.n, pb.p, !pb.family.isQuadratic(), pb.intercept);
    }

    /** Whether a sweep of W is worth the calls. */
    boolean pays(int[] W) {
        return n >= MIN_ROWS && (long) n * W.length >= MIN_WORK;
    }

    /** The IRLS weights changed (a new quadratic model): uploaded with the next solve. */
    void weightsChanged() {
        weightsStale = true;
    }

    /**
     * As {@link Inner#solve}: full sweeps of W, each followed by sweeps of its active columns until they settle,
     * until a full sweep's largest a_j·Δ² is below thr or maxSweeps are spent. Reads and writes Inner's state.
     */
    boolean solve(Inner st0, int[] W, double[] av, double[] sumWx, double[] wv, double sumW, double la, double mu,
                  double thr, long maxSweeps) {
        load(st0, W);
        int k = W.length;
        for (int q = 0; q < k; q++) {
            hb[q] = st0.b[W[q]];
            ha[q] = av[W[q]];
            if (weighted) hw[q] = sumWx[W[q]];
        }
        b.copyFrom(hb, 0, 0, k);
        a.copyFrom(ha, 0, 0, k);
        if (weighted) {
            sw.copyFrom(hw, 0, 0, k);
            if (weightsStale) w.copyFrom(wv);
            weightsStale = false;
            eta.copyFrom(st0.etaRaw);
        }
        r.copyFrom(st0.res);
        this.st[0] = weighted ? st0.sumZ() : st0.xbBeta;
        this.st[1] = st0.c;
        state.copyFrom(this.st);
        int base = (weighted ? Context.CD_WEIGHTED : 0) | (intercept ? Context.CD_INTERCEPT : 0);
        long start = st0.sweeps;
        boolean converged = false;
        while (st0.sweeps - start < maxSweeps) {
            run(st0, k, la, mu, sumW, Double.POSITIVE_INFINITY, 1, base);
            st0.sweepViolation = this.st[3];
            if (this.st[2] < thr) {
                converged = true;
                break;
            }
            long left = maxSweeps - (st0.sweeps - start);
            if (left <= 0) break;
            run(st0, k, la, mu, sumW, thr, (int) Math.min(Integer.MAX_VALUE, left), base | Context.CD_ACTIVE);
        }
        b.copyTo(0, hb, 0, k);
        double dxb = 0; // x̄ᵀβ moves with b (the squared loss's S is that sum itself)
        for (int q = 0; q < k; q++) {
            int j = W[q];
            if (hb[q] != st0.b[j]) dxb += hx[q] * (hb[q] - st0.b[j]) / hs[q];
            st0.b[j] = hb[q];
        }
        r.copyTo(st0.res);
        if (weighted) eta.copyTo(st0.etaRaw);
        st0.fusedState(this.st[0], this.st[1], dxb);
        return converged;
    }

    /** One call of the op; adds its sweeps to Inner's count and reads the state back. */
    private void run(Inner st0, int k, double la, double mu, double sumW, double thr, int sweeps, int flags) {
        ctx.cdSweep(b, r, eta, state, x, n, k, w, xbar, scale, a, sw, la, mu, sumW, thr, sweeps, flags);
        state.copyTo(this.st);
        st0.sweeps += (long) this.st[4];
    }

    /** Makes the buffer's first |W| columns those of W (appending new ones; rebuilding if W is not an extension). */
    private void load(Inner st0, int[] W) {
        boolean prefix = W.length >= m;
        for (int q = 0; prefix && q < m; q++) prefix = cols[q] == W[q];
        if (!prefix) m = 0;
        if (W.length > cols.length) grow(Math.min(p, Math.max(W.length, 2 * cols.length)));
        for (int q = m; q < W.length; q++) {
            int j = W[q];
            x.copyFrom(st0.column(j), 0, (long) q * n, n);
            hx[q] = st0.pb.xbar[j];
            hs[q] = st0.pb.scale[j];
            cols[q] = j;
        }
        if (W.length > m) {
            xbar.copyFrom(hx, m, m, W.length - m);
            scale.copyFrom(hs, m, m, W.length - m);
        }
        m = W.length;
    }

    /** Room for cap columns: new buffers, the columns kept so far copied over from the host copies. */
    private void grow(int cap) {
        DeviceBuffer[] old = {x, b, xbar, scale, a, sw};
        x = ctx.alloc(Precision.FLOAT64, (long) n * cap);
        b = ctx.alloc(Precision.FLOAT64, cap);
        xbar = ctx.alloc(Precision.FLOAT64, cap);
        scale = ctx.alloc(Precision.FLOAT64, cap);
        a = ctx.alloc(Precision.FLOAT64, cap);
        sw = ctx.alloc(Precision.FLOAT64, cap);
        for (DeviceBuffer d : old) if (d != null) d.close();
        cols = Arrays.copyOf(cols, cap);
        hb = new double[cap];
        hx = Arrays.copyOf(hx, cap);
        hs = Arrays.copyOf(hs, cap);
        ha = new double[cap];
        hw = new double[cap];
        m = 0; // the columns are re-copied by load (the host copies are the source)
    }

    @Override
    public void close() {
        for (DeviceBuffer d : new DeviceBuffer[]{x, b, xbar, scale, a, sw, r, eta, w, state}) if (d != null) d.close();
    }
}
