package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;

/**
 * A point of the stacked spred problem: u (m·k) and w (p·k) on the device, the intercepts c (k, or none when the
 * intercept is not a variable) on the host; with the vector arithmetic the optimisers need, on the device.
 */
final class SpredPoint {
    final DeviceBuffer u, w;
    final double[] c;
    private final Context ctx;

    SpredPoint(Context ctx, DeviceBuffer u, DeviceBuffer w, double[] c) {
        this.ctx = ctx;
        this.u = u;
        this.w = w;
        this.c = c;
    }

    /** this = s. */
    void copyFrom(SpredPoint s) {
        ctx.copy(u, s.u);
        ctx.copy(w, s.w);
        System.arraycopy(s.c, 0, c, 0, s.c.length);
    }

    /** thisᵀb. */
    double dot(SpredPoint b) {
        double s = ctx.dot(u, b.u) + ctx.dot(w, b.w);
        for (int j = 0; j < c.length; j++) s += c[j] * b.c[j];
        return s;
    }

    /** this += a·x. */
    void axpy(double a, SpredPoint x) {
        ctx.axpy(u, a, x.u);
        ctx.axpy(w, a, x.w);
        for (int j = 0; j < c.length; j++) c[j] += a * x.c[j];
    }

    /** this *= a. */
    void scale(double a) {
        ctx.scale(u, a);
        ctx.scale(w, a);
        for (int j = 0; j < c.length; j++) c[j] *= a;
    }

    /** ‖this‖∞. */
    double maxAbs() {
        double m = Math.max(ctx.maxAbs(u), ctx.maxAbs(w));
        for (double v : c) m = Math.max(m, Math.abs(v));
        return m;
    }
}
