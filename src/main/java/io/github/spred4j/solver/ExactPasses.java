package io.github.spred4j.solver;

import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;
import io.github.spred4j.data.Design;
import io.github.spred4j.data.SparseDesign;

/**
 * The float64 passes over X that judge a fit and set up a problem, on the device: η = b0 + Xβ and the centred,
 * scaled gradient Zcᵀr/n = diag(1/s)(Xᵀr − x̄·Σr)/n, both from a float64 {@link Design} (the fit's own design for
 * a float64 fit, a float64 copy for a float32 fit: a float32 fit's certificate must be the certificate of the
 * caller's X, not of its float32 rounding). The host touches only vectors of length n or p; buffers are allocated
 * on first use and reused for the life of the problem (a path).
 */
final class ExactPasses implements AutoCloseable {
    private final Design x;
    private DeviceBuffer nBuf, pBuf, nOut;

    ExactPasses(Design x) {
        if (x.precision() != Precision.FLOAT64)
            throw new IllegalArgumentException("the exact passes need X in float64, got " + x.precision());
        this.x = x;
    }

    Design design() {
        return x;
    }

    private void ensure() {
        if (nBuf == null) {
            nBuf = x.context().alloc(Precision.FLOAT64, x.n());
            pBuf = x.context().alloc(Precision.FLOAT64, x.p());
            nOut = x.context().alloc(Precision.FLOAT64, x.n());
        }
    }

    /** Xᵀr in float64 (length p). */
    double[] xtr(double[] r) {
        ensure();
        nBuf.copyFrom(r);
        x.transposeTimes(pBuf, nBuf, 1);
        return pBuf.toDoubleArray();
    }

    /** Zcᵀr/n = (Xᵀr − x̄·Σr)/s/n: the centring folded in after the pass (x̄ = 0 without intercept). */
    double[] zcT(double[] r, double[] xbar, double[] scale) {
        return Certificates.centred(xtr(r), r, xbar, scale);
    }

    /**
     * η = b0 + Xβ in float64 (β on the original scale). Sparse X with a small support (n·|S| ≤ nnz): only the
     * support's columns, gathered into a small dense design; else X·b by the CSR, which the first such product
     * builds and uploads once (O(nnz), ~100 ms at rcv1 size: too much for the one product a float32 fit needs).
     */
    double[] eta(double b0, double[] beta) {
        ensure();
        double[] e;
        int m = 0;
        int[] s = new int[beta.length];
        for (int j = 0; j < beta.length; j++) if (beta[j] != 0) s[m++] = j;
        if (x instanceof SparseDesign sd && (long) x.n() * m <= sd.csc().nnz()) {
            e = new double[x.n()];
            if (m > 0)
                try (Design xs = x.select(java.util.Arrays.copyOf(s, m)); DeviceBuffer b = x.context().alloc(Precision.FLOAT64, m)) {
                    double[] bs = new double[m];
                    for (int a = 0; a < m; a++) bs[a] = beta[s[a]];
                    b.copyFrom(bs);
                    xs.times(nOut, b, 1);
                    e = nOut.toDoubleArray();
                }
        } else {
            pBuf.copyFrom(beta);
            x.times(nOut, pBuf, 1);
            e = nOut.toDoubleArray();
        }
        for (int i = 0; i < e.length; i++) e[i] += b0;
        return e;
    }

    @Override
    public void close() {
        for (DeviceBuffer b : new DeviceBuffer[]{nBuf, pBuf, nOut}) if (b != null) b.close();
        nBuf = pBuf = nOut = null;
    }
}
