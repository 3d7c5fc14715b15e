package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link GramCertificate} (the gap from Q, q and yy alone) equals {@link Certificates#of} (from the residuals) on the
 * same answer: at solutions (gaps near 0, where rounding decides and the Gram form must stay ≥ −1e-12, large mean
 * responses included) and at perturbed points (large gaps, the dual scale t below 1), for the lasso, the elastic
 * net and ridge, at awkward shapes (p = 1, p > n, a constant column).
 */
class GramCertificateTest {
    /** Q = ZᵀZ/n, q = Zᵀ(y − ȳ)/n, yy = ‖y − ȳ‖²/n in the fit's standardised coordinates, by plain loops. */
    record Gram(double[] Q, double[] q, double yy, double[] scale) {
        static Gram of(Dataset d, FitOptions o) {
            Problem pb = Problem.of(d, o);
            int n = d.n(), p = d.p();
            double[] x = d.x(), y = d.y();
            double ybar = 0;
            if (o.intercept()) for (double v : y) ybar += v / n;
            double[] z = new double[n * p], Q = new double[p * p], q = new double[p];
            double yy = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < p; j++) z[i * p + j] = (x[i * p + j] - pb.xbar[j]) / pb.scale[j];
                yy += (y[i] - ybar) * (y[i] - ybar) / n;
            }
            for (int a = 0; a < p; a++) {
                for (int c = 0; c < p; c++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) s += z[i * p + a] * z[i * p + c];
                    Q[a * p + c] = s / n;
                }
                double s = 0;
                for (int i = 0; i < n; i++) s += z[i * p + a] * (y[i] - ybar);
                q[a] = s / n;
            }
            return new Gram(Q, q, yy, pb.scale.clone());
        }

        Certificates.Certificate certificate(double[] beta, double lambda, double alpha) {
            double[] b = new double[beta.length];
            for (int j = 0; j < b.length; j++) b[j] = beta[j] * scale[j];
            return GramCertificate.of(Q, q, yy, b, lambda * alpha, lambda * (1 - alpha), new double[q.length]);
        }
    }

    static Dataset data(int n, int p, double mean, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            double f = r.nextGaussian();
            for (int j = 0; j < p; j++) x[i * p + j] = j == 2 ? 4 : 0.5 * f + r.nextGaussian() + j; // column 2 constant
            y[i] = mean + 2 * x[i * p] - (p > 3 ? x[i * p + 3] : 0) + 0.5 * r.nextGaussian();
        }
        return Dataset.dense(n, p, x, y, null);
    }

    @Test
    void gramGapEqualsTheResidualGapAtSolutionsAndAwayFromThem() throws Exception {
        int[][] shapes = {{40, 1}, {31, 7}, {20, 45}, {97, 13}};
        double[] alphas = {1, 0.5, 0.05};
        double[] means = {0, 999};
        int checked = 0;
        try (Context ctx = Backends.get("java").open()) {
            for (int[] s : shapes)
                for (double alpha : alphas)
                    for (double mean : means)
                        for (boolean std : new boolean[]{false, true}) {
                            Dataset d = data(s[0], s[1], mean, 31L * s[0] + s[1]);
                            FitOptions o = FitOptions.defaults(Model.SQUARED).withAlpha(alpha).withStandardize(std).withTol(1e-10);
                            Gram g = Gram.of(d, o);
                            double lmax = Spred.lambdaMax(d, FitOptions.defaults(Model.SQUARED).withStandardize(std));
                            Random r = new Random(s[1]);
                            for (double f : new double[]{0.5, 0.05}) {
                                double l = f * lmax;
                                String what = "n=" + s[0] + " p=" + s[1] + " alpha=" + alpha + " mean=" + mean + " std=" + std + " lambda=" + f + "·max";
                                FitResult fit = Spred.fit(ctx, d, o.withLambda(l));
                                Certificates.Certificate gc = g.certificate(fit.beta(), l, alpha);
                                Certificates.Certificate rc = Certificates.of(d, o, l, fit.intercept(), fit.beta());
                                assertTrue(gc.value() >= -Certificates.NEGATIVE_SLACK && gc.value() <= 1e-9, what + ": gram gap " + gc.value());
                                assertEquals(rc.value(), gc.value(), 2e-12, what + ": at the solution");
                                assertEquals(rc.objective(), gc.objective(), 1e-11 * rc.objective(), what + ": objective");
                                // away from the solution: β perturbed (the intercept follows: b0 = ȳ − x̄ᵀβ)
                                double[] beta = fit.beta().clone();
                                for (int j = 0; j < beta.length; j++) beta[j] += (r.nextDouble() - 0.3) * 0.5 / g.scale[j];
                                double b0 = 0;
                                if (o.intercept()) {
                                    Problem pb = Problem.of(d, o);
                                    b0 = pb.ybar;
                                    for (int j = 0; j < beta.length; j++) b0 -= pb.xbar[j] * beta[j];
                                }
                                gc = g.certificate(beta, l, alpha);
                                rc = Certificates.of(d, o, l, b0, beta);
                                assertTrue(rc.value() > 1e-6, what + ": perturbed point has a real gap " + rc.value());
                                assertEquals(rc.value(), gc.value(), 1e-9 * rc.value(), what + ": away from the solution");
                                checked++;
                            }
                        }
        }
        assertEquals(4 * 3 * 2 * 2 * 2, checked);
    }
}
