package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The stacked spred objective of k problems (one per λ) on the device: their buffers, the loss and its gradient
 * G = ∂L/∂b at a coefficient vector, and the sum of the k spred objectives at a point (u, w, c) with its gradient.
 * The sum of independent objectives: its minimiser is each problem's minimiser.
 */
final class SpredStack implements AutoCloseable {
    private final SpredEngine e;
    private final Context ctx;
    private final Problem pb;
    private final int n, p;
    final int k;
    final Problem[] pbs;
    final DeviceBuffer y, eta, r, grad, G, v, beta, tmp, laVec, muVec, off, xbk, srk, invSk;
    final GroupIndex groups; // GROUP: stacked groups with weights w_g·λ_kα
    final int m;             // length of u per problem
    final double[] la, mu;
    final double[] sr, cFixed;
    final double shift;      // ȳ for the squared loss with an intercept (y − ȳ on the device), else 0
    boolean anyMu;
    final List<AutoCloseable> mine = new ArrayList<>();

    SpredStack(SpredEngine e, Problem[] pbs) {
        this.e = e;
        ctx = e.ctx;
        pb = e.pb;
        n = e.n;
        p = e.p;
        this.pbs = pbs;
        k = pbs.length;
        la = new double[k];
        mu = new double[k];
        sr = new double[k];
        cFixed = new double[k];
        for (int j = 0; j < k; j++) {
            cFixed[j] = pbs[j].nullIntercept();
            la[j] = pbs[j].lambda * pbs[j].alpha;
            mu[j] = pbs[j].lambda * (1 - pbs[j].alpha);
            anyMu |= mu[j] > 0;
        }
        // the squared loss's residual without rounding at |ȳ|'s scale: the device holds y − ȳ and every offset has ȳ
        // taken out, so the kernel's r = y − η forms (y − ȳ) − ((b0 − ȳ) + xᵀβ) as Certificates.residual does (y − η
        // at ȳ ≈ 1e6 put the certificate below −1e-12); η on the device is then η − ȳ (SpredEngine adds it back)
        shift = e.loss == Loss.SQUARED && pb.intercept ? pb.ybar : 0;
        double[] yd = pb.y;
        if (shift != 0) {
            yd = new double[n];
            for (int i = 0; i < n; i++) yd[i] = pb.y[i] - shift;
        }
        y = mine(e.up(SpredEngine.tile(yd, k)));
        eta = mine(e.alloc((long) n * k));
        r = mine(e.alloc((long) n * k));
        grad = mine(e.alloc((long) p * k));
        G = mine(e.alloc((long) p * k));
        v = mine(e.alloc((long) p * k));
        beta = mine(e.alloc((long) p * k));
        tmp = mine(e.alloc((long) p * k));
        off = mine(e.alloc(k));
        xbk = mine(e.alloc(k));
        srk = mine(e.alloc(k));
        invSk = e.invS == null ? null : mine(e.up(SpredEngine.tile(inv(pb.scale), k)));
        double[] lv = new double[p * k], mv = new double[p * k];
        for (int j = 0; j < k; j++) {
            Arrays.fill(lv, j * p, (j + 1) * p, la[j]);
            Arrays.fill(mv, j * p, (j + 1) * p, mu[j]);
        }
        laVec = mine(e.up(lv));
        muVec = mine(e.up(mv));
        if (pb.model == Model.GROUP) {
            int mg = pb.groupCount();
            int[] offs = new int[mg * k + 1];
            double[] ws = new double[mg * k];
            for (int j = 0; j < k; j++)
                for (int g = 0; g < mg; g++) {
                    offs[j * mg + g] = j * p + pb.offsets[g];
                    ws[j * mg + g] = pb.weights[g] * la[j];
                }
            offs[mg * k] = p * k;
            groups = ctx.groups(offs, ws);
            mine.add(groups);
            m = mg;
        } else {
            groups = null;
            m = p;
        }
    }

    /** Takes a buffer of the engine into this stack's ownership (closed with the stack). */
    <T extends AutoCloseable> T mine(T b) {
        mine.add(b);
        e.owned.remove(b);
        return b;
    }

    private double[] inv(double[] s) {
        double[] a = new double[s.length];
        for (int j = 0; j < s.length; j++) a[j] = 1 / s[j];
        return a;
    }

    @Override
    public void close() {
        for (AutoCloseable a : mine) {
            try {
                a.close();
            } catch (Exception ignored) {
                // see SpredEngine.close
            }
        }
    }

    /**
     * Loss of the stacked problems at b (standardised coefficients, p·k) and intercepts c (k): returns the
     * sum of the k losses, writes G = ∂L/∂b (p·k) and {@link #sr} (Σ r per problem); η on the device is η − {@link #shift}.
     */
    double lossAt(DeviceBuffer b, double[] c) {
        DeviceBuffer bet = b;
        if (invSk != null) {
            ctx.hadamard(beta, b, invSk);
            bet = beta;
        }
        double[] offs = c.clone();
        for (int j = 0; j < k; j++) offs[j] -= shift; // c = ȳ exactly for the squared loss: 0 here
        if (pb.intercept) {
            ctx.matVec(xbk, e.xbar, 1, p, bet, k);     // x̄ᵀβ_j for every problem
            double[] xb = xbk.toDoubleArray();
            for (int j = 0; j < k; j++) offs[j] -= xb[j];
        }
        off.copyFrom(offs);
        ctx.lossGradient(e.loss, grad, eta, r, e.X, n, p, bet, off, y, k);
        if (pb.intercept) {
            ctx.matTVec(srk, e.onesN, n, 1, r, k);     // Σ_i r_ji
            srk.copyTo(sr);
            ctx.matVec(tmp, e.xbar, p, 1, srk, k);     // x̄·(1ᵀr_j): Xcᵀr = Xᵀr − x̄(1ᵀr)
            ctx.axpy(grad, -1, tmp);
        }
        if (invSk != null) ctx.hadamard(G, grad, invSk);
        else ctx.copy(G, grad);
        ctx.scale(G, -1.0 / n);
        return e.loss == Loss.SQUARED ? ctx.sumSquares(r) / (2.0 * n) : ctx.logisticLoss(eta, y) / n;
    }

    /** The sum of the k spred objectives at x; writes its gradient into gx. */
    double spred(SpredPoint x, SpredPoint gx) {
        if (groups != null) ctx.groupHadamard(v, x.u, x.w, groups);
        else ctx.hadamard(v, x.u, x.w);
        double f = lossAt(v, e.hasC ? x.c : cFixed);
        if (anyMu) {
            ctx.hadamard(tmp, muVec, v);
            f += ctx.dot(tmp, v) / 2;
            ctx.axpy(G, 1, tmp);
        }
        if (groups != null) {
            ctx.groupGradSplit(gx.u, gx.w, G, x.u, x.w, groups, 0.5, 0.5);
            f += (ctx.dot(gx.u, x.u) + ctx.dot(gx.w, x.w)) / 2 - ctx.dot(G, v);
        } else if (k == 1) {
            ctx.gradSplit(gx.u, gx.w, G, x.u, x.w, la[0] / 2, la[0] / 2);
            f += la[0] / 2 * (ctx.sumSquares(x.u) + ctx.sumSquares(x.w));
        } else {
            ctx.gradSplit(gx.u, gx.w, G, x.u, x.w, 0, 0);
            ctx.hadamard(tmp, laVec, x.u);
            f += ctx.dot(tmp, x.u) / 2;
            ctx.axpy(gx.u, 1, tmp);
            ctx.hadamard(tmp, laVec, x.w);
            f += ctx.dot(tmp, x.w) / 2;
            ctx.axpy(gx.w, 1, tmp);
        }
        for (int j = 0; j < gx.c.length; j++) gx.c[j] = -sr[j] / n;
        return f;
    }

    SpredPoint newPoint() {
        return new SpredPoint(ctx, mine(e.alloc((long) m * k)), mine(e.alloc((long) p * k)), new double[e.hasC ? k : 0]);
    }
}
