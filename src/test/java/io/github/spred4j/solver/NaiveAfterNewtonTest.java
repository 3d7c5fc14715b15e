package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine's two routes for the logistic and Poisson losses share one state: after a covariance-mode (Newton)
 * fit only the intercept of the naive state follows at once, and η = Xβ with the support's column copies is
 * rebuilt when the naive route next runs (Engine's {@code irlsSynced}). Here one engine runs sequences that switch
 * routes (a λ far below the last one takes the naive route; the next λ near it Newton again; λ going up), and every
 * answer must equal a fresh engine's single fit at that λ (objective within the certificates, coefficients close)
 * and pass the test's own float64 certificate ({@link Certificates#of}). Wide supports (|S| > 50, |S|² > 4p + 100)
 * keep the early Newton polish from rebuilding η on its own, so a stale η reaches the certificate.
 */
class NaiveAfterNewtonTest {
    private static final double TOL = 1e-9;

    /** λ as fractions of λ_max, in the engine's order: Newton, Newton, naive (cold jump), Newton, naive, up, down. */
    private static final double[] SEQUENCE = {0.6, 0.4, 0.05, 0.04, 0.004, 0.3, 0.02, 0.015, 0.001};

    @Test
    void routeSwitchesInOneEngineEqualFreshFits() throws ReflectiveOperationException {
        try (Context ctx = Backends.get("java").open()) {
            long seed = 501;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON})
                for (int[] s : new int[][]{{90, 12}, {400, 160}, {250, 250}})
                    for (boolean std : new boolean[]{true, false}) {
                        Dataset d = IrlsCovarianceTest.problem(s[0], s[1], m, seed++);
                        FitOptions o = FitOptions.defaults(m).withTol(TOL).withStandardize(std)
                                .withIntercept(std || s[1] != 12).withAlpha(std ? 1 : 0.7);
                        double lmax = Spred.lambdaMax(d, o);
                        double[] lam = new double[SEQUENCE.length];
                        for (int i = 0; i < lam.length; i++) lam[i] = SEQUENCE[i] * lmax;
                        List<FitResult> seq = inOneEngine(ctx, d, o, lam);
                        for (int i = 0; i < lam.length; i++)
                            agree(d, o.withLambda(lam[i]), seq.get(i), Spred.fit(ctx, d, o.withLambda(lam[i])),
                                    m + " " + s[0] + "x" + s[1] + " std=" + std + " fit " + i + " (λ = " + SEQUENCE[i] + "·λ_max)");
                    }
        }
    }

    /**
     * A decreasing path with cold jumps, as Spred.path and a CV fold run it: its FitResults, and the fold route's
     * answers without FitResults (Paths.enginePathInto into a reused stack), against fresh single fits.
     */
    @Test
    void pathsWithColdJumpsEqualFreshFits() {
        try (Context ctx = Backends.get("java").open()) {
            long seed = 601;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON}) {
                Dataset d = IrlsCovarianceTest.problem(300, 120, m, seed++);
                FitOptions o = FitOptions.defaults(m).withTol(TOL);
                double lmax = Spred.lambdaMax(d, o);
                double[] lam = {0.5 * lmax, 0.35 * lmax, 0.03 * lmax, 0.025 * lmax, 0.002 * lmax, 0.0015 * lmax};
                PathResult path = Spred.path(ctx, d, o, lam, PathListener.NONE);
                int p = d.p();
                double[] stack = new double[lam.length * p], b0 = new double[lam.length];
                java.util.Arrays.fill(stack, Double.NaN); // every entry must be written
                Paths.enginePathInto(ctx, d, o, lam, stack, b0);
                for (int l = 0; l < lam.length; l++) {
                    FitOptions ol = o.withLambda(lam[l]);
                    FitResult fresh = Spred.fit(ctx, d, ol);
                    String what = m + " path fit " + l;
                    agree(d, ol, path.fits().get(l), fresh, what);
                    double[] beta = java.util.Arrays.copyOfRange(stack, l * p, (l + 1) * p);
                    Certificates.Certificate own = Certificates.of(d, ol, lam[l], b0[l], beta);
                    assertTrue(own.value() <= 10 * TOL && !own.negative(), what + " (stack): own certificate " + own.value());
                    assertEquals(fresh.objective(), own.objective(), 2.5 * TOL * Math.abs(fresh.objective()), what + " (stack): objective");
                }
            }
        }
    }

    /**
     * The deferral against the eager rebuild it replaced: the same sequences in one engine, once as the engine runs
     * them and once with the naive state rebuilt right after every covariance-mode fit, must give the same fits to
     * the bit (coefficients, intercept, certificate, objective, iterations). The naive route heals a stale η on its
     * own (a polish or a line-search step re-derives it), so the answers above stay right without the rebuild; only
     * the bits and the work tell. The eager rebuild is done from here through the two fields ({@code st},
     * {@code irlsSynced}) so that Engine carries no test switch.
     */
    @Test
    void deferredRebuildEqualsTheEagerOneToTheBit() throws ReflectiveOperationException {
        try (Context ctx = Backends.get("java").open()) {
            long seed = 701;
            int newton = 0;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON})
                for (int[] s : new int[][]{{90, 12}, {400, 160}, {31, 1}})
                    for (boolean std : new boolean[]{true, false}) {
                        Dataset d = IrlsCovarianceTest.problem(s[0], s[1], m, seed++);
                        FitOptions o = FitOptions.defaults(m).withStandardize(std).withIntercept(std || s[1] != 12)
                                .withAlpha(std ? 1 : 0.7);
                        double lmax = Spred.lambdaMax(d, o);
                        double[] lam = new double[SEQUENCE.length];
                        for (int i = 0; i < lam.length; i++) lam[i] = SEQUENCE[i] * lmax;
                        int[] eager = new int[1];
                        List<FitResult> a = inOneEngine(ctx, d, o, lam, null), b = inOneEngine(ctx, d, o, lam, eager);
                        newton += eager[0];
                        String what = m + " " + s[0] + "x" + s[1] + " std=" + std;
                        for (int i = 0; i < lam.length; i++) {
                            FitResult x = a.get(i), y = b.get(i);
                            String at = what + " fit " + i + ": ";
                            assertTrue(x.certificate() <= o.tol(), at + "not certified: " + x.certificate());
                            assertEquals(bits(y.intercept()), bits(x.intercept()), at + "intercept");
                            for (int j = 0; j < d.p(); j++) assertEquals(bits(y.beta()[j]), bits(x.beta()[j]), at + "beta " + j);
                            assertEquals(bits(y.certificate()), bits(x.certificate()), at + "certificate");
                            assertEquals(bits(y.objective()), bits(x.objective()), at + "objective");
                            assertEquals(y.iterations(), x.iterations(), at + "iterations");
                        }
                    }
            assertTrue(newton >= 24, "covariance-mode fits rebuilt eagerly: " + newton); // the sequences did switch routes
        }
    }

    /**
     * A λ the covariance mode hands back uncertified (a tolerance below what Newton reaches in its steps): the
     * naive route goes on from the state Newton left, which must be rebuilt as well, to the same bits as eagerly.
     */
    @Test
    void handedBackStateIsRebuiltToo() throws ReflectiveOperationException {
        try (Context ctx = Backends.get("java").open()) {
            long back = IrlsCovariance.HANDED_BACK.get(), seed = 801;
            for (Model m : new Model[]{Model.LOGISTIC, Model.POISSON}) {
                Dataset d = IrlsCovarianceTest.problem(200, 40, m, seed++);
                FitOptions o = FitOptions.defaults(m).withTol(1e-16).withMaxIter(20_000);
                double lmax = Spred.lambdaMax(d, o);
                double[] lam = {0.5 * lmax, 0.3 * lmax, 0.2 * lmax, 0.03 * lmax};
                List<FitResult> a = inOneEngine(ctx, d, o, lam, null), b = inOneEngine(ctx, d, o, lam, new int[1]);
                for (int i = 0; i < lam.length; i++) {
                    String at = m + " fit " + i + ": ";
                    assertTrue(Double.isFinite(a.get(i).certificate()), at + "certificate " + a.get(i).certificate());
                    assertEquals(bits(b.get(i).intercept()), bits(a.get(i).intercept()), at + "intercept");
                    for (int j = 0; j < d.p(); j++) assertEquals(bits(b.get(i).beta()[j]), bits(a.get(i).beta()[j]), at + "beta " + j);
                    assertEquals(b.get(i).iterations(), a.get(i).iterations(), at + "iterations");
                }
            }
            assertTrue(IrlsCovariance.HANDED_BACK.get() > back, "no λ was handed back: the case is not exercised");
        }
    }

    private static long bits(double v) {
        return Double.doubleToLongBits(v);
    }

    /** One engine fitting lam in order (any order: the engine does not require a decreasing sequence). */
    static List<FitResult> inOneEngine(Context ctx, Dataset d, FitOptions o, double[] lam) throws ReflectiveOperationException {
        return inOneEngine(ctx, d, o, lam, null);
    }

    /** As above; with {@code eager} non-null the naive state is rebuilt after every covariance-mode fit (counted). */
    private static List<FitResult> inOneEngine(Context ctx, Dataset d, FitOptions o, double[] lam, int[] eager)
            throws ReflectiveOperationException {
        List<FitResult> fits = new ArrayList<>();
        long t0 = System.nanoTime();
        Field synced = Engine.class.getDeclaredField("irlsSynced"), inner = Engine.class.getDeclaredField("st");
        synced.setAccessible(true);
        inner.setAccessible(true);
        try (Prepared pb = new Prepared(ctx, d, o); Engine e = new Engine(pb, o)) {
            for (double l : lam) {
                fits.add(e.fit(l, t0));
                if (eager != null && !synced.getBoolean(e)) { // the rebuild as it was before the deferral
                    Inner st = (Inner) inner.get(e);
                    st.setState(st.c, st.b.clone());
                    synced.setBoolean(e, true);
                    eager[0]++;
                }
            }
        }
        return fits;
    }

    /** Both certified, the sequence's answer passes the test's own certificate, and the two answers agree. */
    private static void agree(Dataset d, FitOptions o, FitResult seq, FitResult fresh, String what) {
        assertTrue(fresh.certificate() <= o.tol(), what + ": fresh fit not certified: " + fresh.certificate());
        assertTrue(seq.certificate() <= o.tol() && seq.certificate() >= -Certificates.NEGATIVE_SLACK,
                what + ": not certified (or negative): " + seq.certificate());
        Certificates.Certificate own = Certificates.of(d, o, seq.lambda(), seq.intercept(), seq.beta());
        assertTrue(own.value() <= 10 * o.tol() && !own.negative(), what + ": the test's own certificate " + own.value()
                + " (reported " + seq.certificate() + ")");
        assertEquals(own.objective(), seq.objective(), 1e-10 * Math.abs(own.objective()), what + ": reported objective");
        assertEquals(fresh.objective(), seq.objective(), 2.5 * o.tol() * Math.abs(fresh.objective()), what + ": objective");
        double scale = Math.abs(fresh.intercept()), worst = Math.abs(fresh.intercept() - seq.intercept());
        for (int j = 0; j < d.p(); j++) {
            assertTrue(Double.isFinite(seq.beta()[j]), what + ": non-finite coefficient");
            scale = Math.max(scale, Math.abs(fresh.beta()[j]));
            worst = Math.max(worst, Math.abs(fresh.beta()[j] - seq.beta()[j]));
        }
        assertTrue(worst <= 1e-3 * Math.max(scale, 1e-12), what + ": coefficients differ by " + worst + " (largest " + scale + ")");
    }
}
