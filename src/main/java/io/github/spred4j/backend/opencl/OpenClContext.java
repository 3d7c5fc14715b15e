package io.github.spred4j.backend.opencl;

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
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A context on one OpenCL device: its own in-order command queue and kernel objects, sharing the device's
 * {@code cl_context} and built programs (see {@link OpenClDevice}). Kernels are enqueued without waiting; the
 * in-order queue and the blocking reads make every result visible to the next call and to {@code copyTo}.
 *
 * <p>Launch geometry depends only on the problem sizes and the device (never on timing), so every reduction is
 * deterministic for a given size and device: element-wise kernels loop (SPRED_FOR, common.cl) over at most
 * {@value #MAX_GROUPS} work-groups of {@value #LOCAL} work-items ({@value #CPU_GROUPS} on CPU devices);
 * reductions accumulate in double (common.cl's ACC; float only on a device without fp64) and write one partial
 * per work-group (at most {@value #REDUCE_GROUPS}) that the host sums in double;
 * group kernels run one work-group per group; the matrix passes split the rows into at most
 * {@value #MAT_GROUPS} chunks whose partials a second kernel sums in chunk order.
 */
final class OpenClContext extends Context {
    static final int LOCAL = 256;
    static final int MAX_GROUPS = 1 << 16;
    /** Element-wise work-groups on CPU devices: enough for every core, few enough that each work-item streams a chunk. */
    static final int CPU_GROUPS = 256;
    /** Local size of the group and matrix kernels on CPU devices (see {@link #localForWidth}). */
    static final int CPU_LOCAL = 16;
    static final int REDUCE_GROUPS = 1024;
    static final int MAT_GROUPS = 1024;
    /** Bound on the elements of the matrix partials (G*k*p) for small X; larger X allow a quarter of X. */
    static final long MAT_PARTIAL_CAP = 1L << 22;
    /** Rows per block of loss_gradient (passed as -DSPRED_LG_BLOCK); row chunks hold at least two blocks. */
    static final int LG_BLOCK = 8;

    private final String backend;
    private final OpenClDevice dev;
    private final cl_command_queue queue;
    private final Map<String, cl_kernel> kernels = new HashMap<>();
    private final Map<String, Integer> maxLocal = new HashMap<>();
    private final Map<Precision, cl_mem> scratch = new EnumMap<>(Precision.class);
    private final Map<Precision, Long> scratchLength = new EnumMap<>(Precision.class);

    OpenClContext(String backend, OpenClDevice dev) {
        this.backend = backend;
        this.dev = dev;
        cl_context c = dev.context();
        this.queue = Cl.create("clCreateCommandQueue", "device " + dev.name,
                err -> CL.clCreateCommandQueue(c, dev.device, 0, err));
        releaseWith(releaser(dev.name, queue, kernels, scratch));
    }

    @Override
    public String backendName() {
        return backend;
    }

    @Override
    public String deviceName() {
        return dev.description();
    }

    /** Whether this device runs FLOAT64 kernels (cl_khr_fp64). */
    public boolean supportsFloat64() {
        return dev.fp64;
    }

    OpenClDevice device() {
        return dev;
    }

    cl_context clContext() {
        return dev.context();
    }

    cl_command_queue queue() {
        return queue;
    }

    @Override
    public void synchronize() {
        checkOpen();
        Cl.check("clFinish", "device " + dev.name, () -> CL.clFinish(queue));
    }

    @Override
    protected DeviceBuffer doAlloc(Precision precision, long length) {
        dev.checkPrecision(precision);
        return new OpenClBuffer(this, precision, length);
    }

    @Override
    protected GroupIndex doGroups(int[] offsets, double[] weights) {
        return new OpenClGroups(this, offsets, weights);
    }

    /**
     * Frees the queue, kernels and scratch buffers. Static, over the handles and the (mutable) maps only: it is
     * also the Cleaner's action for a dropped context, so it must not refer to the context.
     */
    private static Runnable releaser(String device, cl_command_queue queue, Map<String, cl_kernel> kernels,
                                     Map<Precision, cl_mem> scratch) {
        return () -> release(device, queue, kernels, scratch);
    }

    private static void release(String device, cl_command_queue queue, Map<String, cl_kernel> kernels,
                                Map<Precision, cl_mem> scratch) {
        List<Runnable> steps = new ArrayList<>();
        steps.add(() -> Cl.check("clFinish", "device " + device, () -> CL.clFinish(queue)));
        for (Map.Entry<String, cl_kernel> e : kernels.entrySet())
            steps.add(() -> Cl.check("clReleaseKernel(" + e.getKey() + ")", "", () -> CL.clReleaseKernel(e.getValue())));
        for (cl_mem m : scratch.values())
            steps.add(() -> Cl.releaseBuffer("clReleaseMemObject(scratch)", "", m));
        steps.add(() -> Cl.check("clReleaseCommandQueue", "device " + device, () -> CL.clReleaseCommandQueue(queue)));
        RuntimeException first = null;
        for (Runnable r : steps) {
            try {
                r.run();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        kernels.clear();
        scratch.clear();
        if (first != null) throw first;
    }

    // ---------------------------------------------------------------- launch plumbing

    private static OpenClBuffer b(DeviceBuffer d) {
        return (OpenClBuffer) d;
    }

    private static OpenClGroups gr(GroupIndex g) {
        return (OpenClGroups) g;
    }

    static String kernelName(String stem, Precision p) {
        return stem + (p == Precision.FLOAT32 ? "_f32" : "_f64");
    }

    private cl_kernel kernel(String name, Precision p) {
        cl_kernel k = kernels.get(name);
        if (k == null) {
            var program = dev.program(p);
            k = Cl.create("clCreateKernel(" + name + ")", "device " + dev.name, err -> CL.clCreateKernel(program, name, err));
            kernels.put(name, k);
        }
        return k;
    }

    /** The largest power of two <= min(want, the kernel's CL_KERNEL_WORK_GROUP_SIZE on this device). */
    private int local(String name, cl_kernel k, int want) {
        Integer max = maxLocal.get(name);
        if (max == null) {
            long[] v = new long[1];
            Cl.check("clGetKernelWorkGroupInfo(" + name + ")", "CL_KERNEL_WORK_GROUP_SIZE",
                    () -> CL.clGetKernelWorkGroupInfo(k, dev.device, CL.CL_KERNEL_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(v), null));
            max = (int) Math.min(v[0], Math.min(dev.maxWorkGroupSize, 1024));
            maxLocal.put(name, max);
        }
        int l = Integer.highestOneBit(Math.max(1, Math.min(want, max)));
        return l;
    }

    /** One kernel launch being prepared: arguments in order, then {@link #run}. */
    private final class Launch {
        final String name;
        final cl_kernel kernel;
        final Precision precision;
        int index;
        int local = LOCAL;

        Launch(String stem, Precision precision) {
            this.name = kernelName(stem, precision);
            this.precision = precision;
            this.kernel = kernel(name, precision);
        }

        private Launch arg(long size, Pointer value) {
            int i = index++;
            Cl.check("clSetKernelArg(" + name + ", " + i + ")", "size=" + size, () -> CL.clSetKernelArg(kernel, i, size, value));
            return this;
        }

        Launch u64(long v) {
            return arg(Sizeof.cl_ulong, Pointer.to(new long[]{v}));
        }

        Launch i32(int v) {
            return arg(Sizeof.cl_int, Pointer.to(new int[]{v}));
        }

        Launch real(double v) {
            return precision == Precision.FLOAT32 ? arg(Sizeof.cl_float, Pointer.to(new float[]{(float) v}))
                    : arg(Sizeof.cl_double, Pointer.to(new double[]{v}));
        }

        /** A scalar of common.cl's ACC type (double on fp64 devices): group decays. */
        Launch acc(double v) {
            return dev.fp64 ? arg(Sizeof.cl_double, Pointer.to(new double[]{v}))
                    : arg(Sizeof.cl_float, Pointer.to(new float[]{(float) v}));
        }

        /** A buffer argument; a zero-length buffer (no cl_mem) is passed as NULL. */
        Launch mem(cl_mem m) {
            return arg(Sizeof.cl_mem, m == null ? null : Pointer.to(m));
        }

        Launch buf(DeviceBuffer d) {
            return mem(b(d).mem);
        }

        /** Chooses the local size (a power of two, at most {@code want}) before a local-memory argument. */
        Launch localSize(int want) {
            local = local(name, kernel, want);
            return this;
        }

        /** The local-memory scratch of the work-group reductions: one ACC (double on fp64 devices) per work-item. */
        Launch scratchLocal() {
            return arg((long) local * dev.accumulation().bytes(), null);
        }

        void run(long groups, String sizes) {
            long global = groups * local;
            Cl.check("clEnqueueNDRangeKernel(" + name + ")", sizes + ", global=" + global + ", local=" + local,
                    () -> CL.clEnqueueNDRangeKernel(queue, kernel, 1, null, new long[]{global}, new long[]{local}, 0, null, null));
        }

        /** Grid-stride launch over n elements. */
        void runElements(long n, String sizes) {
            local = local(name, kernel, LOCAL);
            run(Math.min(ceilDiv(n, local), dev.contiguous ? CPU_GROUPS : MAX_GROUPS), sizes);
        }
    }

    private Launch launch(String stem, Precision p) {
        return new Launch(stem, p);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /**
     * Local size for work spread over {@code width} items per work-group (a group, or a row of X). GPUs get a
     * size that fits the width; CPU devices always get {@value #CPU_LOCAL}: their work-items are loops and each
     * takes a contiguous chunk, so a wide row costs nothing more, while every new local size is a new kernel
     * compile for PoCL.
     */
    int localForWidth(double width) {
        if (dev.contiguous) return CPU_LOCAL;
        return width < 32 ? 16 : width < 128 ? 64 : 256;
    }

    /** A context-owned device buffer of at least {@code length} elements for partials; grows, never shrinks. */
    private cl_mem scratch(Precision p, long length) {
        if (length == 0) return null;
        Long have = scratchLength.get(p);
        if (have == null || have < length) {
            cl_mem old = scratch.remove(p);
            // Released while earlier kernels may still use it: OpenCL defers the free until they are done.
            if (old != null) Cl.releaseBuffer("clReleaseMemObject(scratch)", "", old);
            long len = Math.max(length, 1024);
            cl_mem m = Cl.createBuffer("clCreateBuffer(scratch)", p + " length=" + len,
                    err -> CL.clCreateBuffer(dev.context(), CL.CL_MEM_READ_WRITE, len * p.bytes(), null, err));
            scratch.put(p, m);
            scratchLength.put(p, len);
        }
        return scratch.get(p);
    }

    private double[] readPartials(cl_mem m, Precision p, int count, String what) {
        double[] out = new double[count];
        if (p == Precision.FLOAT64) {
            Cl.check("clEnqueueReadBuffer(" + what + " partials)", "count=" + count,
                    () -> CL.clEnqueueReadBuffer(queue, m, true, 0, (long) count * Double.BYTES, Pointer.to(out), 0, null, null));
        } else {
            float[] f = new float[count];
            Cl.check("clEnqueueReadBuffer(" + what + " partials)", "count=" + count,
                    () -> CL.clEnqueueReadBuffer(queue, m, true, 0, (long) count * Float.BYTES, Pointer.to(f), 0, null, null));
            for (int i = 0; i < count; i++) out[i] = f[i];
        }
        return out;
    }

    // ---------------------------------------------------------------- element-wise

    @Override
    protected void doHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, long n) {
        launch("hadamard", v.precision()).u64(n).buf(v).buf(u).buf(w).runElements(n, "n=" + n);
    }

    @Override
    protected void doGroupHadamard(DeviceBuffer v, DeviceBuffer u, DeviceBuffer w, GroupIndex groups) {
        OpenClGroups g = gr(groups);
        int m = g.groupCount();
        Launch l = launch("group_hadamard", v.precision()).localSize(groupLocal(g));
        l.i32(m).buf(v).buf(u).buf(w).mem(g.offsets).run(Math.min(m, MAX_GROUPS), groupSizes(g));
    }

    @Override
    protected void doGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                               double decayU, double decayW, long n) {
        launch("grad_split", du.precision()).u64(n).buf(du).buf(dw).buf(g).buf(u).buf(w).real(decayU).real(decayW)
                .runElements(n, "n=" + n);
    }

    // ---------------------------------------------------------------- sparse X: one work-group per row (column)

    @Override
    protected SparseIndex doSparse(SparseIndex.Layout layout, int rows, int cols, long[] ptr, int[] idx) {
        return new OpenClSparse(this, layout, rows, cols, ptr, idx);
    }

    private Launch sparseLaunch(String stem, Precision p, SparseIndex x) {
        return launch(stem, p).localSize(localForWidth((double) x.nnz() / Math.max(1, x.majors())));
    }

    private static String sparseSizes(SparseIndex x) {
        return x.layout() + " " + x.rows() + "x" + x.cols() + ", nnz=" + x.nnz();
    }

    @Override
    protected void doCsrResidual(DeviceBuffer eta, DeviceBuffer r, SparseIndex x, DeviceBuffer val, DeviceBuffer b,
                                 DeviceBuffer y, double offset, Loss loss) {
        OpenClSparse s = (OpenClSparse) x;
        sparseLaunch("csr_residual", eta.precision(), x).i32(x.rows()).i32(x.cols()).buf(eta).buf(r).buf(val).buf(b).buf(y)
                .mem(s.ptr).mem(s.idx).real(offset).i32(loss.code).scratchLocal().run(Math.min(x.rows(), MAX_GROUPS), sparseSizes(x));
    }

    @Override
    protected void doCscMatTVec(DeviceBuffer out, SparseIndex x, DeviceBuffer val, DeviceBuffer r) {
        OpenClSparse s = (OpenClSparse) x;
        sparseLaunch("csc_mat_t_vec", out.precision(), x).i32(x.rows()).i32(x.cols()).buf(out).buf(val).buf(r)
                .mem(s.ptr).mem(s.idx).scratchLocal().run(Math.min(x.cols(), MAX_GROUPS), sparseSizes(x));
    }

    @Override
    protected void doCscColStats(DeviceBuffer sum, DeviceBuffer sumsq, SparseIndex x, DeviceBuffer val, DeviceBuffer centre) {
        OpenClSparse s = (OpenClSparse) x;
        sparseLaunch("csc_col_stats", sum.precision(), x).i32(x.rows()).i32(x.cols()).buf(sum).buf(sumsq).buf(val)
                .buf(centre).mem(s.ptr).mem(s.idx).scratchLocal().run(Math.min(x.cols(), MAX_GROUPS), sparseSizes(x));
    }

    @Override
    protected void doColStats(DeviceBuffer sum, DeviceBuffer sumsq, DeviceBuffer x, int n, int p, DeviceBuffer centre) {
        launch("col_stats", sum.precision()).i32(n).i32(p).buf(sum).buf(sumsq).buf(x).buf(centre)
                .runElements(p, "n=" + n + ", p=" + p);
    }

    @Override
    protected void doCdSweep(DeviceBuffer b, DeviceBuffer r, DeviceBuffer eta, DeviceBuffer state, DeviceBuffer x, int n,
                             int p, DeviceBuffer w, DeviceBuffer xbar, DeviceBuffer scale, DeviceBuffer a, DeviceBuffer sw,
                             double la, double mu, double sumW, double thr, int sweeps, int flags) {
        // one work-group: the sweep is sequential over columns (cd_sweep.cl)
        launch("cd_sweep", b.precision()).localSize(LOCAL).i32(n).i32(p).buf(b).buf(r).buf(eta).buf(state).buf(x).buf(w)
                .buf(xbar).buf(scale).buf(a).buf(sw).real(la).real(mu).real(sumW).real(thr).i32(sweeps).i32(flags)
                .scratchLocal().run(1, "n=" + n + ", p=" + p + ", sweeps=" + sweeps);
    }

    @Override
    protected void doCscGather(DeviceBuffer out, SparseIndex x, DeviceBuffer val, int[] cols) {
        OpenClSparse s = (OpenClSparse) x;
        String sizes = sparseSizes(x) + ", m=" + cols.length;
        cl_mem c = Cl.createBuffer("clCreateBuffer(gather columns)", sizes,
                err -> CL.clCreateBuffer(clContext(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, (long) cols.length * Integer.BYTES, Pointer.to(cols), err));
        try {
            // the release waits for the kernel that uses it (OpenCL keeps a released buffer until its commands finish)
            launch("csc_gather", out.precision()).localSize(localForWidth(x.rows())).i32(x.rows()).i32(x.cols()).buf(out).buf(val)
                    .mem(c).mem(s.ptr).mem(s.idx).i32(cols.length).run(Math.min(cols.length, MAX_GROUPS), sizes);
        } finally {
            Cl.releaseBuffer("clReleaseMemObject(gather columns)", sizes, c);
        }
    }

    private int groupLocal(OpenClGroups g) {
        return localForWidth((double) g.size() / Math.max(1, g.groupCount()));
    }

    private static String groupSizes(OpenClGroups g) {
        return "groups=" + g.groupCount() + ", n=" + g.size();
    }

    @Override
    protected void doGroupGradSplit(DeviceBuffer du, DeviceBuffer dw, DeviceBuffer g, DeviceBuffer u, DeviceBuffer w,
                                    GroupIndex groups, double decayU, double decayW) {
        OpenClGroups gs = gr(groups);
        int m = gs.groupCount();
        Precision p = dw.precision();
        Launch l = launch("group_grad_split", p).localSize(groupLocal(gs));
        l.i32(m).buf(du).buf(dw).buf(g).buf(u).buf(w).mem(gs.offsets).mem(gs.deviceWeights()).acc(decayU).acc(decayW)
                .scratchLocal().run(Math.min(m, MAX_GROUPS), groupSizes(gs));
    }

    // ---------------------------------------------------------------- fused updates

    @Override
    protected void doSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g, SgdParams p, long n) {
        launch("sgd_update", u.precision()).u64(n).buf(u).buf(w).buf(v).buf(g)
                .real(p.lr()).real(p.decayU()).real(p.decayW()).runElements(n, "n=" + n);
    }

    @Override
    protected void doMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                    DeviceBuffer mU, DeviceBuffer mW, MomentumParams p, long n) {
        launch("momentum_update", u.precision()).u64(n).buf(u).buf(w).buf(v).buf(mU).buf(mW).buf(g)
                .real(p.lr()).real(p.momentum()).i32(p.nesterov() ? 1 : 0).real(p.decayU()).real(p.decayW())
                .runElements(n, "n=" + n);
    }

    /** Adam's first scalar arguments after the buffers: lr, beta1, beta2, eps, bc1, bc2 (from the record). */
    private static Launch adamArgs(Launch l, AdamParams p, long step) {
        return l.real(p.lr()).real(p.beta1()).real(p.beta2()).real(p.eps())
                .real(p.biasCorrection1(step)).real(p.biasCorrection2(step));
    }

    @Override
    protected void doAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                AdamParams p, long step, long n) {
        Launch l = launch("adam_update", u.precision()).u64(n).buf(u).buf(w).buf(v).buf(mU).buf(vU).buf(mW).buf(vW).buf(g);
        adamArgs(l, p, step).real(p.decayU()).real(p.decayW()).i32(p.decoupled() ? 1 : 0)
                .runElements(n, "n=" + n + ", step=" + step);
    }

    @Override
    protected void doGroupSgdUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                    GroupIndex groups, SgdParams p) {
        OpenClGroups gs = gr(groups);
        int m = gs.groupCount();
        Precision pr = w.precision();
        Launch l = launch("group_sgd_update", pr).localSize(groupLocal(gs));
        l.i32(m).buf(u).buf(w).buf(v).buf(g).mem(gs.offsets).mem(gs.deviceWeights())
                .real(p.lr()).acc(p.decayU()).acc(p.decayW()).scratchLocal().run(Math.min(m, MAX_GROUPS), groupSizes(gs));
    }

    @Override
    protected void doGroupMomentumUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                         DeviceBuffer mU, DeviceBuffer mW, GroupIndex groups, MomentumParams p) {
        OpenClGroups gs = gr(groups);
        int m = gs.groupCount();
        Precision pr = w.precision();
        Launch l = launch("group_momentum_update", pr).localSize(groupLocal(gs));
        l.i32(m).buf(u).buf(w).buf(v).buf(mU).buf(mW).buf(g).mem(gs.offsets).mem(gs.deviceWeights())
                .real(p.lr()).real(p.momentum()).i32(p.nesterov() ? 1 : 0).acc(p.decayU()).acc(p.decayW())
                .scratchLocal().run(Math.min(m, MAX_GROUPS), groupSizes(gs));
    }

    @Override
    protected void doGroupAdamUpdate(DeviceBuffer u, DeviceBuffer w, DeviceBuffer v, DeviceBuffer g,
                                     DeviceBuffer mU, DeviceBuffer vU, DeviceBuffer mW, DeviceBuffer vW,
                                     GroupIndex groups, AdamParams p, long step) {
        OpenClGroups gs = gr(groups);
        int m = gs.groupCount();
        Precision pr = w.precision();
        Launch l = launch("group_adam_update", pr).localSize(groupLocal(gs));
        l.i32(m).buf(u).buf(w).buf(v).buf(mU).buf(vU).buf(mW).buf(vW).buf(g).mem(gs.offsets).mem(gs.deviceWeights());
        adamArgs(l, p, step).acc(p.decayU()).acc(p.decayW()).i32(p.decoupled() ? 1 : 0).scratchLocal()
                .run(Math.min(m, MAX_GROUPS), groupSizes(gs) + ", step=" + step);
    }

    // ---------------------------------------------------------------- reductions (phase 2 on the host, in double)

    /** Phase 1 of a reduction over n elements: returns the per-work-group partials. */
    private double[] reduce(String stem, long n, DeviceBuffer... in) {
        Precision p = in[0].precision();
        Launch l = launch(stem, p).localSize(LOCAL);
        int groups = (int) Math.min(ceilDiv(n, l.local), REDUCE_GROUPS);
        Precision acc = dev.accumulation();
        cl_mem partial = scratch(acc, groups);
        l.u64(n).mem(partial);
        for (DeviceBuffer d : in) l.buf(d);
        l.scratchLocal().run(groups, "n=" + n);
        return readPartials(partial, acc, groups, stem);
    }

    private static double sumInOrder(double[] a) {
        double s = 0;
        for (double x : a) s += x;
        return s;
    }

    @Override
    protected double doDot(DeviceBuffer x, DeviceBuffer y, long n) {
        return sumInOrder(reduce("dot", n, x, y));
    }

    @Override
    protected double doSumSquares(DeviceBuffer x, long n) {
        return sumInOrder(reduce("sum_squares", n, x));
    }

    @Override
    protected double doMaxAbs(DeviceBuffer x, long n) {
        double m = 0;
        for (double v : reduce("max_abs", n, x)) {
            if (Double.isNaN(v)) return Double.NaN;
            m = Math.max(m, v);
        }
        return m;
    }

    @Override
    protected double doSum(DeviceBuffer x, long n) {
        return sumInOrder(reduce("sum", n, x));
    }

    @Override
    protected double doLogisticLoss(DeviceBuffer eta, DeviceBuffer y, long n) {
        return sumInOrder(reduce("logistic_loss", n, eta, y));
    }

    // ---------------------------------------------------------------- vector work

    @Override
    protected void doAxpy(DeviceBuffer y, double a, DeviceBuffer x, long n) {
        launch("axpy", y.precision()).u64(n).buf(y).buf(x).real(a).runElements(n, "n=" + n);
    }

    @Override
    protected void doScale(DeviceBuffer x, double a, long n) {
        launch("scale", x.precision()).u64(n).buf(x).real(a).runElements(n, "n=" + n);
    }

    @Override
    protected void doFill(DeviceBuffer x, double value, long n) {
        launch("fill", x.precision()).u64(n).buf(x).real(value).runElements(n, "n=" + n);
    }

    @Override
    protected void doCopy(DeviceBuffer dst, DeviceBuffer src, long n) {
        launch("copy", dst.precision()).u64(n).buf(dst).buf(src).runElements(n, "n=" + n);
    }

    // ---------------------------------------------------------------- matrix passes

    private static String matSizes(int n, int p, int k) {
        return "n=" + n + ", p=" + p + ", k=" + k;
    }

    @Override
    protected void doMatVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer bb, int k) {
        Launch l = launch("mat_vec", out.precision()).localSize(localForWidth(p));
        l.i32(n).i32(p).i32(k).buf(out).buf(x).buf(bb).scratchLocal().run(Math.min(n, MAX_GROUPS), matSizes(n, p, k));
    }

    /** Row chunks of the matrix passes: {rows per chunk, number of chunks}; each chunk non-empty (n > 0). */
    static int[] rowChunks(int n, int p, int k, int minRows) {
        long kp = Math.max(1L, (long) k * p);
        // Partials of at most max(2^22 elements, a quarter of X): wide matrices keep enough row chunks to fill
        // a device, without the partials outgrowing X itself.
        long cap = Math.max(1, Math.min(MAT_GROUPS, Math.max(MAT_PARTIAL_CAP, (long) n * p / 4) / kp));
        long g = Math.max(1, Math.min(ceilDiv(n, minRows), cap));
        long rows = ceilDiv(n, g);
        g = ceilDiv(n, rows);
        return new int[]{(int) rows, (int) g};
    }

    /** Sums the chunk partials ({@code chunks} slices of k*p) into {@code out}, chunk by chunk in order. */
    private void combine(DeviceBuffer out, cl_mem partial, int chunks, long len, String sizes) {
        launch("mat_t_vec_combine", out.precision()).i32(chunks).u64(len).buf(out).mem(partial)
                .runElements(len, sizes + ", chunks=" + chunks);
    }

    @Override
    protected void doMatTVec(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        if (n == 0) {
            doFill(out, 0, (long) p * k);
            return;
        }
        int[] ch = rowChunks(n, p, k, 16);
        Precision pr = out.precision();
        long len = (long) p * k;
        cl_mem partial = scratch(dev.accumulation(), ch[1] * len);
        Launch l = launch("mat_t_vec", pr).localSize(localForWidth(p));
        l.i32(n).i32(p).i32(k).mem(partial).buf(x).buf(r).i32(ch[0]).run(ch[1], matSizes(n, p, k));
        combine(out, partial, ch[1], len, matSizes(n, p, k));
    }

    /** Work-groups of the GEMM-shaped passes: one per 64×64 output tile, at most MAX_GROUPS (the kernels stride). */
    private static long gemmGroups(long m, long k) {
        return Math.min(ceilDiv(m, 64) * ceilDiv(k, 64), MAX_GROUPS);
    }

    @Override
    protected void doGemmXtR(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer r, int k) {
        // 256 work-items per group: the kernel's reqd_work_group_size (4×4 outputs each over a 64×64 tile)
        launch("gemm_xtr", out.precision()).i32(n).i32(p).i32(k).buf(out).buf(x).buf(r).run(gemmGroups(p, k), matSizes(n, p, k));
    }

    @Override
    protected void doGemmXB(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer bb, int k) {
        launch("gemm_xb", out.precision()).i32(n).i32(p).i32(k).buf(out).buf(x).buf(bb).run(gemmGroups(n, k), matSizes(n, p, k));
    }

    @Override
    protected void doGramCols(DeviceBuffer out, DeviceBuffer x, int n, int p, DeviceBuffer mean, int[] cols) {
        String sizes = matSizes(n, p, cols.length);
        cl_mem c = Cl.createBuffer("clCreateBuffer(gram columns)", sizes,
                err -> CL.clCreateBuffer(clContext(), CL.CL_MEM_READ_ONLY | CL.CL_MEM_COPY_HOST_PTR, (long) cols.length * Integer.BYTES, Pointer.to(cols), err));
        try {
            // the release waits for the kernel that uses it (OpenCL keeps a released buffer until its commands finish)
            launch("gram_cols", out.precision()).i32(n).i32(p).i32(cols.length).buf(out).buf(x).buf(mean).mem(c)
                    .run(gemmGroups(p, cols.length), sizes);
        } finally {
            Cl.releaseBuffer("clReleaseMemObject(gram columns)", sizes, c);
        }
    }

    @Override
    protected void doLossGradient(Loss loss, DeviceBuffer grad, DeviceBuffer eta, DeviceBuffer r, DeviceBuffer x,
                                  int n, int p, DeviceBuffer bb, DeviceBuffer offset, DeviceBuffer y, int k) {
        long len = (long) p * k;
        if (n == 0) {
            if (len > 0) doFill(grad, 0, len);
            return;
        }
        int[] ch = rowChunks(n, p, k, 2 * LG_BLOCK);
        Precision pr = grad.precision();
        cl_mem partial = scratch(dev.accumulation(), ch[1] * len);
        Launch l = launch("loss_gradient", pr).localSize(localForWidth(p));
        l.i32(n).i32(p).i32(k).mem(partial).buf(eta).buf(r).buf(x).buf(bb).buf(offset).buf(y).i32(loss.code).i32(ch[0])
                .scratchLocal().run(ch[1], matSizes(n, p, k) + ", loss=" + loss);
        if (len > 0) combine(grad, partial, ch[1], len, matSizes(n, p, k));
    }

    @Override
    public String toString() {
        return "OpenClContext[" + backend + ", " + dev.description() + (isClosed() ? ", closed" : "") + "]";
    }

    // ---------------------------------------------------------------- dual point, gap pieces, screening over p

    @Override
    protected void doCentreScale(DeviceBuffer g, DeviceBuffer xbar, DeviceBuffer scale, double sr, double nrows, long n) {
        launch("centre_scale", g.precision()).u64(n).buf(g).buf(xbar).buf(scale).real(sr).real(nrows).runElements(n, "n=" + n);
    }

    @Override
    protected double doSoftSq(DeviceBuffer g, double t, double la, long n) {
        Launch l = launch("soft_sq", g.precision()).localSize(LOCAL);
        int groups = (int) Math.min(ceilDiv(n, l.local), REDUCE_GROUPS);
        Precision acc = dev.accumulation();
        cl_mem partial = scratch(acc, groups);
        l.u64(n).mem(partial).buf(g).real(t).real(la).scratchLocal().run(groups, "n=" + n);
        return sumInOrder(readPartials(partial, acc, groups, "soft_sq"));
    }

    /** One work-group (select_above.cl): its count comes back as partial 0. */
    @Override
    protected double doSelectAbove(DeviceBuffer cols, DeviceBuffer val, DeviceBuffer g, double tau, long n) {
        Launch l = launch("select_above", g.precision()).localSize(LOCAL);
        Precision acc = dev.accumulation();
        cl_mem partial = scratch(acc, 1);
        l.u64(n).mem(partial).buf(cols).buf(val).buf(g).real(tau).scratchLocal().run(1, "n=" + n);
        return readPartials(partial, acc, 1, "select_above")[0];
    }

    // ---------------------------------------------------------------- many problems at once (issue 14)

    @Override
    protected void doColDeviance(Deviance family, DeviceBuffer dev, DeviceBuffer eta, int n, int k, DeviceBuffer y,
                                 DeviceBuffer offset) {
        // one work-group per vector; its width from the vector length (a short fold does not idle 256 work-items)
        launch("col_deviance", dev.precision()).localSize(localForWidth(n)).i32(n).i32(k).buf(dev).buf(eta).buf(y)
                .buf(offset).i32(family.code).scratchLocal().run(Math.min(k, MAX_GROUPS), "n=" + n + ", k=" + k);
    }
}
