package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Sparse X on a solver that densifies it (the spred methods, group lasso) is refused up front in one line naming
 * the memory the dense copy needs; the working-set engine takes the same X sparse; and the certificate of any
 * answer ({@link Certificates#of}) never densifies.
 */
class DenseGuardTest {
    /** n×p with one nonzero per row, in the first 50 columns (the rest empty): a few MB sparse, n·p cells dense. */
    private static Dataset huge(int n, int p) {
        int[] rp = new int[n + 1], ci = new int[n];
        double[] v = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            rp[i + 1] = i + 1;
            ci[i] = (int) ((long) i * 7919 % Math.min(p, 50));
            v[i] = 1 + i % 3;
            y[i] = i % 2;
        }
        return Dataset.sparse(n, p, rp, ci, v, y, null);
    }

    @Test
    void densifyingSolversRefuseSparseXThatCannotBeDense() {
        Dataset d = huge(100_000, 100_000); // 10^10 cells: 74.5 GB dense
        try (Context ctx = Backends.get("java").open()) {
            for (FitOptions o : new FitOptions[]{FitOptions.defaults(Model.SQUARED).withMethod(Method.LBFGS),
                    FitOptions.defaults(Model.LOGISTIC).withMethod(Method.ADAM)}) {
                FitOptions ol = o.withLambda(0.01);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spred.fit(ctx, d, ol));
                String m = e.getMessage();
                assertTrue(m.contains("100000x100000 sparse X") && m.contains("74.5 GB") && m.contains("Method.CD")
                        && !m.contains("\n"), m);
                assertThrows(IllegalArgumentException.class, () -> Spred.path(ctx, d, o, 5, 0.1));
                assertThrows(IllegalArgumentException.class, () -> Spred.lambdaMax(d, o));
                assertThrows(IllegalArgumentException.class, () -> Spred.cv(ctx, d, o, 5, 0.1, 3, 1L));
                assertThrows(IllegalArgumentException.class, () -> Spred.fitBatch(ctx, d, o, new double[]{0.1}));
            }
            // the engine keeps the same X sparse: it fits
            FitOptions cd = FitOptions.defaults(Model.SQUARED).withTol(1e-9);
            FitResult f = Spred.fit(ctx, d, cd.withLambda(0.2 * Spred.lambdaMax(d, cd)));
            assertTrue(f.certificate() <= 1e-9, "certificate " + f.certificate());
            // and the certificate of that answer is computed without a dense copy (74.5 GB would not fit the heap)
            Certificates.Certificate c = Certificates.of(d, cd, f.lambda(), f.intercept(), f.beta());
            assertEquals(f.objective(), c.objective(), 1e-12 * Math.abs(f.objective()));
            assertTrue(c.value() <= 1e-9 && !c.negative(), "certificate " + c.value());
        }
    }

    @Test
    void theRefusalNamesTheHeapShortfall() {
        // 2·10^9 cells fit one array but not a test heap: 14.9 GB
        String s = DenseGuard.refusal(40_000, 50_000, "group lasso");
        assertNotNull(s);
        assertTrue(s.contains("14.9 GB") && s.contains("group lasso") && s.contains("-Xmx"), s);
        assertNull(DenseGuard.refusal(30, 40, "group lasso"), "a small dense copy is allowed");
    }

    /** Certificates.of on sparse X equals Certificates.of on the same X dense (awkward shapes, every model). */
    @Test
    void certificateOfSparseEqualsDense() {
        int cases = 0;
        for (Model model : new Model[]{Model.SQUARED, Model.LOGISTIC, Model.POISSON})
            for (int[] s : new int[][]{{17, 5}, {6, 401}, {64, 33}})
                for (boolean intercept : new boolean[]{true, false}) {
                    Dataset sp = SparseEngineTest.data(s[0], s[1], 0.3, model, 17L * s[0] + s[1]), dn = SparseEngineTest.densified(sp);
                    FitOptions o = FitOptions.defaults(model).withIntercept(intercept).withStandardize(!intercept);
                    double[] beta = new double[s[1]];
                    java.util.Random r = new java.util.Random(s[1]);
                    for (int j = 0; j < s[1]; j += 4) beta[j] = 0.3 * r.nextGaussian();
                    double lam = 0.2 * Spred.lambdaMax(dn, o);
                    Certificates.Certificate a = Certificates.of(dn, o, lam, 0.1, beta), b = Certificates.of(sp, o, lam, 0.1, beta);
                    String at = model + " " + s[0] + "x" + s[1] + " intercept=" + intercept;
                    assertEquals(a.name(), b.name(), at);
                    assertEquals(a.objective(), b.objective(), 1e-13 * Math.abs(a.objective()), at + " objective");
                    assertEquals(a.value(), b.value(), 1e-11 * (1 + Math.abs(a.value())), at + " certificate");
                    assertTrue(Double.isFinite(b.value()), at);
                    cases++;
                }
        assertEquals(18, cases);
    }
}
