package io.github.spred4j.api;

/**
 * The unit deviances of {@link Context#colDeviance} (spred_deviance in kernels/spred_math.h), cv.glmnet's
 * "deviance" measure: SQUARED (y − η)²; LOGISTIC −2(y log μ + (1 − y) log(1 − μ)), μ = 1/(1 + e^−η) clamped to
 * [1e-5, 1 − 1e-5] as glmnet clamps fitted probabilities; POISSON 2(y log(y/μ) − (y − μ)), μ = e^η.
 */
public enum Deviance {
    SQUARED(0),
    LOGISTIC(1),
    POISSON(2);

    /** The integer the kernels receive. */
    public final int code;

    Deviance(int code) {
        this.code = code;
    }
}
