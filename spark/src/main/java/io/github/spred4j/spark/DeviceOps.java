package io.github.spred4j.spark;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SparseIndex;
import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.CsrMatrix;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A packed partition's reads of X on a device through the core's {@code Context} (float64 buffers, so the
 * certificate keeps its accuracy), uploaded once when the block is first used and freed with it:
 * <ul>
 *   <li>dense row-major X: η by {@code matVec}, Xᵀr by {@code matTVec}, a Gram block by one {@code matTVec} of
 *       the weighted entering columns (k = |C| + 1 vectors at once, the last one w itself: Xᵀw gives Σ w x_R),
 *       in chunks of columns so the n×k block stays small;</li>
 *   <li>CSR X (with its CSC twin, built once on the host): η by {@code csrResidual}, Xᵀr by {@code cscMatTVec}; a
 *       Gram block of a sparse partition stays in the Java loops (they visit only the rows' entries in R and C; no
 *       kernel of the op table does a sparse Gram).</li>
 * </ul>
 * {@link #open} picks the route for a backend name and falls back to {@link JavaOps} with one log line when the
 * backend cannot run on this executor.
 */
final class DeviceOps implements PassOps {
    /** Passes run per route on this JVM ("java" or a backend name): tests check the backend param is obeyed. */
    static final Map<String, LongAdder> PASSES = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> WARNED = new ConcurrentHashMap<>();
    private static final System.Logger LOG = System.getLogger("io.github.spred4j.spark");
    /** The most doubles of the n×k block of weighted columns sent to one matTVec (128 MB). */
    static final long GRAM_CHUNK = 16L << 20;
    /** Tests: a smaller chunk (doubles) to exercise the chunking; 0 = {@link #GRAM_CHUNK}. */
    static volatile long chunkOverride;

    private final Block b;
    private final Context ctx;
    private final JavaOps host;
    private DeviceBuffer x, beta, eta, r, g, y, cval;
    private SparseIndex csr, csc;

    private DeviceOps(Block b, Context ctx) {
        this.b = b;
        this.ctx = ctx;
        this.host = new JavaOps(b);
        Precision f64 = Precision.FLOAT64;
        beta = ctx.alloc(f64, b.p);
        eta = ctx.alloc(f64, b.n);
        r = ctx.alloc(f64, b.n);
        g = ctx.alloc(f64, b.p);
        if (b.dense) x = ctx.upload(f64, b.x);
        else {
            long[] ptr = new long[b.n + 1];
            for (int i = 0; i <= b.n; i++) ptr[i] = b.ptr[i];
            CscMatrix t = new CsrMatrix(b.n, b.p, ptr, b.col, b.val).toCsc();
            csr = ctx.sparse(SparseIndex.Layout.CSR, b.n, b.p, ptr, b.col);
            x = ctx.upload(f64, b.val);
            csc = ctx.sparse(SparseIndex.Layout.CSC, b.n, b.p, t.colPtr(), t.rowIdx());
            cval = ctx.upload(f64, t.values());
            y = ctx.alloc(f64, b.n); // csrResidual's r = y − η is not used: η is all we read back
        }
    }

    /**
     * The route for a partition: "java" (or a backend that resolves to the Java reference) runs the Java loops;
     * another name opens a context of that backend ("auto": the first available in the core's order) and uploads
     * the block once. A backend that cannot run here (no device, no driver, upload failed) falls back to the Java
     * loops, logged once per JVM and reason. An empty partition needs no device.
     */
    static PassOps open(String backend, Block b) {
        String key = backend == null ? "auto" : backend.trim().toLowerCase(Locale.ROOT);
        if (key.equals("java") || b.n == 0 || b.p == 0) return new JavaOps(b);
        Context ctx = null;
        try {
            Backend be = Backends.get(key);
            if (be.name().equals("java")) return new JavaOps(b);
            ctx = be.open();
            return new DeviceOps(b, ctx);
        } catch (RuntimeException | LinkageError e) {
            if (ctx != null) ctx.close();
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString());
            if (WARNED.putIfAbsent(key + ": " + why, Boolean.TRUE) == null)
                LOG.log(System.Logger.Level.WARNING, "spred4j-spark: backend '" + key + "' cannot run on this executor ("
                        + why + "); its passes run in the Java float64 loops");
            return new JavaOps(b);
        }
    }

    /** Counts one pass on the route (tests and traces). */
    static void count(String route) {
        PASSES.computeIfAbsent(route, k -> new LongAdder()).increment();
    }

    /** The fallbacks logged in this JVM ("backend: reason"). */
    static java.util.Set<String> fallbacks() {
        return java.util.Set.copyOf(WARNED.keySet());
    }

    /** Passes run on the route so far in this JVM. */
    static long passes(String route) {
        LongAdder a = PASSES.get(route);
        return a == null ? 0 : a.sum();
    }

    @Override
    public String name() {
        return ctx.backendName();
    }

    @Override
    public double[] eta(double c0, int[] bi, double[] bv) {
        double[] bd = new double[b.p];
        for (int k = 0; k < bi.length; k++) bd[bi[k]] = bv[k];
        beta.copyFrom(bd);
        double[] e = new double[b.n];
        if (b.dense) {
            ctx.matVec(eta, x, b.n, b.p, beta, 1);
            eta.copyTo(e);
            for (int i = 0; i < e.length; i++) e[i] += c0;
        } else {
            ctx.csrResidual(eta, r, csr, x, beta, y, c0, Loss.SQUARED);
            eta.copyTo(e);
        }
        return e;
    }

    @Override
    public double[] xtr(double[] res) {
        r.copyFrom(res);
        if (b.dense) ctx.matTVec(g, x, b.n, b.p, r, 1);
        else ctx.cscMatTVec(g, csc, cval, r);
        return g.toDoubleArray();
    }

    @Override
    public double[][] gram(int[] R, int[] C, double[] w) {
        if (!b.dense) return host.gram(R, C, w);
        int n = b.n, p = b.p, a = R.length, c = C.length;
        double[] G = new double[Math.multiplyExact(a, c)], xw = new double[a];
        int chunk = (int) Math.max(1, Math.min(c + 1, (chunkOverride > 0 ? chunkOverride : GRAM_CHUNK) / n));
        for (int m0 = 0; m0 <= c; m0 += chunk) { // vectors m0 .. m1-1; vector c is w itself (Σ w x_R)
            int k = Math.min(chunk, c + 1 - m0);
            double[] v = new double[Math.multiplyExact(n, k)];
            for (int m = 0; m < k; m++) {
                int col = m0 + m, o = m * n;
                for (int i = 0; i < n; i++) {
                    double wi = w == null ? 1 : w[i];
                    v[o + i] = col < c ? wi * b.x[i * p + C[col]] : wi;
                }
            }
            try (DeviceBuffer vb = ctx.upload(Precision.FLOAT64, v);
                 DeviceBuffer out = ctx.alloc(Precision.FLOAT64, (long) p * k)) {
                ctx.matTVec(out, x, n, p, vb, k);
                double[] h = out.toDoubleArray();
                for (int m = 0; m < k; m++) {
                    int col = m0 + m, o = m * p;
                    if (col < c) for (int q = 0; q < a; q++) G[q * c + col] = h[o + R[q]];
                    else for (int q = 0; q < a; q++) xw[q] = h[o + R[q]];
                }
            }
        }
        if (java.util.Arrays.equals(R, C)) // one triangle, mirrored, as the Java loops do
            for (int q = 0; q < a; q++) for (int m = 0; m < q; m++) G[q * c + m] = G[m * c + q];
        return new double[][]{G, xw};
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[]{x, beta, eta, r, g, y, cval, csr, csc})
            try {
                if (c != null) c.close();
            } catch (Exception ignored) {
                // closing is idempotent; the context below frees what is left
            }
        ctx.close();
    }
}
