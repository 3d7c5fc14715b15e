package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What {@link CvFitCounts} (and so {@code cv --json}'s counts and exit 5) relies on, on every CV route: each of the
 * (folds + 1)·L fits is reported once, with that total; fit f·L + l is fold f's at λ_l; the last L are the
 * full-data path, the very fits CvResult keeps. A route that skipped a fit, or reported the full-data fits at other
 * indices, would have the counts miss or misfile an uncertified fit.
 */
class CvListenerRoutesTest {
    private interface Route {
        CvResult run(Context ctx, Dataset d, FitOptions o, double[] lam, int[] foldId, int folds, PathListener l);
    }

    @Test
    void everyRouteReportsEveryFitOnceInFoldOrder() {
        Dataset tall = IrlsCovarianceTest.problem(90, 8, Model.POISSON, 11), wide = IrlsCovarianceTest.problem(20, 90, Model.POISSON, 12);
        Dataset sparse = IrlsCovarianceTest.csr(tall), rcv = Rcv1Shaped.generate(300, 40, 8, 13);
        FitOptions sq = FitOptions.defaults(Model.SQUARED);
        double[] w = new double[tall.n()];
        for (int i = 0; i < w.length; i++) w[i] = 0.5 + (i % 3);
        check("GramCv", GramCv::run, tall, sq);
        check("LazyGramCv", LazyGramCv::run, wide, sq);
        check("SparseGramCv", SparseGramCv::run, sparse, sq);
        check("SparseCdCv", SparseCdCv::run, rcv, sq);
        check("perFold squared", CrossValidation::perFold, tall, sq);
        check("perFold logistic", CrossValidation::perFold, IrlsCovarianceTest.problem(90, 8, Model.LOGISTIC, 14), FitOptions.defaults(Model.LOGISTIC));
        check("perFold sparse logistic", CrossValidation::perFold, IrlsCovarianceTest.csr(IrlsCovarianceTest.problem(90, 8, Model.LOGISTIC, 15)), FitOptions.defaults(Model.LOGISTIC));
        check("perFold lbfgs", CrossValidation::perFold, tall, sq.withMethod(Method.LBFGS));
        check("WeightedCv", (ctx, d, o, lam, id, k, l) -> WeightedCv.run(ctx, d, o, lam, id, l), tall, sq.withWeights(w));
        check("Spred.cv poisson", (ctx, d, o, lam, id, k, l) -> Spred.cv(ctx, d, o, lam, id, l), tall, FitOptions.defaults(Model.POISSON));
    }

    private static void check(String what, Route route, Dataset d, FitOptions o) {
        int folds = 4;
        double[] lam = CrossValidation.checkLambdas(Spred.lambdas(d, o, 7, 0.01));
        int L = lam.length, total = (folds + 1) * L;
        int[] foldId = CrossValidation.foldIds(d.n(), folds, 21);
        FitResult[] got = new FitResult[total];
        CvFitCounts counts = new CvFitCounts(folds, Certificates.tolerance(o));
        CvResult cv;
        try (Context ctx = Backends.get("java").open()) {
            cv = route.run(ctx, d, o, lam, foldId, folds, (i, t, f) -> {
                assertEquals(total, t, what + ": total");
                assertTrue(i >= 0 && i < total, what + ": index " + i);
                assertNull(got[i], what + ": fit " + i + " reported twice");
                got[i] = f;
                counts.fitted(i, t, f);
            });
        }
        for (int i = 0; i < total; i++) {
            assertNotNull(got[i], what + ": fit " + i + " never reported");
            assertEquals(lam[i % L], got[i].lambda(), what + ": fit " + i + "'s λ");
        }
        assertEquals(folds * L, counts.foldFits(), what + ": " + counts.pairs());
        assertEquals(L, counts.fullFits(), what + ": " + counts.pairs());
        assertNotNull(cv.path(), what);
        for (int l = 0; l < L; l++) {
            FitResult full = cv.path().fits().get(l), seen = got[folds * L + l];
            assertEquals(Double.doubleToLongBits(full.intercept()), Double.doubleToLongBits(seen.intercept()), what + ": full fit " + l);
            assertArrayEquals(full.beta(), seen.beta(), what + ": full fit " + l);
            assertEquals(Double.doubleToLongBits(full.certificate()), Double.doubleToLongBits(seen.certificate()), what + ": full fit " + l);
        }
    }
}
