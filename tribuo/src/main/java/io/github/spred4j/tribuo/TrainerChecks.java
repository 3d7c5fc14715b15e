package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import io.github.spred4j.api.Precision;
import io.github.spred4j.solver.Method;

/** The configuration checks both trainers share (OLCUT calls them through postConfig). */
final class TrainerChecks {
    private TrainerChecks() {
    }

    static void validate(double alpha, double l1Ratio, double tolerance, int maxIterations, String backend,
                         Precision precision, Method method) {
        if (!(alpha >= 0) || Double.isInfinite(alpha))
            throw new PropertyException("", "alpha", "alpha must be finite and >= 0, found " + alpha);
        if (!(l1Ratio > 0 && l1Ratio <= 1))
            throw new PropertyException("", "l1Ratio", "l1Ratio must be in (0, 1] (pure ridge is not supported), found " + l1Ratio);
        if (!(tolerance > 0) || Double.isInfinite(tolerance))
            throw new PropertyException("", "tolerance", "tolerance must be > 0, found " + tolerance);
        if (maxIterations < 1)
            throw new PropertyException("", "maxIterations", "maxIterations must be >= 1, found " + maxIterations);
        if (backend == null || backend.isBlank()) throw new PropertyException("", "backend", "backend must be named (or auto)");
        if (precision == null) throw new PropertyException("", "precision", "precision is null");
        if (method == null) throw new PropertyException("", "method", "method is null");
    }

    /** The cross-validation options: folds 0 (off) or ≥ 2 (≤ n is checked when training), a known rule, ≥ 1 λ. */
    static void validateCv(int folds, String rule, int nLambda) {
        if (folds != 0 && folds < 2)
            throw new PropertyException("", "cvFolds", "cvFolds must be 0 (no cross-validation) or >= 2, found " + folds);
        if (!CvSelection.MIN.equals(rule) && !CvSelection.ONE_SE.equals(rule))
            throw new PropertyException("", "cvRule", "cvRule must be " + CvSelection.MIN + " or " + CvSelection.ONE_SE
                    + ", found " + rule);
        if (nLambda < 1)
            throw new PropertyException("", "cvLambdas", "cvLambdas must be >= 1, found " + nLambda);
    }
}
