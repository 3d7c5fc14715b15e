package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The covariance mode of the logistic and Poisson losses ({@link IrlsCovariance}: Newton on a weighted Gram of the
 * working set) against the engine's naive route on the same problem, reached by giving X as CSR (a sparse design
 * never takes the covariance mode): seeded random problems at awkward sizes (p = 1, n = p, primes, one past a
 * power of two), with and without intercept and standardisation, lasso and elastic net, single λ and paths. Both
 * must certify at tol, the test's own float64 certificate ({@link Certificates#of}) must agree, and the objectives
 * and coefficients must match.
 */
class IrlsCovarianceTest {
    private static final double TOL = 1e-10;
    private static final int[][] SIZES = {{2, 1}, {7, 7}, {17, 5}, {64, 31}, {129, 17}, {97, 97}, {300, 65}};

    /** X with columns on different scales (as unstandardised real data), y from a sparse logistic/Poisson model. */
    static Dataset problem(int n, int p, Model m, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n], scale = new double[p], beta = new double[p];
        for (int j = 0; j < p; j++) {
            scale[j] = Math.pow(10, r.nextInt(4) - 1);
            if (r.nextInt(3) == 0) beta[j] = (r.nextBoolean() ? 1 : -1) * (0.3 + r.nextDouble()) / scale[j];
        }
        for (int i = 0; i < n; i++) {
            double e = 0;
            for (int j = 0; j < p; j++) {
                x[i * p + j] = scale[j] * (r.nextGaussian() + (j % 3 == 0 ? 2 : 0));
                e += x[i * p + j] * beta[j];
            }
            y[i] = m == Model.LOGISTIC ? (r.nextDouble() < 1 / (1 + Math.exp(-e)) ? 1 : 0)
                    : sample(r, Math.exp(Math.max(-5, Math.min(3, 0.3 * e))));
        }
        if (m == Model.LOGISTIC) { // both classes present
            y[0] = 1;
            y[n - 1] = 0;
        } else y[0] = Math.max(y[0], 1);
        return Dataset.dense(n, p, x, y, null);
    }

    private static double sample(Random r, double mean) { // Poisson by inversion (small means)
        double u = r.nextDouble(), pk = Math.exp(-mean), c = pk;
        int k = 0;
        while (u > c && k < 1000) {
            k++;
            pk *= mean / k;
            c += pk;
        }
        return k;
    }

    static Dataset csr(Dataset d) {
        int n = d.n(), p = d.p();
        int[] rp = new int[n + 1], ci = new int[n * p];
        double[] v = new double[n * p];
        int c = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                double a = d.x()[i * p + j];
                if (a == 0) continue;
                ci[c] = j;
                v[c++] = a;
            }
            rp[i + 1] = c;
        }
        return Dataset.sparse(n, p, rp, java.util.Arrays.copyOf(ci, c), java.util.Arrays.copyOf(v, c), d.y(), null);
    }

    private static void same(Dataset d, FitOptions o, FitResult dense, FitResult sparse, String what) {
        assertTrue(dense.certificate() <= o.tol() && dense.certificate() >= -Certificates.NEGATIVE_SLACK,
                what + ": covariance mode not certified (or negative): " + dense.certificate());
        assertTrue(sparse.certificate() <= o.tol(), what + ": naive route not certified: " + sparse.certificate());
        Certificates.Certificate own = Certificates.of(d, o, dense.lambda(), dense.intercept(), dense.beta());
        assertTrue(own.value() <= 10 * o.tol() && !own.negative(), what + ": the test's own certificate " + own.value());
        assertEquals(own.objective(), dense.objective(), 1e-12 * Math.abs(own.objective()), what + ": reported objective");
        // the fit reports the first of its two valid dual points (uniform, curvature-weighted centring) that
        // reaches tol; Certificates.of the better of the two: the reported value is one of them, recomputed here
        double[] both = bothBounds(d, o, dense.lambda(), dense.intercept(), dense.beta());
        assertEquals(Math.min(both[0], both[1]), own.value(), 1e-15, what + ": the two bounds recomputed (Certificates.of's)");
        assertTrue(Math.abs(both[0] - dense.certificate()) <= 1e-12 || Math.abs(both[1] - dense.certificate()) <= 1e-12,
                what + ": reported certificate " + dense.certificate() + " is neither recomputed bound " + both[0] + ", " + both[1]);
        // both within tol of P*: the objectives agree to 2·tol
        assertEquals(sparse.objective(), dense.objective(), 2.5 * o.tol() * Math.abs(sparse.objective()), what + ": objective");
        double scale = Math.abs(sparse.intercept());
        for (double b : sparse.beta()) scale = Math.max(scale, Math.abs(b));
        double worst = Math.abs(dense.intercept() - sparse.intercept());
        for (int j = 0; j < d.p(); j++) worst = Math.max(worst, Math.abs(dense.beta()[j] - sparse.beta()[j]));
        assertTrue(worst <= 1e-3 * Math.max(scale, 1e-12), what + ": coefficients differ by " + worst + " (largest " + scale + ")");
        for (double b : dense.beta()) assertTrue(Double.isFinite(b), what + ": non-finite coefficient");
    }

    /** Certificates.of's two gaps (uniform and curvature-weighted centring; +∞ where there is no second one). */
    static double[] bothBounds(Dataset d, FitOptions o, double lambda, double b0, double[] beta) {
        io.github.spred4j.data.LossFamily fam = Families.of(o.model());
        int n = d.n(), p = d.p();
        HostMatrix x = HostMatrix.of(d);
        double[] y = d.y(), xbar = Certificates.means(x.columnSums(), n);
        double[] scale = Certificates.scales(x.centredSumSquares(xbar), n, o.standardize());
        if (!o.intercept()) xbar = new double[p];
        double[] eta = x.eta(b0, beta), r = new double[n], w = new double[n], b = new double[p];
        for (int i = 0; i < n; i++) {
            r[i] = fam.residual(y[i], eta[i]); // as Certificates.of: 1 − μ with its digits
            w[i] = fam.weight(eta[i]);
        }
        for (int j = 0; j < p; j++) b[j] = beta[j] * scale[j];
        double[] g = Certificates.centred(x.xtr(r), r, xbar, scale);
        double la = lambda * o.alpha(), mu = lambda * (1 - o.alpha());
        double u = Certificates.compute(fam, y, eta, r, g, b, la, mu, o.intercept(), 1).value();
        if (!o.intercept()) return new double[]{u, Double.POSITIVE_INFINITY};
        double[] gw = Certificates.centred(x.xtr(w), w, xbar, scale);
        return new double[]{u, Certificates.computeWeighted(fam, y, eta, r, g, w, gw, b, la, mu).value()};
    }

    @Test
    void singleFitsMatchTheNaiveRoute() {
        long back = IrlsCovariance.HANDED_BACK.get();
        try (Context ctx = Backends.get("java").open()) {
            long seed = 11;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON})
                for (int[] s : SIZES)
                    for (double alpha : new double[]{1, 0.5}) {
                        boolean ic = seed % 3 != 0, std = seed % 2 == 0;
                        Dataset d = problem(s[0], s[1], m, seed++);
                        FitOptions o = FitOptions.defaults(m).withAlpha(alpha).withIntercept(ic).withStandardize(std).withTol(TOL);
                        try (Prepared pb = new Prepared(ctx, d, o)) {
                            assertNotNull(IrlsCovariance.of(pb, o, new double[s[1]]), "the covariance mode applies to " + s[0] + "x" + s[1]);
                        }
                        double lmax = Spred.lambdaMax(d, o);
                        for (double f : new double[]{1, 0.3, 0.05}) {
                            FitOptions of = o.withLambda(f * lmax);
                            String what = m + " " + s[0] + "x" + s[1] + " alpha=" + alpha + " intercept=" + ic + " std=" + std + " λ=" + f + "·λmax";
                            same(d, of, Spred.fit(ctx, d, of), Spred.fit(ctx, csr(d), of), what);
                        }
                    }
        }
        // every λ certified by the covariance mode itself, none rescued by the engine's naive loop
        assertEquals(back, IrlsCovariance.HANDED_BACK.get(), "λ values handed back to the engine");
    }

    @Test
    void pathsMatchTheNaiveRoute() {
        long back = IrlsCovariance.HANDED_BACK.get();
        try (Context ctx = Backends.get("java").open()) {
            long seed = 101;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON})
                for (int[] s : new int[][]{{129, 17}, {300, 65}}) {
                    Dataset d = problem(s[0], s[1], m, seed++);
                    FitOptions o = FitOptions.defaults(m).withTol(TOL);
                    double[] lam = Spred.lambdas(d, o, 30, Double.NaN);
                    PathResult a = Spred.path(ctx, d, o, lam, PathListener.NONE), b = Spred.path(ctx, csr(d), o, lam, PathListener.NONE);
                    for (int i = 0; i < lam.length; i++)
                        same(d, o.withLambda(lam[i]), a.fits().get(i), b.fits().get(i), m + " " + s[0] + "x" + s[1] + " path fit " + i);
                }
        }
        assertEquals(back, IrlsCovariance.HANDED_BACK.get(), "λ values handed back to the engine");
    }

    /**
     * A path whose λ falls below Engine.COLD of the last one after Newton fits: the engine's naive route takes over
     * from the state the covariance mode left (its vectors derived only then, lazily), then the mode again, twice.
     * Every fit must match the naive route's on CSR X.
     */
    @Test
    void naiveRouteGoesOnFromTheNewtonState() {
        try (Context ctx = Backends.get("java").open()) {
            long seed = 201;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON})
                for (int[] s : new int[][]{{129, 17}, {64, 31}}) {
                    Dataset d = problem(s[0], s[1], m, seed++);
                    FitOptions o = FitOptions.defaults(m).withTol(TOL);
                    double lmax = Spred.lambdaMax(d, o);
                    double[] lam = {0.5 * lmax, 0.3 * lmax, 0.02 * lmax, 0.015 * lmax, 0.01 * lmax, 0.001 * lmax};
                    PathResult a = Spred.path(ctx, d, o, lam, PathListener.NONE), b = Spred.path(ctx, csr(d), o, lam, PathListener.NONE);
                    for (int i = 0; i < lam.length; i++)
                        same(d, o.withLambda(lam[i]), a.fits().get(i), b.fits().get(i), m + " " + s[0] + "x" + s[1] + " cold path fit " + i);
                }
        }
    }
}
