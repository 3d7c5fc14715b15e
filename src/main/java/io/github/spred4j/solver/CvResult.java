package io.github.spred4j.solver;

/**
 * k-fold cross-validation as cv.glmnet defines it: {@code meanLoss[i]} is the mean over folds of the held-out
 * loss at {@code lambdas[i]}, {@code stdErr[i]} its standard error; λ_min minimises the mean loss and λ_1se is
 * the largest λ whose mean loss is within one standard error of the minimum. {@code path} is fitted on all data.
 */
public record CvResult(double[] lambdas, double[] meanLoss, double[] stdErr, double lambdaMin, double lambda1se,
                       int indexMin, int index1se, PathResult path) {

    /**
     * cv.glmnet's cvm and cvsd from the held-out loss of each fold at each λ ({@code foldLoss[f][l]}) and each fold's
     * weight (its number of rows, or its total observation weight): m = Σ_f w_f L_f / Σ w and
     * se = sqrt(Σ_f w_f (L_f − m)² / Σ w / (K − 1)). Returns {mean, stdErr}. One implementation for every CV route
     * (and the Spark adapter's), so they cannot drift apart.
     */
    public static double[][] statistics(double[][] foldLoss, double[] foldWeight) {
        int folds = foldLoss.length, L = foldLoss[0].length;
        double sw = 0;
        for (double v : foldWeight) sw += v;
        double[] mean = new double[L], se = new double[L];
        for (int l = 0; l < L; l++) {
            double m = 0;
            for (int f = 0; f < folds; f++) m += foldWeight[f] * foldLoss[f][l];
            m /= sw;
            double v = 0;
            for (int f = 0; f < folds; f++) v += foldWeight[f] * (foldLoss[f][l] - m) * (foldLoss[f][l] - m);
            mean[l] = m;
            se[l] = Math.sqrt(v / sw / (folds - 1));
        }
        return new double[][]{mean, se};
    }

    /**
     * cv.glmnet's choice on a decreasing λ sequence: {index of λ_min, index of λ_1se}, the smallest mean loss (the
     * first, i.e. largest λ, on ties) and the largest λ (smallest index) whose mean loss is ≤ min + se(min).
     */
    public static int[] pick(double[] mean, double[] se) {
        int iMin = 0;
        for (int i = 1; i < mean.length; i++) if (mean[i] < mean[iMin]) iMin = i;
        double bound = mean[iMin] + se[iMin];
        int i1 = iMin;
        for (int i = 0; i <= iMin; i++)
            if (mean[i] <= bound) {
                i1 = i;
                break;
            }
        return new int[]{iMin, i1};
    }
}
