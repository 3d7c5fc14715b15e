package io.github.spred4j.solver;

/**
 * k-fold cross-validation as cv.glmnet defines it: {@code meanLoss[i]} is the mean over folds of the held-out
 * loss at {@code lambdas[i]}, {@code stdErr[i]} its standard error; λ_min minimises the mean loss and λ_1se is
 * the largest λ whose mean loss is within one standard error of the minimum. {@code path} is fitted on all data.
 */
public record CvResult(double[] lambdas, double[] meanLoss, double[] stdErr, double lambdaMin, double lambda1se,
                       int indexMin, int index1se, PathResult path) {
}
