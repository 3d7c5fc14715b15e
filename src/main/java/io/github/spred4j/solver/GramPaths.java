package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * One squared-loss path per response column on one Gram ({@link GramBatch}): XcᵀXc once, Xcᵀ[y_1 … y_k] as one
 * stacked product, each target's path solved on the shared Gram ({@link GramLasso}, warm-started along λ from
 * β = 0), then every fit certified from the Gram ({@link GramCertificate}) and one fit (the canary, of the target
 * whose mean is largest against its spread) also from its residuals; if the canary misses, every fit is
 * certified from its residuals, many per pair of stacked products ({@link GramBatch#certify}). A fit whose certificate misses the tolerance is refitted by the general engine.
 * The per-target loop of engine paths it replaces read X about twice per λ per target.
 */
final class GramPaths {
    /** The most fits certified by one pair of stacked products (their n×m residuals live on the host). */
    private static final int CHUNK_VALUES = 4 << 20;

    private GramPaths() {
    }

    /**
     * Paths over the shared sequence {@code shared} (non-null) or each target's own glmnet sequence of
     * {@code nLambda} values from {@code lambdaMax[t]}; the listener sees fit i of target t as t·L + i of k·L.
     */
    static PathResult[] path(Context ctx, Dataset d, double[][] ys, FitOptions o, double[] shared, double[] lambdaMax,
                             int nLambda, double ratio, PathListener listener) {
        long t0 = System.nanoTime();
        int k = ys.length;
        Problem pb = Problem.of(MultiTarget.column(d, ys[0]), o);
        int p = pb.p, n = pb.n;
        GramBatch.Gram g = GramBatch.gram(ctx, pb);
        double[] Q = GramBatch.scaledQ(g);
        double[] ybar = new double[k], yy = new double[k];
        double[] xty = GramBatch.centredRhs(ctx, pb, ys, ybar, yy);
        GramLasso gl = new GramLasso(p, Q, new double[p], 0, o.alpha());
        gl.target = GramBatch.target(o);
        double[] zero = new double[p];
        double[][] lams = new double[k][];
        int total = 0;
        for (int t = 0; t < k; t++) {
            lams[t] = shared != null ? shared : Solver.lambdaSequence(lambdaMax[t], nLambda, ratio, n, p);
            total += lams[t].length;
        }
        PathResult[] out = new PathResult[k];
        double[][] betas = new double[total][];
        double[] lFit = new double[total], b0 = new double[total], cert = new double[total], obj = new double[total];
        int[] its = new int[total], owner = new int[total];
        boolean[] settled = new boolean[total];
        double[] q = new double[p], work = new double[p];
        int f = 0, canary = -1;
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < p; j++) q[j] = xty[t * p + j] / (n * g.s()[j]);
            gl.start(zero); // each path from β = 0 (the start of a decreasing path)
            gl.retarget(q, yy[t]);
            double lmax = gl.lambdaMax(), prev = lmax;
            for (double l : lams[t]) {
                int before = gl.iterations;
                double c = gl.solve(l, Math.max(prev, l)); // b = 0 at λ_max where it certifies
                prev = l;
                settled[f] = !Double.isNaN(c);
                its[f] = gl.iterations - before;
                betas[f] = GramBatch.original(gl.b, g.s());
                b0[f] = pb.intercept ? ybar[t] - GramBatch.dot(pb.xbar, betas[f]) : 0;
                Certificates.Certificate gc = GramCertificate.ofSolver(gl, l * o.alpha(), l * (1 - o.alpha()), work);
                cert[f] = gc.value();
                obj[f] = gc.objective();
                owner[f] = t;
                lFit[f] = l;
                if (settled[f] && l < lmax && (canary < 0 || ybar[t] * ybar[t] / yy[t] > ybar[owner[canary]] * ybar[owner[canary]] / yy[owner[canary]]))
                    canary = f;
                f++;
            }
        }
        if (canary >= 0) { // the canary: one fit certified from its residuals (Q and Xᵀy agree with X), else all of them
            double[][] co = GramBatch.certify(ctx, pb, new double[][]{ys[owner[canary]]}, new double[]{lFit[canary]}, o.alpha(),
                    new double[]{b0[canary]}, new double[][]{betas[canary]});
            if (co[0][0] <= o.tol() && co[0][0] >= -Certificates.NEGATIVE_SLACK) {
                cert[canary] = co[0][0];
                obj[canary] = co[1][0];
            } else residualCertificates(ctx, pb, ys, o, owner, lFit, b0, betas, cert, obj);
        }
        f = 0;
        int done = 0;
        for (int t = 0; t < k; t++) {
            List<FitResult> fits = new ArrayList<>(lams[t].length);
            for (int i = 0; i < lams[t].length; i++, f++) {
                double c = cert[f];
                FitResult r;
                if (settled[f] && c <= o.tol() && c >= -Certificates.NEGATIVE_SLACK) {
                    int nnz = 0;
                    for (double v : betas[f]) if (v != 0) nnz++;
                    r = new FitResult(b0[f], betas[f], lFit[f], obj[f], "duality_gap", c, nnz, its[f],
                            (System.nanoTime() - t0) / 1e9, ctx.backendName(), ctx.deviceName());
                } else {
                    GramCv.REFITS.incrementAndGet();
                    r = Spred.fit(ctx, MultiTarget.column(d, ys[t]), o.withLambda(lFit[f]));
                }
                fits.add(r);
                listener.fitted(done++, total, r);
            }
            out[t] = new PathResult(lams[t].clone(), fits);
        }
        return out;
    }

    /** Every fit certified from its residuals, many per pair of stacked products (their n×m residuals on the host). */
    private static void residualCertificates(Context ctx, Problem pb, double[][] ys, FitOptions o, int[] owner, double[] lFit,
                                             double[] b0, double[][] betas, double[] cert, double[] obj) {
        int per = Math.max(1, CHUNK_VALUES / Math.max(1, pb.n));
        for (int a = 0; a < lFit.length; a += per) {
            int e = Math.min(lFit.length, a + per);
            double[][] yFit = new double[e - a][];
            for (int f = a; f < e; f++) yFit[f - a] = ys[owner[f]];
            double[][] co = GramBatch.certify(ctx, pb, yFit, java.util.Arrays.copyOfRange(lFit, a, e), o.alpha(),
                    java.util.Arrays.copyOfRange(b0, a, e), java.util.Arrays.copyOfRange(betas, a, e));
            System.arraycopy(co[0], 0, cert, a, e - a);
            System.arraycopy(co[1], 0, obj, a, e - a);
        }
    }
}
