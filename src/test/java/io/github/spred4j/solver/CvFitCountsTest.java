package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** CvFitCounts: the fold / full-data split of a CV's reported fits and what counts as certified. */
class CvFitCountsTest {
    private static FitResult withCertificate(double c) {
        return new FitResult(0, new double[1], 1, 0, "duality_gap", c, 0, 1, 0, "java", "host");
    }

    @Test
    void theLastPathIsTheFullDataOneAndNanOrNegativeGapsAreNotCertified() {
        // 3 folds x 4 lambda, then 4 full-data fits: 16 in all
        CvFitCounts n = new CvFitCounts(3, 1e-7);
        double[] c = {1e-9, 2e-7, Double.NaN, 1e-8, /* fold 2 */ 0, -1e-9, 5e-8, 1e-7, /* fold 3 */ 1e-12, 1e-12, 1e-12, 1e-12,
                /* full data */ 1e-9, Double.NaN, 3e-7, -2e-13};
        for (int i = 0; i < c.length; i++) n.fitted(i, c.length, withCertificate(c[i]));
        assertEquals(12, n.foldFits());
        assertEquals(3, n.foldUncertified(), "2e-7 above tol, NaN, and a negative gap beyond rounding");
        assertEquals(4, n.fullFits());
        assertEquals(2, n.fullUncertified(), "NaN and 3e-7; -2e-13 is rounding");
        assertEquals(1, n.negativeGaps());
        assertTrue(Double.isNaN(n.worst()), "a NaN certificate stays the worst");
        assertEquals(16, n.seen());
        assertEquals(16, n.total());
        assertTrue(n.pairs().contains("fold_uncertified=3 full_fits=4 full_uncertified=2 negative_gaps=1"), n.pairs());
    }

    @Test
    void aRealCvReportsEveryFoldAndFullDataFitCertified() {
        Random r = new Random(5);
        int n = 60, p = 8;
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) x[i * p + j] = r.nextGaussian();
            y[i] = 2 * x[i * p] - x[i * p + 3] + 0.3 * r.nextGaussian();
        }
        double[] lam = {1.5, 0.8, 0.4, 0.2, 0.1};
        int[] folds = Spred.foldIds(n, 5, 3);
        for (Model m : new Model[]{Model.SQUARED, Model.LOGISTIC}) {
            double[] yy = y.clone();
            if (m == Model.LOGISTIC) for (int i = 0; i < n; i++) yy[i] = y[i] > 0 ? 1 : 0;
            Dataset dd = Dataset.dense(n, p, x, yy, null);
            FitOptions o = FitOptions.defaults(m).withTol(1e-6);
            CvFitCounts c = new CvFitCounts(5, o.tol());
            double[] l = m == Model.LOGISTIC ? new double[]{0.2, 0.1, 0.05, 0.02, 0.01} : lam;
            try (Context ctx = Backends.get("java").open()) {
                Spred.cv(ctx, dd, o, l, folds, c);
            }
            assertEquals(25, c.foldFits(), m + ": " + c.pairs());
            assertEquals(5, c.fullFits(), m + ": " + c.pairs());
            assertEquals(30, c.seen());
            assertEquals(0, c.foldUncertified() + c.fullUncertified() + c.negativeGaps(), m + ": " + c.pairs());
            assertTrue(c.worst() >= 0 && c.worst() <= 1e-6, m + ": " + c.pairs());
        }
    }

    @Test
    void fewerThanTwoFoldsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CvFitCounts(1, 1e-7));
    }
}
