package io.github.spred4j.backend;

import io.github.spred4j.api.Precision;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Comparison of a device result with the float64 reference: element i passes when
 * {@code |d − r| ≤ atol_i + rtol·|r|}. NaN or infinity on either side never passes (a reference that produced
 * NaN is a broken test). The message lists the first mismatches with their index, and the count.
 */
public final class Tolerance {
    /** Element-wise ops: inputs of magnitude ~1, a few roundings apart. */
    public static final double F32_RTOL = 1e-5, F32_ATOL = 1e-5;
    public static final double F64_RTOL = 1e-12, F64_ATOL = 1e-13;
    /** Sums (reductions, matrix passes): error relative to Σ|terms|, which accumulation order can change. */
    public static final double F32_SUM = 1e-4, F64_SUM = 1e-12;
    /** A per-group sum (⟨G_g, W_g⟩ in the group kernels), relative to Σ|terms| of that group. */
    public static final double F32_GROUP_SUM = 1e-5, F64_GROUP_SUM = 1e-13;

    private Tolerance() {
    }

    public static double rtol(Precision p) {
        return p == Precision.FLOAT32 ? F32_RTOL : F64_RTOL;
    }

    public static double atol(Precision p) {
        return p == Precision.FLOAT32 ? F32_ATOL : F64_ATOL;
    }

    public static double groupSum(Precision p) {
        return p == Precision.FLOAT32 ? F32_GROUP_SUM : F64_GROUP_SUM;
    }

    public static double sum(Precision p) {
        return p == Precision.FLOAT32 ? F32_SUM : F64_SUM;
    }

    /** Element-wise comparison with a constant absolute tolerance. */
    public static void assertClose(String what, double[] dev, double[] ref, double rtol, double atol) {
        double[] a = new double[ref.length];
        java.util.Arrays.fill(a, atol);
        assertClose(what, dev, ref, rtol, a);
    }

    /** Element-wise comparison with a per-element absolute tolerance. */
    public static void assertClose(String what, double[] dev, double[] ref, double rtol, double[] atol) {
        if (dev.length != ref.length) fail(what + ": length " + dev.length + " != reference length " + ref.length);
        int bad = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < ref.length; i++) {
            double d = dev[i], r = ref[i];
            boolean ok = Double.isFinite(d) && Double.isFinite(r) && Math.abs(d - r) <= atol[i] + rtol * Math.abs(r);
            if (!ok) {
                if (bad < 5) first.append(String.format("%n  [%d] device=%s reference=%s diff=%.3g allowed=%.3g",
                        i, d, r, Math.abs(d - r), atol[i] + rtol * Math.abs(r)));
                bad++;
            }
        }
        if (bad > 0) fail(what + ": " + bad + " of " + ref.length + " elements differ" + first);
    }

    /** A scalar (a reduction) within {@code tol·scale}; NaN never passes. */
    public static void assertScalar(String what, double dev, double ref, double tol, double scale) {
        boolean ok = Double.isFinite(dev) && Double.isFinite(ref) && Math.abs(dev - ref) <= tol * scale + Double.MIN_NORMAL;
        if (!ok) fail(String.format("%s: device=%s reference=%s diff=%.3g allowed=%.3g", what, dev, ref, Math.abs(dev - ref), tol * scale));
    }
}
