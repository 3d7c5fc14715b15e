package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.SparseCache;
import io.github.spred4j.data.SparseDesign;

import java.util.Locale;

/**
 * Probe (not a test): where sparse fitTargets' time goes, phase by phase (thread CPU time), on SparseTargetsBench's
 * set: the column means and scales, the Gram's diagonal (its columns are computed in the solves, as they are read), Xᵀ[y…], the Gram solves, then the whole call for comparison.
 * <pre>java -cp test-classes:classes io.github.spred4j.solver.SparseTargetsProbe n p k reps</pre>
 */
public final class SparseTargetsProbe {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), p = Integer.parseInt(args[1]), k = Integer.parseInt(args[2]), reps = Integer.parseInt(args[3]);
        Dataset d = Rcv1Shaped.generate(n, p, 20, 1);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-6);
        double[][] ys = SparseTargetsBench.targets(d, k);
        double[] l = SparseTargetsBench.lambdas(d, ys, o);
        try (Context ctx = Backends.get("native").open()) {
            for (int rep = 0; rep < reps; rep++) {
                long c0 = TargetsBench.CPU.getCurrentThreadCpuTime();
                CsrMatrix x = HostX.csr(d);
                CscMatrix xc = SparseCache.csc(d, HostX::csr);
                double[] cs = SparseDesign.columnSums(xc), xbar = Certificates.means(cs, n);
                double[] s = Certificates.scales(SparseDesign.centredSumSquares(xc, xbar), n, o.standardize());
                long c1 = TargetsBench.CPU.getCurrentThreadCpuTime();
                GramColumns Q = SparseGramColumns.of(x, xc, xbar, s);
                long c2 = TargetsBench.CPU.getCurrentThreadCpuTime();
                double[] ybar = new double[k], yy = new double[k];
                double[] xty = SparseTargets.centredRhs(xc, ys, xbar, true, ybar, yy);
                long c3 = TargetsBench.CPU.getCurrentThreadCpuTime();
                GramTargets.Solved sv = GramTargets.solve(Q, s, xbar, xty, ybar, yy, l, o, n);
                long c4 = TargetsBench.CPU.getCurrentThreadCpuTime();
                FitResult[] f = Spred.fitTargets(ctx, d, ys, o, l);
                long c5 = TargetsBench.CPU.getCurrentThreadCpuTime();
                long nnzb = 0, its = 0;
                for (int t = 0; t < k; t++) {
                    for (double v : sv.betas()[t]) if (v != 0) nnzb++;
                    its += sv.its()[t];
                }
                System.out.printf(Locale.ROOT, "rep %d: setup %.3f gram %.3f rhs %.3f solve %.3f (Gram columns computed %d of %d) | whole fitTargets %.3f s; mean |supp| %.1f, mean steps %.2f; certified %s%n",
                        rep, (c1 - c0) / 1e9, (c2 - c1) / 1e9, (c3 - c2) / 1e9, (c4 - c3) / 1e9, Q.computed(), p, (c5 - c4) / 1e9,
                        nnzb / (double) k, its / (double) k, TargetsBench.certified(f, o));
            }
        }
    }
}
