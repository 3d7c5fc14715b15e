package io.github.spred4j.solver;

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
}
