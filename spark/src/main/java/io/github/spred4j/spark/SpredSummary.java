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
 */
public record SpredSummary(double objective, String certificateName, double certificate, int passes, int newtonSteps,
                           int numNonzeros, int numFeatures) implements Serializable {
}
