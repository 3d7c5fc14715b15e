package io.github.spred4j.data;

import io.github.spred4j.api.Loss;

/**
 * ℓ(y, η) = e^η − y·η (glmnet family = "poisson", the constant log(y!) dropped, so the objective can be
 * negative): μ = e^η, weight e^η; the conjugate at q = y − nζ ≥ 0 is q·log q − q.
 *
 * <p>y must be finite and non-negative. Non-integer values are accepted, as glmnet accepts them (rates, or
 * counts that were averaged): the objective is the Poisson quasi-likelihood, well defined for any y ≥ 0.
 */
final class PoissonLoss extends LossFamily {
    @Override
    public String name() {
        return "poisson";
    }

    @Override
    public double mean(double eta) {
        return Math.exp(eta);
    }

    @Override
    public double weight(double eta) {
        return Math.exp(eta);
    }

    @Override
    public double weightAt(double eta, double mean) {
        return mean;
    }

    /** μ = e^η once a row: r = y − μ, w = μ (the default takes it twice). */
    @Override
    public void residualsAndWeights(double[] y, double[] eta, double[] r, double[] w) {
        for (int i = 0; i < y.length; i++) {
            double m = mean(eta[i]);
            r[i] = y[i] - m;
            w[i] = m;
        }
    }

    @Override
    public double loss(double y, double eta) {
        return Math.exp(eta) - y * eta;
    }

    @Override
    public double nullIntercept(double ybar) {
        if (!(ybar > 0)) throw new IllegalArgumentException("POISSON needs a positive count in y (mean " + ybar + ")");
        return Math.log(ybar);
    }

    @Override
    public void validate(double[] y) {
        for (int i = 0; i < y.length; i++)
            if (!(y[i] >= 0) || Double.isInfinite(y[i]))
                throw new IllegalArgumentException("POISSON needs counts y >= 0, " + row(i, y[i]));
    }

    @Override
    public double dualTerm(double y, double q) {
        return -(q > 0 ? q * Math.log(q) - q : 0);
    }

    @Override
    public double dualLower() {
        return 0;
    }

    @Override
    public double dualUpper() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public double deviance(double y, double eta) {
        double mu = Math.exp(eta);
        return 2 * ((y > 0 ? y * Math.log(y / mu) : 0) - (y - mu));
    }

    @Override
    public Loss kernelLoss() {
        return null;
    }
}
