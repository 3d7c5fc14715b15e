package io.github.spred4j.data;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SparseIndex;

/**
 * A sparse design on a device: CSR (for {@code X·b}, one worker a row) and CSC (for {@code Xᵀr}, a deterministic
 * gather a column), both built once, values uploaded once per layout. X is never centred nor densified: the
 * intercept and standardisation stay implicit in the engine. The host CSR and CSC are kept (shared, never
 * modified) so that working-set columns are gathered on the host; column sums and centred norms come from the
 * device (csc_col_stats), with static host twins for the routes that have no device.
 */
public final class SparseDesign implements Design {
    private final Context ctx;
    private final Precision prec;
    private CsrMatrix csr;              // built from the CSC on first use when the design was given only the CSC
    private final CscMatrix csc;
    private SparseIndex rows;           // the device CSR: uploaded on the first X·b (the engine only gathers Xᵀr)
    private final SparseIndex cols;
    private DeviceBuffer rowVal;
    private final DeviceBuffer colVal;
    private DeviceBuffer zeros, scratch; // y = 0 and r for csrResidual used as a plain X·b (allocated on first use)

    /** Uploads X given as CSR; its CSC is built here once (O(nnz + p)). */
    public SparseDesign(Context ctx, Precision prec, CsrMatrix x) {
        this(ctx, prec, x, x.toCsc());
    }

    /** Uploads X given in both layouts (the same matrix; not checked beyond the shape). */
    public SparseDesign(Context ctx, Precision prec, CsrMatrix x, CscMatrix xc) {
        this(ctx, prec, xc);
        if (x.rows() != xc.rows() || x.cols() != xc.cols() || x.nnz() != xc.nnz()) {
            close();
            throw new IllegalArgumentException("CSR " + x + " and CSC " + xc + " are not the same matrix");
        }
        csr = x;
    }

    /**
     * Uploads X given as CSC (what the engine's passes need: Xᵀr gathers, column statistics, working-set columns);
     * the CSR (host and device) is built only if {@link #times} or {@link #csr()} is called.
     */
    public SparseDesign(Context ctx, Precision prec, CscMatrix xc) {
        this.ctx = ctx;
        this.prec = prec;
        this.csc = xc;
        SparseIndex c = null;
        DeviceBuffer cv = null;
        try {
            c = ctx.sparse(SparseIndex.Layout.CSC, xc.rows(), xc.cols(), xc.colPtr(), xc.rowIdx());
            cv = ctx.upload(prec, xc.values());
        } catch (RuntimeException e) {
            for (AutoCloseable a : new AutoCloseable[]{cv, c}) closeQuietly(a);
            throw e;
        }
        cols = c;
        colVal = cv;
    }

    /** The device CSR, uploaded once on first use. */
    private void ensureRows() {
        if (rows != null) return;
        CsrMatrix x = csr();
        SparseIndex r = ctx.sparse(SparseIndex.Layout.CSR, x.rows(), x.cols(), x.rowPtr(), x.colIdx());
        try {
            rowVal = ctx.upload(prec, x.values());
        } catch (RuntimeException e) {
            closeQuietly(r);
            throw e;
        }
        rows = r;
    }

    private static void closeQuietly(AutoCloseable a) {
        if (a == null) return;
        try {
            a.close();
        } catch (Exception ignored) { // already failing: the first error is the one to report
        }
    }

    /** The host CSR (shared: do not modify); built from the CSC on first use if the design was given only the CSC. */
    public synchronized CsrMatrix csr() {
        if (csr == null) csr = csc.toCsr();
        return csr;
    }

    /** The host CSC (shared: do not modify). */
    public CscMatrix csc() {
        return csc;
    }

    @Override
    public int n() {
        return csc.rows();
    }

    @Override
    public int p() {
        return csc.cols();
    }

    @Override
    public Context context() {
        return ctx;
    }

    @Override
    public Precision precision() {
        return prec;
    }

    /**
     * {@code out = X·b} by the CSR residual kernel with y = 0 and the identity link (η is the product; the
     * residual goes to a scratch buffer). k > 1 runs problem by problem through host copies (the engine calls k = 1).
     */
    @Override
    public void times(DeviceBuffer out, DeviceBuffer b, int k) {
        int n = n(), p = p();
        if (k == 1) {
            ensureRows();
            ensureScratch();
            ctx.csrResidual(out, scratch, rows, rowVal, b, zeros, 0, Loss.SQUARED);
            return;
        }
        perProblem(out, n, b, p, k, true);
    }

    /** {@code out = Xᵀ·r} by the CSC gather (deterministic: no atomics). */
    @Override
    public void transposeTimes(DeviceBuffer out, DeviceBuffer r, int k) {
        int n = n(), p = p();
        if (k == 1) {
            ctx.cscMatTVec(out, cols, colVal, r);
            return;
        }
        perProblem(out, p, r, n, k, false);
    }

    /** k problems one at a time through host copies (correct for any k; not a fast path). */
    private void perProblem(DeviceBuffer out, int outLen, DeviceBuffer in, int inLen, int k, boolean forward) {
        if (k < 0) throw new IllegalArgumentException("k must be >= 0, got " + k);
        double[] v = new double[inLen], w = new double[outLen];
        try (DeviceBuffer vi = ctx.alloc(prec, inLen); DeviceBuffer wo = ctx.alloc(prec, outLen)) {
            for (int j = 0; j < k; j++) {
                in.copyTo((long) j * inLen, v, 0, inLen);
                vi.copyFrom(v);
                if (forward) times(wo, vi, 1);
                else transposeTimes(wo, vi, 1);
                wo.copyTo(w);
                out.copyFrom(w, 0, (long) j * outLen, outLen);
            }
        }
    }

    private void ensureScratch() {
        if (zeros == null) {
            zeros = ctx.alloc(prec, n());
            ctx.fill(zeros, 0);
            scratch = ctx.alloc(prec, n());
        }
    }

    @Override
    public boolean hasOnePassGradient(Loss loss) {
        return false;
    }

    @Override
    public void lossGradient(Loss loss, DeviceBuffer grad, DeviceBuffer eta, DeviceBuffer r, DeviceBuffer b,
                             DeviceBuffer offset, DeviceBuffer y) {
        throw new IllegalStateException("no one-pass gradient on a sparse design (times, then transposeTimes)");
    }

    /** Column sums by one csc_col_stats pass on the device (each column in row order, zeros skipped). */
    @Override
    public double[] columnSums() {
        return stats(new double[p()])[0];
    }

    /** The column sums of a host CSC in float64 (no device: the host routes, {@link #columnSums()} on the java backend's order). */
    public static double[] columnSums(CscMatrix csc) {
        long[] cp = csc.colPtr();
        double[] v = csc.values();
        double[] s = new double[csc.cols()];
        for (int j = 0; j < s.length; j++) {
            double t = 0;
            for (long q = cp[j]; q < cp[j + 1]; q++) t += v[(int) q];
            s[j] = t;
        }
        return s;
    }

    /**
     * Σ_i (x_ij − m_j)² = Σ over stored entries (x − m_j)² + (n − nnz_j)·m_j², by one csc_col_stats pass on the
     * device, accumulated in double (not sumsq − 2m·sum + n·m², which cancels). In the device precision.
     */
    @Override
    public double[] centredSumSquares(double[] m) {
        if (m == null || m.length != p())
            throw new IllegalArgumentException("centres have length " + (m == null ? "null" : m.length) + ", expected p = " + p());
        return stats(m)[1];
    }

    /** {sums, sums of squares} over all n rows centred at c, from the device CSC. */
    private double[][] stats(double[] c) {
        int p = p();
        try (DeviceBuffer cen = ctx.upload(prec, c); DeviceBuffer s = ctx.alloc(prec, p); DeviceBuffer q = ctx.alloc(prec, p)) {
            ctx.cscColStats(s, q, cols, colVal, cen);
            return new double[][]{s.toDoubleArray(), q.toDoubleArray()};
        }
    }

    /** The centred sums of squares of a host CSC in float64 (no device: the host routes). */
    public static double[] centredSumSquares(CscMatrix csc, double[] m) {
        int n = csc.rows(), p = csc.cols();
        if (m == null || m.length != p)
            throw new IllegalArgumentException("centres have length " + (m == null ? "null" : m.length) + ", expected p = " + p);
        long[] cp = csc.colPtr();
        double[] v = csc.values();
        double[] ss = new double[p];
        for (int j = 0; j < p; j++) {
            double c = m[j], t = 0;
            for (long q = cp[j]; q < cp[j + 1]; q++) {
                double d = v[(int) q] - c;
                t += d * d;
            }
            ss[j] = t + (n - (cp[j + 1] - cp[j])) * c * c;
        }
        return ss;
    }

    /** The listed columns stacked column-major (float64, from the host CSC: O(n·|cols| + their nonzeros)). */
    @Override
    public double[] columns(int[] sel) {
        int n = n(), p = p();
        long[] cp = csc.colPtr();
        int[] ri = csc.rowIdx();
        double[] v = csc.values();
        double[] out = new double[Math.multiplyExact(n, sel.length)];
        for (int a = 0; a < sel.length; a++) {
            int j = sel[a];
            if (j < 0 || j >= p) throw new IllegalArgumentException("column " + j + " out of range [0, " + p + ")");
            int o = a * n;
            for (long q = cp[j]; q < cp[j + 1]; q++) out[o + ri[(int) q]] = v[(int) q];
        }
        return out;
    }

    /** A working set is small: its columns as a dense column-major design. */
    @Override
    public Design select(int[] sel) {
        return DenseDesign.columnMajor(ctx, prec, n(), sel.length, columns(sel));
    }

    @Override
    public void close() {
        for (AutoCloseable a : new AutoCloseable[]{scratch, zeros, colVal, cols, rowVal, rows}) closeQuietly(a);
    }
}
