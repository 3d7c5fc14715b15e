package io.github.spred4j.solver;

/** The optimiser that minimises the spred objective before the exact-zero and polish phases. */
public enum Method {
    /**
     * The working-set engine (default): coordinate descent on a working set grown from the KKT violators, strong
     * rule and Gap Safe screening, an active-set Newton polish, a certificate from one pass over X per outer step.
     * SQUARED, LOGISTIC and POISSON (GROUP uses L-BFGS on the spred objective).
     */
    CD,
    /**
     * The working-set engine of {@link #CD} with a spred inner solve on W instead of coordinate descent: L-BFGS on
     * (u_W, w_W) over the Gram of W with an exact (quartic) line search, then the KKT zeroing and a Newton step on
     * the support ({@code SpredInner}). SQUARED, LOGISTIC and POISSON; same certificates as CD.
     */
    SPRED_WS,
    /** Full-batch L-BFGS with a Wolfe line search (the default). */
    LBFGS,
    /** Full-batch gradient descent on the spred objective through the fused SGD kernel. */
    SGD,
    /** Gradient descent with heavy-ball momentum through the fused momentum kernel. */
    MOMENTUM,
    /** Adam (decay inside the gradient) through the fused Adam kernel. */
    ADAM
}
