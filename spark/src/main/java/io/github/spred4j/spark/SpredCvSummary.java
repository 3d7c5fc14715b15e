package io.github.spred4j.spark;

import java.io.Serializable;

/**
 * The cross-validation that chose a model's λ (cv.glmnet's output): the λ sequence, the mean held-out loss at each
 * (squared error for the squared loss, deviance for logistic / Poisson: cv.glmnet's defaults) and its standard
 * error, λ_min and λ_1se, the rule used and the λ it gave. Saved and loaded with the model.
 *
 * @param rule       lambda.min or lambda.1se
 * @param lambda     the λ the rule picked (the model's regParam)
 * @param lambdas    the λ sequence tried, decreasing
 * @param meanLoss   the mean held-out loss at each λ (fold means weighted by fold size)
 * @param stdErr     its standard error
 * @param lambdaMin  the λ of the least mean loss
 * @param lambda1se  the largest λ whose mean loss is within one standard error of the least
 * @param folds      the number of folds
 * @param route      "fold-gram" (squared loss, fold Grams by subtraction on the driver), "lockstep" (every fold and
 *                   the full data fitted together, each pass serving all of them) or, in models saved before,
 *                   "per-fold" (one distributed fit per fold and λ)
 * @param passes     Spark jobs over the data for the cross-validation (the final fit's are in the model's summary)
 * @param worstCertificate the largest relative duality gap of the fold fits
 */
public record SpredCvSummary(String rule, double lambda, double[] lambdas, double[] meanLoss, double[] stdErr,
                             double lambdaMin, double lambda1se, int folds, String route, int passes,
                             double worstCertificate) implements Serializable {
    /** Copies the arrays (a record's arrays are otherwise shared). */
    public SpredCvSummary {
        lambdas = lambdas.clone();
        meanLoss = meanLoss.clone();
        stdErr = stdErr.clone();
        if (lambdas.length != meanLoss.length || lambdas.length != stdErr.length)
            throw new IllegalArgumentException("cross-validation curve of " + lambdas.length + " λ, " + meanLoss.length
                    + " means, " + stdErr.length + " standard errors");
    }

    /** @return the λ sequence (a copy) */
    @Override
    public double[] lambdas() { return lambdas.clone(); }
    /** @return the mean held-out losses (a copy) */
    @Override
    public double[] meanLoss() { return meanLoss.clone(); }
    /** @return the standard errors (a copy) */
    @Override
    public double[] stdErr() { return stdErr.clone(); }
}
