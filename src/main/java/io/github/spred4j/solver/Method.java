package io.github.spred4j.solver;

/** The optimiser that minimises the spred objective before the exact-zero and polish phases. */
public enum Method {
    /** Full-batch L-BFGS with a Wolfe line search (the default). */
    LBFGS,
    /** Full-batch gradient descent on the spred objective through the fused SGD kernel. */
    SGD,
    /** Gradient descent with heavy-ball momentum through the fused momentum kernel. */
    MOMENTUM,
    /** Adam (decay inside the gradient) through the fused Adam kernel. */
    ADAM
}
