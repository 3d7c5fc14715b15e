package io.github.spred4j.spark;

/**
 * The three reads of X a pass of the working-set engine makes on one packed partition ({@link Block}), on the
 * executor's chosen backend: Java float64 loops ({@link JavaOps}, the reference) or a device through the core's
 * {@code Context} ({@link DeviceOps}: native JNI, OpenCL, CUDA). Everything else a pass does is O(n) host work on
 * η and its residuals (losses, weights, sums), the same for every backend.
 */
interface PassOps extends AutoCloseable {
    /** The backend the reads run on ("java" for the Java loops, else the core backend's name). */
    String name();

    /** η = c0 + Xβ (n numbers) from β's non-zeros (indices bi, values bv). */
    double[] eta(double c0, int[] bi, double[] bv);

    /** Xᵀr (p numbers). */
    double[] xtr(double[] r);

    /**
     * A Gram block and its weighted column sums: {G, xw} with G[a·|C| + m] = Σ_i w_i x_{i,R[a]} x_{i,C[m]}
     * (row-major |R|×|C|, never p×p) and xw[a] = Σ_i w_i x_{i,R[a]}; w null means all ones.
     */
    double[][] gram(int[] R, int[] C, double[] w);

    /** Frees device memory (idempotent; the Java loops hold none). */
    @Override
    void close();
}
