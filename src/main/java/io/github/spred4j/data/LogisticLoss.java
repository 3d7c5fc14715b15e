package io.github.spred4j.data;

import io.github.spred4j.api.Loss;

/**
 * ℓ(y, η) = log(1 + e^η) − y·η with y ∈ {0, 1}: μ = sigmoid(η), weight μ(1 − μ); the conjugate is the
 * negative binary entropy of q = y − nζ ∈ [0, 1].
 */
final class LogisticLoss extends LossFamily {
    @Override
    public String name() {
        return "logistic";
    }

    @Override
    public double mean(double eta) {
        return sigmoid(eta);
    }

    @Override
    public double weight(double eta) {
        double m = sigmoid(eta);
        return m * (1 - m);
    }

    @Override
    public double weightAt(double eta, double mean) {
        return mean * (1 - mean);
    }

    @Override
    public double loss(double y, double eta) {
        // Known (2 Dec 2026): for a well-classified row (η > 0, y = 1) (η + log1p(e^−η)) − y·η cancels the small term's
        // digits. Computing max(η,0) − y·η first fixes the primal side alone, but then the dual side (q = y − t·d,
        // whose 1 − q loses the same digits in dualTerm) leaves Spark's per-fold logistic fits at gaps ~5e-10: the two
        // must be fixed together (dualTerm from d, not from q), with the C/OpenCL/CUDA spred_logistic_loss.
        double softplus = eta > 0 ? eta + Log1p.of(Math.exp(-eta)) : Log1p.of(Math.exp(eta));
        return softplus - y * eta;
    }

    @Override
    public double nullIntercept(double ybar) {
        if (!(ybar > 0 && ybar < 1))
            throw new IllegalArgumentException("LOGISTIC needs both classes in y (mean " + ybar + ")");
        return Math.log(ybar / (1 - ybar));
    }

    @Override
    public void validate(double[] y) {
        for (int i = 0; i < y.length; i++)
            if (y[i] != 0 && y[i] != 1) throw new IllegalArgumentException("LOGISTIC needs y in {0,1}, " + row(i, y[i]));
    }

    @Override
    public double dualTerm(double y, double q) {
        return -((q > 0 ? q * Math.log(q) : 0) + (q < 1 ? (1 - q) * Log1p.of(-q) : 0));
    }

    @Override
    public double dualLower() {
        return 0;
    }

    @Override
    public double dualUpper() {
        return 1;
    }

    @Override
    public double deviance(double y, double eta) {
        double mu = Math.min(Math.max(sigmoid(eta), 1e-5), 1 - 1e-5); // glmnet's clamp of fitted probabilities
        return -2 * (y * Math.log(mu) + (1 - y) * Math.log(1 - mu));
    }

    @Override
    public Loss kernelLoss() {
        return Loss.LOGISTIC;
    }
}
