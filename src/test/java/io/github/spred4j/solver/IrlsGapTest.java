package io.github.spred4j.solver;

import io.github.spred4j.data.Log1p;
import io.github.spred4j.data.LossFamily;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link IrlsGap} (the covariance mode's gaps, the conjugate's logs taken near μ) against {@link Certificates}'
 * compute / computeWeighted on the same state: seeded random η (a few rows at |η| = 30 and 700, where μ or 1 − μ
 * is tiny), residuals near an answer (q within 1e-9 of μ: the series) and far from it (the family's own logs), the
 * lasso and the elastic net, n = 1, 2, primes, one past a power of two. The dual terms alone agree to 16 ulp of the
 * term (LossFamily.dualTermAt, from the step s); the relative gaps to 1e-14.
 */
class IrlsGapTest {
    private static final int[] SIZES = {1, 2, 7, 31, 129, 1000};

    /** A state near (noise 1e-9) or far from (noise 0.3) the answer: μ from η, r = y − μ perturbed. */
    private record State(double[] y, double[] eta, double[] r, double[] w, IrlsGap.Rows rows, double P) {
    }

    private static State state(LossFamily fam, int n, double noise, long seed) {
        Random rnd = new Random(seed);
        boolean logistic = fam == LossFamily.LOGISTIC;
        double[] y = new double[n], eta = new double[n], r = new double[n], w = new double[n], mu = new double[n];
        double[] om = logistic ? new double[n] : null, soft = logistic ? new double[n] : null;
        double P = 0;
        for (int i = 0; i < n; i++) {
            double e = i % 17 == 5 ? (logistic ? 30 : 5) * (i % 2 == 0 ? 1 : -1) : i % 23 == 7 ? -700 : rnd.nextGaussian() * 2;
            if (!logistic) e = Math.max(e, -30);
            eta[i] = e;
            double m;
            if (logistic) {
                double t = Math.exp(-Math.abs(e)), id = 1 / (1 + t);
                m = e >= 0 ? id : t * id;
                om[i] = e >= 0 ? t * id : id;
                soft[i] = Log1p.of(t);
                y[i] = rnd.nextDouble() < m ? 1 : 0;
            } else {
                m = Math.exp(e);
                y[i] = Math.floor(m + rnd.nextDouble() * 2);
            }
            mu[i] = m;
            w[i] = fam.weightAt(e, m);
            // the residual of the answer's dual point: q = y − r stays near μ (noise·μ) or moves far (noise 0.3)
            double q = m * (1 + noise * rnd.nextGaussian());
            if (logistic) q = Math.min(Math.max(q, 0), 1);
            r[i] = y[i] - Math.max(q, 0);
            P += fam.loss(y[i], e);
        }
        return new State(y, eta, r, w, new IrlsGap.Rows(logistic, eta, mu, om, soft), P / n);
    }

    @Test
    void dualTermsMatchTheFamily() {
        for (LossFamily fam : new LossFamily[]{LossFamily.LOGISTIC, LossFamily.POISSON})
            for (double noise : new double[]{0, 1e-12, 1e-9, 1e-6, 1e-3, 0.3}) {
                State s = state(fam, 1000, noise, 3);
                for (int i = 0; i < 1000; i++) {
                    // the step s = r (t = 1): both sides form q and 1 − q from it, so they agree to a few ulp of the
                    // term itself, also where the term is tiny (|η| = 30, 700: a well-classified row)
                    double st = s.r()[i], want = fam.dualTermAt(s.y()[i], st), got = s.rows().term(i, s.y()[i], st);
                    assertFalse(Double.isNaN(got), fam.name() + " row " + i + " NaN");
                    // Poisson's q·log q − q cancels: its scale is the pieces', the logistic entropy's two pieces share a sign
                    double q = s.y()[i] - st, scale = fam == LossFamily.POISSON && q > 0 ? q * (1 + Math.abs(Math.log(q))) : Math.abs(want);
                    assertEquals(want, got, 16 * Math.ulp(scale) + Double.MIN_NORMAL,
                            fam.name() + " noise " + noise + " row " + i + " s " + st + " μ " + s.rows().mu[i]);
                }
            }
    }

    @Test
    void gapsMatchCertificates() {
        long seed = 7;
        for (LossFamily fam : new LossFamily[]{LossFamily.LOGISTIC, LossFamily.POISSON})
            for (int n : SIZES)
                for (double noise : new double[]{1e-10, 1e-4, 0.3})
                    for (double mu : new double[]{0, 0.01}) {
                        State s = state(fam, n, noise, seed++);
                        Random rnd = new Random(seed);
                        int p = 1 + rnd.nextInt(40);
                        double[] g = new double[p], gw = new double[p], b = new double[p];
                        for (int j = 0; j < p; j++) {
                            g[j] = rnd.nextGaussian() * 0.1;
                            gw[j] = rnd.nextGaussian() * 0.1;
                            if (j % 3 == 0) b[j] = rnd.nextGaussian();
                        }
                        double la = 0.05, l1 = 0, l2 = 0;
                        for (double v : b) {
                            l1 += Math.abs(v);
                            l2 += v * v;
                        }
                        double P = s.P() + la * l1 + mu / 2 * l2;
                        double lo = fam.dualLower(), hi = fam.dualUpper();
                        String what = fam.name() + " n=" + n + " noise=" + noise + " mu=" + mu;
                        for (boolean ic : new boolean[]{true, false}) {
                            Certificates.Certificate want = Certificates.compute(fam, s.y(), s.eta(), s.r(), g, b, la, mu, ic, 1);
                            Certificates.Certificate got = IrlsGap.uniform(s.rows(), s.y(), s.r(), g, la, mu, ic, lo, hi, P);
                            same(want, got, what + " uniform intercept=" + ic);
                        }
                        Certificates.Certificate want = Certificates.computeWeighted(fam, s.y(), s.eta(), s.r(), g, s.w(), gw, b, la, mu);
                        Certificates.Certificate got = IrlsGap.weighted(s.rows(), s.y(), s.r(), g, s.w(), gw, la, mu, lo, hi, P);
                        same(want, got, what + " weighted");
                    }
    }

    private static void same(Certificates.Certificate want, Certificates.Certificate got, String what) {
        assertFalse(Double.isNaN(got.value()), what + ": NaN");
        assertEquals(want.objective(), got.objective(), 1e-14 * Math.abs(want.objective()), what + ": P");
        assertEquals(want.dual(), got.dual(), 1e-14 * Math.max(Math.abs(want.dual()), Math.abs(want.objective())), what + ": D");
        assertEquals(want.value(), got.value(), 1e-14, what + ": gap");
    }
}
