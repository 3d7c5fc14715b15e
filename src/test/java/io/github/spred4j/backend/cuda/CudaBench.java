package io.github.spred4j.backend.cuda;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;
import jcuda.driver.CUevent;
import jcuda.driver.JCudaDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kernel bandwidth on the CUDA device, as a plain main (scripts/gpu-check.sh runs it on the lent GPU):
 * each kernel is timed with CUDA events around N launches through the public Context API (so Java's launch cost
 * is included), bytes are counted as in spred-math.md (each input read once, each output written once), and the
 * GB/s is compared with cuMemcpyDtoD of the same element count measured the same way.
 *
 * <p>usage: CudaBench [maxElementsFloat32]  (default 2^25: 32M elements, ~1.9 GB per Adam call);
 * -Dspred4j.bench.matrixOnly=true times only the matrix passes.
 */
public final class CudaBench {
    private CudaBench() {
    }

    interface Call {
        void run();
    }

    private static final List<String> rows = new ArrayList<>();

    /** Milliseconds per call, from CUDA events around reps calls after two warm-up calls. */
    static double time(Context ctx, Call call, long bytesPerCall) {
        call.run();
        call.run();
        ctx.synchronize();
        int reps = (int) Math.max(5, Math.min(500, 8e9 / Math.max(1, bytesPerCall)));
        CUevent start = new CUevent(), stop = new CUevent();
        CudaContext.check(JCudaDriver.cuEventCreate(start, 0), "cuEventCreate", "");
        CudaContext.check(JCudaDriver.cuEventCreate(stop, 0), "cuEventCreate", "");
        CudaContext.check(JCudaDriver.cuEventRecord(start, null), "cuEventRecord", "");
        for (int r = 0; r < reps; r++) call.run();
        CudaContext.check(JCudaDriver.cuEventRecord(stop, null), "cuEventRecord", "");
        CudaContext.check(JCudaDriver.cuEventSynchronize(stop), "cuEventSynchronize", "");
        float[] ms = {0};
        CudaContext.check(JCudaDriver.cuEventElapsedTime(ms, start, stop), "cuEventElapsedTime", "");
        JCudaDriver.cuEventDestroy(start);
        JCudaDriver.cuEventDestroy(stop);
        return ms[0] / reps;
    }

    static void row(String kernel, Precision pr, String size, long bytes, double ms, double copyGBs) {
        double gbs = bytes / (ms * 1e-3) / 1e9;
        String line = String.format(Locale.ROOT, "%-22s %-7s %-16s %12d %10.1f %9.1f %7.3f",
                kernel, pr == Precision.FLOAT32 ? "f32" : "f64", size, bytes, ms * 1e3, gbs, copyGBs > 0 ? gbs / copyGBs : Double.NaN);
        rows.add(line);
        System.out.println(line);
    }

    public static void main(String[] args) {
        long maxF32 = args.length > 0 ? Long.parseLong(args[0]) : 1L << 25;
        CudaBackend backend = new CudaBackend();
        if (!backend.isAvailable()) {
            System.out.println("CudaBench: cuda unavailable: " + backend.unavailableReason());
            return;
        }
        int[] driver = {0};
        JCudaDriver.cuDriverGetVersion(driver);
        System.out.println("CudaBench on " + backend.deviceName() + ", CUDA driver API " + driver[0]);
        System.out.println(String.format(Locale.ROOT, "%-22s %-7s %-16s %12s %10s %9s %7s",
                "kernel", "prec", "size", "bytes/call", "us/call", "GB/s", "/copy"));
        try (Context ctx = backend.open()) {
            System.out.println("context: " + (((CudaContext) ctx).usesPrimaryContext() ? "device primary context (cuCtxCreate refused)" : "cuCtxCreate"));
            for (Precision pr : Precision.values()) {
                int es = pr.bytes();
                // 1M elements (L2-sized for the small kernels), then up to ~2 GB of traffic per Adam call.
                long max = pr == Precision.FLOAT32 ? maxF32 : maxF32 / 2;
                if (!Boolean.getBoolean("spred4j.bench.matrixOnly"))
                    for (long n : new long[]{1L << 20, Math.max(1L << 20, max / 8), max})
                        if (n >= 1L << 20 && n % 1024 == 0) vectorKernels(backend, ctx, pr, n, es);
                matrixKernels(backend, pr, 1 << 18, 1024 / (es / 4));
            }
        }
        System.out.println();
        System.out.println("summary: GB/s over cuMemcpyDtoD GB/s at the same element count (aim: >= 0.9 for the fused updates)");
        rows.forEach(System.out::println);
    }

    private static String sz(long n) {
        return n >= 1 << 20 ? (n >> 20) + "M" : Long.toString(n);
    }

    private static void vectorKernels(CudaBackend backend, Context ctx, Precision pr, long n, int es) {
        DeviceBuffer[] b = new DeviceBuffer[9];
        for (int i = 0; i < b.length; i++) {
            b[i] = ctx.alloc(pr, n);
            ctx.fill(b[i], 0.01 * (i + 1));
        }
        DeviceBuffer u = b[0], w = b[1], v = b[2], g = b[3], mu = b[4], vu = b[5], mw = b[6], vw = b[7], t = b[8];
        String size = sz(n);
        long copyBytes = 2 * n * es;
        double copyMs = time(ctx, () -> CudaContext.check(JCudaDriver.cuMemcpyDtoD(((CudaBuffer) t).ptr, ((CudaBuffer) g).ptr, n * es), "cuMemcpyDtoD", ""), copyBytes);
        double copyGBs = copyBytes / (copyMs * 1e-3) / 1e9;
        row("cuMemcpyDtoD", pr, size, copyBytes, copyMs, copyGBs);
        row("copy", pr, size, copyBytes, time(ctx, () -> ctx.copy(t, g), copyBytes), copyGBs);
        row("hadamard", pr, size, 3 * n * es, time(ctx, () -> ctx.hadamard(v, u, w), 3 * n * es), copyGBs);
        row("grad_split", pr, size, 5 * n * es, time(ctx, () -> ctx.gradSplit(mu, mw, g, u, w, 0.01, 0.01), 5 * n * es), copyGBs);
        SgdParams sgd = new SgdParams(1e-4, 0.01, 0.01);
        row("sgd_update", pr, size, 6 * n * es, time(ctx, () -> ctx.sgdUpdate(u, w, v, g, sgd), 6 * n * es), copyGBs);
        MomentumParams mom = new MomentumParams(1e-4, 0.9, false, 0.01, 0.01);
        row("momentum_update", pr, size, 10 * n * es, time(ctx, () -> ctx.momentumUpdate(u, w, v, g, mu, mw, mom), 10 * n * es), copyGBs);
        AdamParams adam = new AdamParams(1e-4, 0.9, 0.999, 1e-8, 0.01, 0.01, false);
        row("adam_update", pr, size, 14 * n * es, time(ctx, () -> ctx.adamUpdate(u, w, v, g, mu, vu, mw, vw, adam, 10), 14 * n * es), copyGBs);
        // The same two kernels from a context launching 4 waves of resident blocks (CudaLaunch.waves).
        try (Context c4 = backend.open(new CudaLaunch(CudaLaunch.DEFAULT.matVariant(), 0, 4))) {
            DeviceBuffer[] q = new DeviceBuffer[8];
            for (int i = 0; i < q.length; i++) {
                q[i] = c4.alloc(pr, n);
                c4.fill(q[i], 0.01 * (i + 1));
            }
            row("hadamard@4waves", pr, size, 3 * n * es, time(c4, () -> c4.hadamard(q[2], q[0], q[1]), 3 * n * es), copyGBs);
            row("adam_update@4waves", pr, size, 14 * n * es, time(c4, () -> c4.adamUpdate(q[0], q[1], q[2], q[3], q[4], q[5], q[6], q[7], adam, 10), 14 * n * es), copyGBs);
        }
        row("axpy", pr, size, 3 * n * es, time(ctx, () -> ctx.axpy(t, 1e-6, g), 3 * n * es), copyGBs);
        row("dot", pr, size, 2 * n * es, time(ctx, () -> ctx.dot(u, w), 2 * n * es), copyGBs);
        row("sum_squares", pr, size, n * es, time(ctx, () -> ctx.sumSquares(u), n * es), copyGBs);
        if (n <= Integer.MAX_VALUE / 2) {
            int gs = 1024, m = (int) (n / gs);
            int[] off = new int[m + 1];
            for (int k = 0; k <= m; k++) off[k] = k * gs;
            try (GroupIndex groups = ctx.groups(off); DeviceBuffer gu = ctx.alloc(pr, m); DeviceBuffer gm = ctx.alloc(pr, m);
                 DeviceBuffer gv = ctx.alloc(pr, m); DeviceBuffer gw = ctx.alloc(pr, (long) m * gs); DeviceBuffer gg = ctx.alloc(pr, (long) m * gs);
                 DeviceBuffer gvv = ctx.alloc(pr, (long) m * gs)) {
                ctx.fill(gu, 0.5);
                ctx.fill(gm, 0);
                ctx.fill(gv, 0);
                ctx.fill(gw, 0.1);
                ctx.fill(gg, 0.01);
                long ne = (long) m * gs;
                String gsize = size + "/g" + gs;
                row("group_hadamard", pr, gsize, 2 * ne * es, time(ctx, () -> ctx.groupHadamard(gvv, gu, gw, groups), 2 * ne * es), copyGBs);
                row("group_sgd_update", pr, gsize, 4 * ne * es, time(ctx, () -> ctx.groupSgdUpdate(gu, gw, gvv, gg, groups, sgd), 4 * ne * es), copyGBs);
                row("group_momentum_update", pr, gsize, 6 * ne * es, time(ctx, () -> ctx.groupMomentumUpdate(gu, gw, gvv, gg, gm, mw, groups, mom), 6 * ne * es), copyGBs);
                row("group_adam_update", pr, gsize, 8 * ne * es, time(ctx, () -> ctx.groupAdamUpdate(gu, gw, gvv, gg, gm, gv, mw, vw, groups, adam, 10), 8 * ne * es), copyGBs);
            }
        }
        for (DeviceBuffer x : b) x.close();
    }

    /** mat_vec, then mat_t_vec and loss_gradient in every variant (CudaLaunch): one context per launch configuration. */
    private static void matrixKernels(CudaBackend backend, Precision pr, int n, int p) {
        int es = pr.bytes();
        int auto;
        try (Context ctx = backend.open()) {
            auto = ((CudaContext) ctx).tiledRows(p, 1, es);
        }
        // Variant 1 (64-row tiles), variant 2 with the tile height CudaContext picks, then variant 2 at forced heights.
        int[][] variants = {{1, 0}, {2, 0}, {2, 8}, {2, 16}, {2, 32}};
        boolean first = true;
        for (int[] v : variants) {
            if (v[1] > 0 && (v[1] == auto || CudaContext.tiledSmem(v[1], p, 1, es) > 200 * 1024)) continue;
            try (Context ctx = backend.open(new CudaLaunch(v[0], v[1], 1))) {
                String tag = v[0] == 1 ? "#1" : "#2" + (v[1] > 0 ? "R" + v[1] : "(R" + auto + ")");
                matrixRows(ctx, pr, n, p, tag, first);
            }
            first = false;
        }
    }

    private static void matrixRows(Context ctx, Precision pr, int n, int p, String tag, boolean withBaselines) {
        int es = pr.bytes();
        long np = (long) n * p;
        try (DeviceBuffer x = ctx.alloc(pr, np); DeviceBuffer bb = ctx.alloc(pr, p); DeviceBuffer out = ctx.alloc(pr, n);
             DeviceBuffer r = ctx.alloc(pr, n); DeviceBuffer grad = ctx.alloc(pr, p); DeviceBuffer eta = ctx.alloc(pr, n);
             DeviceBuffer y = ctx.alloc(pr, n); DeviceBuffer off = ctx.alloc(pr, 1); DeviceBuffer t = ctx.alloc(pr, np)) {
            ctx.fill(x, 0.001);
            ctx.fill(bb, 0.5);
            ctx.fill(r, 0.1);
            ctx.fill(y, 1);
            ctx.fill(off, 0);
            String size = n + "x" + p;
            long copyBytes = 2 * np * es;
            double copyMs = time(ctx, () -> CudaContext.check(JCudaDriver.cuMemcpyDtoD(((CudaBuffer) t).ptr, ((CudaBuffer) x).ptr, np * es), "cuMemcpyDtoD", ""), copyBytes);
            double copyGBs = copyBytes / (copyMs * 1e-3) / 1e9;
            long mv = (np + p + n) * es;
            if (withBaselines) {
                row("cuMemcpyDtoD", pr, size, copyBytes, copyMs, copyGBs);
                row("mat_vec", pr, size, mv, time(ctx, () -> ctx.matVec(out, x, n, p, bb, 1), mv), copyGBs);
            }
            long lg = (np + 2L * p + 4L * n + 1) * es;
            row("mat_t_vec" + tag, pr, size, mv, time(ctx, () -> ctx.matTVec(grad, x, n, p, r, 1), mv), copyGBs);
            row("loss_gradient" + tag, pr, size, lg, time(ctx, () -> ctx.lossGradient(Loss.LOGISTIC, grad, eta, r, x, n, p, bb, off, y, 1), lg), copyGBs);
        }
    }
}
