package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A lasso whose working-set Gram is singular: n×n sparse X with one nonzero per row and per column (a
 * permutation), with an intercept and standardisation. The centred columns sum to zero, so coordinate descent
 * drifts along that flat direction by a step per sweep that shrinks with n: without the extrapolation of
 * {@link Extrapolation} the fit took up to about n sweeps of n coordinates (15522 sweeps at n = 16000, 8240
 * at 8000, but 2142 at 20000: how long the drift lasts depends on n), over 200 s of CPU at n = 100000. Bounded by the sweep count (FitResult.iterations), not by time.
 */
class FlatDirectionTest {
    static Dataset permutation(int n) {
        int[] rp = new int[n + 1], ci = new int[n];
        double[] v = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            rp[i + 1] = i + 1;
            ci[i] = (int) ((long) i * 7919 % n); // 7919 is prime: a permutation for n not a multiple of it
            v[i] = 1 + i % 3;
            y[i] = i % 2;
        }
        return Dataset.sparse(n, n, rp, ci, v, y, null);
    }

    @Test
    void aSingularSeparableLassoFitsInFewSweeps() {
        int n = 16_000;
        Dataset d = permutation(n);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-9);
        try (Context ctx = Backends.get("java").open()) {
            FitResult f = Spred.fit(ctx, d, o.withLambda(0.2 * Spred.lambdaMax(d, o)));
            assertTrue(f.certificate() <= 1e-9, "certificate " + f.certificate());
            assertTrue(f.nnz() > n / 2 && f.nnz() < n, "nnz " + f.nnz()); // the flat direction must be resolved
            // 15522 sweeps before the extrapolation, 699 after it (a few rounds of Engine.ROUND_SWEEPS)
            assertTrue(f.iterations() <= 8 * Engine.ROUND_SWEEPS, "sweeps " + f.iterations());
            Certificates.Certificate c = Certificates.of(d, o, f.lambda(), f.intercept(), f.beta());
            assertTrue(c.value() <= 1e-9 && !c.negative(), "independent certificate " + c.value());
            assertEquals(f.objective(), c.objective(), 1e-12 * Math.abs(f.objective()));
        }
    }
}
