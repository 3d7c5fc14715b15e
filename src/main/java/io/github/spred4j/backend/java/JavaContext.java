package io.github.spred4j.backend.java;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Deviance;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;
import io.github.spred4j.api.SparseIndex;

/**
 * The reference implementation of every operation, written as plainly as possible: float64 arithmetic, simple
 * loops, gradients from the old values before anything is written. It is the oracle, not the fast path.
 */
final class JavaContext extends Context {
    private final String device;

    JavaContext(String device) {
        this.device = device;
        releaseWith(() -> { }); // heap arrays only: nothing to free, but a dropped context is still reported
    }

    @Override
    public String backendName() {
        return "java";
    }

    @Override
    public String deviceName() {
        return device;
    }

    @Override
    protected DeviceBuffer doAlloc(Precision precision, long length) {
        return new JavaBuffer(this, precision, length);
    }

    @Override
    protected GroupIndex doGroups(int[] offsets, double[] weights) {
        return new JavaGroups(this, offsets, weights);
    }

    private static JavaBuffer b(DeviceBuffer d) {
        return (JavaBuffer) d;
    }

    @Override
    protected SparseIndex doSparse(SparseIndex.Layout layout, int rows, int cols, long[] ptr, int[] idx) {
        return new JavaSparse(this, layout, rows, cols, ptr, idx);
    }

    private static JavaGroups gr(GroupIndex g) {
        return (JavaGroups) g;
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    protected void doHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, long n) {
        for (int i = 0; i < n; i++) b(v).set(i, b(u).a[i] * b(w).a[i]);
    }

    @Override
    protected void doGroupHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, GroupIndex groups) {
        JavaGroups g = gr(groups);
        for (int k = 0; k < g.groupCount(); k++)
            for (int i = g.off[k]; i < g.off[k + 1]; i++) b(v).set(i, b(u).a[k] * b(w).a[i]);
    }

    @Override
    protected void doGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                               double decayU, double decayW, long n) {
        for (int i = 0; i < n; i++) {
            double gi = b(g).a[i], ui = b(u).a[i], wi = b(w).a[i];
            b(du).set(i, gi * wi + decayU * ui);
            b(dw).set(i, gi * ui + decayW * wi);
        }
    }

    @Override
    protected void doGroupGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                                    GroupIndex groups, double decayU, double decayW) {
        JavaGroups gs = gr(groups);
        for (int k = 0; k < gs.groupCount(); k++) {
            double uk = b(u).a[k], c = gs.wt[k], dot = 0;
            for (int i = gs.off[k]; i < gs.off[k + 1]; i++) {
                dot += b(g).a[i] * b(w).a[i];
                b(dw).set(i, uk * b(g).a[i] + decayW * c * b(w).a[i]);
            }
            b(du).set(k, dot + decayU * c * uk);
        }
    }

    // ---------------------------------------------------------------- fused updates

    /** New value of one parameter under SGD. */
    private static double sgd(double theta, double grad, SgdParams p) {
        return theta - p.lr() * grad;
    }

    /** Momentum on element i of (theta, m); returns nothing, stores both. */
    private static void momentum(JavaBuffer theta, JavaBuffer m, int i, double grad, MomentumParams p) {
        double mi = p.momentum() * m.a[i] + grad;
        m.set(i, mi);
        double step = p.nesterov() ? grad + p.momentum() * mi : mi;
        theta.set(i, theta.a[i] - p.lr() * step);
    }

    /** Adam on element i of (theta, m, v); {@code decay} is decayU (or decayW) times the group weight. */
    private static void adam(JavaBuffer theta, JavaBuffer m, JavaBuffer v, int i, double lossGrad, double decay,
                             AdamParams p, long step) {
        double th = theta.a[i];
        double grad = p.decoupled() ? lossGrad : lossGrad + decay * th;
        double mi = p.beta1() * m.a[i] + (1 - p.beta1()) * grad;
        double vi = p.beta2() * v.a[i] + (1 - p.beta2()) * grad * grad;
        m.set(i, mi);
        v.set(i, vi);
        double mhat = mi * p.biasCorrection1(step);
        double vhat = vi * p.biasCorrection2(step);
        double upd = mhat / (Math.sqrt(vhat) + p.eps());
        if (p.decoupled()) upd += decay * th;
        theta.set(i, th - p.lr() * upd);
    }

    @Override
    protected void doSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g, SgdParams p, long n) {
        for (int i = 0; i < n; i++) {
            double gi = b(g).a[i], ui = b(u).a[i], wi = b(w).a[i];
            b(u).set(i, sgd(ui, gi * wi + p.decayU() * ui, p));
            b(w).set(i, sgd(wi, gi * ui + p.decayW() * wi, p));
            b(v).set(i, b(u).a[i] * b(w).a[i]);
        }
    }

    @Override
    protected void doMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                    DeviceBuffer mU, DeviceBuffer mW, MomentumParams p, long n) {
        for (int i = 0; i < n; i++) {
            double gi = b(g).a[i], ui = b(u).a[i], wi = b(w).a[i];
            momentum(b(u), b(mU), i, gi * wi + p.decayU() * ui, p);
            momentum(b(w), b(mW), i, gi * ui + p.decayW() * wi, p);
            b(v).set(i, b(u).a[i] * b(w).a[i]);
        }
    }

    @Override
    protected void doAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                AdamParams p, long step, long n) {
        for (int i = 0; i < n; i++) {
            double gi = b(g).a[i], ui = b(u).a[i], wi = b(w).a[i];
            adam(b(u), b(mU), b(vU), i, gi * wi, p.decayU(), p, step);
            adam(b(w), b(mW), b(vW), i, gi * ui, p.decayW(), p, step);
            b(v).set(i, b(u).a[i] * b(w).a[i]);
        }
    }

    /** ⟨G_g, W_g⟩ for group k, from the old W. */
    private static double groupDot(JavaGroups gs, int k, JavaBuffer g, JavaBuffer w) {
        double s = 0;
        for (int i = gs.off[k]; i < gs.off[k + 1]; i++) s += g.a[i] * w.a[i];
        return s;
    }

    @Override
    protected void doGroupSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                    GroupIndex groups, SgdParams p) {
        JavaGroups gs = gr(groups);
        for (int k = 0; k < gs.groupCount(); k++) {
            double uk = b(u).a[k], c = gs.wt[k];
            double gu = groupDot(gs, k, b(g), b(w)) + p.decayU() * c * uk;
            double un = sgd(uk, gu, p);
            b(u).set(k, un);
            for (int i = gs.off[k]; i < gs.off[k + 1]; i++) {
                double wi = b(w).a[i];
                b(w).set(i, sgd(wi, uk * b(g).a[i] + p.decayW() * c * wi, p));
                b(v).set(i, b(u).a[k] * b(w).a[i]);
            }
        }
    }

    @Override
    protected void doGroupMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                         DeviceBuffer mU, DeviceBuffer mW, GroupIndex groups, MomentumParams p) {
        JavaGroups gs = gr(groups);
        for (int k = 0; k < gs.groupCount(); k++) {
            double uk = b(u).a[k], c = gs.wt[k];
            double gu = groupDot(gs, k, b(g), b(w)) + p.decayU() * c * uk;
            momentum(b(u), b(mU), k, gu, p);
            for (int i = gs.off[k]; i < gs.off[k + 1]; i++) {
                momentum(b(w), b(mW), i, uk * b(g).a[i] + p.decayW() * c * b(w).a[i], p);
                b(v).set(i, b(u).a[k] * b(w).a[i]);
            }
        }
    }

    @Override
    protected void doGroupAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                     DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                     GroupIndex groups, AdamParams p, long step) {
        JavaGroups gs = gr(groups);
        for (int k = 0; k < gs.groupCount(); k++) {
            double uk = b(u).a[k], c = gs.wt[k];
            adam(b(u), b(mU), b(vU), k, groupDot(gs, k, b(g), b(w)), p.decayU() * c, p, step);
            for (int i = gs.off[k]; i < gs.off[k + 1]; i++) {
                adam(b(w), b(mW), b(vW), i, uk * b(g).a[i], p.decayW() * c, p, step);
                b(v).set(i, b(u).a[k] * b(w).a[i]);
            }
        }
    }

    // ---------------------------------------------------------------- reductions

    @Override
    protected double doDot(DeviceBuffer x, DeviceBuffer y, long n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += b(x).a[i] * b(y).a[i];
        return s;
    }

    @Override
    protected double doSumSquares(DeviceBuffer x, long n) {
        return doDot(x, x, n);
    }

    @Override
    protected double doMaxAbs(DeviceBuffer x, long n) {
        double m = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.abs(b(x).a[i]);
            if (Double.isNaN(a)) return Double.NaN;
            m = Math.max(m, a);
        }
        return m;
    }

    @Override
    protected double doSum(DeviceBuffer x, long n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += b(x).a[i];
        return s;
    }

    /**
     * log(1+e^η) − y·η without overflow, spred_logistic_loss's order: max(η, 0) − y·η first (exactly 0 for a
     * well-classified row with y ∈ {0, 1}), then the small log1p term, so that row keeps its digits.
     */
    static double logisticLoss(double eta, double y) {
        return (Math.max(eta, 0) - y * eta) + Math.log1p(Math.exp(-Math.abs(eta)));
    }

    @Override
    protected double doLogisticLoss(DeviceBuffer eta, DeviceBuffer y, long n) {
        double s = 0;
        for (int i = 0; i < n; i++) s += logisticLoss(b(eta).a[i], b(y).a[i]);
        return s;
    }

    // ---------------------------------------------------------------- vector work

    @Override
    protected void doAxpy(DeviceBuffer y, double a, DeviceBuffer x, long n) {
        for (int i = 0; i < n; i++) b(y).set(i, b(y).a[i] + a * b(x).a[i]);
    }

    @Override
    protected void doScale(DeviceBuffer x, double a, long n) {
        for (int i = 0; i < n; i++) b(x).set(i, a * b(x).a[i]);
    }

    @Override
    protected void doFill(DeviceBuffer x, double value, long n) {
        for (int i = 0; i < n; i++) b(x).set(i, value);
    }

    @Override
    protected void doCopy(DeviceBuffer dst, DeviceBuffer src, long n) {
        System.arraycopy(b(src).a, 0, b(dst).a, 0, (int) n);
    }

    // ---------------------------------------------------------------- matrix passes

    @Override
    protected void doMatVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer bb, int k) {
        double[] X = b(x).a, B = b(bb).a;
        for (int j = 0; j < k; j++)
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < p; c++) s += X[i * p + c] * B[j * p + c];
                b(out).set(j * n + i, s);
            }
    }

    @Override
    protected void doMatTVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        double[] X = b(x).a, R = b(r).a;
        for (int j = 0; j < k; j++)
            for (int c = 0; c < p; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += X[i * p + c] * R[j * n + i];
                b(out).set(j * p + c, s);
            }
    }

    @Override
    protected void doGemmXtR(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        doMatTVec(out, x, n, p, r, k); // the same product; the reference needs no tiling
    }

    @Override
    protected void doGemmXB(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer bb, int k) {
        doMatVec(out, x, n, p, bb, k);
    }

    @Override
    protected void doGramCols(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer mean, int[] cols) {
        double[] X = b(x).a, m = b(mean).a;
        for (int j = 0; j < cols.length; j++) {
            int q = cols[j];
            for (int c = 0; c < p; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += (X[i * p + c] - m[c]) * (X[i * p + q] - m[q]);
                b(out).set(j * p + c, s);
            }
        }
    }

    /** The mean link μ(η) of each loss. */
    static double mean(Loss loss, double eta) {
        return loss == Loss.LOGISTIC ? 1 / (1 + Math.exp(-eta)) : eta;
    }

    @Override
    protected void doLossGradient(Loss loss, DeviceBuffer grad, DeviceBuffer eta, DeviceBuffer r, DeviceBuffer x,
                                  int n, int p, DeviceBuffer bb, DeviceBuffer offset, DeviceBuffer y, int k) {
        double[] X = b(x).a, B = b(bb).a;
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                double s = b(offset).a[j];
                for (int c = 0; c < p; c++) s += X[i * p + c] * B[j * p + c];
                b(eta).set(j * n + i, s);
                b(r).set(j * n + i, b(y).a[j * n + i] - mean(loss, s));
            }
            for (int c = 0; c < p; c++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += X[i * p + c] * b(r).a[j * n + i];
                b(grad).set(j * p + c, s);
            }
        }
    }

    // ---------------------------------------------------------------- sparse X: the simplest loops, in double

    @Override
    protected void doCsrResidual(DeviceBuffer eta, DeviceBuffer r, SparseIndex x, DeviceBuffer val, DeviceBuffer bb,
                                 DeviceBuffer y, double offset, Loss loss) {
        JavaSparse s = (JavaSparse) x;
        double[] v = b(val).a, B = b(bb).a;
        for (int i = 0; i < x.rows(); i++) {
            double e = offset;
            for (long k = s.ptr[i]; k < s.ptr[i + 1]; k++) e += v[(int) k] * B[s.idx[(int) k]];
            b(eta).set(i, e);
            b(r).set(i, b(y).a[i] - mean(loss, e));
        }
    }

    @Override
    protected void doCscMatTVec(DeviceBuffer out, SparseIndex x, DeviceBuffer val, DeviceBuffer r) {
        JavaSparse s = (JavaSparse) x;
        double[] v = b(val).a, R = b(r).a;
        for (int j = 0; j < x.cols(); j++) {
            double t = 0;
            for (long k = s.ptr[j]; k < s.ptr[j + 1]; k++) t += v[(int) k] * R[s.idx[(int) k]];
            b(out).set(j, t);
        }
    }

    @Override
    protected void doCscColStats(DeviceBuffer sum, DeviceBuffer sumsq, SparseIndex x, DeviceBuffer val, DeviceBuffer centre) {
        JavaSparse s = (JavaSparse) x;
        double[] v = b(val).a, c = b(centre).a;
        int n = x.rows();
        for (int j = 0; j < x.cols(); j++) {
            double t = 0, q = 0, m = c[j];
            for (long k = s.ptr[j]; k < s.ptr[j + 1]; k++) {
                double d = v[(int) k] - m;
                t += d;
                q += d * d;
            }
            long zeros = n - (s.ptr[j + 1] - s.ptr[j]); // the implicit zeros, each contributing −m and m²
            b(sum).set(j, t + zeros * -m);
            b(sumsq).set(j, q + zeros * m * m);
        }
    }

    @Override
    protected void doColStats(DeviceBuffer sum, DeviceBuffer sumsq, DeviceBuffer x, int n, int p, DeviceBuffer centre) {
        double[] X = b(x).a, c = b(centre).a, t = new double[p], q = new double[p];
        for (int i = 0; i < n; i++) // row order per column: the host's float64 order
            for (int j = 0; j < p; j++) {
                double d = X[i * p + j] - c[j];
                t[j] += d;
                q[j] += d * d;
            }
        for (int j = 0; j < p; j++) {
            b(sum).set(j, t[j]);
            b(sumsq).set(j, q[j]);
        }
    }

    @Override
    protected void doCdSweep(DeviceBuffer b, DeviceBuffer r, DeviceBuffer eta, DeviceBuffer state, DeviceBuffer x, int n,
                             int p, DeviceBuffer w, DeviceBuffer xbar, DeviceBuffer scale, DeviceBuffer a, DeviceBuffer sw,
                             double la, double mu, double sumW, double thr, int sweeps, int flags) {
        JavaCdSweep.run(b(b), b(r), b(eta), b(state), b(x).a, n, p, b(w).a, b(xbar).a, b(scale).a, b(a).a, b(sw).a, la, mu,
                sumW, thr, sweeps, flags);
    }

    @Override
    protected void doCscGather(DeviceBuffer out, SparseIndex x, DeviceBuffer val, int[] cols) {
        JavaSparse s = (JavaSparse) x;
        int n = x.rows();
        for (int a = 0; a < cols.length; a++) {
            for (int i = 0; i < n; i++) b(out).set(a * n + i, 0);
            for (long k = s.ptr[cols[a]]; k < s.ptr[cols[a] + 1]; k++) b(out).set(a * n + s.idx[(int) k], b(val).a[(int) k]);
        }
    }

    // ---------------------------------------------------------------- dual point, gap pieces, screening over p

    @Override
    protected void doCentreScale(DeviceBuffer g, DeviceBuffer xbar, DeviceBuffer scale, double sr, double nrows, long n) {
        double[] G = b(g).a, c = b(xbar).a, s = b(scale).a;
        for (int j = 0; j < n; j++) b(g).set(j, (G[j] - c[j] * sr) / s[j] / nrows); // Certificates.centred's order
    }

    @Override
    protected double doSoftSq(DeviceBuffer g, double t, double la, long n) {
        double[] G = b(g).a;
        double q = 0;
        for (int j = 0; j < n; j++) {
            double e = Math.max(Math.abs(t * G[j]) - la, 0);
            q += e * e;
        }
        return q;
    }

    @Override
    protected double doSelectAbove(DeviceBuffer cols, DeviceBuffer val, DeviceBuffer g, double tau, long n) {
        double[] G = b(g).a;
        int c = 0;
        for (int j = 0; j < n; j++)
            if (!(Math.abs(G[j]) < tau)) { // NaN is selected: never hidden
                b(cols).set(c, j);
                b(val).set(c++, G[j]);
            }
        return c;
    }

    // ---------------------------------------------------------------- many problems at once (issue 14)

    @Override
    protected void doColDeviance(Deviance family, DeviceBuffer dev, DeviceBuffer eta, int n, int k, DeviceBuffer y,
                                 DeviceBuffer offset) {
        double[] e = b(eta).a, yv = b(y).a, off = b(offset).a;
        for (int l = 0; l < k; l++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += deviance(family, yv[i], off[l] + e[l * n + i]); // row order
            b(dev).set(l, s);
        }
    }

    /** spred_deviance (kernels/spred_math.h) in float64: the formulas of data/LossFamily.deviance. */
    static double deviance(Deviance family, double y, double eta) {
        switch (family) {
            case LOGISTIC: {
                double mu = Math.min(Math.max(1 / (1 + Math.exp(-eta)), 1e-5), 1 - 1e-5);
                return -2 * (y * Math.log(mu) + (1 - y) * Math.log(1 - mu));
            }
            case POISSON: {
                double mu = Math.exp(eta);
                return 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
            }
            default:
                return (y - eta) * (y - eta);
        }
    }
}
