package io.github.spred4j.api;

import java.util.ArrayList;
import java.util.List;

/**
 * The optimizer step another Java ML stack calls: it owns the spred factors U and W (and the optimizer state) of
 * one parameter vector V = U ⊙ W on a device, takes the loss gradient G = ∂L/∂V, and runs one fused kernel per
 * step that updates U, W (and state) and writes the new V. The caller never sees U and W unless it asks.
 *
 * <pre>{@code
 * try (Context ctx = Backends.auto().open();
 *      SpredOptimizer opt = SpredOptimizer.create(ctx, Precision.FLOAT32, p, AdamParams.of(1e-2, lambda))) {
 *     opt.init(v0);                      // V starts at v0 (zeros start at a small balanced value)
 *     for (...) { opt.step(gradient); opt.readV(v); }
 * }
 * }</pre>
 *
 * <p>With groups ({@link #createGrouped}), u has one scalar per group and V_g = u_g·W_g (group lasso). Arrays
 * passed in are copied, never modified. Not thread-safe.
 */
public final class SpredOptimizer implements AutoCloseable {
    /**
     * Default imbalance s of the starting factors. A balanced start (u = ±w) is a trap: with equal decays the
     * dynamics keep u = ±w forever, so V could never change sign, and u = w = 0 is a saddle point. {@link #init}
     * therefore starts at u = sign(v)·√(|v| + s²), w = |v|/√(|v| + s²): V = v0 exactly, zeros start at u = s, w = 0.
     */
    public static final double DEFAULT_START = 1e-3;

    private final Context ctx;
    private final UpdateRule rule;
    private final GroupIndex groups;
    private final int size;
    private final DeviceBuffer u, w, v, g;
    private final DeviceBuffer mU, mW, vU, vW;
    private final List<AutoCloseable> owned = new ArrayList<>();
    private long steps;
    private boolean closed;

    private SpredOptimizer(Context ctx, Precision precision, int size, GroupIndex groups, UpdateRule rule) {
        if (size < 0) throw new IllegalArgumentException("size must be >= 0, got " + size);
        this.ctx = ctx;
        this.rule = java.util.Objects.requireNonNull(rule, "rule");
        this.size = size;
        this.groups = groups;
        if (groups != null) owned.add(groups);
        int uLen = groups == null ? size : groups.groupCount();
        u = own(ctx.alloc(precision, uLen));
        w = own(ctx.alloc(precision, size));
        v = own(ctx.alloc(precision, size));
        g = own(ctx.alloc(precision, size));
        boolean needsM = !(rule instanceof SgdParams);
        boolean needsV = rule instanceof AdamParams;
        mU = needsM ? zeros(precision, uLen) : null;
        mW = needsM ? zeros(precision, size) : null;
        vU = needsV ? zeros(precision, uLen) : null;
        vW = needsV ? zeros(precision, size) : null;
        init(new double[size]);
    }

    /** An optimizer for a vector of {@code size} coordinates, V = U ⊙ W. */
    public static SpredOptimizer create(Context ctx, Precision precision, int size, UpdateRule rule) {
        return new SpredOptimizer(ctx, precision, size, null, rule);
    }

    /** A group optimizer: groups are {@code [offsets[g], offsets[g+1])} with weights (null = √p_g). */
    public static SpredOptimizer createGrouped(Context ctx, Precision precision, int[] offsets, double[] weights,
                                               UpdateRule rule) {
        GroupIndex gi = weights == null ? ctx.groups(offsets) : ctx.groups(offsets, weights);
        return new SpredOptimizer(ctx, precision, gi.size(), gi, rule);
    }

    private DeviceBuffer own(DeviceBuffer b) {
        owned.add(b);
        return b;
    }

    private DeviceBuffer zeros(Precision p, int n) {
        DeviceBuffer b = own(ctx.alloc(p, n));
        ctx.fill(b, 0);
        return b;
    }

    /** Sets V to {@code v0} (see {@link #DEFAULT_START}) and resets the optimizer state and the step count. */
    public void init(double[] v0) {
        init(v0, DEFAULT_START);
    }

    /**
     * As {@link #init(double[])} with imbalance {@code s > 0}: u = sign(v)·√(|v| + s²)·ρ, w = |v|/√(|v| + s²)/ρ,
     * ρ = (β/α)^¼ matching the decays (group form: u_g = √(‖v_g‖ + s²)·ρ, W_g = v_g/√(‖v_g‖ + s²)/ρ).
     */
    public void init(double[] v0, double s) {
        checkOpen();
        if (v0.length != size) throw new IllegalArgumentException("v0 has length " + v0.length + ", optimizer has " + size);
        if (!(s > 0) || Double.isInfinite(s)) throw new IllegalArgumentException("start imbalance s must be finite and > 0, got " + s);
        for (int i = 0; i < size; i++)
            if (!Double.isFinite(v0[i])) throw new IllegalArgumentException("v0[" + i + "] is " + v0[i]);
        double rho = rule.penaltyU() > 0 && rule.penaltyW() > 0 ? Math.pow(rule.penaltyW() / rule.penaltyU(), 0.25) : 1;
        double[] uu, ww = new double[size];
        if (groups == null) {
            uu = new double[size];
            for (int i = 0; i < size; i++) {
                double a = Math.sqrt(Math.abs(v0[i]) + s * s);
                uu[i] = (v0[i] < 0 ? -a : a) * rho;
                ww[i] = Math.abs(v0[i]) / a / rho;
            }
        } else {
            int[] off = groups.offsets();
            uu = new double[groups.groupCount()];
            for (int k = 0; k < uu.length; k++) {
                double norm = 0;
                for (int i = off[k]; i < off[k + 1]; i++) norm += v0[i] * v0[i];
                double a = Math.sqrt(Math.sqrt(norm) + s * s);
                uu[k] = a * rho;
                for (int i = off[k]; i < off[k + 1]; i++) ww[i] = v0[i] / a / rho;
            }
        }
        u.copyFrom(uu);
        w.copyFrom(ww);
        for (DeviceBuffer state : new DeviceBuffer[]{mU, mW, vU, vW}) if (state != null) ctx.fill(state, 0);
        if (groups == null) ctx.hadamard(v, u, w);
        else ctx.groupHadamard(v, u, w, groups);
        steps = 0;
    }

    /** One step from the loss gradient already on the device (length {@link #size()}, same context and precision). */
    public void step(DeviceBuffer gradient) {
        checkOpen();
        steps++;
        if (groups == null) {
            if (rule instanceof SgdParams p) ctx.sgdUpdate(u, w, v, gradient, p);
            else if (rule instanceof MomentumParams p) ctx.momentumUpdate(u, w, v, gradient, mU, mW, p);
            else if (rule instanceof AdamParams p) ctx.adamUpdate(u, w, v, gradient, mU, vU, mW, vW, p, steps);
        } else {
            if (rule instanceof SgdParams p) ctx.groupSgdUpdate(u, w, v, gradient, groups, p);
            else if (rule instanceof MomentumParams p) ctx.groupMomentumUpdate(u, w, v, gradient, mU, mW, groups, p);
            else if (rule instanceof AdamParams p) ctx.groupAdamUpdate(u, w, v, gradient, mU, vU, mW, vW, groups, p, steps);
        }
    }

    /** One step from a gradient in a Java array (copied to the device first). */
    public void step(double[] gradient) {
        checkLength(gradient.length);
        g.copyFrom(gradient);
        step(g);
    }

    public void step(float[] gradient) {
        checkLength(gradient.length);
        g.copyFrom(gradient);
        step(g);
    }

    private void checkLength(int n) {
        if (n != size) throw new IllegalArgumentException("gradient has length " + n + ", optimizer has " + size);
    }

    /** Copies the current V into {@code out} (length {@link #size()}). */
    public void readV(double[] out) {
        checkLength(out.length);
        v.copyTo(out);
    }

    public void readV(float[] out) {
        checkLength(out.length);
        v.copyTo(out);
    }

    /** The device buffers (owned by this optimizer: do not close them). */
    public DeviceBuffer v() {
        return v;
    }

    public DeviceBuffer u() {
        return u;
    }

    public DeviceBuffer w() {
        return w;
    }

    public int size() {
        return size;
    }

    public long steps() {
        return steps;
    }

    public UpdateRule rule() {
        return rule;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("optimizer used after close");
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing optimizer state failed", e);
            }
        }
    }
}
