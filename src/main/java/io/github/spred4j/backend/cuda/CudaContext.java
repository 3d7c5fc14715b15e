package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Deviance;
import io.github.spred4j.api.DeviceException;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;
import io.github.spred4j.api.SparseIndex;
import jcuda.NativePointerObject;
import jcuda.Pointer;
import jcuda.Sizeof;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUfunction_attribute;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;

import java.util.HashMap;
import java.util.Map;

/**
 * A CUDA context on one device with the spred4j module loaded. Every call makes the context current first (the
 * caller's thread may change between calls); kernels run in order on the default stream, so results are visible
 * to the next launch and to the copies (which synchronise). With {@value #SYNC_PROPERTY}=true every launch is
 * followed by {@code cuCtxSynchronize}, so an execution fault names its kernel instead of the next call.
 *
 * <p>Launch shapes are chosen from the sizes alone (never from the device), so reductions and the matrix passes
 * give the same bits for the same inputs on any GPU of the same precision; element-wise kernels are exact per
 * element anyway.
 */
public final class CudaContext extends Context {
    public static final String SYNC_PROPERTY = "spred4j.cuda.sync";

    /** Threads per block of every launch (kernels/cuda/spred_cuda.cuh SPRED_BLOCK). */
    static final int BLOCK = 256;
    /** Rows per tile of the Xᵀr passes (mat_t_vec.cu SPRED_TILE_ROWS). */
    static final int TILE_ROWS = 64;
    /** Problems per launch of the Xᵀr passes: their r tile lives in shared memory (TILE_ROWS·K_CHUNK doubles). */
    static final int K_CHUNK = 32;
    /** Blocks of a reduction: at most this many partials come back to the host. */
    static final int MAX_REDUCE_BLOCKS = 1024;
    /** Cap on the per-block partials of the Xᵀr passes, in bytes. */
    static final long PARTIAL_BUDGET = 256L << 20;
    /** Grid cap of the grid-stride matrix and partial-sum kernels. */
    static final int MAX_GRID = 4096;
    /**
     * Dynamic shared memory per block of variant 2 of mat_t_vec / loss_gradient when CudaContext picks the tile
     * height: 3 such blocks (their register cap, __launch_bounds__(256, 3)) fit the 228 KB of an sm_90 SM.
     */
    static final int TILED_SMEM = 72 * 1024;
    /**
     * Tile heights tried, tallest first; below the last: variant 1 (64-row tiles). Measured on the H200 (262144×1024
     * f32, grid 396): R = 16 beats 8 (more partial updates) and 32 (128 KB: one block per SM).
     */
    static final int[] TILED_ROWS = {16, 8};
    /**
     * Grid cap of the row-tile kernels: a size-only constant (the result must not depend on the device); 396 =
     * one wave of 3 blocks on 132 SMs (H100/H200 SXM). Fewer partials also make mat_t_vec_reduce cheaper: on the
     * H200 (262144×1024 f32, R = 16) grids of 396 / 1584 / 4096 took 360 / 465 / 694 µs for loss_gradient.
     */
    static final int TILED_GRID = 396;

    private final String device;
    private final CUcontext ctx = new CUcontext();
    private final CUmodule module = new CUmodule();
    private final Map<String, CUfunction> functions = new HashMap<>();
    private final boolean syncEveryLaunch = Boolean.getBoolean(SYNC_PROPERTY);
    private final CUdeviceptr scratch = new CUdeviceptr();
    /** Bytes of {@link #scratch} (0: none); an array so that the context's release action can read it. */
    private final long[] scratchBytes = {0};
    private final int smCount;
    private final CUdevice dev;
    /** True when this context is the device's retained primary context (the fallback of createContext). */
    private final boolean primary;
    /** Per entry point: blocks resident on the whole device at once (SMs × occupancy), the grid of the streams. */
    private final Map<String, Long> residentBlocks = new HashMap<>();
    /** The variant of mat_t_vec / loss_gradient, its tile height and the waves of the streams: fixed at open. */
    private final CudaLaunch config;
    /** Per entry point: the dynamic shared memory limit already raised with cuFuncSetAttribute. */
    private final Map<String, Integer> sharedLimit = new HashMap<>();

    CudaContext(int ordinal, String device, byte[] fatbin, CudaLaunch config) {
        this.device = device;
        this.config = config;
        CUdevice dev = new CUdevice();
        check(JCudaDriver.cuDeviceGet(dev, ordinal), "cuDeviceGet", "ordinal=" + ordinal);
        int[] sms = {0};
        check(JCudaDriver.cuDeviceGetAttribute(sms, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, dev),
                "cuDeviceGetAttribute(MULTIPROCESSOR_COUNT)", "ordinal=" + ordinal);
        smCount = Math.max(1, sms[0]);
        this.dev = dev;
        primary = !createContext(ctx, dev, ordinal);
        try {
            check(JCudaDriver.cuModuleLoadData(module, fatbin), "cuModuleLoadData", "spred4j.fatbin, " + fatbin.length + " bytes");
        } catch (RuntimeException e) {
            if (primary) JCudaDriver.cuDevicePrimaryCtxRelease(dev);
            else JCudaDriver.cuCtxDestroy(ctx);
            throw e;
        }
        releaseWith(releaser(ctx, primary ? dev : null, module, scratch, scratchBytes, device));
    }

    /**
     * Frees the scratch, unloads the module and destroys the CUDA context (or releases the device's primary
     * context when {@code primaryOf} is its device). Static over the handles: it is also the Cleaner's action for
     * a dropped context (run on the Cleaner's thread, hence the cuCtxSetCurrent).
     */
    private static Runnable releaser(CUcontext ctx, CUdevice primaryOf, CUmodule module, CUdeviceptr scratch,
                                     long[] scratchBytes, String device) {
        return () -> {
            try {
                check(JCudaDriver.cuCtxSetCurrent(ctx), "cuCtxSetCurrent", device);
                if (scratchBytes[0] > 0) check(JCudaDriver.cuMemFree(scratch), "cuMemFree", "scratch, bytes=" + scratchBytes[0]);
                scratchBytes[0] = 0;
                check(JCudaDriver.cuModuleUnload(module), "cuModuleUnload", "spred4j.fatbin");
            } finally {
                if (primaryOf != null) check(JCudaDriver.cuDevicePrimaryCtxRelease(primaryOf), "cuDevicePrimaryCtxRelease", device);
                else check(JCudaDriver.cuCtxDestroy(ctx), "cuCtxDestroy", device);
            }
        };
    }

    /** The driver context, for the buffers' release actions. */
    CUcontext handle() {
        return ctx;
    }

    /**
     * A context of our own (cuCtxCreate, destroyed on close); returns false after falling back to retaining the
     * device's primary context, should this driver refuse cuCtxCreate's ABI (JCuda 12.6 binds cuCtxCreate_v2,
     * CUDA 13 headers call cuCtxCreate_v4): the primary context is part of every driver since CUDA 7.
     */
    private static boolean createContext(CUcontext ctx, CUdevice dev, int ordinal) {
        String why;
        try {
            int code = JCudaDriver.cuCtxCreate(ctx, 0, dev);
            if (code == CUresult.CUDA_SUCCESS) return true;
            why = CudaBackend.codeName(code);
        } catch (UnsatisfiedLinkError e) {
            why = e.toString();
        }
        int code = JCudaDriver.cuDevicePrimaryCtxRetain(ctx, dev);
        if (code != CUresult.CUDA_SUCCESS)
            throw DeviceException.of("cuDevicePrimaryCtxRetain", CudaBackend.codeName(code), code,
                    "ordinal=" + ordinal + ", after cuCtxCreate failed: " + why);
        check(JCudaDriver.cuCtxSetCurrent(ctx), "cuCtxSetCurrent", "primary context, ordinal=" + ordinal);
        return false;
    }

    /** Throws {@link DeviceException} naming the call, the CUresult and the sizes unless {@code code} is success. */
    static void check(int code, String call, String details) {
        if (code != CUresult.CUDA_SUCCESS) throw DeviceException.of(call, CudaBackend.codeName(code), code, details);
    }

    /** Whether cuCtxCreate was refused and the device's primary context is used instead. */
    boolean usesPrimaryContext() {
        return primary;
    }

    void makeCurrent() {
        check(JCudaDriver.cuCtxSetCurrent(ctx), "cuCtxSetCurrent", device);
    }

    @Override
    public String backendName() {
        return "cuda";
    }

    @Override
    public String deviceName() {
        return device;
    }

    @Override
    public void synchronize() {
        checkOpen();
        makeCurrent();
        check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize", device);
    }

    @Override
    protected DeviceBuffer doAlloc(Precision precision, long length) {
        return new CudaBuffer(this, precision, length);
    }

    @Override
    protected GroupIndex doGroups(int[] offsets, double[] weights) {
        return new CudaGroups(this, offsets, weights);
    }

    // ---------------------------------------------------------------- launching

    private static CUdeviceptr p(DeviceBuffer b) {
        return ((CudaBuffer) b).ptr;
    }

    private static CudaGroups gr(GroupIndex g) {
        return (CudaGroups) g;
    }

    /** A REAL kernel argument: float for FLOAT32 kernels, double for FLOAT64. */
    private static Object real(Precision pr, double x) {
        return pr == Precision.FLOAT32 ? (Object) (float) x : (Object) x;
    }

    private CUfunction function(String name) {
        CUfunction f = functions.get(name);
        if (f == null) {
            f = new CUfunction();
            check(JCudaDriver.cuModuleGetFunction(f, module, name), "cuModuleGetFunction(" + name + ")", "spred4j.fatbin");
            functions.put(name, f);
        }
        return f;
    }

    /**
     * Launches {@code stem_f32} or {@code stem_f64} on a 1-D grid of {@code grid} blocks of {@link #BLOCK} threads.
     * Arguments: {@link NativePointerObject} (device pointers), Long (long long), Integer (int), Float, Double.
     */
    void launch(String stem, Precision pr, long grid, int sharedBytes, String sizes, Object... args) {
        String name = entry(stem, pr);
        if (grid < 1 || grid > Integer.MAX_VALUE)
            throw new IllegalArgumentException(name + ": grid of " + grid + " blocks is outside [1, 2^31-1] (" + sizes + ")");
        Pointer[] ps = new Pointer[args.length];
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a instanceof NativePointerObject np) ps[i] = Pointer.to(np);
            else if (a instanceof Long l) ps[i] = Pointer.to(new long[]{l});
            else if (a instanceof Integer n) ps[i] = Pointer.to(new int[]{n});
            else if (a instanceof Float f) ps[i] = Pointer.to(new float[]{f});
            else if (a instanceof Double d) ps[i] = Pointer.to(new double[]{d});
            else throw new IllegalArgumentException(name + ": unsupported kernel argument " + i + ": " + a);
        }
        makeCurrent();
        CUfunction f = function(name);
        if (sharedBytes > 48 * 1024 && sharedLimit.getOrDefault(name, 48 * 1024) < sharedBytes) {
            // Above 48 KB of dynamic shared memory a kernel must opt in; prefer the largest shared carveout too.
            check(JCudaDriver.cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_MAX_DYNAMIC_SHARED_SIZE_BYTES, sharedBytes),
                    "cuFuncSetAttribute(" + name + ", MAX_DYNAMIC_SHARED_SIZE_BYTES=" + sharedBytes + ")", sizes);
            check(JCudaDriver.cuFuncSetAttribute(f, CUfunction_attribute.CU_FUNC_ATTRIBUTE_PREFERRED_SHARED_MEMORY_CARVEOUT, 100),
                    "cuFuncSetAttribute(" + name + ", PREFERRED_SHARED_MEMORY_CARVEOUT=100)", sizes);
            sharedLimit.put(name, sharedBytes);
        }
        check(JCudaDriver.cuLaunchKernel(f, (int) grid, 1, 1, BLOCK, 1, 1, sharedBytes, null, Pointer.to(ps), null),
                "cuLaunchKernel(" + name + ")", sizes);
        if (syncEveryLaunch) check(JCudaDriver.cuCtxSynchronize(), "cuCtxSynchronize after " + name, sizes);
    }

    /**
     * Blocks for a grid-stride stream over {@code n} elements taken 16 bytes at a time: one block per 256 vectors,
     * at most one full wave of resident blocks (SMs × occupancy of this kernel), so every block stays resident and
     * loops, with no tail wave. Element-wise results do not depend on the grid.
     */
    long streamBlocks(String stem, Precision pr, long n) {
        long vectors = (n + (16 / pr.bytes()) - 1) / (16 / pr.bytes());
        long needed = Math.max(1, (vectors + BLOCK - 1) / BLOCK);
        String name = entry(stem, pr);
        Long cap = residentBlocks.get(name);
        if (cap == null) {
            int[] perSm = {0};
            makeCurrent();
            check(JCudaDriver.cuOccupancyMaxActiveBlocksPerMultiprocessor(perSm, function(name), BLOCK, 0),
                    "cuOccupancyMaxActiveBlocksPerMultiprocessor(" + name + ")", "block=" + BLOCK);
            cap = (long) Math.max(1, perSm[0]) * smCount;
            residentBlocks.put(name, cap);
        }
        return Math.min(needed, cap * config.waves());
    }

    private static String entry(String stem, Precision pr) {
        return stem + (pr == Precision.FLOAT32 ? "_f32" : "_f64");
    }

    /** Blocks of a reduction over n elements: a function of n only, so the summation order is too. */
    static int reductionBlocks(long n) {
        return (int) Math.max(1, Math.min(MAX_REDUCE_BLOCKS, (n + 4L * BLOCK - 1) / (4L * BLOCK)));
    }

    /** Blocks of the Xᵀr passes: a function of (n, p, k) only. */
    static int tileBlocks(int n, int p, int kc) {
        long tiles = (n + (long) TILE_ROWS - 1) / TILE_ROWS;
        long perBlock = Math.max(1L, (long) kc * p * 8);
        long budget = Math.max(1, PARTIAL_BUDGET / perBlock);
        return (int) Math.max(1, Math.min(Math.min(tiles, 1024), budget));
    }

    /** Dynamic shared memory of a row-tile kernel: kc·R doubles (rounded up to even) then the R×p tile. */
    static long tiledSmem(int rows, int p, int kc, int es) {
        return (((long) kc * rows + 1) & ~1L) * 8 + (long) rows * p * es;
    }

    /** Tile height of variant 2 for (p, kc), or 0 where variant 1 (64-row tiles) runs instead. */
    int tiledRows(int p, int kc, int es) {
        if (config.matVariant() != 2 || p == 0) return 0;
        if (config.tiledRows() > 0) return config.tiledRows();
        for (int rows : TILED_ROWS)
            if (tiledSmem(rows, p, kc, es) <= TILED_SMEM) return rows;
        return 0;
    }

    /** Blocks of a row-tile kernel: a function of the sizes only, so the summation order is too. */
    static int tiledBlocks(int n, int p, int kc, int rows) {
        long tiles = (n + (long) rows - 1) / rows;
        long budget = Math.max(1, PARTIAL_BUDGET / Math.max(1L, (long) kc * p * 8));
        return (int) Math.max(1, Math.min(Math.min(tiles, TILED_GRID), budget));
    }

    // ---------------------------------------------------------------- sparse X: one warp per row (column)

    @Override
    protected SparseIndex doSparse(SparseIndex.Layout layout, int rows, int cols, long[] ptr, int[] idx) {
        return new CudaSparse(this, layout, rows, cols, ptr, idx);
    }

    /** Blocks for one warp per major: BLOCK/32 majors per block, capped (the kernels stride over the rest). */
    private static long warpBlocks(int majors) {
        return Math.max(1, Math.min((majors + BLOCK / 32 - 1) / (BLOCK / 32), 1 << 20));
    }

    private static String sparseSizes(SparseIndex x) {
        return x.layout() + " " + x.rows() + "x" + x.cols() + ", nnz=" + x.nnz();
    }

    @Override
    protected void doCsrResidual(DeviceBuffer eta, DeviceBuffer r, SparseIndex x, DeviceBuffer val, DeviceBuffer b,
                                 DeviceBuffer y, double offset, Loss loss) {
        CudaSparse s = (CudaSparse) x;
        Precision pr = eta.precision();
        launch("csr_residual", pr, warpBlocks(x.rows()), 0, sparseSizes(x), x.rows(), x.cols(), p(eta), p(r), p(val), p(b), p(y),
                s.ptr, s.idx, real(pr, offset), loss.code);
    }

    @Override
    protected void doCscMatTVec(DeviceBuffer out, SparseIndex x, DeviceBuffer val, DeviceBuffer r) {
        CudaSparse s = (CudaSparse) x;
        launch("csc_mat_t_vec", out.precision(), warpBlocks(x.cols()), 0, sparseSizes(x), x.rows(), x.cols(), p(out), p(val), p(r),
                s.ptr, s.idx);
    }

    @Override
    protected void doCscColStats(DeviceBuffer sum, DeviceBuffer sumsq, SparseIndex x, DeviceBuffer val, DeviceBuffer centre) {
        CudaSparse s = (CudaSparse) x;
        launch("csc_col_stats", sum.precision(), warpBlocks(x.cols()), 0, sparseSizes(x), x.rows(), x.cols(), p(sum), p(sumsq), p(val),
                p(centre), s.ptr, s.idx);
    }

    @Override
    protected void doColStats(DeviceBuffer sum, DeviceBuffer sumsq, DeviceBuffer x, int n, int p, DeviceBuffer centre) {
        long blocks = Math.max(1, Math.min(MAX_GRID, ((long) p + BLOCK - 1) / BLOCK));
        launch("col_stats", sum.precision(), blocks, 0, "n=" + n + ", p=" + p, n, p, p(sum), p(sumsq), p(x), p(centre));
    }

    @Override
    protected void doCdSweep(DeviceBuffer b, DeviceBuffer r, DeviceBuffer eta, DeviceBuffer state, DeviceBuffer x, int n,
                             int p, DeviceBuffer w, DeviceBuffer xbar, DeviceBuffer scale, DeviceBuffer a, DeviceBuffer sw,
                             double la, double mu, double sumW, double thr, int sweeps, int flags) {
        // one block: the sweep is sequential over columns (cd_sweep.cu)
        launch("cd_sweep", b.precision(), 1, 0, "n=" + n + ", p=" + p + ", sweeps=" + sweeps, n, p, p(b), p(r), p(eta),
                p(state), p(x), p(w), p(xbar), p(scale), p(a), p(sw), real(b.precision(), la), real(b.precision(), mu),
                real(b.precision(), sumW), real(b.precision(), thr),
                sweeps, flags);
    }

    @Override
    protected void doCscGather(DeviceBuffer out, SparseIndex x, DeviceBuffer val, int[] cols) {
        CudaSparse s = (CudaSparse) x;
        String sizes = sparseSizes(x) + ", m=" + cols.length;
        CUdeviceptr c = scratch((long) cols.length * Sizeof.INT);
        check(JCudaDriver.cuMemcpyHtoD(c, Pointer.to(cols), (long) cols.length * Sizeof.INT), "cuMemcpyHtoD", sizes);
        launch("csc_gather", out.precision(), groupBlocks(cols.length), 0, sizes, x.rows(), x.cols(), p(out), p(val), c,
                s.ptr, s.idx, cols.length);
    }

    private static int groupBlocks(int m) {
        return Math.max(1, Math.min(m, 1 << 20));
    }

    /** Device scratch of at least {@code bytes} (grown, never shrunk; owned by this context). */
    private CUdeviceptr scratch(long bytes) {
        if (bytes > scratchBytes[0]) {
            makeCurrent();
            if (scratchBytes[0] > 0) check(JCudaDriver.cuMemFree(scratch), "cuMemFree", "scratch, bytes=" + scratchBytes[0]);
            scratchBytes[0] = 0;
            check(JCudaDriver.cuMemAlloc(scratch, bytes), "cuMemAlloc", "scratch, bytes=" + bytes);
            scratchBytes[0] = bytes;
        }
        return scratch;
    }

    private static String n(long n) {
        return "n=" + n;
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    protected void doHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, long n) {
        Precision pr = v.precision();
        launch("hadamard", pr, streamBlocks("hadamard", pr, n), 0, n(n), n, p(v), p(u), p(w));
    }

    @Override
    protected void doGroupHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, GroupIndex groups) {
        int m = groups.groupCount();
        launch("group_hadamard", v.precision(), groupBlocks(m), 0, "groups=" + m + ", n=" + groups.size(),
                m, p(v), p(u), p(w), gr(groups).offsets);
    }

    @Override
    protected void doGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                               double decayU, double decayW, long n) {
        Precision pr = du.precision();
        launch("grad_split", pr, streamBlocks("grad_split", pr, n), 0, n(n), n, p(du), p(dw), p(g), p(u), p(w),
                real(pr, decayU), real(pr, decayW));
    }

    @Override
    protected void doGroupGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                                    GroupIndex groups, double decayU, double decayW) {
        int m = groups.groupCount();
        launch("group_grad_split", dw.precision(), groupBlocks(m), 0, "groups=" + m + ", n=" + groups.size(),
                m, p(du), p(dw), p(g), p(u), p(w), gr(groups).offsets, gr(groups).weights, decayU, decayW);
    }

    // ---------------------------------------------------------------- fused updates

    @Override
    protected void doSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g, SgdParams q, long n) {
        Precision pr = u.precision();
        launch("sgd_update", pr, streamBlocks("sgd_update", pr, n), 0, n(n), n, p(u), p(w), p(v), p(g),
                real(pr, q.lr()), real(pr, q.decayU()), real(pr, q.decayW()));
    }

    @Override
    protected void doMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                    DeviceBuffer mU, DeviceBuffer mW, MomentumParams q, long n) {
        Precision pr = u.precision();
        launch("momentum_update", pr, streamBlocks("momentum_update", pr, n), 0, n(n), n, p(u), p(w), p(v), p(mU), p(mW), p(g),
                real(pr, q.lr()), real(pr, q.momentum()), q.nesterov() ? 1 : 0, real(pr, q.decayU()), real(pr, q.decayW()));
    }

    @Override
    protected void doAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                AdamParams q, long step, long n) {
        Precision pr = u.precision();
        launch("adam_update", pr, streamBlocks("adam_update", pr, n), 0, n(n) + ", step=" + step,
                n, p(u), p(w), p(v), p(mU), p(vU), p(mW), p(vW), p(g),
                real(pr, q.lr()), real(pr, q.beta1()), real(pr, q.beta2()), real(pr, q.eps()),
                real(pr, q.biasCorrection1(step)), real(pr, q.biasCorrection2(step)),
                real(pr, q.decayU()), real(pr, q.decayW()), q.decoupled() ? 1 : 0);
    }

    @Override
    protected void doGroupSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                    GroupIndex groups, SgdParams q) {
        int m = groups.groupCount();
        Precision pr = w.precision();
        launch("group_sgd_update", pr, groupBlocks(m), 0, "groups=" + m + ", n=" + groups.size(),
                m, p(u), p(w), p(v), p(g), gr(groups).offsets, gr(groups).weights,
                real(pr, q.lr()), q.decayU(), q.decayW());
    }

    @Override
    protected void doGroupMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                         DeviceBuffer mU, DeviceBuffer mW, GroupIndex groups, MomentumParams q) {
        int m = groups.groupCount();
        Precision pr = w.precision();
        launch("group_momentum_update", pr, groupBlocks(m), 0, "groups=" + m + ", n=" + groups.size(),
                m, p(u), p(w), p(v), p(mU), p(mW), p(g), gr(groups).offsets, gr(groups).weights,
                real(pr, q.lr()), real(pr, q.momentum()), q.nesterov() ? 1 : 0, q.decayU(), q.decayW());
    }

    @Override
    protected void doGroupAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                     DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                     GroupIndex groups, AdamParams q, long step) {
        int m = groups.groupCount();
        Precision pr = w.precision();
        launch("group_adam_update", pr, groupBlocks(m), 0, "groups=" + m + ", n=" + groups.size() + ", step=" + step,
                m, p(u), p(w), p(v), p(mU), p(vU), p(mW), p(vW), p(g), gr(groups).offsets, gr(groups).weights,
                real(pr, q.lr()), real(pr, q.beta1()), real(pr, q.beta2()), real(pr, q.eps()),
                real(pr, q.biasCorrection1(step)), real(pr, q.biasCorrection2(step)),
                q.decayU(), q.decayW(), q.decoupled() ? 1 : 0);
    }

    // ---------------------------------------------------------------- reductions

    /** Runs a reduction kernel writing one double per block to scratch and returns the partials. */
    private double[] partials(String stem, Precision pr, long n, DeviceBuffer... inputs) {
        int blocks = reductionBlocks(n);
        CUdeviceptr part = scratch((long) blocks * 8);
        Object[] args = new Object[2 + inputs.length];
        args[0] = n;
        args[1] = part;
        for (int i = 0; i < inputs.length; i++) args[2 + i] = p(inputs[i]);
        launch(stem, pr, blocks, 0, n(n), args);
        double[] out = new double[blocks];
        check(JCudaDriver.cuMemcpyDtoH(Pointer.to(out), part, (long) blocks * 8), "cuMemcpyDtoH", stem + " partials, blocks=" + blocks + ", " + n(n));
        return out;
    }

    /** The partials added in block order, in double: the second, deterministic phase. */
    private static double sumOf(double[] partials) {
        double s = 0;
        for (double x : partials) s += x;
        return s;
    }

    @Override
    protected double doDot(DeviceBuffer x, DeviceBuffer y, long n) {
        return sumOf(partials("dot", x.precision(), n, x, y));
    }

    @Override
    protected double doSumSquares(DeviceBuffer x, long n) {
        return sumOf(partials("sum_squares", x.precision(), n, x));
    }

    @Override
    protected double doMaxAbs(DeviceBuffer x, long n) {
        double m = 0;
        for (double b : partials("max_abs", x.precision(), n, x)) {
            if (Double.isNaN(b)) return Double.NaN;
            m = Math.max(m, b);
        }
        return m;
    }

    @Override
    protected double doSum(DeviceBuffer x, long n) {
        return sumOf(partials("sum", x.precision(), n, x));
    }

    @Override
    protected double doLogisticLoss(DeviceBuffer eta, DeviceBuffer y, long n) {
        return sumOf(partials("logistic_loss", eta.precision(), n, eta, y));
    }

    // ---------------------------------------------------------------- vector work

    @Override
    protected void doAxpy(DeviceBuffer y, double a, DeviceBuffer x, long n) {
        Precision pr = y.precision();
        launch("axpy", pr, streamBlocks("axpy", pr, n), 0, n(n), n, p(y), p(x), real(pr, a));
    }

    @Override
    protected void doScale(DeviceBuffer x, double a, long n) {
        Precision pr = x.precision();
        launch("scale", pr, streamBlocks("scale", pr, n), 0, n(n), n, p(x), real(pr, a));
    }

    @Override
    protected void doFill(DeviceBuffer x, double value, long n) {
        Precision pr = x.precision();
        launch("fill", pr, streamBlocks("fill", pr, n), 0, n(n), n, p(x), real(pr, value));
    }

    @Override
    protected void doCopy(DeviceBuffer dst, DeviceBuffer src, long n) {
        Precision pr = dst.precision();
        launch("copy", pr, streamBlocks("copy", pr, n), 0, n(n), n, p(dst), p(src));
    }

    // ---------------------------------------------------------------- matrix passes

    private static String mat(int n, int p, int k) {
        return "n=" + n + ", p=" + p + ", k=" + k;
    }

    @Override
    protected void doMatVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k) {
        long warps = n, blocks = Math.max(1, Math.min(MAX_GRID, (warps * 32 + BLOCK - 1) / BLOCK));
        launch("mat_vec", out.precision(), blocks, 0, mat(n, p, k), n, p, k, p(out), p(x), p(b));
    }

    /** out (p·k) = Σ over blocks of the partials: the second phase of the Xᵀr passes, k problems from j0. */
    private void reducePartials(Precision pr, DeviceBuffer out, int j0, int p, int kc, int blocks, CUdeviceptr part, String sizes) {
        long total = (long) p * kc;
        long grid = Math.max(1, Math.min(MAX_GRID, (total + BLOCK - 1) / BLOCK));
        launch("mat_t_vec_reduce_1", pr, grid, 0, sizes, p, kc, blocks,
                p(out).withByteOffset((long) j0 * p * pr.bytes()), part);
    }

    /** The same sum for variant 2: a block per 32 outputs, its warps split the partials. */
    private void reducePartialsWide(Precision pr, DeviceBuffer out, int j0, int p, int kc, int blocks, CUdeviceptr part, String sizes) {
        long total = (long) p * kc;
        long grid = Math.max(1, Math.min(MAX_GRID, (total + 31) / 32));
        launch("mat_t_vec_reduce_2", pr, grid, 0, sizes, p, kc, blocks,
                p(out).withByteOffset((long) j0 * p * pr.bytes()), part);
    }

    @Override
    protected void doMatTVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        Precision pr = out.precision();
        if (n == 0) {
            doFill(out, 0, (long) p * k);
            return;
        }
        for (int j0 = 0; j0 < k; j0 += K_CHUNK) {
            int kc = Math.min(K_CHUNK, k - j0);
            int rows = tiledRows(p, kc, pr.bytes());
            int blocks = rows > 0 ? tiledBlocks(n, p, kc, rows) : tileBlocks(n, p, kc);
            String sizes = mat(n, p, k) + ", problems " + j0 + ".." + (j0 + kc - 1) + ", blocks=" + blocks + ", tile rows=" + (rows > 0 ? rows : TILE_ROWS);
            CUdeviceptr part = scratch((long) blocks * kc * p * 8);
            CUdeviceptr rj = p(r).withByteOffset((long) j0 * n * pr.bytes());
            if (rows > 0)
                launch("mat_t_vec_2", pr, blocks, (int) tiledSmem(rows, p, kc, pr.bytes()), sizes, n, p, kc, part, p(x), rj, rows);
            else
                launch("mat_t_vec_1", pr, blocks, TILE_ROWS * kc * 8, sizes, n, p, kc, part, p(x), rj);
            if (rows > 0) reducePartialsWide(pr, out, j0, p, kc, blocks, part, sizes);
            else reducePartials(pr, out, j0, p, kc, blocks, part, sizes);
        }
    }

    /** Blocks of the GEMM-shaped passes: one per 64×64 output tile (gemm_tile.cuh), at most MAX_GRID (the kernels stride). */
    private static long gemmBlocks(long m, long k) {
        return Math.max(1, Math.min(MAX_GRID, ((m + 63) / 64) * ((k + 63) / 64)));
    }

    @Override
    protected void doGemmXtR(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        launch("gemm_xtr", out.precision(), gemmBlocks(p, k), 0, mat(n, p, k), n, p, k, p(out), p(x), p(r));
    }

    @Override
    protected void doGemmXB(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer b, int k) {
        launch("gemm_xb", out.precision(), gemmBlocks(n, k), 0, mat(n, p, k), n, p, k, p(out), p(x), p(b));
    }

    @Override
    protected void doGramCols(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer mean, int[] cols) {
        String sizes = mat(n, p, cols.length);
        CUdeviceptr c = scratch((long) cols.length * Sizeof.INT);
        check(JCudaDriver.cuMemcpyHtoD(c, Pointer.to(cols), (long) cols.length * Sizeof.INT), "cuMemcpyHtoD", sizes);
        launch("gram_cols", out.precision(), gemmBlocks(p, cols.length), 0, sizes, n, p, cols.length, p(out), p(x), p(mean), c);
    }

    @Override
    protected void doLossGradient(Loss loss, DeviceBuffer grad, DeviceBuffer eta, DeviceBuffer r, DeviceBuffer x,
                                  int n, int p, DeviceBuffer b, DeviceBuffer offset, DeviceBuffer y, int k) {
        Precision pr = grad.precision();
        int es = pr.bytes();
        if (n == 0) {
            if ((long) p * k > 0) doFill(grad, 0, (long) p * k);
            return;
        }
        for (int j0 = 0; j0 < k; j0 += K_CHUNK) {
            int kc = Math.min(K_CHUNK, k - j0);
            int rows = tiledRows(p, kc, es);
            int blocks = rows > 0 ? tiledBlocks(n, p, kc, rows) : tileBlocks(n, p, kc);
            String sizes = mat(n, p, k) + ", problems " + j0 + ".." + (j0 + kc - 1) + ", blocks=" + blocks + ", tile rows="
                    + (rows > 0 ? rows : TILE_ROWS) + ", loss=" + loss;
            long partBytes = (long) blocks * kc * p * 8;
            CUdeviceptr part = partBytes > 0 ? scratch(partBytes) : new CUdeviceptr();
            long rowOff = (long) j0 * n * es;
            Object[] args = {n, p, kc, part, p(eta).withByteOffset(rowOff), p(r).withByteOffset(rowOff), p(x),
                    p(b).withByteOffset((long) j0 * p * es), p(offset).withByteOffset((long) j0 * es),
                    p(y).withByteOffset(rowOff), loss.code, rows};
            if (rows > 0)
                launch("loss_gradient_2", pr, blocks, (int) tiledSmem(rows, p, kc, es), sizes, args);
            else
                launch("loss_gradient_1", pr, blocks, TILE_ROWS * kc * 8, sizes, java.util.Arrays.copyOf(args, args.length - 1));
            if (p > 0 && rows > 0) reducePartialsWide(pr, grad, j0, p, kc, blocks, part, sizes);
            else if (p > 0) reducePartials(pr, grad, j0, p, kc, blocks, part, sizes);
        }
    }

    // ---------------------------------------------------------------- dual point, gap pieces, screening over p

    @Override
    protected void doCentreScale(DeviceBuffer g, DeviceBuffer xbar, DeviceBuffer scale, double sr, double nrows, long n) {
        Precision pr = g.precision();
        launch("centre_scale", pr, streamBlocks("centre_scale", pr, n), 0, n(n), n, p(g), p(xbar), p(scale), real(pr, sr),
                real(pr, nrows));
    }

    @Override
    protected double doSoftSq(DeviceBuffer g, double t, double la, long n) {
        Precision pr = g.precision();
        int blocks = reductionBlocks(n);
        CUdeviceptr part = scratch((long) blocks * 8);
        launch("soft_sq", pr, blocks, 0, n(n), n, part, p(g), real(pr, t), real(pr, la));
        double[] out = new double[blocks];
        check(JCudaDriver.cuMemcpyDtoH(Pointer.to(out), part, (long) blocks * 8), "cuMemcpyDtoH", "soft_sq partials, " + n(n));
        return sumOf(out);
    }

    /** One block (select_above.cu): the count comes back as partial 0. */
    @Override
    protected double doSelectAbove(DeviceBuffer cols, DeviceBuffer val, DeviceBuffer g, double tau, long n) {
        Precision pr = g.precision();
        CUdeviceptr part = scratch(8);
        launch("select_above", pr, 1, 0, n(n), n, part, p(cols), p(val), p(g), real(pr, tau));
        double[] out = new double[1];
        check(JCudaDriver.cuMemcpyDtoH(Pointer.to(out), part, 8), "cuMemcpyDtoH", "select_above count, " + n(n));
        return out[0];
    }

    // ---------------------------------------------------------------- many problems at once (issue 14)

    @Override
    protected void doColDeviance(Deviance family, DeviceBuffer dev, DeviceBuffer eta, int n, int k, DeviceBuffer y,
                                 DeviceBuffer offset) {
        launch("col_deviance", dev.precision(), Math.min(k, MAX_GRID), 0, "n=" + n + ", k=" + k, n, k, p(dev), p(eta), p(y),
                p(offset), family.code);
    }
}
