package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Squared-loss certificates on responses with a large mean and a small spread (y = t − 0.03·(…), t up to 999,
 * n = 31, p = 7: the lead's probe of 2 Dec 2026, where 584 of 4120 fits reported gaps down to −4.3e-12): every
 * certificate, the fit's and the test's own {@link Certificates#of}, at least −1e-12, on the engine (dense:
 * covariance mode; CSR: the naive route), fitTargets (the shared Gram's stacked certificates) and the CV routes.
 * Before the fix the residual was y − η at |y|'s scale and the covariance mode centred its gradient with
 * Σρ = −n·x̄ᵀβ instead of ρ's actual sum (which carries ȳ's rounding): both put the gap below −1e-12 (138 of
 * 1000 probe fits; 0 after). A few of these fits do not reach tol = 1e-10 within maxIter (2 of 60 targets at
 * ~2e-7, reported as uncertified, honestly): the count above tol is bounded, not zero.
 */
class SquaredLargeMeanTest {
    private static final double TOL = 1e-10;

    private int above;

    /** Never below −1e-12 (a bug); above tol only counted (a fit that did not converge says so). */
    private void inRange(double c, String what) {
        assertTrue(c >= -1e-12 && !Double.isNaN(c), what + ": certificate " + c);
        if (c > TOL) above++;
    }

    @Test
    void singleFitsAtLargeMeansCertifyWithinRounding() {
        Dataset base = TargetsBatchTest.data(31, 7, 3);
        Random r = new Random(2026);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(TOL);
        int fits = 0;
        try (Context ctx = Backends.get("java").open()) {
            for (int k = 0; k < 300; k++) {
                double t = 1000 * r.nextDouble(), noise = 3 * r.nextDouble();
                double[] y = new double[base.n()];
                for (int i = 0; i < y.length; i++) y[i] = -0.03 * (base.y()[i] + noise * r.nextGaussian()) + t;
                Dataset d = MultiTarget.column(base, y);
                Dataset data = k % 3 == 2 ? IrlsCovarianceTest.csr(d) : d; // dense: covariance mode; CSR: naive
                double lam = Math.pow(1e-3, r.nextDouble()) * Spred.lambdaMax(data, o);
                FitOptions of = o.withLambda(lam).withStandardize(k % 2 == 0);
                FitResult f = Spred.fit(ctx, data, of);
                String what = "fit " + k + " t=" + t + (data.isSparse() ? " csr" : " dense");
                inRange(f.certificate(), what);
                inRange(Certificates.of(data, of, f.lambda(), f.intercept(), f.beta()).value(), what + " (Certificates.of)");
                fits++;
            }
        }
        assertEquals(300, fits);
        assertTrue(above <= 12, above + " of 600 certificates above tol"); // 2%: convergence, not the certificate
    }

    @Test
    void batchedAndCvRoutesAtLargeMeansCertifyWithinRounding() {
        Dataset base = TargetsBatchTest.data(31, 7, 5);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(TOL);
        int k = 60;
        double[][] ys = new double[k][base.n()];
        Random r = new Random(7);
        double[] lams = new double[k];
        for (int t = 0; t < k; t++) {
            double shift = 999 * r.nextDouble();
            for (int i = 0; i < base.n(); i++) ys[t][i] = -0.03 * (base.y()[i] + r.nextGaussian()) + shift;
        }
        double[] lmax = Spred.lambdaMaxTargets(base, ys, o);
        for (int t = 0; t < k; t++) lams[t] = Math.pow(1e-3, r.nextDouble()) * lmax[t];
        try (Context ctx = Backends.get("java").open()) {
            FitResult[] many = Spred.fitTargets(ctx, base, ys, o, lams);
            for (int t = 0; t < k; t++) {
                inRange(many[t].certificate(), "fitTargets target " + t);
                Dataset dt = MultiTarget.column(base, ys[t]);
                inRange(Certificates.of(dt, o.withLambda(lams[t]), many[t].lambda(), many[t].intercept(), many[t].beta()).value(),
                        "fitTargets target " + t + " (Certificates.of)");
            }
            // CV on dense X (fold Grams) and sparse X (n = 400 rows, p = 7: long columns, the lockstep sparse CD)
            Dataset tall = TargetsBatchTest.data(400, 7, 9);
            for (int t = 0; t < 3; t++) {
                double[] y = new double[tall.n()];
                for (int i = 0; i < y.length; i++) y[i] = -0.03 * (tall.y()[i] + r.nextGaussian()) + ys[t][0];
                Dataset dt = MultiTarget.column(tall, y);
                for (Dataset d : new Dataset[]{dt, IrlsCovarianceTest.csr(dt)}) {
                    CvResult cv = Spred.cv(ctx, d, o, 20, 1e-3, 5, 11);
                    for (FitResult f : cv.path().fits()) {
                        String what = "cv target " + t + (d.isSparse() ? " csr" : " dense") + " λ " + f.lambda();
                        inRange(f.certificate(), what);
                        inRange(Certificates.of(d, o.withLambda(f.lambda()), f.lambda(), f.intercept(), f.beta()).value(), what + " (Certificates.of)");
                    }
                }
            }
            assertTrue(above <= 8, above + " certificates above tol"); // of 120 fitTargets + 240 CV ones
        }
    }
}
