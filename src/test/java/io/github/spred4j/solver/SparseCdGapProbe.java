package io.github.spred4j.solver;

import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;

import java.util.Locale;

/**
 * Probe (not a test): {@link SparseCd}'s certificate at the default tol against the true suboptimality along the CV
 * path, P − P* with P* from a second run at tol 1e-13, and P* − D (how far the dual point is from the optimum).
 * 5000×2000 (docs/perf/2026-12-02-s9-sparse.txt): P − P* ≈ 1e-15 where the gap reads 1e-9…1e-7: the gap is the
 * residual dual point's, the primal is converged far past the tolerance.
 * <pre>java -cp test-classes:classes io.github.spred4j.solver.SparseCdGapProbe n p perRow</pre>
 */
public final class SparseCdGapProbe {
    private SparseCdGapProbe() {
    }

    public static void main(String[] a) {
        int n = Integer.parseInt(a[0]), p = Integer.parseInt(a[1]), per = Integer.parseInt(a[2]);
        SparseCdProbe.Setup s = SparseCdProbe.Setup.of(n, p, per);
        Dataset d = s.d(); FitOptions o = s.o(); double[] lam = s.lam(); int[] held = s.held(); CscMatrix x = s.x();
        LossFamily fam = s.fam();
        SparseCd c1 = new SparseCd(x, d.y(), held, 11, o), c2 = new SparseCd(x, d.y(), held, 11, o.withTol(1e-13));
        double prev = lam[0];
        for (int t = 0; t < 11; t++) prev = Math.max(prev, c1.lambdaMax(t));
        for (int l = 0; l < lam.length; l++) {
            Certificates.Certificate[] a1 = c1.solve(lam[l], prev, fam), a2 = c2.solve(lam[l], prev, fam);
            prev = lam[l];
            if (l % 5 != 4) continue;
            StringBuilder sb = new StringBuilder();
            for (int t : new int[]{0, 5, 10}) {
                double eps = (a1[t].objective() - a2[t].objective()) / Math.abs(a2[t].objective());
                double epsD = (a2[t].objective() - a1[t].dual()) / Math.abs(a2[t].objective()); // P* − D(θ)
                sb.append(String.format(Locale.ROOT, " | set %2d gap %.2e  P-P* %.2e  P*-D %.2e", t, a1[t].value(), eps, epsD));
            }
            System.out.printf(Locale.ROOT, "l %3d%s%n", l, sb);
        }
    }
}
