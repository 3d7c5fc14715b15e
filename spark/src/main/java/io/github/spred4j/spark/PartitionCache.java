package io.github.spred4j.spark;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;
import io.github.spred4j.backend.cuda.CudaBackend;
import io.github.spred4j.data.LossFamily;
import org.apache.spark.TaskContext;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor side: each partition's rows packed once into device buffers, kept in a JVM-wide map keyed by
 * fit id, RDD id and partition, so that no serialised object ever holds a native handle. A pass on a partition
 * whose entry is missing (first pass, or the task landed on another executor) packs the rows again from the
 * iterator; a hit does not touch the iterator.
 */
final class PartitionCache {
    private PartitionCache() {
    }

    private static final Map<String, Packed> CACHE = new ConcurrentHashMap<>();
    /** GPU contexts are shared by the tasks of one executor (one device; a context is not thread-safe: locked). */
    private static final Map<String, Context> SHARED = new ConcurrentHashMap<>();

    /** Runs one pass on one partition: the partition's sums (a single element). */
    static Iterator<Stats> pass(PassRequest q, Iterator<Row> rows) {
        TaskContext tc = TaskContext.get();
        int part = tc == null ? 0 : tc.partitionId();
        String key = q.fitId() + ":" + q.rddId() + ":" + part;
        Packed pk = CACHE.get(key);
        if (pk == null) {
            Packed fresh = Packed.pack(q, rows);
            pk = CACHE.putIfAbsent(key, fresh); // a speculative twin may have packed the same partition
            if (pk == null) pk = fresh;
            else fresh.close();
        }
        List<Stats> out = new ArrayList<>(1);
        out.add(pk.compute(q));
        return out.iterator();
    }

    /** Frees every partition of a fit held by this JVM (returns how many). */
    static int release(String fitId) {
        int k = 0;
        for (Map.Entry<String, Packed> e : CACHE.entrySet())
            if (e.getKey().startsWith(fitId + ":") && CACHE.remove(e.getKey(), e.getValue())) {
                e.getValue().close();
                k++;
            }
        return k;
    }

    /** Entries this JVM holds (tests). */
    static int size() {
        return CACHE.size();
    }

    /**
     * The backend of this task: an explicit name is obeyed; "auto" in local mode is the core's auto order;
     * "auto" on a cluster uses the GPU only when Spark's scheduler gave the task one (its first address becomes
     * the CUDA ordinal unless set), otherwise the native CPU backend (java when native cannot load).
     */
    static Backend chooseBackend(String name, boolean localMode) {
        if (!"auto".equalsIgnoreCase(name.trim())) return Backends.get(name);
        if (localMode) return Backends.auto();
        TaskContext tc = TaskContext.get();
        Map<String, ResourceInformation> res = tc == null ? Map.of() : tc.resourcesJMap();
        ResourceInformation gpu = res.get("gpu");
        if (gpu != null && gpu.addresses().length > 0) {
            if (System.getProperty(CudaBackend.DEVICE_PROPERTY) == null)
                System.setProperty(CudaBackend.DEVICE_PROPERTY, gpu.addresses()[0]);
            for (String b : new String[]{"cuda", "opencl-gpu"})
                for (Backend be : Backends.list()) if (be.name().equals(b) && be.isAvailable()) return be;
        }
        for (String b : new String[]{"native", "java"})
            for (Backend be : Backends.list()) if (be.name().equals(b) && be.isAvailable()) return be;
        return Backends.auto();
    }

    /** One partition's data on a device. */
    /** The core's family of a name sent in a {@link PassRequest}. */
    static LossFamily family(String name) {
        for (LossFamily f : new LossFamily[]{LossFamily.SQUARED, LossFamily.LOGISTIC, LossFamily.POISSON})
            if (f.name().equals(name)) return f;
        throw new IllegalArgumentException("unknown loss family '" + name + "'");
    }

    static final class Packed implements AutoCloseable {
        final int n, p;
        final double[] y, xCol; // host copies: y, and X column-major (for XᵀWX)
        final double sumY;
        final double[] sumX, sumX2;
        final Context ctx;
        final boolean sharedCtx;
        final DeviceBuffer x, yd, b, off, eta, r, grad;
        DeviceBuffer xColD, h, wd, xtw; // allocated on the first Hessian pass

        private Packed(int n, int p, double[] xRow, double[] y, Context ctx, boolean shared) {
            this.n = n;
            this.p = p;
            this.y = y;
            this.ctx = ctx;
            this.sharedCtx = shared;
            xCol = new double[n * p];
            sumX = new double[p];
            sumX2 = new double[p];
            double sy = 0;
            for (int i = 0; i < n; i++) {
                sy += y[i];
                for (int j = 0; j < p; j++) {
                    double v = xRow[i * p + j];
                    xCol[j * n + i] = v;
                    sumX[j] += v;
                    sumX2[j] += v * v;
                }
            }
            sumY = sy;
            synchronized (ctx) {
                Precision d = Precision.FLOAT64;
                x = ctx.upload(d, xRow);
                yd = ctx.upload(d, y);
                b = ctx.alloc(d, p);
                off = ctx.alloc(d, 1);
                eta = ctx.alloc(d, n);
                r = ctx.alloc(d, n);
                grad = ctx.alloc(d, p);
            }
        }

        /** Packs given rows on a given context (device checks without Spark). */
        static Packed of(int n, int p, double[] xRow, double[] y, Context ctx) {
            return new Packed(n, p, xRow, y, ctx, false);
        }

        static Packed pack(PassRequest q, Iterator<Row> rows) {
            int p = q.p();
            List<double[]> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            while (rows.hasNext()) {
                Row row = rows.next();
                if (row.isNullAt(0) || row.isNullAt(1)) throw new IllegalArgumentException("null label or features in a row");
                double yi = row.getDouble(0);
                Vector v = (Vector) row.get(1);
                if (v.size() != p) throw new IllegalArgumentException("features vector of size " + v.size() + ", expected " + p);
                double[] xi = new double[p];
                if (v instanceof SparseVector sv) {
                    int[] idx = sv.indices();
                    double[] val = sv.values();
                    for (int k = 0; k < idx.length; k++) xi[idx[k]] = val[k];
                } else System.arraycopy(v.toArray(), 0, xi, 0, p);
                for (int j = 0; j < p; j++)
                    if (!Double.isFinite(xi[j])) throw new IllegalArgumentException("feature " + j + " is not finite: " + xi[j]);
                if (!Double.isFinite(yi)) throw new IllegalArgumentException("label is not finite: " + yi);
                if (q.family().equals(LossFamily.LOGISTIC.name()) && yi != 0 && yi != 1)
                    throw new IllegalArgumentException("logistic regression needs labels in {0,1}, got " + yi);
                if (q.family().equals(LossFamily.POISSON.name()) && yi < 0)
                    throw new IllegalArgumentException("Poisson regression needs counts >= 0 as labels, got " + yi);
                xs.add(xi);
                ys.add(yi);
            }
            int n = xs.size();
            double[] xRow = new double[Math.multiplyExact(n, p)];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(xs.get(i), 0, xRow, i * p, p);
                y[i] = ys.get(i);
            }
            Backend be = chooseBackend(q.backend(), q.localMode());
            boolean gpu = be.name().equals("cuda") || be.name().equals("opencl-gpu");
            Context ctx = gpu ? SHARED.computeIfAbsent(be.name(), k -> be.open()) : be.open();
            return new Packed(n, p, xRow, y, ctx, gpu);
        }

        Stats compute(PassRequest q) {
            Stats s = new Stats(p, q.hessian());
            s.n = n;
            s.sumY = sumY;
            System.arraycopy(sumX, 0, s.sumX, 0, p);
            System.arraycopy(sumX2, 0, s.sumX2, 0, p);
            if (n == 0) return s;
            LossFamily fam = family(q.family()); // the core's formulas, once
            boolean logistic = !fam.isQuadratic(); // a GLM: the curvature weights change with η
            double[] e, rr;
            synchronized (ctx) {
                b.copyFrom(q.beta());
                off.copyFrom(new double[]{q.c0()});
                // the one-pass kernel: η = c0 + Xβ, r = y − μ(η), Xᵀr from one read of X
                Loss kernel = fam.kernelLoss();
                ctx.lossGradient(kernel != null ? kernel : Loss.SQUARED, grad, eta, r, x, n, p, b, off, yd, 1);
                e = eta.toDoubleArray();
                if (kernel != null) {
                    rr = r.toDoubleArray();
                    grad.copyTo(s.xtr);
                } else { // no one-pass kernel for this family (Poisson): η from the kernel, r and Xᵀr on the host
                    rr = new double[n];
                    for (int i = 0; i < n; i++) rr[i] = y[i] - fam.mean(e[i]);
                    for (int j = 0; j < p; j++) {
                        double g = 0;
                        for (int i = 0; i < n; i++) g += xCol[j * n + i] * rr[i];
                        s.xtr[j] = g;
                    }
                }
                if (q.hessian()) {
                    if (h == null) {
                        h = ctx.alloc(Precision.FLOAT64, (long) p * p);
                        xColD = ctx.upload(Precision.FLOAT64, xCol);
                        wd = ctx.alloc(Precision.FLOAT64, n);
                        xtw = ctx.alloc(Precision.FLOAT64, p);
                    }
                    if (logistic) {
                        double[] w = new double[n];
                        double[] wx = new double[n * p];
                        for (int i = 0; i < n; i++) {
                            w[i] = fam.weight(e[i]);
                            s.sumW += w[i];
                        }
                        for (int j = 0; j < p; j++) for (int i = 0; i < n; i++) wx[j * n + i] = w[i] * xCol[j * n + i];
                        wd.copyFrom(w);
                        ctx.matTVec(xtw, x, n, p, wd, 1);
                        xtw.copyTo(s.xtw);
                        xColD.copyFrom(wx); // the scratch now holds W·X (column-major); rewritten every pass
                    } else {
                        s.sumW = n;
                        System.arraycopy(sumX, 0, s.xtw, 0, p);
                    }
                    // XᵀWX as p stacked Xᵀ·(W x_j) products
                    ctx.matTVec(h, x, n, p, xColD, p);
                    h.copyTo(s.hess);
                }
            }
            double loss = 0, sr = 0, sry = 0, sr2 = 0, ent = 0;
            for (int i = 0; i < n; i++) {
                double ri = rr[i];
                sr += ri;
                sry += ri * y[i];
                sr2 += ri * ri;
                loss += fam.loss(y[i], e[i]);
                if (q.entropy()) { // −Σ dualTerm: the conjugate sum of the dual point q = y − t(r − r̄), in its domain
                    double qq = Math.min(fam.dualUpper(), Math.max(fam.dualLower(), y[i] - q.t() * (ri - q.rbar())));
                    ent -= fam.dualTerm(y[i], qq);
                }
            }
            s.loss = loss;
            s.sumR = sr;
            s.sumRY = sry;
            s.sumR2 = sr2;
            s.entropy = ent;
            return s;
        }

        @Override
        public void close() {
            synchronized (ctx) {
                for (DeviceBuffer d : new DeviceBuffer[]{x, yd, b, off, eta, r, grad, xColD, h, wd, xtw})
                    if (d != null && !d.isClosed()) d.close();
            }
            if (!sharedCtx) ctx.close();
        }
    }
}
