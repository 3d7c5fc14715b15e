package io.github.spred4j.backend.nativecpu;

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
 * Launches the native kernels on {@link NativeBuffer}s. Every argument has been validated by {@link Context};
 * the calls are synchronous (the OpenMP team has finished when a method returns). Adam's bias corrections
 * are computed here in double, so the kernels need no pow().
 */
final class NativeContext extends Context {
    private final String device;

    NativeContext(String device) {
        this.device = device;
        releaseWith(() -> { }); // the native library keeps no per-context state
    }

    @Override
    public String backendName() {
        return "native";
    }

    @Override
    public String deviceName() {
        return device;
    }

    @Override
    protected DeviceBuffer doAlloc(Precision precision, long length) {
        return new NativeBuffer(this, precision, length);
    }

    @Override
    protected GroupIndex doGroups(int[] offsets, double[] weights) {
        return new NativeGroups(this, offsets, weights);
    }

    @Override
    protected SparseIndex doSparse(SparseIndex.Layout layout, int rows, int cols, long[] ptr, int[] idx) {
        return new NativeSparse(this, layout, rows, cols, ptr, idx);
    }

    private static long sh(SparseIndex s) {
        return ((NativeSparse) s).handle;
    }

    private static long a(DeviceBuffer b) {
        return ((NativeBuffer) b).addr;
    }

    private static int prec(DeviceBuffer b) {
        return ((NativeBuffer) b).prec;
    }

    private static long gh(GroupIndex g) {
        return ((NativeGroups) g).handle;
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    protected void doHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, long n) {
        NativeLib.hadamard(prec(v), n, a(v), a(u), a(w));
    }

    @Override
    protected void doGroupHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, GroupIndex groups) {
        NativeLib.groupHadamard(prec(v), gh(groups), a(v), a(u), a(w));
    }

    @Override
    protected void doGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                               double decayU, double decayW, long n) {
        NativeLib.gradSplit(prec(du), n, a(du), a(dw), a(g), a(u), a(w), decayU, decayW);
    }

    @Override
    protected void doGroupGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                                    GroupIndex groups, double decayU, double decayW) {
        NativeLib.groupGradSplit(prec(dw), gh(groups), a(du), a(dw), a(g), a(u), a(w), decayU, decayW);
    }

    // ---------------------------------------------------------------- fused updates

    @Override
    protected void doSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g, SgdParams p, long n) {
        NativeLib.sgdUpdate(prec(u), n, a(u), a(w), a(v), a(g), p.lr(), p.decayU(), p.decayW());
    }

    @Override
    protected void doMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                    DeviceBuffer mU, DeviceBuffer mW, MomentumParams p, long n) {
        NativeLib.momentumUpdate(prec(u), n, a(u), a(w), a(v), a(mU), a(mW), a(g), p.lr(), p.momentum(), p.nesterov(),
                p.decayU(), p.decayW());
    }

    @Override
    protected void doAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                AdamParams p, long step, long n) {
        NativeLib.adamUpdate(prec(u), n, a(u), a(w), a(v), a(mU), a(vU), a(mW), a(vW), a(g), p.lr(), p.beta1(),
                p.beta2(), p.eps(), p.biasCorrection1(step), p.biasCorrection2(step), p.decayU(), p.decayW(), p.decoupled());
    }

    @Override
    protected void doGroupSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                    GroupIndex groups, SgdParams p) {
        NativeLib.groupSgdUpdate(prec(w), gh(groups), a(u), a(w), a(v), a(g), p.lr(), p.decayU(), p.decayW());
    }

    @Override
    protected void doGroupMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                         DeviceBuffer mU, DeviceBuffer mW, GroupIndex groups, MomentumParams p) {
        NativeLib.groupMomentumUpdate(prec(w), gh(groups), a(u), a(w), a(v), a(mU), a(mW), a(g), p.lr(), p.momentum(),
                p.nesterov(), p.decayU(), p.decayW());
    }

    @Override
    protected void doGroupAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                     DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                     GroupIndex groups, AdamParams p, long step) {
        NativeLib.groupAdamUpdate(prec(w), gh(groups), a(u), a(w), a(v), a(mU), a(vU), a(mW), a(vW), a(g), p.lr(),
                p.beta1(), p.beta2(), p.eps(), p.biasCorrection1(step), p.biasCorrection2(step), p.decayU(), p.decayW(),
                p.decoupled());
    }

    // ---------------------------------------------------------------- reductions

    @Override
    protected double doDot(DeviceBuffer x, DeviceBuffer y, long n) {
        return NativeLib.dot(prec(x), n, a(x), a(y));
    }

    @Override
    protected double doSumSquares(DeviceBuffer x, long n) {
        return NativeLib.sumSquares(prec(x), n, a(x));
    }

    @Override
    protected double doMaxAbs(DeviceBuffer x, long n) {
        return NativeLib.maxAbs(prec(x), n, a(x));
    }

    @Override
    protected double doSum(DeviceBuffer x, long n) {
        return NativeLib.sum(prec(x), n, a(x));
    }

    @Override
    protected double doLogisticLoss(DeviceBuffer eta, DeviceBuffer y, long n) {
        return NativeLib.logisticLoss(prec(eta), n, a(eta), a(y));
    }

    // ---------------------------------------------------------------- vector work

    @Override
    protected void doAxpy(DeviceBuffer y, double a, DeviceBuffer x, long n) {
        NativeLib.axpy(prec(y), n, a(y), a(x), a);
    }

    @Override
    protected void doScale(DeviceBuffer x, double a, long n) {
        NativeLib.scale(prec(x), n, a(x), a);
    }

    @Override
    protected void doFill(DeviceBuffer x, double value, long n) {
        NativeLib.fill(prec(x), n, a(x), value);
    }

    @Override
    protected void doCopy(DeviceBuffer dst, DeviceBuffer src, long n) {
        NativeLib.copy(prec(dst), n, a(dst), a(src));
    }

    // ---------------------------------------------------------------- matrix passes

    @Override
    protected void doMatVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k) {
        NativeLib.matVec(prec(out), n, p, k, a(out), a(x), a(b));
    }

    @Override
    protected void doMatTVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        NativeLib.matTVec(prec(out), n, p, k, a(out), a(x), a(r));
    }

    @Override
    protected void doLossGradient(Loss loss, DeviceBuffer grad, DeviceBuffer eta, DeviceBuffer r, DeviceBuffer x,
                                  int n, int p, DeviceBuffer b, DeviceBuffer offset, DeviceBuffer y, int k) {
        NativeLib.lossGradient(prec(grad), n, p, k, a(grad), a(eta), a(r), a(x), a(b), a(offset), a(y), loss.code);
    }

    @Override
    protected void doGemmXtR(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        NativeLib.gemmXtR(prec(out), n, p, k, a(out), a(x), a(r));
    }

    @Override
    protected void doGemmXB(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k) {
        NativeLib.gemmXB(prec(out), n, p, k, a(out), a(x), a(b));
    }

    @Override
    protected void doGramCols(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer mean, int[] cols) {
        NativeLib.gramCols(prec(out), n, p, cols.length, a(out), a(x), a(mean), cols);
    }

    // ---------------------------------------------------------------- sparse X

    @Override
    protected void doCsrResidual(DeviceBuffer eta, DeviceBuffer r, SparseIndex x, DeviceBuffer val, DeviceBuffer b,
                                 DeviceBuffer y, double offset, Loss loss) {
        NativeLib.csrResidual(prec(eta), x.rows(), x.cols(), sh(x), a(eta), a(r), a(val), a(b), a(y), offset, loss.code);
    }

    @Override
    protected void doCscMatTVec(DeviceBuffer out, SparseIndex x, DeviceBuffer val, DeviceBuffer r) {
        NativeLib.cscMatTVec(prec(out), x.rows(), x.cols(), sh(x), a(out), a(val), a(r));
    }

    @Override
    protected void doCscColStats(DeviceBuffer sum, DeviceBuffer sumsq, SparseIndex x, DeviceBuffer val, DeviceBuffer centre) {
        NativeLib.cscColStats(prec(sum), x.rows(), x.cols(), sh(x), a(sum), a(sumsq), a(val), a(centre));
    }

    @Override
    protected void doColStats(DeviceBuffer sum, DeviceBuffer sumsq, DeviceBuffer x, int n, int p, DeviceBuffer centre) {
        NativeLib.colStats(prec(sum), n, p, a(sum), a(sumsq), a(x), a(centre));
    }

    @Override
    protected void doCdSweep(DeviceBuffer b, DeviceBuffer r, DeviceBuffer eta, DeviceBuffer state, DeviceBuffer x, int n,
                             int p, DeviceBuffer w, DeviceBuffer xbar, DeviceBuffer scale, DeviceBuffer a, DeviceBuffer sw,
                             double la, double mu, double sumW, double thr, int sweeps, int flags) {
        NativeLib.cdSweep(prec(b), n, p, a(b), a(r), a(eta), a(state), a(x), a(w), a(xbar), a(scale), a(a), a(sw), la, mu,
                sumW, thr, sweeps, flags);
    }

    @Override
    protected void doCscGather(DeviceBuffer out, SparseIndex x, DeviceBuffer val, int[] cols) {
        NativeLib.cscGather(prec(out), x.rows(), x.cols(), sh(x), a(out), a(val), cols, cols.length);
    }

    // ---------------------------------------------------------------- dual point, gap pieces, screening over p

    @Override
    protected void doCentreScale(DeviceBuffer g, DeviceBuffer xbar, DeviceBuffer scale, double sr, double nrows, long n) {
        NativeLib.centreScale(prec(g), n, a(g), a(xbar), a(scale), sr, nrows);
    }

    @Override
    protected double doSoftSq(DeviceBuffer g, double t, double la, long n) {
        return NativeLib.softSq(prec(g), n, a(g), t, la);
    }

    @Override
    protected double doSelectAbove(DeviceBuffer cols, DeviceBuffer val, DeviceBuffer g, double tau, long n) {
        return NativeLib.selectAbove(prec(g), n, a(cols), a(val), a(g), tau);
    }

    // ---------------------------------------------------------------- many problems at once (issue 14)

    @Override
    protected void doColDeviance(Deviance family, DeviceBuffer dev, DeviceBuffer eta, int n, int k, DeviceBuffer y,
                                 DeviceBuffer offset) {
        NativeLib.colDeviance(prec(dev), n, k, a(dev), a(eta), a(y), a(offset), family.code);
    }
}
