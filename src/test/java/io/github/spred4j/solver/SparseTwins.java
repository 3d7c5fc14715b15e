package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The scaffolding the sparse cross-validation routes' tests share ({@link SparseGramCvTest}, {@link SparseCdCvTest}):
 * seeded sparse problems with awkward columns, their densified twins, and the checks of a sparse CV route and of a
 * sparse path route against the twin's CV (itself checked against independent cold fits on every fold's rows by
 * {@link ManyProblemsTest#checkCurve}) and the engine's path.
 */
final class SparseTwins {
    private SparseTwins() {
    }

    /** A sparse cross-validation route, as {@link SparseGramCv#run} and {@link SparseCdCv#run}. */
    interface CvRoute {
        CvResult run(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int folds, PathListener listener);
    }

    /** A sparse path route over an explicit λ sequence. */
    interface PathRoute {
        PathResult run(Context ctx, Dataset d, FitOptions o, double[] lam);
    }

    /**
     * A seeded sparse problem: each entry nonzero with probability {@code density}, values around 1 (so centring
     * matters), the last column empty, column 0's nonzeros only in rows of fold 1 when {@code foldId} is given.
     */
    static Dataset sparse(int n, int p, double density, long seed, int[] foldId) {
        Random r = new Random(seed);
        int[] rp = new int[n + 1];
        int[] ci = new int[n * p];
        double[] v = new double[n * p], y = new double[n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                if (p > 1 && j == p - 1) continue; // an empty column
                if (j == 0 && foldId != null && foldId[i] != 1) continue; // all zero outside fold 1
                if (r.nextDouble() >= density && !(j == 0 && foldId != null)) continue;
                double x = 1 + r.nextGaussian();
                ci[w] = j;
                v[w++] = x;
                if (j < 5) y[i] += (j % 2 == 0 ? 1.5 : -1) * x;
            }
            y[i] += 2 + 0.5 * r.nextGaussian();
            rp[i + 1] = w;
        }
        return Dataset.sparse(n, p, rp, Arrays.copyOf(ci, w), Arrays.copyOf(v, w), y, null);
    }

    static Dataset densify(Dataset s) {
        return Dataset.dense(s.n(), s.p(), HostX.csr(s).toDense(), s.y(), null);
    }

    /** Leave-one-out fold ids (one row per fold). */
    static int[] leaveOneOut(int n) {
        int[] foldId = new int[n];
        for (int i = 0; i < n; i++) foldId[i] = i + 1;
        return foldId;
    }

    /**
     * The route's CV against the densified twin's (itself checked against cold per-fold fits): no engine refit,
     * every fit reported once and certified, the same curve, standard errors, λ_min and λ_1se, full-data objectives
     * and, for every full-data fit, the reported certificate equal to the host one of its coefficients.
     */
    static void checkCv(CvRoute route, Context ctx, Dataset sp, FitOptions o, double[] lam, int[] foldId, String what) {
        Dataset dense = densify(sp);
        ManyProblemsTest.checkCurve(ctx, dense, o, lam, foldId); // the dense CV = independent cold fits per fold
        int folds = CrossValidation.checkFolds(foldId, sp.n());
        int refits = GramCv.REFITS.get();
        int[] seen = new int[(folds + 1) * lam.length];
        CvResult s = route.run(ctx, sp, o, lam, foldId, folds, (i, t, f) -> {
            assertEquals(seen.length, t, what + ": listener total");
            seen[i]++;
            assertTrue(certified(f, o), what + ": fit " + i + " certified: " + f.certificate());
        });
        assertEquals(refits, GramCv.REFITS.get(), what + ": every point certified by the route (no engine refit)");
        for (int c : seen) assertEquals(1, c, what + ": every fit reported once to the listener");
        CvResult d = Spred.cv(ctx, dense, o, lam, foldId);
        for (int l = 0; l < lam.length; l++) {
            assertEquals(d.meanLoss()[l], s.meanLoss()[l], curveBound(o) * d.meanLoss()[l], what + ": CV mean at lambda " + l);
            assertEquals(d.stdErr()[l], s.stdErr()[l], 1e-6 * d.stdErr()[l] + 1e-12 * d.meanLoss()[l], what + ": CV standard error at lambda " + l);
            FitResult fs = s.path().fits().get(l), fd = d.path().fits().get(l);
            assertTrue(certified(fs, o), what + ": full-data fit " + l + " certified: " + fs.certificate());
            assertEquals(fd.objective(), fs.objective(), 1e-9 * Math.abs(fd.objective()), what + ": objective at lambda " + l);
            double indep = Certificates.of(sp, o, lam[l], fs.intercept(), fs.beta()).value();
            assertEquals(indep, fs.certificate(), 1e-9, what + ": the reported certificate is the host one at lambda " + l);
        }
        assertEquals(d.indexMin(), s.indexMin(), what + ": lambda_min");
        assertEquals(d.index1se(), s.index1se(), what + ": lambda_1se");
    }

    /**
     * The route's path against the engine's path on the same CSR data: no engine refit, every fit certified with
     * the host certificate of its coefficients, the same objectives (the minimum is unique even where β is not).
     */
    static void checkPath(PathRoute route, Context ctx, Dataset d, FitOptions o, double[] lam, String what) {
        int refits = GramCv.REFITS.get();
        PathResult g = route.run(ctx, d, o, lam);
        assertEquals(refits, GramCv.REFITS.get(), what + ": every point certified by the route (no engine refit)");
        PathResult e = Paths.enginePath(ctx, d, o, lam, (i, t, f) -> { }, 0, lam.length);
        for (int l = 0; l < lam.length; l++) {
            FitResult a = g.fits().get(l), b = e.fits().get(l);
            assertTrue(certified(a, o), what + ": path fit " + l + " certified: " + a.certificate());
            assertEquals(b.objective(), a.objective(), 1e-8 * Math.abs(b.objective()), what + ": objective at lambda " + l);
            double indep = Certificates.of(d, o, lam[l], a.intercept(), a.beta()).value();
            assertEquals(indep, a.certificate(), 1e-9, what + ": the reported certificate is the host one at lambda " + l);
        }
    }

    /**
     * How far two CV curves of fits each certified within tol may differ, relative: the objectives of two certified
     * answers agree within the gap, but their coefficients and held-out predictions only within about its square root
     * (strong convexity: ½μ‖β − β*‖² ≤ gap; plain lasso, not even that for β), and a held-out loss moves with the
     * prediction. Leave-one-out (one row a fold, its loss one squared residual) shows it: two routes certified at 1e-11
     * gave CV means 1.1e-7 apart. The objectives are compared at the gap's own scale.
     */
    static double curveBound(FitOptions o) {
        return Math.sqrt(o.tol());
    }

    static boolean certified(FitResult f, FitOptions o) {
        return f.certificate() <= o.tol() && f.certificate() >= -Certificates.NEGATIVE_SLACK;
    }
}
