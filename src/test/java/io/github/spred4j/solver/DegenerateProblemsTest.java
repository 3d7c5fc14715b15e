package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The batched squared-loss routes (fitBatch on one Gram, fitTargets on dense and sparse X, the Gram CVs) on the
 * awkward problems: p = 1, n = 1 and 2, p > n, an all-zero and a constant column, an all-zero and a constant y,
 * λ above, at and just below λ_max, repeated and increasing λ, with and without intercept and standardisation,
 * lasso and elastic net. Every answer is certified in [−1e-12, tol] and has the single fit's objective (within
 * 10·tol relative, or 1e-14 absolute where both are ~0); CV curves are finite; and none was refitted by the
 * general engine ({@link GramCv#REFITS}): the Gram routes answered all of them themselves (a refit hides a wrong
 * Gram answer behind a right one).
 */
class DegenerateProblemsTest {
    static final double TOL = 1e-8;

    /** n×p with column 1 all zero and column 3 constant (where p allows); y all zero (kind 0), constant (1) or a signal. */
    static Dataset dense(int n, int p, long seed, int yKind) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) x[i * p + j] = p > 1 && j == 1 ? 0 : p > 3 && j == 3 ? 3 : r.nextGaussian() + (j % 3 == 0 ? 5 : 0);
            y[i] = yKind == 0 ? 0 : yKind == 1 ? 7 : 2 * x[i * p] - (p > 2 ? x[i * p + 2] : 0) + r.nextGaussian() + 10;
        }
        return Dataset.dense(n, p, x, y, null);
    }

    static Dataset sparseOf(Dataset d) {
        int n = d.n(), p = d.p(), nz = 0;
        int[] rp = new int[n + 1], ci = new int[n * p];
        double[] v = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++)
                if (d.x()[i * p + j] != 0) {
                    ci[nz] = j;
                    v[nz++] = d.x()[i * p + j];
                }
            rp[i + 1] = nz;
        }
        return Dataset.sparse(n, p, rp, java.util.Arrays.copyOf(ci, nz), java.util.Arrays.copyOf(v, nz), d.y(), null);
    }

    private static void same(String what, FitResult a, FitResult ref) {
        assertFalse(Double.isNaN(a.objective()) || Double.isNaN(a.certificate()), what + ": NaN");
        assertTrue(a.certificate() <= TOL && a.certificate() >= -1e-12, what + ": certificate " + a.certificate());
        double diff = Math.abs(a.objective() - ref.objective());
        assertTrue(diff <= 10 * TOL * Math.abs(ref.objective()) || diff <= 1e-14,
                what + ": objective " + a.objective() + ", single fit " + ref.objective());
    }

    @Test
    void batchedRoutesAnswerAwkwardProblemsAsSingleFits() throws Exception {
        int[][] shapes = {{1, 1}, {2, 1}, {5, 1}, {30, 1}, {1, 4}, {3, 8}, {40, 6}, {20, 50}};
        int refits = GramCv.REFITS.get();
        try (Context ctx = Backends.get("java").open()) {
            for (int[] sh : shapes)
                for (int yKind = 0; yKind < 3; yKind++)
                    for (int opt = 0; opt < 8; opt++) {
                        int n = sh[0], p = sh[1];
                        boolean icpt = (opt & 1) == 0, std = (opt & 2) == 0;
                        double alpha = (opt & 4) == 0 ? 1 : 0.5;
                        Dataset d = dense(n, p, n * 100L + p, yKind);
                        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(TOL).withIntercept(icpt).withStandardize(std).withAlpha(alpha);
                        String tag = "n " + n + " p " + p + " y " + yKind + " intercept " + icpt + " standardize " + std + " alpha " + alpha;
                        double lmax = Spred.lambdaMax(d, o), base = lmax > 0 ? lmax : 1;
                        double[] lams = {2 * base, base, 0.5 * base, 0.5 * base, 0.05 * base, 0.3 * base, base * (1 - 1e-12)};
                        FitResult[] fb = Spred.fitBatch(ctx, d, o, lams);
                        for (int t = 0; t < lams.length; t++)
                            same("fitBatch " + tag + " λ/λmax " + lams[t] / base, fb[t], Spred.fit(ctx, d, o.withLambda(lams[t])));
                        double[][] ys = {d.y(), new double[n], new double[n], new double[n]}; // y, zeros, constant, 3y + 5
                        for (int i = 0; i < n; i++) {
                            ys[2][i] = 4.5;
                            ys[3][i] = 3 * d.y()[i] + 5;
                        }
                        double[] tl = new double[ys.length];
                        for (int t = 0; t < ys.length; t++) {
                            double lm = Spred.lambdaMax(Dataset.dense(n, p, d.x(), ys[t], null), o);
                            tl[t] = lm > 0 ? 0.2 * lm : 0.7;
                        }
                        for (Dataset dx : new Dataset[]{d, sparseOf(d)}) {
                            FitResult[] ft = Spred.fitTargets(ctx, dx, ys, o, tl);
                            for (int t = 0; t < ys.length; t++)
                                same("fitTargets" + (dx.isSparse() ? " (sparse X) " : " ") + tag + " target " + t, ft[t],
                                        Spred.fit(ctx, Dataset.dense(n, p, d.x(), ys[t], null), o.withLambda(tl[t])));
                        }
                        if (n >= 4) {
                            int[] fid = new int[n];
                            for (int i = 0; i < n; i++) fid[i] = i % 3 + 1;
                            CvResult cv = Spred.cv(ctx, d, o, new double[]{base, 0.5 * base, 0.1 * base, 0.01 * base}, fid);
                            for (double v : cv.meanLoss()) assertTrue(Double.isFinite(v), "cv " + tag + ": curve " + v);
                        }
                    }
        }
        assertEquals(0, GramCv.REFITS.get() - refits, "problems the Gram routes handed to the engine");
    }
}
