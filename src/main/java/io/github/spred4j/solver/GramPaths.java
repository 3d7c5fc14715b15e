package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.util.ArrayList;
import java.util.List;

/**
 * One squared-loss path per response column on one Gram ({@link GramBatch}): XcᵀXc once, Xcᵀ[y_1 … y_k] as one
 * stacked product, each target's path solved on the shared Gram ({@link GramLasso}, warm-started along λ from
 * β = 0), then every fit certified exactly from its residuals, many targets' fits per pair of stacked products
 * ({@link GramBatch#certify}). A fit whose certificate misses the tolerance is refitted by the general engine.
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
        double[][] yc = new double[k][n];
        double[] ybar = new double[k], yy = new double[k];
        for (int t = 0; t < k; t++) {
            if (pb.intercept) {
                for (double v : ys[t]) ybar[t] += v;
                ybar[t] /= n;
            }
            for (int i = 0; i < n; i++) {
                yc[t][i] = ys[t][i] - ybar[t];
                yy[t] += yc[t][i] * yc[t][i] / n;
            }
        }
        double[] xty = GramBatch.rhs(ctx, pb, yc);
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
        int per = Math.max(1, CHUNK_VALUES / Math.max(1, n * lams[0].length)), done = 0; // targets per certification chunk
        for (int t0c = 0; t0c < k; t0c += per) {
            int t1 = Math.min(k, t0c + per), m = 0;
            for (int t = t0c; t < t1; t++) m += lams[t].length;
            double[][] yFit = new double[m][], betas = new double[m][];
            double[] lFit = new double[m], b0 = new double[m];
            int[] its = new int[m];
            boolean[] settled = new boolean[m];
            int f = 0;
            for (int t = t0c; t < t1; t++) {
                double[] q = new double[p];
                for (int j = 0; j < p; j++) q[j] = xty[t * p + j] / (n * g.s()[j]);
                gl.start(zero); // each path from β = 0 (the start of a decreasing path)
                gl.retarget(q, yy[t]);
                double lmax = gl.lambdaMax(), prev = lmax;
                for (double l : lams[t]) {
                    int before = gl.iterations;
                    double c = l >= lmax ? GramBatch.zeroGap(gl, l) : gl.solve(l, Math.max(prev, l));
                    prev = l;
                    settled[f] = !Double.isNaN(c);
                    its[f] = gl.iterations - before;
                    betas[f] = GramBatch.original(gl.b, g.s());
                    b0[f] = pb.intercept ? ybar[t] - GramBatch.dot(pb.xbar, betas[f]) : 0;
                    yFit[f] = ys[t];
                    lFit[f++] = l;
                }
            }
            double[][] co = GramBatch.certify(ctx, pb, yFit, lFit, o.alpha(), b0, betas);
            f = 0;
            for (int t = t0c; t < t1; t++) {
                List<FitResult> fits = new ArrayList<>(lams[t].length);
                for (int i = 0; i < lams[t].length; i++, f++) {
                    double c = co[0][f];
                    FitResult r;
                    if (settled[f] && c <= o.tol() && c >= -1e-12) {
                        int nnz = 0;
                        for (double v : betas[f]) if (v != 0) nnz++;
                        r = new FitResult(b0[f], betas[f], lFit[f], co[1][f], "duality_gap", c, nnz, its[f],
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
        }
        return out;
    }
}
