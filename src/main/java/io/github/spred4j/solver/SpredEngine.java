package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The device state of one call of the spred solver (methods LBFGS, SGD, MOMENTUM, ADAM; models SQUARED, LOGISTIC,
 * GROUP): X, x̄, 1 and 1/s uploaded once, the buffers it owns, and the evaluations at a host point (c, b) that the
 * polish and the certificate need: loss, residual and gradient on the device in the working precision, or in
 * float64 on the host; the certificate; the result in the caller's coordinates.
 */
final class SpredEngine implements AutoCloseable {
    final Context ctx;
    final Problem pb;
    final FitOptions o;
    final Precision prec;
    final int n, p;
    final Loss loss;
    final boolean hasC; // the intercept is a variable (logistic with intercept)
    final List<AutoCloseable> owned = new ArrayList<>();
    final DeviceBuffer X, xbar, onesN, invS;
    final double lambdaMax;
    final SpredHessian hessian; // the squared loss's Hessian on a support, cached across calls
    private SpredStack single;  // the k = 1 stack of every evaluation at a host point

    SpredEngine(Context ctx, Problem pb, FitOptions o) {
        this.ctx = ctx;
        this.pb = pb;
        this.o = o;
        this.prec = o.precision();
        this.n = pb.n;
        this.p = pb.p;
        this.loss = pb.model == Model.LOGISTIC ? Loss.LOGISTIC : Loss.SQUARED;
        this.hasC = pb.model == Model.LOGISTIC && pb.intercept;
        this.lambdaMax = pb.lambdaMax();
        X = up(pb.x);
        xbar = up(pb.xbar);
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        onesN = up(ones);
        if (pb.standardize) {
            double[] is = new double[p];
            for (int j = 0; j < p; j++) is[j] = 1 / pb.scale[j];
            invS = up(is);
        } else invS = null;
        hessian = new SpredHessian(this);
    }

    DeviceBuffer alloc(long len) {
        DeviceBuffer b = ctx.alloc(prec, len);
        owned.add(b);
        return b;
    }

    DeviceBuffer up(double[] a) {
        DeviceBuffer b = ctx.upload(prec, a);
        owned.add(b);
        return b;
    }

    @Override
    public void close() {
        if (single != null) single.close();
        single = null;
        for (AutoCloseable a : owned) {
            try {
                a.close();
            } catch (Exception ignored) {
                // closing a buffer never throws checked exceptions; nothing to recover
            }
        }
        owned.clear();
    }

    /** k copies of a, one after the other. */
    static double[] tile(double[] a, int k) {
        double[] t = new double[a.length * k];
        for (int j = 0; j < k; j++) System.arraycopy(a, 0, t, j * a.length, a.length);
        return t;
    }

    // ------------------------------------------------------------ evaluations at a host point

    /** η, r, Xcᵀr at (c, b) on the device in the working precision (one lossGradient, k = 1). */
    Ev evalDevice(Problem q, double c, double[] b) {
        // the loss does not depend on λ, so one k = 1 stack serves every evaluation of this engine
        if (single == null) single = new SpredStack(this, new Problem[]{q});
        SpredStack st = single;
        DeviceBuffer bb = st.v;
        bb.copyFrom(b);
        double l = st.lossAt(bb, new double[]{c});
        double[] g = st.G.toDoubleArray(), eta = st.eta.toDoubleArray();
        if (st.shift != 0) for (int i = 0; i < n; i++) eta[i] += st.shift; // the device held η − ȳ (SpredStack)
        return new Ev(eta, st.r.toDoubleArray(), g, l, st.sr[0]);
    }

    /** The same in float64 on the host (used for the certificate when the working precision is float32). */
    Ev evalHost(Problem q, double c, double[] b) {
        double[] e = q.eta(c, b);
        double[] r = new double[n];
        double s = 0;
        if (loss == Loss.SQUARED && q.intercept) { // (y − ȳ) − ((b0 − ȳ) + xᵀβ): no rounding at |ȳ|'s scale
            double[] v = q.eta(0, b);               // Xcβ = xᵀβ − x̄ᵀβ, at the scale of the fit, not of ȳ
            for (int i = 0; i < n; i++) {
                r[i] = (q.y[i] - q.ybar) - ((c - q.ybar) + v[i]);
                s += r[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                r[i] = q.y[i] - q.mu(e[i]);
                s += r[i];
            }
        }
        double[] x = q.xcT(r);
        double[] g = new double[p];
        for (int j = 0; j < p; j++) g[j] = -x[j] / q.scale[j] / n;
        return new Ev(e, r, g, q.loss(e), s);
    }

    /** η, residual, G = ∂L/∂b (internal), loss value, Σr. */
    record Ev(double[] eta, double[] r, double[] grad, double loss, double sumR) {
    }

    /** The float64 certificate at (c, b): from the device in float64, from the host in float32. */
    Problem.Cert certify(Problem q, double c, double[] b) {
        Ev ev = prec == Precision.FLOAT64 ? evalDevice(q, c, b) : evalHost(q, c, b);
        double[] xcTr = new double[p];
        for (int j = 0; j < p; j++) xcTr[j] = -ev.grad()[j] * q.scale[j] * n;
        return q.certificate(b, ev.eta(), ev.r(), xcTr);
    }

    /** The result at (c, b), certified here. */
    FitResult result(Problem q, double c, double[] b, int iters, long t0) {
        Problem.Cert ct = certify(q, c, b);
        return result(q, new SpredPolish.Polished(c, b, ct, 0), iters, t0);
    }

    /** The result of a polished point, in the caller's order and scale. */
    FitResult result(Problem q, SpredPolish.Polished pl, int iters, long t0) {
        double[] beta = q.originalBeta(pl.b());
        int nnz = 0;
        for (double v : beta) if (v != 0) nnz++;
        return new FitResult(q.originalIntercept(pl.c(), pl.b()), beta, q.lambda, pl.cert().objective(),
                q.model == Model.GROUP ? "kkt_violation" : "duality_gap", pl.cert().certificate(), nnz, iters,
                (System.nanoTime() - t0) / 1e9, ctx.backendName(), ctx.deviceName());
    }
}
