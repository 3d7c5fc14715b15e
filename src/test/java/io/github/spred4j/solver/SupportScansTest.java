package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The support scans that stand in for scans of all p (p ≫ n: golub's CV): {@link Polish#support(double[], int[])}
 * is the plain scan, {@link Engine#union} the sorted union, the penalty and the original-scale β and intercept
 * computed over a known support carry the full loops' bits, and {@link Inner#support()} follows every move of the
 * state (its assertion, on in the tests, compares each answer with a fresh scan).
 */
class SupportScansTest {
    /** A vector of length p with the given share of nonzeros, its zeros a mix of +0 and −0, sometimes a NaN. */
    private static double[] sparse(Random r, int p, double density) {
        double[] b = new double[p];
        for (int j = 0; j < p; j++) {
            if (r.nextDouble() < density) b[j] = r.nextInt(10) == 0 ? Double.MIN_VALUE : r.nextGaussian();
            else b[j] = r.nextBoolean() ? 0.0 : -0.0;
        }
        if (p > 0 && r.nextInt(5) == 0) b[r.nextInt(p)] = Double.NaN;
        return b;
    }

    @Test
    void supportWithScratchIsThePlainScan() {
        Random r = new Random(5);
        int nonEmpty = 0;
        for (int p = 0; p <= 23; p++)
            for (double density : new double[]{0, 0.05, 0.3, 0.7, 1})
                for (int rep = 0; rep < 20; rep++) {
                    double[] b = sparse(r, p, density);
                    int[] want = new int[p];
                    int m = 0;
                    for (int j = 0; j < p; j++) if (b[j] != 0) want[m++] = j; // NaN counts, −0 does not
                    int[] buf = new int[p];
                    Arrays.fill(buf, -7); // the scratch's old contents must not leak into the answer
                    assertArrayEquals(Arrays.copyOf(want, m), Polish.support(b, buf), "p=" + p + " " + Arrays.toString(b));
                    assertArrayEquals(Arrays.copyOf(want, m), Polish.support(b));
                    if (m > 0) nonEmpty++;
                }
        assertNotEquals(0, nonEmpty);
    }

    @Test
    void unionIsTheSortedUnion() {
        Random r = new Random(11);
        for (int rep = 0; rep < 500; rep++) {
            int range = 1 + r.nextInt(40);
            TreeSet<Integer> a = new TreeSet<>(), b = new TreeSet<>(), u = new TreeSet<>();
            for (int k = r.nextInt(range + 1); k > 0; k--) a.add(r.nextInt(range));
            for (int k = r.nextInt(range + 1); k > 0; k--) b.add(r.nextInt(range));
            u.addAll(a);
            u.addAll(b);
            int[] ua = Engine.union(ints(a), ints(b));
            assertArrayEquals(ints(u), ua, a + " ∪ " + b);
        }
    }

    private static int[] ints(TreeSet<Integer> s) {
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void sumsOverAKnownSupportKeepTheFullLoopsBits() {
        Random r = new Random(23);
        Dataset d = IrlsCovarianceTest.problem(30, 57, Model.LOGISTIC, 23);
        FitOptions o = FitOptions.defaults(Model.LOGISTIC);
        try (Context ctx = Backends.get("java").open(); Prepared pb = new Prepared(ctx, d, o)) {
            Inner st = new Inner(pb);
            Polish polish = new Polish(st);
            int p = pb.p;
            for (int rep = 0; rep < 200; rep++) {
                double[] b = sparse(r, p, rep % 2 == 0 ? 0.05 : 0.5);
                for (int j = 0; j < p; j++) if (Double.isNaN(b[j])) b[j] = 1e-300; // a NaN would make every P NaN
                double[] eta = new double[pb.n];
                for (int i = 0; i < pb.n; i++) eta[i] = r.nextGaussian();
                int[] S = Polish.support(b);
                int[] extra = Polish.support(sparse(r, p, 0.2)); // a superset of the support sums the same
                double la = r.nextDouble(), mu = rep % 3 == 0 ? 0 : r.nextDouble();
                long full = Double.doubleToLongBits(polish.objective(eta, b, null, la, mu));
                assertEquals(full, Double.doubleToLongBits(polish.objective(eta, b, S, la, mu)));
                assertEquals(full, Double.doubleToLongBits(polish.objective(eta, b, Engine.union(S, extra), la, mu)));
                assertEquals(Double.doubleToLongBits(pb.originalIntercept(0.3, b)),
                        Double.doubleToLongBits(pb.originalIntercept(0.3, b, S)));
                double[] into = new double[p + 3];
                Arrays.fill(into, 42); // a reused stack: every entry of the slot is written, none outside it
                double[] fresh = into.clone();
                pb.originalBeta(b, fresh, 1);
                pb.originalBeta(b, into, 1, S);
                for (int j = 0; j < p + 3; j++)
                    assertEquals(Double.doubleToLongBits(fresh[j]), Double.doubleToLongBits(into[j]), "entry " + j);
            }
        }
    }

    @Test
    void innerSupportFollowsTheState() {
        Dataset d = IrlsCovarianceTest.problem(25, 40, Model.LOGISTIC, 31);
        FitOptions o = FitOptions.defaults(Model.LOGISTIC);
        try (Context ctx = Backends.get("java").open(); Prepared pb = new Prepared(ctx, d, o)) {
            Inner st = new Inner(pb);
            assertArrayEquals(new int[0], st.support());
            int[] first = st.support();
            assertSame(first, st.support()); // one scan per state
            double[] b = new double[pb.p];
            b[3] = 0.5;
            b[17] = -1;
            st.setState(st.c, b);
            assertArrayEquals(new int[]{3, 17}, st.support());
            st.b[3] = 0; // a write from outside (as IrlsCovariance's) and the version bump it owes
            st.version++;
            assertArrayEquals(new int[]{17}, st.support());
            if (Inner.class.desiredAssertionStatus()) { // the tests run with -ea: a write without the bump is caught
                st.b[5] = 2;
                assertThrows(AssertionError.class, st::support);
            }
        }
    }
}
