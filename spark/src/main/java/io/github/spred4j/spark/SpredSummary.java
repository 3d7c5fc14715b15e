package io.github.spred4j.spark;

import java.io.Serializable;

/**
 * What a fit proved and cost (Spark's training summaries, for the numbers spred4j has): the penalised objective
 * at the answer (glmnet's scaling), the certificate (the relative duality gap, named by {@code certificateName}),
 * the Spark jobs over the data (passes) and the Newton steps or working-set rounds. Saved with the model, so a loaded model has it too.
 *
 * @param objective       the penalised objective at the answer
 * @param certificateName the certificate's kind ("duality_gap")
 * @param certificate     the relative duality gap proved for the answer
 * @param passes          Spark jobs (passes over the data) the fit took
 * @param newtonSteps     proximal Newton steps (logistic, Poisson) or working-set rounds (squared loss)
 * @param numNonzeros     non-zero coefficients
 * @param numFeatures     length of the coefficient vector
 * @param cv              the cross-validation that chose λ (null when the model was fitted at a given regParam)
 */
public record SpredSummary(double objective, String certificateName, double certificate, int passes, int newtonSteps,
                           int numNonzeros, int numFeatures, SpredCvSummary cv) implements Serializable {
    /** A summary without cross-validation. */
    public SpredSummary(double objective, String certificateName, double certificate, int passes, int newtonSteps,
                        int numNonzeros, int numFeatures) {
        this(objective, certificateName, certificate, passes, newtonSteps, numNonzeros, numFeatures, null);
    }

    /** @return whether λ was chosen by cross-validation inside fit */
    public boolean hasCv() {
        return cv != null;
    }
}
