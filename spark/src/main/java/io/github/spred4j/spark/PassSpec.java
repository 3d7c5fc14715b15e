package io.github.spred4j.spark;

import java.io.Serializable;

/**
 * What one pass of the working-set engine asks of every partition ({@link Block#compute}). The point (c0, β) is on
 * the original scale of X and travels sparse (β's non-zeros only, so a pass over a million features ships a few
 * kilobytes). A pass can ask for:
 * <ul>
 *   <li>{@code constants}: n, Σy, Σx_j, Σx_j² (the first pass: means and scales, never centring the data);</li>
 *   <li>{@code gradient}: Xᵀr with r = y − μ(η), η = c0 + Xβ (p numbers);</li>
 *   <li>a Gram block: Σ_i w_i x_{i,R} x_{i,C}ᵀ for the row columns R and the new columns C only (|R|×|C|, with
 *       w = μ'(η) when {@code weighted}, else 1), and Σ_i w_i x_{i,R};</li>
 *   <li>{@code xtw}: Xᵀw, w = μ'(η) (p numbers; the weighted centring of a GLM's dual point);</li>
 *   <li>{@code entropy}: the dual's conjugate sums at this point for the two dual points the driver derived from
 *       the previous pass at the same point: q = y − t(r − r̄) and q = y − t2(r − wc·w) (a partition reuses its
 *       cached η: no read of X).</li>
 * </ul>
 * The loss and residual sums (Σℓ, Σr, Σry, Σr²) come with every point evaluation. It holds no native handle.
 *
 * @param point   an id of the point (c0, β): equal ids mean the same point (the residual cache key)
 * @param passNo  the fit's job counter (tests inject task failures by it)
 * @param backend the estimator's backend param: where the partitions' reads of X run ({@link DeviceOps#open})
 * @param weightIndex the row field holding the observation weight (weightCol), or −1 for none
 */
record PassSpec(String fitId, int rddId, int p, String family, int point, double c0, int[] bIdx, double[] bVal,
                boolean constants, boolean gradient, int[] gramRows, int[] gramCols, boolean weighted,
                boolean xtw, boolean entropy, double t, double rbar, double t2, double wc, int passNo,
                String backend, int weightIndex)
        implements Serializable {

    /** Whether the Gram block is its own transpose (R and C the same list): only one triangle is summed. */
    boolean symmetric() {
        return gramRows != null && java.util.Arrays.equals(gramRows, gramCols);
    }
}
