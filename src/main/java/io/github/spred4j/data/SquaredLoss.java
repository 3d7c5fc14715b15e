package io.github.spred4j.data;

import io.github.spred4j.api.Loss;

/** ℓ(y, η) = (y − η)²/2: μ = η, weight 1, ℓ*(y, u) = u²/2 + u·y, any finite y. */
final class SquaredLoss extends LossFamily {
    @Override
    public String name() {
        return "squared";
    }

    @Override
    public double mean(double eta) {
        return eta;
    }

    @Override
    public double weight(double eta) {
        return 1;
    }

    @Override
    public double loss(double y, double eta) {
        double d = y - eta;
        return d * d / 2;
    }

    @Override
    public double nullIntercept(double ybar) {
        return ybar;
    }

    @Override
    public void validate(double[] y) {
        requireFinite(y);
    }

    @Override
    public double dualTerm(double y, double q) {
        // u = q − y: −(u²/2 + u·y) = (y² − q²)/2, factored so that q ≈ y loses no digits
        return (y - q) * (y + q) / 2;
    }

    @Override
    public double dualTermAt(double y, double s) {
        return s * (y - s / 2); // (y² − (y − s)²)/2 from s: no y − s rounding at the scale of y
    }

    @Override
    public double dualLower() {
        return Double.NEGATIVE_INFINITY;
    }

    @Override
    public double dualUpper() {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public double deviance(double y, double eta) {
        return (y - eta) * (y - eta);
    }

    @Override
    public Loss kernelLoss() {
        return Loss.SQUARED;
    }

    @Override
    public boolean isQuadratic() {
        return true;
    }
}
