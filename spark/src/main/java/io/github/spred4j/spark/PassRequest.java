package io.github.spred4j.spark;

import java.io.Serializable;

/**
 * What one pass asks of every partition: the point (c0, β) on the original scale, whether to form the Hessian
 * XᵀWX, the loss family by name (LossFamily.name()), and (for a GLM certificate) the dual scaling t and mean residual r̄ of the entropy sum. It holds no
 * native handle: the packed data live in {@link PartitionCache} on each executor.
 */
record PassRequest(String fitId, int rddId, int p, String family, double c0, double[] beta, boolean hessian,
                   boolean entropy, double t, double rbar, String backend, boolean localMode) implements Serializable {
}
