package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link ExactStep}'s ΔP against the objective difference computed in exact decimal arithmetic from the data (the
 * true residual y − b0 − Xβ, not the solver's state), for far steps and for steps of 1e-9 away from a converged
 * point, where ΔP is second order (~1e-18·P) and the difference of two float64 objectives is rounding noise.
 */
class ExactStepTest {
    static Dataset random(int n, int p, long seed) {
        Random r = new Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < x.length; i++) x[i] = r.nextGaussian() + 0.3;
        for (int i = 0; i < n; i++) y[i] = 2 * x[i * p] - x[i * p + 1] + r.nextGaussian() + 1;
        return Dataset.dense(n, p, x, y, null);
    }

    /** P(b) in exact arithmetic: ‖y − b0 − Xβ‖²/(2n) + la‖b‖₁ + mu/2‖b‖², b0 = ȳ − x̄ᵀβ (β = b: no standardisation). */
    static BigDecimal exactP(Dataset d, double[] b, double ybar, double[] xbar, double la, double mu) {
        int n = d.n(), p = d.p();
        double[] x = d.x(), y = d.y();
        BigDecimal b0 = new BigDecimal(ybar), s = BigDecimal.ZERO;
        for (int j = 0; j < p; j++) b0 = b0.subtract(new BigDecimal(xbar[j]).multiply(new BigDecimal(b[j])));
        for (int i = 0; i < n; i++) {
            BigDecimal r = new BigDecimal(y[i]).subtract(b0);
            for (int j = 0; j < p; j++) r = r.subtract(new BigDecimal(x[i * p + j]).multiply(new BigDecimal(b[j])));
            s = s.add(r.multiply(r));
        }
        BigDecimal pen = BigDecimal.ZERO;
        for (double v : b)
            pen = pen.add(new BigDecimal(la).multiply(new BigDecimal(Math.abs(v))))
                    .add(new BigDecimal(mu / 2).multiply(new BigDecimal(v)).multiply(new BigDecimal(v)));
        return s.divide(new BigDecimal(2 * n), MathContext.DECIMAL128).add(pen);
    }

    @Test
    void theChangeEqualsTheExactDifferenceFarAndNearTheOptimum() {
        for (int[] np : new int[][]{{2, 3}, {37, 53}, {64, 65}, {11, 200}}) {
            Dataset d = random(np[0], np[1], 11 + np[0]);
            FitOptions o = FitOptions.defaults(Model.SQUARED);
            try (Context ctx = Backends.get("java").open(); Prepared pb = new Prepared(ctx, d, o); Inner st = new Inner(pb)) {
                assertFalse(st.covariance(), "p > n: naive mode");
                int p = pb.p;
                int[] all = new int[p];
                for (int j = 0; j < p; j++) all[j] = j;
                double la = 0.05 * pb.lambdaMax;
                for (double mu : new double[]{0, 0.3 * la}) {
                    st.setState(pb.c0, new double[p]);
                    st.solve(all, la, mu, 1e-30, 20_000); // as close as float64 gets (thr 1e-30 is never met)
                    Random r = new Random(np[1] + (long) (mu * 1e6));
                    for (double delta : new double[]{1, 1e-3, 1e-9}) {
                        double[] b = st.b.clone(), v = new double[p];
                        for (int j = 0; j < p; j++) v[j] = b[j] + delta * r.nextGaussian(); // some cross zero at delta 1
                        ExactStep.Move m = ExactStep.of(st, all, v, la, mu);
                        assertNotNull(m);
                        BigDecimal ref = exactP(d, v, pb.ybar, pb.xbar, la, mu).subtract(exactP(d, b, pb.ybar, pb.xbar, la, mu));
                        double want = ref.doubleValue();
                        assertTrue(Double.isFinite(m.dP()), "finite");
                        assertEquals(want, m.dP(), 1e-7 * Math.abs(want), np[0] + "x" + np[1] + " mu " + mu + " delta " + delta);
                        if (delta == 1e-9) assertTrue(want > 0, "a step away from the minimiser raises P: " + want);
                        // take() moves exactly when P drops, and leaves the state alone otherwise
                        long before = st.version;
                        boolean moved = ExactStep.take(st, all, v, la, mu);
                        assertEquals(m.dP() < 0, moved);
                        if (!moved) assertEquals(before, st.version);
                        else assertArrayEquals(v, st.b, 0);
                        st.setState(pb.c0, b);
                    }
                }
            }
        }
    }
}
