package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Anderson-accelerated coordinate descent on a large working set reaches the same minimiser as plain sweeps from
 * the same start, in fewer sweeps (a count, not a time), and the engine's answer with it is certified.
 */
class AndersonTest {
    static Dataset correlated(int n, int p, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            double prev = 0;
            for (int j = 0; j < p; j++) { // AR(1) columns, ρ = 0.8: an ill-conditioned working set
                prev = 0.8 * prev + 0.6 * r.nextGaussian();
                x[i * p + j] = prev;
            }
        }
        for (int i = 0; i < n; i++) {
            double s = r.nextGaussian();
            for (int j = 0; j < p; j += 7) s += x[i * p + j] * (j % 2 == 0 ? 1 : -0.5);
            y[i] = s;
        }
        return Dataset.dense(n, p, x, y, null);
    }

    @Test
    void fewerSweepsToTheSameMinimiser() {
        Dataset d = correlated(300, 700, 5);
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        try (Context ctx = Backends.get("java").open(); Prepared pb = new Prepared(ctx, d, o);
             Inner plain = new Inner(pb); Inner acc = new Inner(pb)) {
            double la = 0.005 * pb.lambdaMax;
            int[] all = new int[pb.p];
            for (int j = 0; j < all.length; j++) all[j] = j;
            assertTrue(all.length >= Anderson.MIN_SET);
            double thr = 1e-16;
            // plain: the same single sweeps over W that Anderson.solve makes, without the extrapolation
            boolean done = false;
            while (!done && plain.sweeps < 200_000) done = plain.solve(all, la, 0, thr, 1);
            assertTrue(done, "plain CD converged");
            Polish pa = new Polish(acc);
            assertTrue(Anderson.solve(acc, all, la, 0, thr, 200_000), "accelerated CD converged");
            Polish pp = new Polish(plain);
            double fPlain = pp.objective(plain.eta(), plain.b, la, 0), fAcc = pa.objective(acc.eta(), acc.b, la, 0);
            assertTrue(Double.isFinite(fAcc) && Math.abs(fAcc - fPlain) <= 1e-10 * Math.abs(fPlain), fAcc + " vs " + fPlain);
            assertTrue(acc.sweeps < 0.7 * plain.sweeps, "sweeps: accelerated " + acc.sweeps + ", plain " + plain.sweeps);
        }
    }

    @Test
    void theEngineAnswerWithAccelerationIsCertified() {
        Dataset d = correlated(300, 700, 6);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-9);
        try (Context ctx = Backends.get("native").open()) {
            double lmax = Spred.lambdaMax(d, o);
            for (double f : new double[]{0.05, 0.005, 0.001}) {
                FitResult r = Spred.fit(ctx, d, o.withLambda(f * lmax));
                assertTrue(r.certificate() <= 1e-9 && r.certificate() >= -1e-12, f + ": " + r.certificate());
                IndependentCertificate ind = IndependentCertificate.of(d, false, r.lambda(), 1, false, r.intercept(), r.beta());
                assertTrue(ind.relGap() <= 1e-9 && ind.relGap() >= -1e-12, "independent gap " + ind.relGap());
            }
        }
    }
}
