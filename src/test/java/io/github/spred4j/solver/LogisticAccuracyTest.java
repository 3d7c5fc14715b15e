package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Random;
import java.util.stream.Stream;

import static io.github.spred4j.solver.HighPrecision.MC;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The logistic certificate on separable and nearly separable data, where most rows are well classified (|η| from
 * 20 to 700): the primal P and the dual D against a 60-digit evaluation ({@link HighPrecision}) at the same point
 * and the same dual point, to ~1e-15 relative (the loss (η + log1p(e^−η)) − η and the conjugate's 1 − q formed from
 * q lost those rows' digits: P low and D wrong by up to 1e-3 relative), and fits there certified within
 * [−1e-12, tol] on every backend.
 */
class LogisticAccuracyTest {
    private static final LossFamily FAM = LossFamily.LOGISTIC;

    /** |got − want| in units of want's magnitude. */
    private static double rel(double got, BigDecimal want) {
        return Math.abs(new BigDecimal(got).subtract(want).doubleValue()) / Math.max(Math.abs(want.doubleValue()), Double.MIN_NORMAL);
    }

    @Test
    void lossAndDualTermAreAccurateRowByRow() {
        for (double a : new double[]{0, 1e-9, 0.5, 3, 19.5, 20, 25, 30, 36.7, 37.5, 50, 100, 300, 700})
            for (double eta : new double[]{a, -a})
                for (double y : new double[]{0, 1}) {
                    double got = FAM.loss(y, eta);
                    double err = rel(got, HighPrecision.logisticLoss(y, eta));
                    assertTrue(err <= 4e-16, "loss(" + y + ", " + eta + ") = " + got + ": relative error " + err);
                }
        // the conjugate at the dual point of a well-classified row: s within a few parts of e^−|η| of y's side
        Random rnd = new Random(5);
        for (double a : new double[]{0.5, 5, 20, 30, 37, 45, 100, 300, 700})
            for (double y : new double[]{0, 1})
                for (int k = 0; k < 20; k++) {
                    double size = Math.exp(-a) * (1 + 0.5 * rnd.nextGaussian()) + (k == 0 ? 0 : Double.MIN_NORMAL);
                    double s = y == 1 ? Math.abs(size) : -Math.abs(size);
                    double got = FAM.dualTermAt(y, s);
                    double err = rel(got, HighPrecision.logisticDualTerm(HighPrecision.of(y), HighPrecision.of(s)));
                    assertTrue(err <= 8e-16, "dualTermAt(" + y + ", " + s + ") = " + got + ": relative error " + err);
                }
    }

    /**
     * The curvature μ(1 − μ) (the IRLS weight, the weighted dual point's w) to a few ulps at every |η| up to 700:
     * m·(1 − m) from m = sigmoid(η) ≈ 1 kept only ulp(1)/e^−η of it (0 beyond η ≈ 37, where it is e^−η); weightAt
     * (given μ) agrees with weight bit for bit.
     */
    @Test
    void weightIsAccurateAtLargeEta() {
        for (double a : new double[]{0, 1e-9, 0.5, 0.999, 1, 1.5, 3, 10, 19.5, 25, 36.7, 37.5, 50, 100, 300, 700})
            for (double eta : new double[]{a, -a}) {
                double got = FAM.weight(eta);
                double err = rel(got, HighPrecision.logisticWeight(eta));
                assertTrue(err <= 8e-16, "weight(" + eta + ") = " + got + ": relative error " + err);
                assertEquals(got, FAM.weightAt(eta, FAM.mean(eta)), 0.0, "weightAt(" + eta + ", μ)");
            }
    }

    /**
     * n rows separable along column 0 (|x0| in [1, 35]); {@code flips} rows on the wrong side near the boundary
     * (|x0| < 0.5: nearly separable, the other rows still far on their side).
     */
    static Dataset separable(int n, int p, int flips, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            boolean pos = i % 2 == 0;
            x[i * p] = (pos ? 1 : -1) * (i < flips ? 0.5 * r.nextDouble() : 1 + 34 * r.nextDouble());
            for (int j = 1; j < p; j++) x[i * p + j] = r.nextGaussian();
            y[i] = pos == (i >= flips) ? 1 : 0;
        }
        return Dataset.dense(n, p, x, y, null);
    }

    /**
     * Certificates.compute and computeWeighted at a separable state (β₀ = 20, so |η| spans 20..700) against the
     * 60-digit P and D at the same dual point: the dual point (d, t) is formed here as Certificates forms it, then
     * every row's conjugate is evaluated at the exact step t·d_i.
     */
    @Test
    void certificatePiecesAreAccurateAtASeparablePoint() {
        for (int flips : new int[]{0, 3})
            for (double la : new double[]{1e-9, 1e-3}) {
                Dataset ds = separable(201, 4, flips, 17 + flips);
                int n = ds.n(), p = ds.p();
                double[] x = ds.x(), y = ds.y(), beta = {20, 1e-3, -2e-3, 0}, eta = new double[n], r = new double[n],
                        w = new double[n], xbar = new double[p];
                double b0 = balancedIntercept(x, y, beta);
                for (int i = 0; i < n; i++) {
                    double e = b0;
                    for (int j = 0; j < p; j++) e += x[i * p + j] * beta[j];
                    eta[i] = e;
                    r[i] = y[i] - FAM.mean(e);
                    w[i] = FAM.weight(e);
                    for (int j = 0; j < p; j++) xbar[j] += x[i * p + j] / n;
                }
                double[] g = new double[p], gw = new double[p];
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < p; j++) {
                        g[j] += (x[i * p + j] - xbar[j]) * r[i] / n;
                        gw[j] += (x[i * p + j] - xbar[j]) * w[i] / n;
                    }
                String what = "flips=" + flips + " la=" + la;
                // P: the mean loss and the penalty, to ~1e-15
                BigDecimal loss = BigDecimal.ZERO;
                for (int i = 0; i < n; i++) loss = loss.add(HighPrecision.logisticLoss(y[i], eta[i]), MC);
                BigDecimal l1 = BigDecimal.ZERO;
                for (double b : beta) l1 = l1.add(HighPrecision.of(Math.abs(b)));
                BigDecimal P = loss.divide(BigDecimal.valueOf(n), MC).add(HighPrecision.of(la).multiply(l1, MC), MC);
                // the uniform centring without an intercept (d = r) and the curvature-weighted one with it
                Certificates.Certificate u = Certificates.compute(FAM, y, eta, r, g, beta, la, 0, false, 1);
                Certificates.Certificate c = Certificates.computeWeighted(FAM, y, eta, r, g, w, gw, beta, la, 0);
                for (Certificates.Certificate k : new Certificates.Certificate[]{u, c})
                    assertTrue(rel(k.objective(), P) <= 2e-15, what + ": P " + k.objective() + " vs " + P.doubleValue() + " (" + rel(k.objective(), P) + ")");
                double wbar = 0, rbar = 0;
                for (int i = 0; i < n; i++) {
                    rbar += r[i];
                    wbar += w[i];
                }
                rbar /= n;
                wbar /= n;
                double[] d = new double[n], gd = new double[p];
                for (int i = 0; i < n; i++) d[i] = r[i] - rbar * w[i] / wbar;
                for (int j = 0; j < p; j++) gd[j] = g[j] - rbar / wbar * gw[j];
                BigDecimal Du = dual(y, r, g, la), Dc = dual(y, d, gd, la);
                assertTrue(rel(u.dual(), Du) <= 2e-15, what + ": uniform D " + u.dual() + " vs " + Du.doubleValue() + " (" + rel(u.dual(), Du) + ")");
                assertTrue(rel(c.dual(), Dc) <= 2e-15, what + ": weighted D " + c.dual() + " vs " + Dc.doubleValue() + " (" + rel(c.dual(), Dc) + ")");
                assertTrue(Dc.signum() > 0 && Dc.compareTo(P) < 0, what + ": D " + Dc + " outside (0, P = " + P + ")");
            }
    }

    /** The intercept that zeroes Σ(y − μ) (bisection): the optimal intercept for β, so r̄ is rounding only. */
    private static double balancedIntercept(double[] x, double[] y, double[] beta) {
        int p = beta.length, n = y.length;
        double lo = -30, hi = 30;
        for (int k = 0; k < 200 && lo < hi; k++) {
            double mid = 0.5 * (lo + hi), s = 0;
            if (mid == lo || mid == hi) break;
            for (int i = 0; i < n; i++) {
                double e = mid;
                for (int j = 0; j < p; j++) e += x[i * p + j] * beta[j];
                s += y[i] - FAM.mean(e);
            }
            if (s > 0) lo = mid;
            else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /** The 60-digit D of the dual point ζ = t·d/n, t chosen as Certificates' gap chooses it (lasso: mu = 0). */
    private static BigDecimal dual(double[] y, double[] d, double[] gd, double la) {
        double t = 1, m = 0;
        for (double v : gd) m = Math.max(m, Math.abs(v));
        if (m > la) t = la / m;
        for (int i = 0; i < y.length; i++) {
            if (d[i] > 0 && t * d[i] > y[i]) t = Math.max(0, y[i] / d[i]);
            if (d[i] < 0 && t * d[i] < y[i] - 1) t = Math.max(0, (y[i] - 1) / d[i]);
        }
        BigDecimal D = BigDecimal.ZERO, bt = HighPrecision.of(t);
        for (int i = 0; i < y.length; i++) {
            BigDecimal s = bt.multiply(HighPrecision.of(d[i])); // exact
            BigDecimal q = HighPrecision.of(y[i]).subtract(s);
            if (q.signum() < 0) s = HighPrecision.of(y[i]); // the clip (rounding at the t bound)
            if (q.compareTo(BigDecimal.ONE) > 0) s = HighPrecision.of(y[i] - 1);
            D = D.add(HighPrecision.logisticDualTerm(HighPrecision.of(y[i]), s), MC);
        }
        return D.divide(BigDecimal.valueOf(y.length), MC);
    }

    static Stream<String> backends() {
        return SolverBehaviourTest.backends();
    }

    /**
     * Fits on separable and nearly separable data at λ small enough that the well-classified rows reach |η| ≥ 20
     * (up to ~600; the uniform centring's dual point is infeasible there and must say so, t = 0, not overshoot): every certificate in [−1e-12, tol], the test's own Certificates.of too, and the reported P equal
     * to the 60-digit P of the returned coefficients. Dense (covariance mode) and CSR (the engine's naive route).
     */
    @ParameterizedTest
    @MethodSource("backends")
    void separableFitsCertifyWithinRounding(String backend) {
        double tol = 1e-9; // what these fits reach (separable data at λ = 1e-11·λmax converge slowly, not wrongly)
        try (Context ctx = Backends.get(backend).open()) {
            for (int flips : new int[]{0, 2}) {
                Dataset dense = separable(160, 4, flips, 3 + flips);
                for (Dataset d : new Dataset[]{dense, IrlsCovarianceTest.csr(dense)}) {
                    FitOptions o = FitOptions.defaults(Model.LOGISTIC).withStandardize(false).withTol(tol);
                    double lmax = Spred.lambdaMax(d, o);
                    for (double f : flips == 0 ? new double[]{1e-6, 1e-9, 1e-11} : new double[]{1e-6, 1e-9}) {
                        FitOptions of = o.withLambda(f * lmax);
                        String what = backend + (d.isSparse() ? " csr" : " dense") + " flips=" + flips + " λ=" + f + "·λmax";
                        FitResult fit = Spred.fit(ctx, d, of);
                        double c = fit.certificate();
                        assertTrue(c <= tol && c >= -1e-12, what + ": certificate " + c);
                        Certificates.Certificate own = Certificates.of(d, of, fit.lambda(), fit.intercept(), fit.beta());
                        assertTrue(own.value() <= tol && own.value() >= -1e-12, what + ": Certificates.of " + own.value());
                        double[] eta = HostMatrix.of(d).eta(fit.intercept(), fit.beta());
                        double far = 0;
                        BigDecimal loss = BigDecimal.ZERO;
                        for (int i = 0; i < d.n(); i++) {
                            far = Math.max(far, Math.abs(eta[i]));
                            loss = loss.add(HighPrecision.logisticLoss(d.y()[i], eta[i]), MC);
                        }
                        double l1 = 0;
                        for (double b : fit.beta()) l1 += Math.abs(b);
                        BigDecimal P = loss.divide(BigDecimal.valueOf(d.n()), MC).add(HighPrecision.of(of.lambda() * l1), MC);
                        assertTrue(rel(own.objective(), P) <= 4e-15, what + ": P " + own.objective() + " vs " + P.doubleValue());
                        if (f <= 1e-9) assertTrue(far >= 20, what + ": the fit's |η| reach only " + far);
                    }
                }
            }
        }
    }
}
