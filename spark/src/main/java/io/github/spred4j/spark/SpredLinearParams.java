package io.github.spred4j.spark;

import org.apache.spark.ml.param.Param;

/**
 * The params of {@link SpredLinearRegression} and its model on top of {@link SpredParams}: the loss family,
 * "gaussian" (the default: lasso / elastic net, prediction η) or "poisson" (log link, prediction e^η).
 *
 * @param <T> the implementing class (setters return it)
 */
public interface SpredLinearParams<T extends SpredLinearParams<T>> extends SpredParams<T> {
    /** The squared loss (glmnet's family = "gaussian"). */
    String GAUSSIAN = "gaussian";
    /** The Poisson loss with log link (glmnet's family = "poisson"). */
    String POISSON = "poisson";

    /** @return the loss family param */
    default Param<String> family() { return paramFields().family; }

    /** @return the loss family: gaussian or poisson (as set: any case is accepted) */
    default String getFamily() { return getOrDefault(family()); }

    /** @param v the loss family, gaussian or poisson @return this */
    default T setFamily(String v) { return put(family(), v); }
}
