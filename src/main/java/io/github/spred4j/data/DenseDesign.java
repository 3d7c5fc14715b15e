package io.github.spred4j.data;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;

/**
 * A dense design on a device, row-major (X as uploaded, {@code x[i*p+j]}) or column-major (stored as Xᵀ, p×n
 * row-major, so {@code X·b} is the transposed pass and {@code Xᵀr} the plain one). The host array is kept (not
 * copied, never modified) so that {@link #select} and {@link #columns} can gather columns without a device pass.
 */
public final class DenseDesign implements Design {
    private final Context ctx;
    private final Precision prec;
    private final int n, p;
    private final double[] host;     // row-major n×p when rowMajor, else p×n (Xᵀ row-major)
    private final boolean rowMajor;
    private final DeviceBuffer x;

    private DenseDesign(Context ctx, Precision prec, int n, int p, double[] host, boolean rowMajor) {
        if ((long) n * p != host.length)
            throw new IllegalArgumentException("X has " + host.length + " values, expected n*p = " + (long) n * p);
        this.ctx = ctx;
        this.prec = prec;
        this.n = n;
        this.p = p;
        this.host = host;
        this.rowMajor = rowMajor;
        this.x = ctx.upload(prec, host);
    }

    /** Uploads row-major X (n×p, {@code x[i*p+j]}). */
    public static DenseDesign rowMajor(Context ctx, Precision prec, int n, int p, double[] x) {
        return new DenseDesign(ctx, prec, n, p, x, true);
    }

    /** Uploads column-major X ({@code x[j*n+i]}, i.e. Xᵀ row-major). */
    public static DenseDesign columnMajor(Context ctx, Precision prec, int n, int p, double[] xColumnMajor) {
        return new DenseDesign(ctx, prec, n, p, xColumnMajor, false);
    }

    @Override
    public int n() {
        return n;
    }

    @Override
    public int p() {
        return p;
    }

    @Override
    public Context context() {
        return ctx;
    }

    @Override
    public Precision precision() {
        return prec;
    }

    @Override
    public void times(DeviceBuffer out, DeviceBuffer b, int k) {
        if (rowMajor) ctx.matVec(out, x, n, p, b, k);
        else ctx.matTVec(out, x, p, n, b, k);
    }

    @Override
    public void transposeTimes(DeviceBuffer out, DeviceBuffer r, int k) {
        if (rowMajor) ctx.matTVec(out, x, n, p, r, k);
        else ctx.matVec(out, x, p, n, r, k);
    }

    @Override
    public boolean hasOnePassGradient(Loss loss) {
        return rowMajor && loss != null;
    }

    @Override
    public void lossGradient(Loss loss, DeviceBuffer grad, DeviceBuffer eta, DeviceBuffer r, DeviceBuffer b,
                             DeviceBuffer offset, DeviceBuffer y) {
        if (!hasOnePassGradient(loss)) throw new IllegalStateException("no one-pass gradient for " + loss);
        ctx.lossGradient(loss, grad, eta, r, x, n, p, b, offset, y, 1);
    }

    /** Column sums by one col_stats pass (row-major; column-major: see {@link #centredSumSquares}). */
    @Override
    public double[] columnSums() {
        return stats(new double[p])[0];
    }

    /**
     * Σ_i (x_ij − m_j)² by one col_stats pass on the device, accumulated in double (exact centring: no
     * sumsq − n·m² cancellation). In the device precision: a float64 design gives float64 statistics.
     */
    @Override
    public double[] centredSumSquares(double[] m) {
        if (m == null || m.length != p)
            throw new IllegalArgumentException("centres have length " + (m == null ? "null" : m.length) + ", expected p = " + p);
        return stats(m)[1];
    }

    /** {sums, sums of squares} centred at c. */
    private double[][] stats(double[] c) {
        if (!rowMajor) return hostStats(c);
        try (DeviceBuffer cen = ctx.upload(prec, c); DeviceBuffer s = ctx.alloc(prec, p); DeviceBuffer q = ctx.alloc(prec, p)) {
            ctx.colStats(s, q, x, n, p, cen);
            return new double[][]{s.toDoubleArray(), q.toDoubleArray()};
        }
    }

    /**
     * A column-major design is a working set's gathered columns (n×|W|, made by {@link #select}); the engine never
     * asks for its statistics, and col_stats reads row-major X: a plain host loop over the kept columns.
     */
    private double[][] hostStats(double[] c) {
        double[][] o = new double[2][p];
        for (int j = 0; j < p; j++) {
            double s = 0, q = 0, m = c[j];
            for (int i = 0, off = j * n; i < n; i++) {
                double d = host[off + i] - m;
                s += d;
                q += d * d;
            }
            o[0][j] = s;
            o[1][j] = q;
        }
        return o;
    }

    @Override
    public double[] columns(int[] cols) {
        double[] out = new double[Math.multiplyExact(n, cols.length)];
        for (int a = 0; a < cols.length; a++) {
            int j = cols[a];
            if (j < 0 || j >= p) throw new IllegalArgumentException("column " + j + " out of range [0, " + p + ")");
            int o = a * n;
            if (rowMajor) for (int i = 0; i < n; i++) out[o + i] = host[i * p + j];
            else System.arraycopy(host, j * n, out, o, n);
        }
        return out;
    }

    /** The selected columns as a column-major design (the gathered columns are already stacked that way). */
    @Override
    public Design select(int[] cols) {
        return new DenseDesign(ctx, prec, n, cols.length, columns(cols), false);
    }

    @Override
    public void close() {
        x.close();
    }
}
