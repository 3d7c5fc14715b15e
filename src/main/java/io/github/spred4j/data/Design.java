package io.github.spred4j.data;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;

/**
 * The solver engine's view of a design matrix X (n×p) resident on a device: the few passes the engine needs and
 * nothing else. The engine never centres, scales or densifies X: the intercept and standardisation stay implicit
 * (x̄ and the scales are applied to the small vectors around these passes). A block of k vectors is stored one
 * vector after another (vector j at j·len), as in {@link Context}.
 *
 * <p>Implementations: {@link DenseDesign} (row-major or column-major). A sparse layout implements the same
 * passes; {@link #select} may return any layout (the engine only uses the passes).
 */
public interface Design extends AutoCloseable {
    /** Rows. */
    int n();

    /** Columns. */
    int p();

    /** The context whose buffers the passes take. */
    Context context();

    /** Working precision of the device copy. */
    Precision precision();

    /** {@code out_j = X·b_j}: out n·k, b p·k. */
    void times(DeviceBuffer out, DeviceBuffer b, int k);

    /** {@code out_j = Xᵀ·r_j}: out p·k, r n·k. */
    void transposeTimes(DeviceBuffer out, DeviceBuffer r, int k);

    /**
     * Whether {@link #lossGradient} reads X once for this loss (else it is {@link #times}, the link on the
     * device, then {@link #transposeTimes}).
     */
    boolean hasOnePassGradient(Loss loss);

    /**
     * η = X·b + offset, r = y − μ(η), grad = Xᵀr (one problem). Only for losses where
     * {@link #hasOnePassGradient} is true.
     */
    void lossGradient(Loss loss, DeviceBuffer grad, DeviceBuffer eta, DeviceBuffer r, DeviceBuffer b,
                      DeviceBuffer offset, DeviceBuffer y);

    /**
     * Column sums of X (length p) by one pass on the device, accumulated in double and returned in the design's
     * precision (a float64 design gives float64 sums).
     */
    double[] columnSums();

    /**
     * Σ_i (x_ij − m_j)² for the given centres m (length p): the centred column norms squared, by one pass on the
     * device accumulated in double (in the design's precision, as {@link #columnSums}).
     */
    double[] centredSumSquares(double[] centres);

    /**
     * The listed columns, in that order, as a new device-resident design (n×|cols|) that the caller closes.
     * This is how working sets are formed: O(n·|cols|) work, never a pass over all of X.
     */
    Design select(int[] cols);

    /** Copies columns {@code cols} to the host, stacked (column a at a·n), float64. */
    double[] columns(int[] cols);

    @Override
    void close();
}
