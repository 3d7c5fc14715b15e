package io.github.spred4j.data;

import io.github.spred4j.api.Loss;

/**
 * ℓ(y, η) = log(1 + e^η) − y·η with y ∈ {0, 1}: μ = sigmoid(η), weight μ(1 − μ) (formed without cancellation);
 * the conjugate is the negative binary entropy of q = y − nζ ∈ [0, 1].
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

    /**
     * μ(1 − μ) without cancellation: below η = 1, 1 − μ ≥ 0.26 keeps its digits; above, 1 − μ formed from μ ≈ 1
     * kept only ulp(1)/e^−η of them (0 beyond η ≈ 37, where the weight is e^−η), so the form e^−η/(1 + e^−η)².
     */
    @Override
    public double weight(double eta) {
        if (eta < 1) {
            double m = sigmoid(eta);
            return m * (1 - m);
        }
        double e = Math.exp(-eta), d = 1 + e;
        return e / (d * d);
    }

    /** Bit-identical to {@link #weight} given μ = sigmoid(η): the product from μ below η = 1 (no second exp). */
    @Override
    public double weightAt(double eta, double mean) {
        return eta < 1 ? mean * (1 - mean) : weight(eta);
    }

    /**
     * With e = e^−|η| and d = 1 + e, sigmoid(η) is 1/d (η ≥ 0) or e/d, μ(−η) the other one, and {@link #weight}'s
     * e^−η above η = 1 is e: the same operations on the same e as {@link #residual} and {@link #weightAt}, one exp.
     */
    @Override
    public void residualsAndWeights(double[] y, double[] eta, double[] r, double[] w) {
        for (int i = 0; i < y.length; i++) {
            double x = eta[i], e = Math.exp(-Math.abs(x)), d = 1 + e;
            double m = x >= 0 ? 1 / d : e / d, om = x >= 0 ? e / d : 1 / d; // μ(η) and μ(−η) = 1 − μ
            r[i] = y[i] == 1 ? om : y[i] - m;
            w[i] = x < 1 ? m * (1 - m) : e / (d * d);
        }
    }

    @Override
    public double residual(double y, double eta) {
        return y == 1 ? sigmoid(-eta) : y - sigmoid(eta); // 1 − μ(η) = μ(−η): no cancellation for y = 1
    }

    @Override
    public double loss(double y, double eta) {
        // max(η, 0) − y·η first (exactly 0 for a well-classified row, y ∈ {0, 1}), then the small log1p term:
        // (η + log1p(e^−η)) − y·η cancelled that row's digits and left P low on separable data. The dual side forms
        // 1 − q from the step s for the same reason (dualTermAt); spred_logistic_loss (C/OpenCL/CUDA) and the Java
        // backend's twin use this order too.
        return ((eta > 0 ? eta : 0) - y * eta) + Log1p.of(Math.exp(-Math.abs(eta)));
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

    /**
     * The binary entropy of q = y − s and 1 − q = (1 − y) + s, each formed from s: for y = 1 (y = 0) the small one
     * is ±s itself and the other's log is log1p(∓s), so a well-classified row (q within e^−η of y) keeps its digits
     * (1 − q formed from q kept only ulp(1)/s of them).
     */
    @Override
    public double dualTermAt(double y, double s) {
        double q = y - s, c = (1 - y) + s;
        double a = q > 0 ? q * (y == 1 ? Log1p.of(-s) : Math.log(q)) : 0;
        double b = c > 0 ? c * (y == 0 ? Log1p.of(s) : Math.log(c)) : 0;
        return -(a + b);
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
