package io.github.spred4j.data;

import io.github.spred4j.api.Loss;

/**
 * Everything about one loss in one place (glmnet's families, per-row loss ℓ(y, η) averaged over the n rows):
 * the mean μ(η), the curvature weight μ'(η) (the IRLS weight), the loss value, the intercept of the null model,
 * the validation of y, the conjugate that gives the Fenchel dual (the certificate), and the deviance used for
 * cross-validation. Adding a GLM family is one subclass plus, if it should run in the one-pass kernel, its code
 * in {@link Loss} and its element-wise formula in {@code kernels/spred_math.h}.
 *
 * <p>Dual convention (the certificate): with ζ the dual variable, row i contributes the conjugate
 * {@code ℓ*(y_i, −n·ζ_i)} through {@code q_i = y_i − n·ζ_i}; {@link #dualTerm} returns −ℓ*(y, q − y) and
 * {@link #dualLower} and {@link #dualUpper} bound q.
 */
public abstract class LossFamily {
    /** 1/2·(y − η)², the lasso / elastic net. */
    public static final LossFamily SQUARED = new SquaredLoss();
    /** log(1 + e^η) − y·η, y ∈ {0, 1} (binomial). */
    public static final LossFamily LOGISTIC = new LogisticLoss();
    /** e^η − y·η, y ≥ 0 counts (glmnet family = "poisson", log(y!) dropped). */
    public static final LossFamily POISSON = new PoissonLoss();

    LossFamily() {
    }

    /** A short lower-case name ("squared", "logistic", "poisson"). */
    public abstract String name();

    /** The mean μ(η) (the inverse link). */
    public abstract double mean(double eta);

    /** μ'(η): the loss's second derivative in η, the IRLS weight (1 for the squared loss). */
    public abstract double weight(double eta);

    /** μ'(η) when μ(η) is already known (bit-identical to {@link #weight}; saves the second exp). */
    public double weightAt(double eta, double mean) {
        return weight(eta);
    }

    /**
     * The residual y − μ(η) of the certificates' dual point, with its digits: the logistic loss forms 1 − μ as
     * μ(−η) (y − μ from μ ≈ 1 kept only ulp(1) of a well-classified row's e^−η, so on separable data its dual
     * point missed the tiny losses P now keeps: gaps near 5e-10).
     */
    public double residual(double y, double eta) {
        return y - mean(eta);
    }

    /**
     * r_i = {@link #residual}(y_i, η_i) and w_i = {@link #weight}(η_i) for every row, bit for bit: a certificate's
     * residuals and the weights of its curvature-weighted dual point in one call (the logistic loss takes μ, 1 − μ
     * and the weight from one e^−|η| a row, where the three calls take up to three exps).
     */
    public void residualsAndWeights(double[] y, double[] eta, double[] r, double[] w) {
        for (int i = 0; i < y.length; i++) {
            r[i] = residual(y[i], eta[i]);
            w[i] = weightAt(eta[i], mean(eta[i]));
        }
    }

    /** The per-row loss ℓ(y, η). */
    public abstract double loss(double y, double eta);

    /** The intercept of the model β = 0 given the mean response ȳ (the minimiser of Σ ℓ(y_i, c)). */
    public abstract double nullIntercept(double ybar);

    /** Throws a one-line IllegalArgumentException naming the first bad row of y (finite values only here). */
    public abstract void validate(double[] y);

    /** −ℓ*(y, q − y): the dual contribution of a row at q = y − n·ζ (only called with q in the domain). */
    public abstract double dualTerm(double y, double q);

    /**
     * {@link #dualTerm} at q = y − s, from the dual point's step s = n·ζ itself (only called with y − s in the
     * domain). Every certificate calls this one: a family whose conjugate needs pieces of q that would lose digits
     * when formed from q (the logistic loss's 1 − q for a well-classified row) forms them from s.
     */
    public double dualTermAt(double y, double s) {
        return dualTerm(y, y - s);
    }

    /** s clipped so that q = y − s stays inside [{@link #dualLower}, {@link #dualUpper}] (only rounding moves it). */
    public final double clipStep(double y, double s) {
        return Math.min(Math.max(s, y - dualUpper()), y - dualLower());
    }

    /** The lower end of the conjugate's domain in q = y − n·ζ (−∞ for the squared loss). */
    public abstract double dualLower();

    /** The upper end of the conjugate's domain in q (+∞ unless bounded). */
    public abstract double dualUpper();

    /** The unit deviance d(y, η) (cv.glmnet's "deviance" measure; the squared error for the squared loss). */
    public abstract double deviance(double y, double eta);

    /** The loss code of the one-pass gradient kernel, or null when the family has none (then two passes). */
    public abstract Loss kernelLoss();

    /** Whether the loss is quadratic in η (then its Hessian does not depend on β: a Gram cache is exact). */
    public boolean isQuadratic() {
        return false;
    }

    /** The mean loss (1/n)·Σ ℓ(y_i, η_i). */
    public final double meanLoss(double[] y, double[] eta) {
        double s = 0;
        for (int i = 0; i < y.length; i++) s += loss(y[i], eta[i]);
        return s / Math.max(y.length, 1);
    }

    /** The logistic function, written once: 1/(1 + e^−η), stable for large |η|. */
    public static double sigmoid(double eta) {
        if (eta >= 0) return 1 / (1 + Math.exp(-eta));
        double e = Math.exp(eta);
        return e / (1 + e);
    }

    static String row(int i, double v) {
        return "y[" + i + "] = " + v;
    }

    /**
     * Every y finite and small enough that its squares summed over the n rows stay finite in float64 (|y| below
     * sqrt(MAX_VALUE / 16n)): beyond that the objective and the certificate would be infinite and the fit NaN.
     */
    static void requireFinite(double[] y) {
        double limit = Math.sqrt(Double.MAX_VALUE / (16.0 * Math.max(y.length, 1)));
        for (int i = 0; i < y.length; i++) {
            if (!Double.isFinite(y[i])) throw new IllegalArgumentException("y[" + i + "] is not finite: " + y[i]);
            if (Math.abs(y[i]) > limit)
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "y[%d] = %.3g is too large: its square summed over n = %d rows overflows float64 (|y| must stay below %.3g); rescale y",
                        i, y[i], y.length, limit));
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
