package io.github.spred4j.solver;

import io.github.spred4j.api.Deviance;
import io.github.spred4j.data.LossFamily;

/** The loss family of each {@link Model} (GROUP is the squared loss with a group penalty). */
final class Families {
    private Families() {
    }

    static LossFamily of(Model m) {
        return switch (m) {
            case SQUARED, GROUP -> LossFamily.SQUARED;
            case LOGISTIC -> LossFamily.LOGISTIC;
            case POISSON -> LossFamily.POISSON;
        };
    }

    /** The unit deviance of the held-out losses on the device ({@link io.github.spred4j.api.Context#colDeviance}). */
    static Deviance deviance(Model m) {
        return switch (m) {
            case SQUARED, GROUP -> Deviance.SQUARED;
            case LOGISTIC -> Deviance.LOGISTIC;
            case POISSON -> Deviance.POISSON;
        };
    }
}
