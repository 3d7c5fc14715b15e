package io.github.spred4j.api;

import java.lang.ref.Reference;
import java.util.Objects;

/**
 * A session on one device of one backend: allocates {@link DeviceBuffer}s and launches the kernels on them.
 * Every public operation validates its arguments (open, owned by this context, same precision, lengths) in
 * Java before any native call, then delegates to the backend's {@code do*} method. Operations are synchronous
 * from the caller's point of view: results are visible to the next call and to {@code copyTo}.
 *
 * <p>Aliasing: unless stated otherwise, an output buffer must not be one of the inputs. Reductions are
 * deterministic for a given size and backend. A context is not thread-safe; separate contexts may be used from
 * separate threads (see the package documentation). Closing a context closes every buffer it still owns.
 *
 * <p>Resources: the context tracks its open buffers and group indexes weakly (it holds only their release
 * actions), so a buffer dropped without {@code close()} is freed by a {@link java.lang.ref.Cleaner} while its
 * context stays open, and a warning naming it is logged to the {@code System.Logger} "io.github.spred4j"
 * ({@code -Dspred4j.trackAllocations=true} adds where it was allocated). A dropped context frees itself and
 * everything it still owns the same way. The Cleaner is a safety net, not a way of working: close explicitly.
 *
 * <p>Backends: a subclass's constructor calls {@link #releaseWith} once its device handles exist; its
 * buffers and groups do the same. Release actions must not refer to the object they free.
 *
 * <p>Kernel names (the {@link Kernel} annotation) are the file stems in {@code kernels/cuda}, {@code kernels/opencl}
 * and {@code native/}.
 */
public abstract class Context implements AutoCloseable {
    private final Resource state = Resource.of(this, "context", true);

    /** The backend's name ("java", "native", "opencl", "cuda"). */
    public abstract String backendName();

    /** The device's name as the driver reports it. */
    public abstract String deviceName();

    // ---------------------------------------------------------------- allocation

    /** A new buffer of {@code length} elements; its contents are unspecified until written. */
    public final DeviceBuffer alloc(Precision precision, long length) {
        checkOpen();
        Objects.requireNonNull(precision, "precision");
        if (length < 0) throw new IllegalArgumentException("buffer length must be >= 0, got " + length);
        DeviceBuffer b = doAlloc(precision, length);
        b.track(state.children, backendName() + " " + precision + " buffer of " + length + " elements");
        return b;
    }

    /** A new buffer holding a copy of {@code data}, stored in {@code precision}. */
    public final DeviceBuffer upload(Precision precision, double[] data) {
        Objects.requireNonNull(data, "data");
        DeviceBuffer b = alloc(precision, data.length);
        try {
            b.copyFrom(data);
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    public final DeviceBuffer upload(Precision precision, float[] data) {
        Objects.requireNonNull(data, "data");
        DeviceBuffer b = alloc(precision, data.length);
        try {
            b.copyFrom(data);
        } catch (RuntimeException e) {
            b.close();
            throw e;
        }
        return b;
    }

    /** A device copy of a group partition; see {@link GroupIndex}. The arrays are copied, not kept. */
    public final GroupIndex groups(int[] offsets, double[] weights) {
        checkOpen();
        if (offsets == null) throw new IllegalArgumentException("group offsets are null");
        if (weights == null) throw new IllegalArgumentException("group weights are null");
        // Copy first, then validate the copies: what the backend (and the native side) sees is what was checked,
        // even if the caller's arrays change meanwhile.
        int[] off = offsets.clone();
        double[] wt = weights.clone();
        GroupIndex.validate(off, wt);
        GroupIndex g = doGroups(off, wt);
        g.track(state.children, backendName() + " group index (" + wt.length + " groups, " + off[off.length - 1] + " coordinates)");
        return g;
    }

    /** Groups with the default weights √p_g. */
    public final GroupIndex groups(int[] offsets) {
        if (offsets == null || offsets.length == 0)
            throw new IllegalArgumentException("group offsets must have at least one entry (0)");
        int[] off = offsets.clone();
        GroupIndex.validate(off, new double[off.length - 1]);
        return groups(off, GroupIndex.sqrtSizeWeights(off));
    }

    /**
     * Buffers and group indexes allocated and not yet freed (closed explicitly, with the context, or by the
     * Cleaner after being dropped).
     */
    public final int liveObjects() {
        return state.children.size();
    }

    /** Blocks until all launched work is done (a no-op for synchronous backends). */
    public void synchronize() {
        checkOpen();
    }

    // ---------------------------------------------------------------- 1. Hadamard forward

    /** {@code v = u ⊙ w}. */
    @Kernel("hadamard")
    public final void hadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w) {
        long n = same(v, u, w);
        try {
            if (n > 0) doHadamard(v, u, w, n);
        } finally {
            fence(v, u, w);
        }
    }

    /** {@code v_i = u_g · w_i} for i in group g; {@code u} has one element per group. */
    @Kernel("group_hadamard")
    public final void groupHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, GroupIndex groups) {
        same(v, w);
        checkGroups(groups, v, u);
        try {
            if (groups.groupCount() > 0) doGroupHadamard(v, u, w, groups);
        } finally {
            fence(v, u, w, groups);
        }
    }

    // ---------------------------------------------------------------- 2. gradient split

    /**
     * {@code du = g⊙w + 2·penaltyU·u}, {@code dw = g⊙u + 2·penaltyW·w}: the gradient of
     * {@code L(u⊙w) + penaltyU·‖u‖² + penaltyW·‖w‖²} given {@code g = ∂L/∂v}.
     */
    @Kernel("grad_split")
    public final void gradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                                double penaltyU, double penaltyW) {
        long n = same(du, dw, g, u, w);
        Check.nonNegative("penaltyU", penaltyU);
        Check.nonNegative("penaltyW", penaltyW);
        try {
            if (n > 0) doGradSplit(du, dw, g, u, w, 2 * penaltyU, 2 * penaltyW, n);
        } finally {
            fence(du, dw, g, u, w);
        }
    }

    /**
     * {@code du_g = ⟨g_g, w_g⟩ + 2·penaltyU·c_g·u_g}, {@code dw_i = u_g·g_i + 2·penaltyW·c_g·w_i} (c_g the group
     * weight). With both penalties λ/2 this is the gradient of the group spred objective.
     */
    @Kernel("group_grad_split")
    public final void groupGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                                     GroupIndex groups, double penaltyU, double penaltyW) {
        same(dw, g, w);
        checkGroups(groups, dw, du, u);
        Check.nonNegative("penaltyU", penaltyU);
        Check.nonNegative("penaltyW", penaltyW);
        try {
            if (groups.groupCount() > 0) doGroupGradSplit(du, dw, g, u, w, groups, 2 * penaltyU, 2 * penaltyW);
        } finally {
            fence(du, dw, g, u, w, groups);
        }
    }

    // ---------------------------------------------------------------- 3. fused updates (also write v = u ⊙ w)

    /** One SGD step on (u, w) from the loss gradient {@code g = ∂L/∂v}, then {@code v = u⊙w}. */
    @Kernel("sgd_update")
    public final void sgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g, SgdParams p) {
        long n = same(u, w, v, g);
        Objects.requireNonNull(p, "hyper-parameters");
        try {
            if (n > 0) doSgdUpdate(u, w, v, g, p, n);
        } finally {
            fence(u, w, v, g);
        }
    }

    /** One momentum step; {@code mU}, {@code mW} are the momentum buffers of u and w (start at zero). */
    @Kernel("momentum_update")
    public final void momentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                     DeviceBuffer mU, DeviceBuffer mW, MomentumParams p) {
        long n = same(u, w, v, g, mU, mW);
        Objects.requireNonNull(p, "hyper-parameters");
        try {
            if (n > 0) doMomentumUpdate(u, w, v, g, mU, mW, p, n);
        } finally {
            fence(u, w, v, g, mU, mW);
        }
    }

    /**
     * One Adam step number {@code step} (1, 2, ...; used for bias correction); {@code mU, vU, mW, vw} are the first
     * and second moments of u and w (start at zero).
     */
    @Kernel("adam_update")
    public final void adamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                 DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                 AdamParams p, long step) {
        long n = same(u, w, v, g, mU, vU, mW, vW);
        checkStep(step);
        Objects.requireNonNull(p, "hyper-parameters");
        try {
            if (n > 0) doAdamUpdate(u, w, v, g, mU, vU, mW, vW, p, step, n);
        } finally {
            fence(u, w, v, g, mU, vU, mW, vW);
        }
    }

    /** Group SGD: gradients as in {@link #groupGradSplit}; both use the old u and w. */
    @Kernel("group_sgd_update")
    public final void groupSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                     GroupIndex groups, SgdParams p) {
        same(w, v, g);
        checkGroups(groups, w, u);
        Objects.requireNonNull(p, "hyper-parameters");
        try {
            if (groups.groupCount() > 0) doGroupSgdUpdate(u, w, v, g, groups, p);
        } finally {
            fence(u, w, v, g, groups);
        }
    }

    /** Group momentum; {@code mU} has one element per group, {@code mW} one per coordinate. */
    @Kernel("group_momentum_update")
    public final void groupMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                          DeviceBuffer mU, DeviceBuffer mW, GroupIndex groups, MomentumParams p) {
        same(w, v, g, mW);
        checkGroups(groups, w, u, mU);
        Objects.requireNonNull(p, "hyper-parameters");
        try {
            if (groups.groupCount() > 0) doGroupMomentumUpdate(u, w, v, g, mU, mW, groups, p);
        } finally {
            fence(u, w, v, g, mU, mW, groups);
        }
    }

    /** Group Adam; {@code mU, vu} per group, {@code mW, vw} per coordinate. */
    @Kernel("group_adam_update")
    public final void groupAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                      DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                      GroupIndex groups, AdamParams p, long step) {
        same(w, v, g, mW, vW);
        checkGroups(groups, w, u, mU, vU);
        checkStep(step);
        Objects.requireNonNull(p, "hyper-parameters");
        try {
            if (groups.groupCount() > 0) doGroupAdamUpdate(u, w, v, g, mU, vU, mW, vW, groups, p, step);
        } finally {
            fence(u, w, v, g, mU, vU, mW, vW, groups);
        }
    }

    // ---------------------------------------------------------------- 4. reductions (two-phase, deterministic)

    /** {@code Σ x_i y_i}, accumulated in double on every backend (per block, then across blocks in block order). */
    @Kernel("dot")
    public final double dot(DeviceBuffer x, DeviceBuffer y) {
        long n = same(x, y);
        try {
            return n == 0 ? 0 : doDot(x, y, n);
        } finally {
            fence(x, y);
        }
    }

    /** {@code Σ x_i²}. */
    @Kernel("sum_squares")
    public final double sumSquares(DeviceBuffer x) {
        long n = same(x);
        try {
            return n == 0 ? 0 : doSumSquares(x, n);
        } finally {
            fence(x);
        }
    }

    /** {@code max |x_i|} (0 for an empty buffer; NaN if any element is NaN). */
    @Kernel("max_abs")
    public final double maxAbs(DeviceBuffer x) {
        long n = same(x);
        try {
            return n == 0 ? 0 : doMaxAbs(x, n);
        } finally {
            fence(x);
        }
    }

    /** {@code Σ x_i}. */
    @Kernel("sum")
    public final double sum(DeviceBuffer x) {
        long n = same(x);
        try {
            return n == 0 ? 0 : doSum(x, n);
        } finally {
            fence(x);
        }
    }

    /** {@code Σ log(1+e^{η_i}) − y_i·η_i}, computed stably. */
    @Kernel("logistic_loss")
    public final double logisticLoss(DeviceBuffer eta, DeviceBuffer y) {
        long n = same(eta, y);
        try {
            return n == 0 ? 0 : doLogisticLoss(eta, y, n);
        } finally {
            fence(eta, y);
        }
    }

    // ---------------------------------------------------------------- vector work for quasi-Newton solvers

    /** {@code y ← y + a·x}. */
    @Kernel("axpy")
    public final void axpy(DeviceBuffer y, double a, DeviceBuffer x) {
        long n = same(y, x);
        Check.finite("a", a);
        try {
            if (n > 0) doAxpy(y, a, x, n);
        } finally {
            fence(y, x);
        }
    }

    /** {@code x ← a·x}. */
    @Kernel("scale")
    public final void scale(DeviceBuffer x, double a) {
        long n = same(x);
        Check.finite("a", a);
        try {
            if (n > 0) doScale(x, a, n);
        } finally {
            fence(x);
        }
    }

    /** {@code x_i ← value}. */
    @Kernel("fill")
    public final void fill(DeviceBuffer x, double value) {
        long n = same(x);
        try {
            if (n > 0) doFill(x, value, n);
        } finally {
            fence(x);
        }
    }

    /** {@code dst ← src} (same length and precision). */
    @Kernel("copy")
    public final void copy(DeviceBuffer dst, DeviceBuffer src) {
        long n = same(dst, src);
        try {
            if (n > 0 && dst != src) doCopy(dst, src, n);
        } finally {
            fence(dst, src);
        }
    }

    // ---------------------------------------------------------------- matrix passes of sparse regression
    // X is dense, row-major, n×p. A block of k vectors is stored one vector after another (vector j at j*len).

    /** {@code out_j = X·b_j} for j &lt; k: {@code out} is n·k, {@code b} is p·k. */
    @Kernel("mat_vec")
    public final void matVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k) {
        checkMatrix(x, n, p, k);
        sameLength(out, (long) n * k, "out", "n*k");
        sameLength(b, (long) p * k, "b", "p*k");
        compatible(out, x, b);
        try {
            if ((long) n * k > 0) doMatVec(out, x, n, p, b, k);
        } finally {
            fence(out, x, b);
        }
    }

    /** {@code out_j = Xᵀ·r_j} for j &lt; k: {@code out} is p·k, {@code r} is n·k. */
    @Kernel("mat_t_vec")
    public final void matTVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        checkMatrix(x, n, p, k);
        sameLength(out, (long) p * k, "out", "p*k");
        sameLength(r, (long) n * k, "r", "n*k");
        compatible(out, x, r);
        try {
            if ((long) p * k > 0) doMatTVec(out, x, n, p, r, k);
        } finally {
            fence(out, x, r);
        }
    }

    /**
     * The one-pass gradient: for each problem j &lt; k and row i, {@code η = X_i·b_j + offset_j},
     * {@code r = y_j,i − mean(η)} (the mean link of the {@link Loss}); writes {@code eta} and {@code r} (n·k each) and
     * {@code grad_j = Xᵀ r_j} (p·k), reading X once. {@code y} is n·k, {@code b} p·k, {@code offset} k.
     */
    @Kernel("loss_gradient")
    public final void lossGradient(Loss loss, DeviceBuffer grad, DeviceBuffer eta, DeviceBuffer r, DeviceBuffer x,
                                   int n, int p, DeviceBuffer b, DeviceBuffer offset, DeviceBuffer y, int k) {
        checkMatrix(x, n, p, k);
        sameLength(grad, (long) p * k, "grad", "p*k");
        sameLength(eta, (long) n * k, "eta", "n*k");
        sameLength(r, (long) n * k, "r", "n*k");
        sameLength(b, (long) p * k, "b", "p*k");
        sameLength(offset, k, "offset", "k");
        sameLength(y, (long) n * k, "y", "n*k");
        compatible(grad, eta, r, x, b, offset, y);
        Objects.requireNonNull(loss, "loss");
        try {
            if (k > 0) doLossGradient(loss, grad, eta, r, x, n, p, b, offset, y, k);
        } finally {
            fence(grad, eta, r, x, b, offset, y);
        }
    }

    // ---------------------------------------------------------------- GEMM-shaped passes for many vectors
    // The same products as matTVec / matVec, written as tiled, register-blocked matrix products: X is read once
    // per tile column of k (not once per vector or per chunk of 32), so they stay efficient for k in the
    // hundreds or thousands (the stacked problems of a batch, every λ of a path, every fold's predictions).
    // Accumulation in double in both precisions. For one or two vectors matTVec / matVec are the better shape.

    /** {@code out = Xᵀ·R}: {@code out_j = Xᵀ r_j} for j &lt; k ({@code out} p·k, {@code r} n·k, X row-major n×p). */
    @Kernel("gemm_xtr")
    public final void gemmXtR(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        checkMatrix(x, n, p, k);
        sameLength(out, (long) p * k, "out", "p*k");
        sameLength(r, (long) n * k, "r", "n*k");
        compatible(out, x, r);
        try {
            if ((long) p * k > 0) doGemmXtR(out, x, n, p, r, k);
        } finally {
            fence(out, x, r);
        }
    }

    /** {@code out = X·B}: {@code out_j = X b_j} for j &lt; k ({@code out} n·k, {@code b} p·k, X row-major n×p). */
    @Kernel("gemm_xb")
    public final void gemmXB(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k) {
        checkMatrix(x, n, p, k);
        sameLength(out, (long) n * k, "out", "n*k");
        sameLength(b, (long) p * k, "b", "p*k");
        compatible(out, x, b);
        try {
            if ((long) n * k > 0) doGemmXB(out, x, n, p, b, k);
        } finally {
            fence(out, x, b);
        }
    }

    /**
     * Gram columns of the centred X: {@code out_j = X_cᵀ X_c[:, cols[j]]} for j &lt; cols.length, with
     * {@code X_c = X − 1·meanᵀ} (pass zeros for the plain XᵀX); {@code out} is p·cols.length, X row-major n×p,
     * {@code mean} p. The centring is applied to each element before the products (never XᵀX − n·x̄x̄ᵀ).
     */
    @Kernel("gram_cols")
    public final void gramCols(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer mean, int[] cols) {
        if (cols == null) throw new NullPointerException("cols is null");
        int[] c = cols.clone();
        checkMatrix(x, n, p, c.length);
        for (int a = 0; a < c.length; a++)
            if (c[a] < 0 || c[a] >= p)
                throw new IllegalArgumentException("cols[" + a + "] = " + c[a] + " is out of range [0, " + p + ")");
        sameLength(out, (long) p * c.length, "out", "p*cols.length");
        sameLength(mean, p, "mean", "p");
        compatible(out, x, mean);
        try {
            if ((long) p * c.length > 0) doGramCols(out, x, n, p, mean, c);
        } finally {
            fence(out, x, mean);
        }
    }

    /**
     * Centred column statistics of a dense row-major n×p matrix: {@code sum_j = Σ_i (x_ij − c_j)} and
     * {@code sumsq_j = Σ_i (x_ij − c_j)²}, accumulated in double, each column in row order on every CPU backend
     * (the host's float64 order). c = 0 gives the column sums; c = x̄ the exact centred norms. One pass over X.
     */
    @Kernel("col_stats")
    public final void colStats(DeviceBuffer sum, DeviceBuffer sumsq, DeviceBuffer x, int n, int p, DeviceBuffer centre) {
        checkMatrix(x, n, p, 1);
        sameLength(sum, p, "sum", "p");
        sameLength(sumsq, p, "sumsq", "p");
        sameLength(centre, p, "centre", "p");
        compatible(sum, sumsq, x, centre);
        try {
            if (p > 0) doColStats(sum, sumsq, x, n, p, centre);
        } finally {
            fence(sum, sumsq, x, centre);
        }
    }

    // ---------------------------------------------------------------- dual point, gap pieces, screening over p
    // (issue 12 item 5, second half): the engine's outer step keeps the gradient over all p columns on the device
    // and reads scalars and short index lists, not p numbers.

    /**
     * {@code g_j ← (g_j − xbar_j·sr)/scale_j/nrows}, in double: g = Xᵀr becomes the centred, scaled gradient
     * Zcᵀr/n (sr = Σr, nrows = n), the operations and order of the host's {@code Certificates.centred}.
     */
    @Kernel("centre_scale")
    public final void centreScale(DeviceBuffer g, DeviceBuffer xbar, DeviceBuffer scale, double sr, double nrows) {
        long n = same(g, xbar, scale);
        Check.finite("sr", sr);
        Check.finite("nrows", nrows);
        try {
            if (n > 0) doCentreScale(g, xbar, scale, sr, nrows, n);
        } finally {
            fence(g, xbar, scale);
        }
    }

    /** {@code Σ_j max(|t·g_j| − la, 0)²}, accumulated in double (the elastic net's dual term over all p). */
    @Kernel("soft_sq")
    public final double softSq(DeviceBuffer g, double t, double la) {
        long n = same(g);
        Check.finite("t", t);
        Check.finite("la", la);
        try {
            return n == 0 ? 0 : doSoftSq(g, t, la, n);
        } finally {
            fence(g);
        }
    }

    /**
     * Compaction: writes to {@code cols[0..c)} the indices j, increasing, with {@code |g_j| ≥ tau} or g_j NaN
     * (a NaN is never hidden), to {@code val[0..c)} those g_j, and returns c. The rest of cols and val is left as it was. tau is rounded to the buffers'
     * precision first, so that every backend compares the same two numbers (in double). Indices are stored as
     * buffer elements: a FLOAT32 buffer holds them exactly below 2^24 elements, longer ones are refused.
     */
    @Kernel("select_above")
    public final int selectAbove(DeviceBuffer cols, DeviceBuffer val, DeviceBuffer g, double tau) {
        long n = same(cols, val, g);
        if (Double.isNaN(tau)) throw new IllegalArgumentException("tau is NaN");
        if (g.precision() == Precision.FLOAT32 && n > (1L << 24))
            throw new IllegalArgumentException("select_above: a FLOAT32 buffer of " + n
                    + " elements cannot hold its indices exactly (at most 2^24 = 16777216); use FLOAT64");
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("select_above: " + n + " elements, at most 2^31-1");
        double t = g.precision() == Precision.FLOAT32 ? (double) (float) tau : tau;
        try {
            return n == 0 ? 0 : (int) doSelectAbove(cols, val, g, t, n);
        } finally {
            fence(cols, val, g);
        }
    }

    // ---------------------------------------------------------------- fused coordinate descent (issue 12)

    /** {@link #cdSweep} flag: the IRLS model (working residual z, weights w, η updated alongside). */
    public static final int CD_WEIGHTED = 1;
    /** {@link #cdSweep} flag: an intercept (squared: the centring term; weighted: its exact step opens each sweep). */
    public static final int CD_INTERCEPT = 2;
    /** {@link #cdSweep} flag: visit only the columns whose coefficient is nonzero (the active set). */
    public static final int CD_ACTIVE = 4;
    /** Length of {@link #cdSweep}'s state buffer: S, c in; S, c, largest change, largest violation, sweeps out. */
    public static final int CD_STATE = 5;

    /**
     * Coordinate-descent sweeps (glmnet's naive mode) over the p columns of a column-major n×p matrix X (column j at
     * j·n, raw; centring and scaling implicit through {@code xbar} and {@code scale}; engine coefficient b_j is
     * scale_j·β_j). Per visited column: {@code g = (x_jᵀr − xbar_j·S′)/(scale_j·n)} with S′ = S ({@link #CD_WEIGHTED}),
     * −n·S (squared with {@link #CD_INTERCEPT}) or 0; the violation of its KKT condition before the move; then
     * {@code b_j ← soft(a_j·b_j + g, la)/(a_j + mu)} and, with δ = Δb_j/scale_j, squared: {@code r −= δ·x_j},
     * S += xbar_j·δ; weighted: {@code eta += δ·x_j}, {@code r −= δ·w⊙(x_j − xbar_j)}, S −= δ·(sw_j − xbar_j·sumW).
     * A column with a_j ≤ 0 gets b_j = 0. Weighted with an intercept: each sweep first moves c by S/sumW (r −= Δc·w).
     * {@code state} ({@link #CD_STATE}): in S (squared: x̄ᵀβ; weighted: Σz) and c; out S, c, the largest a_j·Δ² of the
     * last sweep (the intercept's (sumW/n)·Δc² included), the largest violation in it, the sweeps done. Runs up to
     * {@code sweeps} sweeps, stopping after the first whose largest change is below {@code thr}. {@code eta},
     * {@code w} (n) and {@code sw} (p) are read or written only with {@link #CD_WEIGHTED}. Accumulation in double.
     * X and the per-column buffers may be longer than n·p and p (a working set with spare capacity): the first p
     * columns are used.
     */
    @Kernel("cd_sweep")
    public final void cdSweep(DeviceBuffer b, DeviceBuffer r, DeviceBuffer eta, DeviceBuffer state, DeviceBuffer x, int n,
                              int p, DeviceBuffer w, DeviceBuffer xbar, DeviceBuffer scale, DeviceBuffer a, DeviceBuffer sw,
                              double la, double mu, double sumW, double thr, int sweeps, int flags) {
        if (n < 0 || p < 0) throw new IllegalArgumentException("matrix sizes must be >= 0: n=" + n + ", p=" + p);
        // the per-column buffers (and X) may hold more: a working set kept with spare capacity uses its first p columns
        atLeast(x, (long) n * p, "X", "n*p (" + n + "*" + p + ")");
        for (DeviceBuffer c : new DeviceBuffer[]{b, xbar, scale, a, sw})
            atLeast(c, p, c == b ? "b" : c == xbar ? "xbar" : c == scale ? "scale" : c == a ? "a" : "sw", "p");
        sameLength(r, n, "r", "n");
        sameLength(eta, n, "eta", "n");
        sameLength(state, CD_STATE, "state", "CD_STATE");
        sameLength(w, n, "w", "n");
        compatible(b, r, eta, state, x, w, xbar, scale, a, sw);
        if (sweeps < 0) throw new IllegalArgumentException("sweeps must be >= 0, got " + sweeps);
        if (n == 0 && p > 0) throw new IllegalArgumentException("cdSweep needs at least one row (n = 0, p = " + p + ")");
        if ((flags & ~(CD_WEIGHTED | CD_INTERCEPT | CD_ACTIVE)) != 0)
            throw new IllegalArgumentException("unknown cdSweep flags " + flags);
        try {
            if (sweeps > 0) doCdSweep(b, r, eta, state, x, n, p, w, xbar, scale, a, sw, la, mu, sumW, thr, sweeps, flags);
        } finally {
            fence(b, r, eta, state, x, w, xbar, scale, a, sw);
        }
    }

    // ---------------------------------------------------------------- sparse X (CSR for η = Xb, CSC for Xᵀr)
    // X is n×p with nnz stored entries; its structure is a SparseIndex, its values a buffer of length nnz.
    // Every entry of a row (column) is summed by one worker in index order, in double: results do not depend on
    // thread timing (no atomics).

    /**
     * A device copy of a sparse structure (see {@link SparseIndex}); the arrays are copied, validated, not kept.
     */
    public final SparseIndex sparse(SparseIndex.Layout layout, int rows, int cols, long[] ptr, int[] idx) {
        checkOpen();
        if (ptr == null || idx == null) throw new IllegalArgumentException("sparse offsets or indices are null");
        long[] pc = ptr.clone();
        int[] ic = idx.clone();
        SparseIndex.validate(layout, rows, cols, pc, ic);
        SparseIndex s = doSparse(layout, rows, cols, pc, ic);
        s.track(state.children, backendName() + " " + layout + " index (" + rows + "x" + cols + ", " + ic.length + " nonzeros)");
        return s;
    }

    /**
     * η = X·b + offset and r = y − μ(η) for every row of a CSR matrix, in one pass over the row (μ per {@link Loss}).
     * {@code eta}, {@code r} and {@code y} are n long, {@code val} nnz, {@code b} p.
     */
    @Kernel("csr_residual")
    public final void csrResidual(DeviceBuffer eta, DeviceBuffer r, SparseIndex x, DeviceBuffer val, DeviceBuffer b,
                                  DeviceBuffer y, double offset, Loss loss) {
        checkSparse(x, SparseIndex.Layout.CSR, val);
        compatible(eta, r, val, b, y);
        sameLength(eta, x.rows(), "eta", "n");
        sameLength(r, x.rows(), "r", "n");
        sameLength(y, x.rows(), "y", "n");
        sameLength(b, x.cols(), "b", "p");
        Check.finite("offset", offset);
        Objects.requireNonNull(loss, "loss");
        try {
            if (x.rows() > 0) doCsrResidual(eta, r, x, val, b, y, offset, loss);
        } finally {
            fence(eta, r, x, val, b, y);
        }
    }

    /** {@code out = Xᵀ·r} by columns of a CSC matrix (a gather: each out_j is one column's sum). */
    @Kernel("csc_mat_t_vec")
    public final void cscMatTVec(DeviceBuffer out, SparseIndex x, DeviceBuffer val, DeviceBuffer r) {
        checkSparse(x, SparseIndex.Layout.CSC, val);
        compatible(out, val, r);
        sameLength(out, x.cols(), "out", "p");
        sameLength(r, x.rows(), "r", "n");
        try {
            if (x.cols() > 0) doCscMatTVec(out, x, val, r);
        } finally {
            fence(out, x, val, r);
        }
    }

    /**
     * Centred column sums {@code sum_j = Σ_i (x_ij − c_j)} and sums of squares {@code sumsq_j = Σ_i (x_ij − c_j)²}
     * over all n rows of a CSC matrix, the n − nnz_j implicit zeros of column j included (as −c_j and c_j²): the
     * means and centred norms of implicit centring and scaling in one pass (X is never centred). c = 0 gives the
     * plain sums; c = x̄ the exact centred norms (no cancellation).
     */
    @Kernel("csc_col_stats")
    public final void cscColStats(DeviceBuffer sum, DeviceBuffer sumsq, SparseIndex x, DeviceBuffer val, DeviceBuffer centre) {
        checkSparse(x, SparseIndex.Layout.CSC, val);
        compatible(sum, sumsq, val, centre);
        sameLength(sum, x.cols(), "sum", "p");
        sameLength(sumsq, x.cols(), "sumsq", "p");
        sameLength(centre, x.cols(), "centre", "p");
        try {
            if (x.cols() > 0) doCscColStats(sum, sumsq, x, val, centre);
        } finally {
            fence(sum, sumsq, x, val, centre);
        }
    }

    /**
     * The columns {@code cols[a]} of a CSC matrix as a dense column-major n×m block: {@code out[a·n + i] = x_i,cols[a]}
     * (a working set's columns; with {@link #cscMatTVec} on each, the Gram columns Xᵀx_W). {@code cols} is copied;
     * a column may appear more than once.
     */
    @Kernel("csc_gather")
    public final void cscGather(DeviceBuffer out, SparseIndex x, DeviceBuffer val, int[] cols) {
        checkSparse(x, SparseIndex.Layout.CSC, val);
        compatible(out, val);
        if (cols == null) throw new NullPointerException("cols is null");
        int[] c = cols.clone();
        for (int a = 0; a < c.length; a++)
            if (c[a] < 0 || c[a] >= x.cols())
                throw new IllegalArgumentException("cols[" + a + "] = " + c[a] + " is out of range [0, " + x.cols() + ")");
        sameLength(out, (long) x.rows() * c.length, "out", "n*cols.length");
        try {
            if ((long) x.rows() * c.length > 0) doCscGather(out, x, val, c);
        } finally {
            fence(out, x, val);
        }
    }

    private void checkSparse(SparseIndex x, SparseIndex.Layout layout, DeviceBuffer val) {
        checkOpen();
        if (x == null) throw new NullPointerException("sparse index is null");
        x.checkOpen();
        if (x.context() != this) throw new IllegalArgumentException("sparse index belongs to another context");
        if (x.layout() != layout) throw new IllegalArgumentException("this operation needs a " + layout + " index, got " + x.layout());
        compatible(val);
        sameLength(val, x.nnz(), "values", "nnz");
    }

    // ---------------------------------------------------------------- lifecycle

    public final boolean isClosed() {
        return state.isReleased();
    }

    public final void checkOpen() {
        if (state.isReleased()) throw new IllegalStateException(backendName() + " context used after close");
    }

    /**
     * Closes every buffer, group and sparse index still open, then frees the device context. Idempotent; a failure of
     * a backend's release is thrown after all of them have been attempted.
     */
    @Override
    public final void close() {
        state.close();
    }

    /**
     * Called once by the backend's constructor when its device handles exist: the action that frees them, run
     * once on {@link #close()} (after the context's buffers are freed) or by the Cleaner when the context is
     * dropped unclosed. It must not refer to this context (capture the handles only), or the context could
     * never be collected.
     */
    protected final void releaseWith(Runnable action) {
        state.describe(backendName() + " context (" + getClass().getSimpleName() + ")");
        state.releaseWith(Objects.requireNonNull(action, "action"));
    }

    /** Keeps the arguments (and this context) reachable until the kernel has returned: see {@link Reference#reachabilityFence}. */
    private void fence(Object... args) {
        Reference.reachabilityFence(args);
        Reference.reachabilityFence(this);
    }

    // ---------------------------------------------------------------- validation helpers

    /** All buffers open, owned here and of one precision. */
    private void compatible(DeviceBuffer... bs) {
        checkOpen();
        for (int i = 0; i < bs.length; i++) {
            DeviceBuffer b = bs[i];
            if (b == null) throw new NullPointerException("buffer argument " + i + " is null");
            b.checkOpen();
            if (b.context() != this)
                throw new IllegalArgumentException("buffer argument " + i + " belongs to another context (" + b.context().backendName() + ")");
            if (b.precision() != bs[0].precision())
                throw new IllegalArgumentException("mixed precisions: buffer argument " + i + " is " + b.precision() + ", argument 0 is " + bs[0].precision());
        }
    }

    /** {@link #compatible} and all of one length; returns that length. */
    private long same(DeviceBuffer... bs) {
        compatible(bs);
        long n = bs[0].length();
        for (int i = 1; i < bs.length; i++)
            if (bs[i].length() != n)
                throw new IllegalArgumentException("length mismatch: buffer argument " + i + " has length " + bs[i].length() + ", argument 0 has " + n);
        return n;
    }

    private void checkMatrix(DeviceBuffer x, int n, int p, int k) {
        if (n < 0 || p < 0 || k < 0) throw new IllegalArgumentException("matrix sizes must be >= 0: n=" + n + ", p=" + p + ", k=" + k);
        sameLength(x, (long) n * p, "X", "n*p (" + n + "*" + p + ")");
    }

    private void atLeast(DeviceBuffer b, long expected, String name, String what) {
        if (b == null) throw new NullPointerException(name + " is null");
        if (b.length() < expected)
            throw new IllegalArgumentException(name + " has length " + b.length() + ", needs at least " + what + " = " + expected);
    }

    private void sameLength(DeviceBuffer b, long expected, String name, String what) {
        if (b == null) throw new NullPointerException(name + " is null");
        if (b.length() != expected)
            throw new IllegalArgumentException(name + " has length " + b.length() + ", expected " + what + " = " + expected);
    }

    private void checkGroups(GroupIndex groups, DeviceBuffer ref, DeviceBuffer... perGroup) {
        long n = ref.length();
        for (DeviceBuffer b : perGroup) compatible(ref, b);
        if (groups == null) throw new NullPointerException("groups is null");
        groups.checkOpen();
        if (groups.context() != this) throw new IllegalArgumentException("group index belongs to another context");
        if (groups.size() != n)
            throw new IllegalArgumentException("groups cover " + groups.size() + " coordinates, buffers have " + n);
        for (int i = 0; i < perGroup.length; i++)
            if (perGroup[i].length() != groups.groupCount())
                throw new IllegalArgumentException("per-group buffer " + i + " has length " + perGroup[i].length() + ", expected " + groups.groupCount() + " groups");
    }

    private static void checkStep(long step) {
        if (step < 1) throw new IllegalArgumentException("Adam step must be >= 1, got " + step);
    }

    // ---------------------------------------------------------------- backend hooks (arguments already validated)

    protected abstract DeviceBuffer doAlloc(Precision precision, long length);

    protected abstract GroupIndex doGroups(int[] offsets, double[] weights);

    protected abstract SparseIndex doSparse(SparseIndex.Layout layout, int rows, int cols, long[] ptr, int[] idx);

    protected abstract void doCsrResidual(DeviceBuffer eta, DeviceBuffer r, SparseIndex x, DeviceBuffer val, DeviceBuffer b,
                                          DeviceBuffer y, double offset, Loss loss);

    protected abstract void doCscMatTVec(DeviceBuffer out, SparseIndex x, DeviceBuffer val, DeviceBuffer r);

    protected abstract void doCscColStats(DeviceBuffer sum, DeviceBuffer sumsq, SparseIndex x, DeviceBuffer val, DeviceBuffer centre);

    protected abstract void doColStats(DeviceBuffer sum, DeviceBuffer sumsq, DeviceBuffer x, int n, int p, DeviceBuffer centre);

    protected abstract void doCscGather(DeviceBuffer out, SparseIndex x, DeviceBuffer val, int[] cols);

    protected abstract void doCentreScale(DeviceBuffer g, DeviceBuffer xbar, DeviceBuffer scale, double sr, double nrows, long n);

    protected abstract double doSoftSq(DeviceBuffer g, double t, double la, long n);

    /** Writes the selected indices and returns their count (a double: the reductions' result type). */
    protected abstract double doSelectAbove(DeviceBuffer cols, DeviceBuffer val, DeviceBuffer g, double tau, long n);

    protected abstract void doCdSweep(DeviceBuffer b, DeviceBuffer r, DeviceBuffer eta, DeviceBuffer state, DeviceBuffer x,
                                      int n, int p, DeviceBuffer w, DeviceBuffer xbar, DeviceBuffer scale, DeviceBuffer a,
                                      DeviceBuffer sw, double la, double mu, double sumW, double thr, int sweeps, int flags);

    protected abstract void doHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, long n);

    protected abstract void doGroupHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, GroupIndex groups);

    /** {@code decayU}, {@code decayW}: the derived 2·penaltyU, 2·penaltyW (computed once, here in Context). */
    protected abstract void doGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                                        double decayU, double decayW, long n);

    protected abstract void doGroupGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                                             GroupIndex groups, double decayU, double decayW);

    protected abstract void doSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g, SgdParams p, long n);

    protected abstract void doMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                             DeviceBuffer mU, DeviceBuffer mW, MomentumParams p, long n);

    protected abstract void doAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                         DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                         AdamParams p, long step, long n);

    protected abstract void doGroupSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                             GroupIndex groups, SgdParams p);

    protected abstract void doGroupMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                                  DeviceBuffer mU, DeviceBuffer mW, GroupIndex groups, MomentumParams p);

    protected abstract void doGroupAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                              DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                              GroupIndex groups, AdamParams p, long step);

    protected abstract double doDot(DeviceBuffer x, DeviceBuffer y, long n);

    protected abstract double doSumSquares(DeviceBuffer x, long n);

    protected abstract double doMaxAbs(DeviceBuffer x, long n);

    protected abstract double doSum(DeviceBuffer x, long n);

    protected abstract double doLogisticLoss(DeviceBuffer eta, DeviceBuffer y, long n);

    protected abstract void doAxpy(DeviceBuffer y, double a, DeviceBuffer x, long n);

    protected abstract void doScale(DeviceBuffer x, double a, long n);

    protected abstract void doFill(DeviceBuffer x, double value, long n);

    protected abstract void doCopy(DeviceBuffer dst, DeviceBuffer src, long n);

    protected abstract void doMatVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k);

    protected abstract void doMatTVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k);

    protected abstract void doGemmXtR(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k);

    protected abstract void doGemmXB(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k);

    /** {@code cols} is a validated private copy (every index in [0, p)). */
    protected abstract void doGramCols(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer mean, int[] cols);

    protected abstract void doLossGradient(Loss loss, DeviceBuffer grad, DeviceBuffer eta, DeviceBuffer r, DeviceBuffer x,
                                           int n, int p, DeviceBuffer b, DeviceBuffer offset, DeviceBuffer y, int k);

    // ---------------------------------------------------------------- many problems at once (issue 14)

    /**
     * Deviance sums of k stacked predictions: {@code dev_l = Σ_i d(y_i, offset_l + eta_l,i)} for l &lt; k, with
     * {@code eta} n·k (vector l at l·n, as {@link #matVec} and {@link #gemmXB} write X·B), {@code y} n,
     * {@code offset} k and d the unit deviance of the {@link Deviance} (cv.glmnet's "deviance" measure),
     * accumulated in double: the held-out losses of a fold at every λ, k numbers to read back.
     */
    @Kernel("col_deviance")
    public final void colDeviance(Deviance family, DeviceBuffer dev, DeviceBuffer eta, int n, int k, DeviceBuffer y,
                                  DeviceBuffer offset) {
        Objects.requireNonNull(family, "family");
        if (n < 0 || k < 0) throw new IllegalArgumentException("sizes must be >= 0: n=" + n + ", k=" + k);
        sameLength(dev, k, "dev", "k");
        sameLength(eta, (long) n * k, "eta", "n*k");
        sameLength(y, n, "y", "n");
        sameLength(offset, k, "offset", "k");
        compatible(dev, eta, y, offset);
        try {
            if (k > 0) doColDeviance(family, dev, eta, n, k, y, offset);
        } finally {
            fence(dev, eta, y, offset);
        }
    }

    protected abstract void doColDeviance(Deviance family, DeviceBuffer dev, DeviceBuffer eta, int n, int k, DeviceBuffer y,
                                          DeviceBuffer offset);
}
