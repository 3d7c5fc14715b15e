package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The covariance mode's check skips the columns a Cauchy–Schwarz bound proves irrelevant ({@link IrlsCheck}
 * columns()). Every check that skipped is redone in full here (IrlsCheck.VERIFY): its certificate must be the
 * full pass's to the bit and its violators the same, on seeded problems at awkward sizes (p = 1, n = p, primes, one
 * past a power of two), lasso and elastic net, with and without intercept and standardisation, separable logistic
 * data, Poisson counts that are mostly zero, and the real breast_cancer and quine CVs; and checks must have skipped
 * (else the test compares a route with itself). The skipped columns keep a stale gradient for the next λ's strong
 * rule, so the working sets, hence the rounding of the answers, may differ from the full pass's route: the paths
 * and CVs with the skip on and off must both certify and agree as two certified answers do (objective to 2·tol,
 * CV curve to √tol relative, the same λ_min and λ_1se).
 */
class IrlsSkipTest {
    private static final int[][] SIZES = {{2, 1}, {7, 7}, {17, 5}, {64, 31}, {129, 17}, {97, 97}, {300, 65}, {569, 30}};

    /** Runs the body with the skip on (every skipping check verified) or off; restores the settings. */
    private static <T> T with(boolean skip, java.util.function.Supplier<T> body) {
        boolean was = IrlsCheck.SKIP;
        IrlsCheck.SKIP = skip;
        IrlsCheck.VERIFY = VERIFIED;
        try {
            return body.get();
        } finally {
            IrlsCheck.SKIP = was;
            IrlsCheck.VERIFY = null;
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong[] VERIFIED = {
            new java.util.concurrent.atomic.AtomicLong(), new java.util.concurrent.atomic.AtomicLong()};

    private static void samePath(PathResult on, PathResult off, double tol, String what) {
        assertEquals(off.fits().size(), on.fits().size(), what);
        for (int i = 0; i < off.fits().size(); i++) {
            FitResult a = on.fits().get(i), b = off.fits().get(i);
            String at = what + " fit " + i;
            for (FitResult f : new FitResult[]{a, b})
                assertTrue(f.certificate() <= tol && f.certificate() >= -Certificates.NEGATIVE_SLACK, at + ": certificate " + f.certificate());
            assertEquals(b.objective(), a.objective(), 2.5 * tol * Math.abs(b.objective()), at + ": objective");
        }
    }

    private static void verifiedAll(long equal0, String what) {
        assertEquals(0, VERIFIED[1].get(), what + ": checks whose certificate or violators differ from the full pass's");
        assertTrue(VERIFIED[0].get() > equal0, what + ": no check skipped a column: the comparison tested nothing");
    }

    /** Separable logistic data: y = 1 exactly where column 0 is above 0 (the fits run to large |η| at small λ). */
    static Dataset separable(int n, int p, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) x[i * p + j] = Math.pow(10, j % 3 - 1) * r.nextGaussian();
            y[i] = x[i * p] > 0 ? 1 : 0;
        }
        y[0] = 1;
        x[0] = Math.abs(x[0]) + 0.1;
        y[n - 1] = 0;
        x[(n - 1) * p] = -Math.abs(x[(n - 1) * p]) - 0.1;
        return Dataset.dense(n, p, x, y, null);
    }

    /** Poisson counts, mostly zero (mean e^(−2 + ...)), at least one nonzero. */
    static Dataset sparseCounts(int n, int p, long seed) {
        Dataset d = IrlsCovarianceTest.problem(n, p, Model.POISSON, seed);
        double[] y = d.y().clone();
        Random r = new Random(seed);
        for (int i = 1; i < n; i++) if (r.nextInt(4) != 0) y[i] = 0;
        y[0] = Math.max(y[0], 1);
        return Dataset.dense(n, p, d.x(), y, null);
    }

    @Test
    void pathsAreTheFullPasssToTheBit() {
        long equal0 = VERIFIED[0].get();
        try (Context ctx = Backends.get("java").open()) {
            long seed = 7;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON})
                for (int[] s : SIZES)
                    for (double alpha : new double[]{1, 0.5}) {
                        boolean ic = seed % 3 != 0, std = seed % 2 == 0;
                        for (int kind = 0; kind < 2; kind++) {
                            Dataset d = kind == 0 ? IrlsCovarianceTest.problem(s[0], s[1], m, seed)
                                    : m == Model.LOGISTIC ? separable(s[0], s[1], seed) : sparseCounts(s[0], s[1], seed);
                            FitOptions o = FitOptions.defaults(m).withAlpha(alpha).withIntercept(ic).withStandardize(std);
                            double[] lam = Spred.lambdas(d, o, 60, Double.NaN);
                            PathResult on = with(true, () -> Spred.path(ctx, d, o, lam, PathListener.NONE));
                            PathResult off = with(false, () -> Spred.path(ctx, d, o, lam, PathListener.NONE));
                            samePath(on, off, o.tol(), m + (kind == 0 ? "" : " separable/mostly-zero") + " " + s[0] + "x" + s[1]
                                    + " alpha=" + alpha + " intercept=" + ic + " std=" + std);
                        }
                        seed++;
                    }
        }
        verifiedAll(equal0, "paths");
    }

    @Test
    void realSetsCvIsTheFullPasssToTheBit() throws Exception {
        for (String set : new String[]{"breast_cancer", "quine"}) {
            Path dir = TestData.dir(set);
            assumeTrue(dir != null, set + " not found (resources or ../shared/data)");
            Dataset d = TestData.dataset(dir, set);
            Model m = set.equals("quine") ? Model.POISSON : Model.LOGISTIC;
            FitOptions o = FitOptions.defaults(m);
            double[] lam = Spred.lambdas(d, o, 100, Double.NaN);
            int[] folds = Spred.foldIds(d.n(), 10, 2026);
            long equal0 = VERIFIED[0].get();
            try (Context ctx = Backends.get("java").open()) {
                CvResult on = with(true, () -> Spred.cv(ctx, d, o, lam, folds));
                CvResult off = with(false, () -> Spred.cv(ctx, d, o, lam, folds));
                for (int i = 0; i < lam.length; i++)
                    assertEquals(off.meanLoss()[i], on.meanLoss()[i], Math.sqrt(o.tol()) * Math.abs(off.meanLoss()[i]), set + ": CV curve at λ " + i);
                assertEquals(off.lambdaMin(), on.lambdaMin(), 0, set + ": lambda_min");
                assertEquals(off.lambda1se(), on.lambda1se(), 0, set + ": lambda_1se");
                samePath(on.path(), off.path(), o.tol(), set + " full-data path");
            }
            verifiedAll(equal0, set);
        }
    }
}
