package io.github.spred4j.solver;

import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Precision;
import io.github.spred4j.data.Dataset;

import java.util.Arrays;

/**
 * k squared-loss problems on one X, solved on one Gram: k λ values ({@link #fitBatch}) or k response columns
 * ({@link #fitTargets}). One stacked product on the device builds XcᵀXc; the k right-hand sides Xcᵀy_t come from one stacked product
 * Xᵀ[y_1 … y_k] on the device; each problem is solved on the Gram (λ values by {@link GramLasso} in decreasing order
 * with warm starts; targets one after another by {@link FeatureSign} from the previous one's active set, descent
 * where it gives up). Every problem gets its gap from the Gram ({@link GramCertificate}, O(p·nnz)), and one
 * (the canary: {@link #fitBatch}'s smallest λ, {@link #fitTargets}' worst-scaled target) also from its residuals as
 * a check that the Gram agrees with X; if it misses, all are certified from their residuals, η = X·[β_1 … β_k] and
 * Xᵀ(Y − η) as two stacked products ({@link #certify}), as {@link GramPaths} does. (fitBatch certified every λ from
 * its residuals until session 9: those n×k passes were half of a cold JVM's first call.) A problem whose
 * certificate misses the tolerance (or whose Gram solve does not settle) is refitted by the general engine.
 */
final class GramBatch {
    private GramBatch() {
    }

    /** The Gram route applies: {@link GramCv#applies} for one set, and the n×k residuals fit in memory. */
    static boolean applies(Dataset d, FitOptions o, int k) {
        return !d.isSparse() && GramCv.applies(d, o, 0) && (long) d.n() * k <= 32L << 20 && (long) d.p() * k <= 32L << 20;
    }

    /** Centred Gram pieces of the whole data: XcᵀXc (full p×p) and the column means. */
    record Gram(double[] S, double[] xm, double[] s, int n, int p) {
    }

    static Gram gram(Context ctx, Problem pb) {
        return new Gram(gram(ctx, pb.x, pb.p, null, pb.xbar), pb.xbar.clone(), pb.scale.clone(), pb.n, pb.p);
    }

    /**
     * X_cᵀX_c (full p×p) of the given rows of X (row-major, p columns; all rows when {@code rows} is null), X_c
     * centred by {@code m}: through {@link #gramCols} on the device backends (measured faster), and on the Java
     * reference from its lower triangle in column blocks: block [j0, j1) of the centred columns against
     * columns j0..p−1, one stacked product on the device each ({@code Xt[j0..p)·[x_cj0 … x_cj1)}, X_c transposed so
     * that those columns are contiguous rows), about half the work of the full product; the diagonal blocks
     * averaged with their transposes and the upper triangle mirrored, so the result is exactly symmetric.
     */
    static double[] gram(Context ctx, double[] x, int p, int[] rows, double[] m) {
        if (!ctx.backendName().equals("java")) return gramCols(ctx, rows == null ? x : CrossValidation.gather(x, p, rows), p, m);
        int nr = rows == null ? x.length / p : rows.length;
        double[] xt = new double[p * nr]; // row j: centred column j
        for (int r = 0; r < nr; r++) {
            int o = (rows == null ? r : rows[r]) * p;
            for (int j = 0; j < p; j++) xt[j * nr + r] = x[o + j] - m[j];
        }
        double[] S = new double[p * p];
        int bw = Math.max(32, (p + 7) / 8); // at most 8 blocks: (1 + 1/8)/2 of the full product
        for (int j0 = 0; j0 < p; j0 += bw) {
            int j1 = Math.min(p, j0 + bw), below = p - j0, w = j1 - j0;
            double[] out;
            try (DeviceBuffer a = ctx.upload(Precision.FLOAT64, Arrays.copyOfRange(xt, j0 * nr, p * nr));
                 DeviceBuffer b = ctx.upload(Precision.FLOAT64, Arrays.copyOfRange(xt, j0 * nr, j1 * nr));
                 DeviceBuffer o = ctx.alloc(Precision.FLOAT64, (long) below * w)) {
                Stacked.xb(ctx, o, a, below, nr, b, w);
                out = o.toDoubleArray(); // out[t·below + i] = x_c,(j0+i) · x_c,(j0+t)
            }
            for (int t = 0; t < w; t++)
                for (int i = t; i < below; i++) {
                    double v = i < w ? 0.5 * (out[t * below + i] + out[i * below + t]) : out[t * below + i];
                    S[(j0 + i) * p + j0 + t] = v;
                    S[(j0 + t) * p + j0 + i] = v;
                }
        }
        return S;
    }

    /**
     * X_cᵀX_c (full p×p) of a row-major X as one {@code gram_cols} call over all p columns (centred on the device
     * while staging, no host transpose), made exactly symmetric. It computes the full product, twice the
     * triangle's arithmetic, yet on the native backend it took 0.54–0.75 of the triangle's CPU time at
     * 400×200 … 5000×1000 (docs/perf/2026-12-02-gram-cols.txt: the triangle pays a host transpose, block copies
     * and mat_vec/gemm_xb per block); the float64 Java reference's plain gram_cols loop is the slower one there
     * (1.7–3.2× at p ≥ 200), so {@link #gram} keeps the triangle for it.
     */
    static double[] gramCols(Context ctx, double[] x, int p, double[] m) {
        int n = x.length / p;
        int[] cols = new int[p];
        for (int j = 0; j < p; j++) cols[j] = j;
        double[] S;
        try (DeviceBuffer X = ctx.upload(Precision.FLOAT64, x); DeviceBuffer M = ctx.upload(Precision.FLOAT64, m);
             DeviceBuffer o = ctx.alloc(Precision.FLOAT64, (long) p * p)) {
            ctx.gramCols(o, X, n, p, M, cols);
            S = o.toDoubleArray();
        }
        for (int a = 0; a < p; a++)
            for (int c = a + 1; c < p; c++) {
                double v = 0.5 * (S[a * p + c] + S[c * p + a]);
                S[a * p + c] = v;
                S[c * p + a] = v;
            }
        return S;
    }

    static double[] scaledQ(Gram g) {
        int p = g.p;
        double[] Q = new double[p * p];
        for (int a = 0; a < p; a++)
            for (int c = 0; c < p; c++) Q[a * p + c] = g.S[a * p + c] / (g.n * g.s[a] * g.s[c]);
        return Q;
    }

    /** Fits at every λ (any order; solved in decreasing order with warm starts), returned in input order. */
    static FitResult[] fitBatch(Context ctx, Dataset d, FitOptions o, double[] lambdas) {
        long t0 = System.nanoTime();
        Problem pb = Problem.of(d, o);
        int p = pb.p, k = lambdas.length;
        Gram g = gram(ctx, pb);
        double[] Q = scaledQ(g), q = new double[p];
        double[] yc = new double[pb.n];
        double yy = 0;
        for (int i = 0; i < pb.n; i++) {
            yc[i] = pb.y[i] - pb.ybar;
            yy += yc[i] * yc[i] / pb.n;
        }
        double[] xty = rhs(ctx, pb, new double[][]{yc});
        for (int j = 0; j < p; j++) q[j] = xty[j] / (pb.n * g.s[j]);
        GramLasso gl = new GramLasso(p, Q, q, yy, o.alpha());
        gl.target = target(o);
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(lambdas[b], lambdas[a]));
        double lmax = gl.lambdaMax(), prev = lmax;
        double[][] betas = new double[k][];
        double[] b0 = new double[k], cert = new double[k], obj = new double[k], work = new double[p];
        int[] its = new int[k];
        boolean[] settled = new boolean[k];
        int canary = -1;
        for (int i : order) {
            double l = lambdas[i];
            int before = gl.iterations;
            double c = gl.solve(l, Math.max(prev, l)); // b = 0 at λ_max where it certifies
            prev = l;
            settled[i] = !Double.isNaN(c);
            its[i] = gl.iterations - before;
            betas[i] = original(gl.b, g.s);
            b0[i] = pb.intercept ? pb.ybar - dot(pb.xbar, betas[i]) : 0;
            Certificates.Certificate gc = GramCertificate.ofSolver(gl, l * o.alpha(), l * (1 - o.alpha()), work);
            cert[i] = gc.value();
            obj[i] = gc.objective();
            if (settled[i] && l < lmax) canary = i; // the smallest λ below λ_max (the order decreases): most non-zeros
        }
        return checked(ctx, d, o, lambdas, b0, betas, its, settled, t0, null, cert, obj, canary,
                (yr, lr, br, betr) -> certify(ctx, pb, yr, lr, o.alpha(), br, betr));
    }

    /** Certificates of problems from their residuals: {values, objectives} for (responses, λ, b0, β) of each. */
    interface Exact {
        double[][] certify(double[][] ys, double[] lambdas, double[] b0, double[][] betas);
    }

    /**
     * The Gram certificates {@code cert}, {@code obj} checked by one problem's certificate from its residuals
     * (the canary: Q and Xᵀy agree with X); where it misses, every problem is certified from its residuals. Then
     * the results, problems still uncertified refitted by the engine. {@code ys} null: every problem has d's y.
     */
    static FitResult[] checked(Context ctx, Dataset d, FitOptions o, double[] lambdas, double[] b0, double[][] betas,
                               int[] its, boolean[] settled, long t0, double[][] ys, double[] cert, double[] obj, int canary, Exact exact) {
        if (canary >= 0) {
            double[][] co = exact.certify(new double[][]{ys == null ? d.y() : ys[canary]}, new double[]{lambdas[canary]},
                    new double[]{b0[canary]}, new double[][]{betas[canary]});
            if (!(co[0][0] <= o.tol() && co[0][0] >= -Certificates.NEGATIVE_SLACK)) // Q or Xᵀy disagree with X
                return results(ctx, d, o, lambdas, b0, betas, its, settled, t0, ys,
                        exact.certify(ys == null ? new double[][]{d.y()} : ys, lambdas, b0, betas));
            cert[canary] = co[0][0];
            obj[canary] = co[1][0];
        }
        return results(ctx, d, o, lambdas, b0, betas, its, settled, t0, ys, new double[][]{cert, obj});
    }

    /**
     * One fit per response column ({@code ys[t]} at {@code lambdas[t]}), all on the one Gram. Each target is
     * certified from the Gram ({@link GramCertificate}, O(p·nnz)) and one settled target also from its residuals
     * (η = b0 + Xβ, Xᵀr: the canary that Q and Xᵀy agree with X), the one whose mean is largest against its spread,
     * where forming Xcᵀy_c rounds worst; if the canary misses, every target is
     * certified from its residuals as {@link #fitBatch} does. Per target: β and its result, nothing of n or k·n.
     */
    static FitResult[] fitTargets(Context ctx, Dataset d, double[][] ys, FitOptions o, double[] lambdas) {
        long t0 = System.nanoTime();
        int k = ys.length;
        Problem pb = Problem.of(MultiTarget.column(d, ys[0]), o); // X, x̄ and the scales: shared by every target
        Gram g = gram(ctx, pb);
        double[] Q = scaledQ(g);
        double[] ybar = new double[k], yy = new double[k];
        double[] xty = centredRhs(ctx, pb, ys, ybar, yy); // Xcᵀ[y_1 … y_k] in one stacked product
        GramTargets.Solved r = GramTargets.solve(new GramColumns(g.s.length, Q), g.s, pb.xbar, xty, ybar, yy, lambdas, o, pb.n);
        return checked(ctx, d, o, lambdas, r.b0(), r.betas(), r.its(), r.settled(), t0, ys, r.cert(), r.obj(), r.canary(),
                (yr, lr, br, betr) -> certify(ctx, pb, yr, lr, o.alpha(), br, betr));
    }

    /**
     * Xᵀ[y_1 − ȳ_1 … y_k − ȳ_k] (= Xcᵀy_c) as one stacked product, filling each target's mean (0 without an
     * intercept) and ‖y_c‖²/n; the centred responses are built once, straight into the product's input.
     */
    static double[] centredRhs(Context ctx, Problem pb, double[][] ys, double[] ybar, double[] yy) {
        int n = pb.n, k = ys.length;
        double[] V = new double[n * k], sums = new double[k];
        for (int t = 0; t < k; t++) {
            ybar[t] = pb.intercept ? mean(ys[t]) : 0;
            sums[t] = centre(ys[t], ybar[t], V, t * n);
            yy[t] = sumSquares(V, t * n, n) / n;
        }
        return product(ctx, pb, V, k, sums);
    }

    // centredRhs's loops over n are small methods of their own (compiled after a few calls, where one method with
    // its loops nested in the loop over targets ran interpreted for a large part of a cold JVM's first call)

    private static double mean(double[] y) {
        double m = 0;
        for (double v : y) m += v;
        return m / y.length;
    }

    /** y − m into V[off..off+n); returns Σ(y − m) (not 0: the rounding of m, removed in {@link #product}). */
    private static double centre(double[] y, double m, double[] V, int off) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double v = y[i] - m;
            V[off + i] = v;
            sum += v;
        }
        return sum;
    }

    private static double sumSquares(double[] V, int off, int n) {
        double s = 0;
        for (int i = off; i < off + n; i++) s += V[i] * V[i];
        return s;
    }

    /** Xᵀ[v_1 … v_k], one stacked product on the device (= Xcᵀv_t for centred v_t; without an intercept nothing is centred). */
    static double[] rhs(Context ctx, Problem pb, double[][] v) {
        int n = pb.n, k = v.length;
        double[] V = new double[n * k], sums = new double[k];
        for (int t = 0; t < k; t++) {
            System.arraycopy(v[t], 0, V, t * n, n);
            sums[t] = sumOf(V, t * n, n);
        }
        return product(ctx, pb, V, k, sums);
    }

    private static double sumOf(double[] V, int off, int n) {
        double s = 0;
        for (int i = off; i < off + n; i++) s += V[i];
        return s;
    }

    /**
     * Xᵀ[v_1 … v_k] for the k stacked columns of V (sums: each column's Σ) as one product on the device, then
     * Xcᵀv_t where there is an intercept.
     */
    private static double[] product(Context ctx, Problem pb, double[] V, int k, double[] sums) {
        int n = pb.n, p = pb.p;
        double[] xty;
        try (DeviceBuffer X = ctx.upload(Precision.FLOAT64, pb.x); DeviceBuffer vb = ctx.upload(Precision.FLOAT64, V);
             DeviceBuffer h = ctx.alloc(Precision.FLOAT64, (long) p * k)) {
            Stacked.xtr(ctx, h, X, n, p, vb, k);
            xty = h.toDoubleArray();
        }
        if (pb.intercept) // Xᵀy_c = Xcᵀy_c + x̄·Σy_c, and Σy_c is not 0 but the rounding of ȳ (~ε·n·|ȳ|): removed,
            for (int t = 0; t < k; t++) // else a large mean with a small spread puts ~1e-11 relative errors in q
                for (int j = 0; j < p; j++) xty[t * p + j] -= pb.xbar[j] * sums[t];
        return xty;
    }

    /** The gap a Gram solve aims for: a tenth of the tolerance, so the exact certificate from residuals passes too. */
    static double target(FitOptions o) {
        return Math.max(0.1 * o.tol(), 1e-15);
    }

    static double[] original(double[] b, double[] s) {
        double[] beta = new double[b.length];
        for (int j = 0; j < b.length; j++) beta[j] = b[j] == 0 ? 0 : b[j] / s[j];
        return beta;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) s += a[j] * b[j];
        return s;
    }

    /** FitResults from the certificates {@code co} = {values, objectives}; the rest refitted by the engine. */
    static FitResult[] results(Context ctx, Dataset d, FitOptions o, double[] lambdas, double[] b0, double[][] betas,
                                       int[] its, boolean[] settled, long t0, double[][] ys, double[][] co) {
        int k = lambdas.length;
        FitResult[] out = new FitResult[k];
        for (int t = 0; t < k; t++) {
            double c = co[0][t];
            if (settled[t] && c <= o.tol() && c >= -1e-12) {
                int nnz = 0;
                for (double v : betas[t]) if (v != 0) nnz++;
                out[t] = new FitResult(b0[t], betas[t], lambdas[t], co[1][t], "duality_gap", c, nnz, its[t],
                        (System.nanoTime() - t0) / 1e9, ctx.backendName(), ctx.deviceName());
            } else {
                GramCv.REFITS.incrementAndGet();
                Dataset dt = ys == null ? d : MultiTarget.column(d, ys[t]);
                out[t] = Spred.fit(ctx, dt, o.withLambda(lambdas[t]));
            }
        }
        return out;
    }

    /**
     * The signed certificates ({@link Certificates}) of k problems sharing X, problem t with response
     * {@code ys[t]} (one array may serve all) at {@code lambdas[t]}, from their residuals: η = b0 + X·B and Xᵀr for
     * all k as two stacked products. Returns {certificates, objectives}.
     */
    static double[][] certify(Context ctx, Problem pb, double[][] ys, double[] lambdas, double alpha, double[] b0, double[][] betas) {
        int n = pb.n, p = pb.p, k = lambdas.length;
        double[] B = new double[p * k];
        for (int t = 0; t < k; t++) System.arraycopy(betas[t], 0, B, t * p, p);
        double[] eta, xtr;
        double[] R = new double[n * k];
        try (DeviceBuffer X = ctx.upload(Precision.FLOAT64, pb.x); DeviceBuffer bb = ctx.upload(Precision.FLOAT64, B);
             DeviceBuffer z = ctx.alloc(Precision.FLOAT64, (long) n * k)) {
            Stacked.xb(ctx, z, X, n, p, bb, k);
            eta = z.toDoubleArray();
            for (int t = 0; t < k; t++) {
                double[] y = ys[ys.length == 1 ? 0 : t];
                double shift = 0;
                if (pb.intercept) for (double v : y) shift += v / n;
                for (int i = 0; i < n; i++) { // Certificates.residual: no rounding at |y|'s scale
                    R[t * n + i] = Certificates.residual(y[i], shift, b0[t], eta[t * n + i]);
                    eta[t * n + i] += b0[t];
                }
            }
            try (DeviceBuffer rb = ctx.upload(Precision.FLOAT64, R); DeviceBuffer h = ctx.alloc(Precision.FLOAT64, (long) p * k)) {
                Stacked.xtr(ctx, h, X, n, p, rb, k);
                xtr = h.toDoubleArray();
            }
        }
        double[] cert = new double[k], obj = new double[k];
        double[] b = new double[p], e = new double[n], r = new double[n], g = new double[p]; // reused: compute keeps none
        for (int t = 0; t < k; t++) {
            System.arraycopy(eta, t * n, e, 0, n);
            System.arraycopy(R, t * n, r, 0, n);
            double sr = 0;
            for (double v : r) sr += v;
            for (int j = 0; j < p; j++) {
                b[j] = betas[t][j] * pb.scale[j];
                g[j] = (xtr[t * p + j] - pb.xbar[j] * sr) / (pb.scale[j] * n); // Zcᵀr/n, with Xcᵀr = Xᵀr − x̄·Σr
            }
            double la = lambdas[t] * alpha, mu = lambdas[t] * (1 - alpha);
            Certificates.Certificate c = Certificates.compute(Families.of(pb.model), ys[ys.length == 1 ? 0 : t], e, r, g, b, la, mu,
                    pb.intercept, 0);
            cert[t] = c.value();
            obj[t] = c.objective();
        }
        return new double[][]{cert, obj};
    }
}
