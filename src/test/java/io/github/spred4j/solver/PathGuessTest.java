package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The path extrapolation of the warm start ({@link PathGuess}) and the engine's Anderson route that stops on its gap
 * estimate: on a fixed support the guess is the next solution (the lasso path is affine in λ there); paths with both
 * stay certified, on both backends, at awkward sizes.
 */
class PathGuessTest {
    @Test
    void onAFixedSupportTheGuessIsTheNextSolution() {
        Dataset d = AndersonTest.correlated(41, 211, 3); // p > n: naive mode
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        try (Context ctx = Backends.get("java").open(); Prepared pb = new Prepared(ctx, d, o); Inner st = new Inner(pb);
             Inner ref = new Inner(pb)) {
            int[] all = new int[pb.p];
            for (int j = 0; j < all.length; j++) all[j] = j;
            double[] lam = Solver.lambdaSequence(pb.lambdaMax, 60, 0.05, pb.n, pb.p);
            double[][] exact = new double[lam.length][];
            for (int k = 0; k < lam.length; k++) { // each λ solved to rounding (thr 1e-30 is never met)
                ref.solve(all, lam[k], 0, 1e-30, 5_000);
                exact[k] = ref.b.clone();
            }
            int checked = 0;
            for (int k = 2; k < lam.length; k++) {
                PathGuess g = new PathGuess();
                double[][] sol = {exact[k - 2], exact[k - 1], exact[k]};
                if (!sameSigns(sol[0], sol[1]) || !sameSigns(sol[1], sol[2]) || Polish.support(sol[0]).length == 0) continue;
                g.record(lam[k - 2], sol[0]);
                g.record(lam[k - 1], sol[1]);
                st.setState(pb.c0, sol[1]);
                assertTrue(g.apply(st, lam[k], 0), "λ #" + k + ": the guess lowers P and is kept");
                assertEquals(1, g.kept);
                double err = 0, size = 0;
                for (int j = 0; j < pb.p; j++) {
                    err = Math.max(err, Math.abs(st.b[j] - sol[2][j]));
                    size = Math.max(size, Math.abs(sol[2][j] - sol[1][j]));
                }
                assertTrue(err <= 1e-6 * size, "λ #" + k + ": guess off by " + err + ", the step is " + size);
                checked++;
            }
            assertTrue(checked >= 5, "triples on one support: " + checked);
        }
    }

    static boolean sameSigns(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) if (Math.signum(a[j]) != Math.signum(b[j])) return false;
        return true;
    }

    @Test
    void pathsStayCertifiedOnBothBackends() {
        // (java, 97×401) and (native, 300×701): the second reaches working sets above Anderson.MIN_SET
        String[] backends = {"java", "native"};
        int[][] shapes = {{97, 401}, {300, 701}};
        for (int c = 0; c < 2; c++) {
            int[] np = shapes[c];
            Dataset d = AndersonTest.correlated(np[0], np[1], 7 + np[0]);
            FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-8);
            try (Context ctx = Backends.get(backends[c]).open()) {
                PathResult r = Spred.path(ctx, d, o, 25, 1e-3);
                for (FitResult f : r.fits())
                    assertTrue(f.certificate() <= 1e-8 && f.certificate() >= -1e-12,
                            backends[c] + " " + Arrays.toString(np) + " λ " + f.lambda() + ": " + f.certificate());
                FitResult f = r.fits().get(r.fits().size() - 1);
                IndependentCertificate ind = IndependentCertificate.of(d, false, f.lambda(), 1, false, f.intercept(), f.beta());
                assertTrue(ind.relGap() <= 1e-8 && ind.relGap() >= -1e-12, "independent gap " + ind.relGap());
            }
        }
    }
}
