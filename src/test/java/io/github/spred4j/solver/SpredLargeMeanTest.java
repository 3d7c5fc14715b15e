package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The spred methods' route ({@code SpredEngine}: the device's lossGradient for the polish, evalDevice / evalHost for
 * the certificate) on responses with a large mean (1e3 to 1e6) and a small spread, as {@link SquaredLargeMeanTest}
 * does for the engine: every certificate, the fit's and {@link Certificates#of}'s, at least −1e-12. Before the fix
 * the route formed r = y − η at |ȳ|'s scale (on the device and on the host) and reported gaps down to about −1e-10
 * here; it now takes the residual as (y − ȳ) − ((b0 − ȳ) + xᵀβ), y − ȳ uploaded once.
 */
class SpredLargeMeanTest {
    private static final double TOL = 1e-10;

    static Stream<String> backends() {
        return SolverBehaviourTest.backends();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void spredMethodFitsAtLargeMeansCertifyWithinRounding(String backend) {
        Dataset base = TargetsBatchTest.data(31, 7, 3);
        Random r = new Random(2027);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(TOL).withMethod(Method.LBFGS);
        int above = 0, fits = 0;
        try (Context ctx = Backends.get(backend).open()) {
            for (int k = 0; k < 40; k++) {
                double t = Math.pow(10, 3 + 3 * r.nextDouble()), noise = 3 * r.nextDouble();
                double[] y = new double[base.n()];
                for (int i = 0; i < y.length; i++) y[i] = -0.03 * (base.y()[i] + noise * r.nextGaussian()) + t;
                Dataset d = MultiTarget.column(base, y);
                double lam = Math.pow(1e-3, r.nextDouble()) * Spred.lambdaMax(d, o);
                FitOptions of = o.withLambda(lam).withStandardize(k % 2 == 0);
                FitResult f = Spred.fit(ctx, d, of);
                String what = backend + " fit " + k + " ȳ≈" + t;
                double own = Certificates.of(d, of, f.lambda(), f.intercept(), f.beta()).value();
                for (double c : new double[]{f.certificate(), own}) {
                    assertTrue(c >= -1e-12 && !Double.isNaN(c), what + ": certificate " + c + " (fit's " + f.certificate() + ", Certificates.of " + own + ")");
                    if (c > TOL) above++;
                }
                fits++;
            }
        }
        assertEquals(40, fits);
        assertTrue(above <= 4, above + " of 80 certificates above tol"); // convergence, not the certificate
    }

    /** float32 fits: the certificate is evalHost's float64 residual of the float32 answer; never below −1e-12. */
    @ParameterizedTest
    @MethodSource("backends")
    void float32SpredFitsAtLargeMeansNeverCertifyBelowRounding(String backend) {
        Dataset base = TargetsBatchTest.data(31, 7, 4);
        Random r = new Random(2028);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withMethod(Method.LBFGS).withPrecision(Precision.FLOAT32);
        try (Context ctx = Backends.get(backend).open()) {
            for (int k = 0; k < 12; k++) {
                double t = Math.pow(10, 3 + 3 * r.nextDouble());
                double[] y = new double[base.n()];
                for (int i = 0; i < y.length; i++) y[i] = -0.03 * (base.y()[i] + r.nextGaussian()) + t;
                Dataset d = MultiTarget.column(base, y);
                FitOptions of = o.withLambda(Math.pow(1e-2, r.nextDouble()) * Spred.lambdaMax(d, o)).withStandardize(k % 2 == 0);
                FitResult f = Spred.fit(ctx, d, of);
                double own = Certificates.of(d, of, f.lambda(), f.intercept(), f.beta()).value();
                String what = backend + " float32 fit " + k + " ȳ≈" + t + ": certificate " + f.certificate() + ", Certificates.of " + own;
                assertTrue(f.certificate() >= -1e-12 && own >= -1e-12, what);
                assertEquals(own, f.certificate(), 1e-9 * Math.max(1, Math.abs(own)), what); // the same measure, host float64
            }
        }
    }
}
