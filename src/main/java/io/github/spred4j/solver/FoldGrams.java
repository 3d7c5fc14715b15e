package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;

/**
 * The fold Grams X_fᵀX_f of a dense cross-validation (X centred by {@code m}), upper triangle (diagonal included)
 * made exactly symmetric as {@link GramBatch#gramCols} does, written into a caller's p×p array. On the device
 * backends one output buffer on the device serves every fold; the Java reference uses {@link GramBatch#gram}.
 *
 * <p>Why into a caller's array: {@link GramCv} either keeps every fold's Gram (large folds: computing one twice
 * costs more than its memory) or computes each twice into one reused array (small folds, wide X: gasoline's
 * 6×401 folds cost 0.5 Mflop each, while ten fresh 401×401 arrays cost more than the whole warm CV in a cold JVM,
 * zeroing and page faults included).
 */
final class FoldGrams implements AutoCloseable {
    private final Context ctx;
    private final double[] x, m;
    private final int p;
    private final boolean device;
    private DeviceBuffer out, mean;
    private double[] full; // the device's p×p answer (both triangles, before symmetrising)

    FoldGrams(Context ctx, double[] x, int p, double[] m) {
        this.ctx = ctx;
        this.x = x;
        this.p = p;
        this.m = m;
        device = !ctx.backendName().equals("java");
    }

    /** X_fᵀX_f of {@code rows} into {@code into}'s upper triangle (the lower one is left as it was); returns it. */
    double[] of(int[] rows, double[] into) {
        if (!device) {
            double[] S = GramBatch.gram(ctx, x, p, rows, m);
            for (int a = 0; a < p; a++) System.arraycopy(S, a * p + a, into, a * p + a, p - a);
            return into;
        }
        if (out == null) {
            out = ctx.alloc(Precision.FLOAT64, (long) p * p);
            mean = ctx.upload(Precision.FLOAT64, m);
            full = new double[p * p];
        }
        int[] cols = new int[p];
        for (int j = 0; j < p; j++) cols[j] = j;
        try (DeviceBuffer X = ctx.upload(Precision.FLOAT64, CrossValidation.gather(x, p, rows))) {
            ctx.gramCols(out, X, rows.length, p, mean, cols);
        }
        out.copyTo(full);
        for (int a = 0; a < p; a++) {
            into[a * p + a] = full[a * p + a];
            for (int c = a + 1; c < p; c++) into[a * p + c] = 0.5 * (full[a * p + c] + full[c * p + a]);
        }
        return into;
    }

    @Override
    public void close() {
        if (out != null) out.close();
        if (mean != null) mean.close();
    }
}
