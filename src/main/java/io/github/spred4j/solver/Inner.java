package io.github.spred4j.solver;

import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.SparseDesign;

import java.util.Arrays;

/**
 * The state of a fit and the coordinate-descent inner solve on a working set W (glmnet's naive mode, restricted
 * to W). The working-set columns are float64 host copies (gathered once per path when a column first enters W,
 * O(n) each), so a coordinate update is one dot product and one or two axpys of length n on the host: on one CPU
 * core this is what a device call would do, without the per-call overhead (a JNI/launch per coordinate costs
 * more than the work for n below a few thousand). Passes over all of X stay on the device ({@link Checks}).
 *
 * <p>Squared loss: the state keeps {@code ρ = y − ȳ − Xβ} (raw X, β = b/s; ȳ = 0 without intercept); the true
 * residual is {@code r = ρ + x̄ᵀβ}, since with an intercept c = ȳ is optimal at every step (implicit centring).
 * Other losses (IRLS): at a base point η⁰ the quadratic model has weights w = μ'(η⁰) and working
 * residual {@code z = r⁰ − w⊙(η − η⁰)} kept on the device, with {@code η_raw = Xβ} alongside.
 *
 * <p>On a sparse design the working-set columns are kept sparse (row indices and values from the host CSC), so a
 * coordinate visit costs O(nnz_j), not O(n), as in glmnet: the centring is already implicit above (raw X, x̄
 * terms carried by scalars), and the one dense term of an IRLS move, the x̄_j·δ·w shift of z, is carried lazily as
 * {@code z = res + wShift·w}.
 */
final class Inner implements AutoCloseable {
    final Prepared pb;
    final int n, p;
    final boolean quadratic;
    // host state
    final double[] b;
    double c, xbBeta;          // intercept (engine coordinates) and x̄ᵀβ
    // vectors of length n
    private final double[][] col;       // column j of X, gathered when j first enters W
    private final double[][] wcol;      // w ⊙ x_j (IRLS), recomputed per outer step
    private final double[] sumW_x, xWx; // Σ w x_j and x_jᵀ W x_j (IRLS)
    final double[] res;                 // squared: ρ; IRLS: z (plus wShift·w on a sparse design)
    final double[] etaRaw;              // IRLS: Xβ (raw)
    private final double[] w;           // IRLS weights
    private double sumW, sumZ;
    private final double[] a;           // per-column curvature of the current quadratic model
    long sweeps;                        // coordinate-descent sweeps done (the iteration count reported)
    long version;                       // changes whenever (c, b) moves (objective memo in Polish)
    double sweepViolation;              // the largest KKT violation seen in the last full sweep of W (see solve)
    // sparse design: column j as (row indices, values), and w ⊙ x_j on the same indices (IRLS)
    private final CscMatrix csc;        // null on a dense design
    private final int[][] sIdx;
    private final double[][] sVal, sWVal;
    private double wShift;              // sparse IRLS: the true working residual is res + wShift·w
    // squared loss, dense, few columns: glmnet's covariance mode (q = Xᵀρ moves, ρ rebuilt when read)
    private final Covariance cov;
    private boolean resStale;
    // dense naive mode: the sweeps through the native cd_sweep op (null: the Java loops below)
    private final FusedSweep fused;

    Inner(Prepared pb) {
        this.pb = pb;
        n = pb.n;
        p = pb.p;
        quadratic = pb.family.isQuadratic();
        b = new double[p];
        col = new double[p][];
        wcol = quadratic ? null : new double[p][];
        sumW_x = quadratic ? null : new double[p];
        xWx = quadratic ? null : new double[p];
        a = quadratic ? pb.h : new double[p];
        res = new double[n];
        etaRaw = quadratic ? null : new double[n];
        w = quadratic ? null : new double[n];
        c = pb.c0;
        csc = pb.x instanceof SparseDesign sd ? sd.csc() : null;
        sIdx = csc == null ? null : new int[p][];
        sVal = csc == null ? null : new double[p][];
        sWVal = csc == null || quadratic ? null : new double[p][];
        cov = csc == null ? Covariance.of(pb) : null;
        fused = cov == null ? FusedSweep.of(pb, csc != null) : null;
        resetDevice();
    }

    /** Re-derives the state vectors from (c, b): ρ = y − ȳ − Xβ (squared) or η_raw = Xβ (IRLS). */
    void resetDevice() {
        version++;
        int[] S = support(); // one scan of b for both loops below (and the callers' next support())
        xbBeta = 0;
        for (int j : S) xbBeta += pb.xbar[j] * b[j] / pb.scale[j];
        if (quadratic) {
            // ρ = (y − ȳ) − Xβ with an intercept: centring y first keeps ȳ-sized terms out of every gradient
            double shift = pb.intercept ? pb.ybar : 0;
            for (int i = 0; i < n; i++) res[i] = pb.y[i] - shift;
            if (cov != null) {
                cov.residual(res, shift, b);
                cov.reset(res);
                resStale = false;
            } else for (int j : S) axpyCol(res, -b[j] / pb.scale[j], j);
            if (pb.intercept) c = pb.ybar;
        } else {
            Arrays.fill(etaRaw, 0);
            for (int j : S) axpyCol(etaRaw, b[j] / pb.scale[j], j);
        }
    }

    private int[] supp;             // the support of b at version suppVersion (ascending)
    private long suppVersion = -1;
    private int[] suppBuf;          // support()'s scratch

    /**
     * The support of b (ascending, as {@link Polish#support}), shared and not to be written: computed once per
     * {@link #version}. With p ≫ n a λ asked for it ~10 times and every ask was a scan of all p (with the
     * penalty's scans, ~40% of golub's CV). Whoever writes b outside this class must bump {@link #version}.
     */
    int[] support() {
        if (suppVersion != version) {
            if (suppBuf == null) suppBuf = new int[p];
            supp = Polish.support(b, suppBuf);
            suppVersion = version;
        }
        assert Arrays.equals(supp, Polish.support(b)) : "b written without a version change";
        return supp;
    }

    double[] column(int j) {
        if (col[j] == null) col[j] = pb.x.columns(new int[]{j});
        return col[j];
    }

    /** Gathers the sparse column j from the host CSC (once per fit). */
    private void sparseColumn(int j) {
        if (sIdx[j] != null) return;
        int lo = (int) csc.colPtr()[j], hi = (int) csc.colPtr()[j + 1];
        sIdx[j] = Arrays.copyOfRange(csc.rowIdx(), lo, hi);
        sVal[j] = Arrays.copyOfRange(csc.values(), lo, hi);
    }

    /** x_jᵀv (raw column). */
    double dotCol(int j, double[] v) {
        if (csc == null) return dot(column(j), v);
        sparseColumn(j);
        return dotSparse(sIdx[j], sVal[j], v);
    }

    /** y += a·x_j (raw column). */
    private void axpyCol(double[] y, double a, int j) {
        if (csc == null) {
            axpy(y, a, column(j));
            return;
        }
        sparseColumn(j);
        axpySparse(y, a, sIdx[j], sVal[j]);
    }

    /**
     * Σ val·v[idx] over the stored entries of one column, in two chains by position (even, odd). Not the dense
     * dot's chains by row (a branch on the row index per entry cost more than the product): sparse and dense fits
     * agree to rounding, not to the bit.
     */
    static double dotSparse(int[] idx, double[] val, double[] v) {
        double s0 = 0, s1 = 0;
        int q = 0, m = idx.length;
        for (; q + 1 < m; q += 2) {
            s0 += val[q] * v[idx[q]];
            s1 += val[q + 1] * v[idx[q + 1]];
        }
        if (q < m) s0 += val[q] * v[idx[q]];
        return s0 + s1;
    }

    /** Σ a[q]·b[q] over the stored entries of one column (b on the same indices), in {@link #dotSparse}'s chains. */
    static double dotAligned(double[] a, double[] b) {
        double s0 = 0, s1 = 0;
        int q = 0, m = a.length;
        for (; q + 1 < m; q += 2) {
            s0 += a[q] * b[q];
            s1 += a[q + 1] * b[q + 1];
        }
        if (q < m) s0 += a[q] * b[q];
        return s0 + s1;
    }

    static void axpySparse(double[] y, double a, int[] idx, double[] val) {
        for (int q = 0; q < idx.length; q++) y[idx[q]] += a * val[q];
    }

    static double dot(double[] a, double[] b) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0; // four chains: the JIT does not reorder a double reduction
        int i = 0, n = a.length;
        for (; i + 3 < n; i += 4) {
            s0 += a[i] * b[i];
            s1 += a[i + 1] * b[i + 1];
            s2 += a[i + 2] * b[i + 2];
            s3 += a[i + 3] * b[i + 3];
        }
        for (; i < n; i++) s0 += a[i] * b[i];
        return (s0 + s1) + (s2 + s3);
    }

    static void axpy(double[] y, double a, double[] x) {
        for (int i = 0; i < y.length; i++) y[i] += a * x[i];
    }

    /** The original intercept b0 = c − x̄ᵀβ (the constant that turns Xβ into η). */
    double offset() {
        return c - xbBeta;
    }

    /** Squared loss: the residual r = ρ + x̄ᵀβ from the state (η = y − r would round r at |y|'s scale). */
    double[] residual() {
        if (resStale) {
            cov.residual(res, pb.intercept ? pb.ybar : 0, b);
            resStale = false;
        }
        double[] r = res.clone();
        for (int i = 0; i < n; i++) r[i] += xbBeta;
        return r;
    }

    /** η = c + Zc·b on the host (float64 copy of the device state). */
    double[] eta() {
        if (quadratic) {
            if (resStale) { // covariance mode moved q only
                cov.residual(res, pb.intercept ? pb.ybar : 0, b);
                resStale = false;
            }
            double[] r = res.clone();
            for (int i = 0; i < n; i++) r[i] = pb.y[i] - r[i] - xbBeta; // η = y − r, r = ρ + x̄ᵀβ
            return r;
        }
        double[] e = etaRaw.clone();
        double off = offset();
        for (int i = 0; i < n; i++) e[i] += off;
        return e;
    }

    /** Whether the inner solve runs in covariance mode ({@link Covariance}). */
    boolean covariance() {
        return cov != null;
    }

    /**
     * Covariance mode only (else null): Zcᵀr/n for all p from one host float64 pass q = Xᵀρ over the current
     * residual (exact, not the Gram-updated q), so the engine's check needs no device call. Centred as if Σρ were
     * −n·x̄ᵀβ: what the solver and the KKT checks see (rounding noise must not make a column at |g| = λ enter).
     */
    double[] gradientAll() {
        if (cov == null) return null;
        eta(); // rebuilds ρ if stale
        cov.reset(res);
        double[] g = new double[p];
        for (int j = 0; j < p; j++) g[j] = negGrad(j);
        return g;
    }

    /**
     * The gradient the certificate's dual point pairs with: {@link #gradientAll}'s g centred with ρ's actual sum
     * (squared loss with an intercept; else g itself). The dual point is this ρ (Engine.check) and its sum carries
     * ȳ's rounding (n·ulp(ȳ)/2, 1e-13 at ȳ ≈ 100: 4e-10 of a small λ's gradient), so a scale t from the idealised
     * g overshot and the gap went below −1e-12. Call right after gradientAll (it reads the q that pass left).
     */
    double[] dualGradient(double[] g) {
        if (!(quadratic && pb.intercept && wShift == 0)) return g;
        double sr = 0;
        for (double v : res) sr += v;
        double[] d = new double[p];
        for (int j = 0; j < p; j++) d[j] = (cov.q[j] - pb.xbar[j] * sr) / (pb.scale[j] * n);
        return d;
    }

    /** Starts an IRLS step at the current point: weights, working residual, per-column curvatures on W. */
    void startQuadratic(double[] eta, int[] W) {
        if (quadratic) return;
        double[] wv = new double[n], z = new double[n];
        double wmax = 0;
        for (int i = 0; i < n; i++) {
            double m = pb.family.mean(eta[i]);
            z[i] = pb.y[i] - m;
            wv[i] = pb.family.weightAt(eta[i], m);
            wmax = Math.max(wmax, wv[i]);
        }
        sumW = 0;
        sumZ = 0;
        for (int i = 0; i < n; i++) {
            // a floor on the weights (as glmnet's 1e-5 on fitted probabilities): a row fitted perfectly must not
            // make its coordinate's curvature vanish; the line search on the true objective keeps steps safe
            wv[i] = Math.max(wv[i], 1e-6 * wmax);
            sumW += wv[i];
            sumZ += z[i];
        }
        System.arraycopy(wv, 0, w, 0, n);
        System.arraycopy(z, 0, res, 0, n);
        if (fused != null) fused.weightsChanged();
        wShift = 0;
        for (int j : W) refreshWeighted(j);
    }

    private void refreshWeighted(int j) {
        if (csc != null) {
            refreshWeightedSparse(j);
            return;
        }
        if (wcol[j] == null) wcol[j] = new double[n];
        double[] x = column(j), wx = wcol[j];
        double s = 0;
        for (int i = 0; i < n; i++) {
            wx[i] = w[i] * x[i];
            s += wx[i];
        }
        sumW_x[j] = s;
        xWx[j] = dot(x, wx);
        double xb = pb.xbar[j], sc = pb.scale[j];
        a[j] = (xWx[j] - 2 * xb * sumW_x[j] + xb * xb * sumW) / (sc * sc * n);
    }

    private void refreshWeightedSparse(int j) {
        sparseColumn(j);
        int[] idx = sIdx[j];
        double[] x = sVal[j];
        if (sWVal[j] == null) sWVal[j] = new double[x.length];
        double[] wx = sWVal[j];
        double s = 0;
        for (int q = 0; q < idx.length; q++) {
            wx[q] = w[idx[q]] * x[q];
            s += wx[q];
        }
        sumW_x[j] = s;
        xWx[j] = dotAligned(x, wx);
        double xb = pb.xbar[j], sc = pb.scale[j];
        a[j] = (xWx[j] - 2 * xb * sumW_x[j] + xb * xb * sumW) / (sc * sc * n);
    }

    /** Adds columns to an IRLS model started earlier (working set grown mid-step). */
    void extendQuadratic(int[] added) {
        if (!quadratic) for (int j : added) refreshWeighted(j);
    }

    /** Zc_jᵀr/n (squared) or Zc_jᵀz/n (IRLS): the negative loss-model gradient of coordinate j. */
    double negGrad(int j) {
        double d = cov != null ? cov.q[j] : dotCol(j, res);
        if (wShift != 0) d += wShift * sumW_x[j]; // x_jᵀ(res + wShift·w)
        // Σρ = −n·x̄ᵀβ with an intercept (ρ = y − ȳ − Xβ); without one x̄ = 0 and the centring term vanishes
        double sum = quadratic ? (pb.intercept ? -n * xbBeta : 0) : sumZ;
        return (d - pb.xbar[j] * sum) / (pb.scale[j] * n);
    }

    /** One coordinate update; returns a_j·Δ² (glmnet's convergence measure). */
    private double update(int j, double la, double mu) {
        double aj = a[j];
        double bj = b[j];
        double nb;
        if (!(aj > 0)) nb = 0; // a constant column (or zero weights): its coefficient stays 0
        else {
            double g = negGrad(j);
            // the KKT violation before the move: |g − λα·sign(b) − λ(1−α)·b| on the support, (|g| − λα)₊ off it
            double v = bj != 0 ? Math.abs(g - Math.copySign(la, bj) - mu * bj) : Math.abs(g) - la;
            if (v > sweepViolation) sweepViolation = v;
            double u = aj * bj + g;
            nb = Math.signum(u) * Math.max(Math.abs(u) - la, 0) / (aj + mu);
        }
        double d = nb - bj;
        if (d == 0) return 0;
        b[j] = nb;
        move(j, d);
        return aj * d * d;
    }

    /** Moves coordinate j by d (engine coordinates) on the device state. */
    void move(int j, double d) {
        version++;
        double db = d / pb.scale[j], xb = pb.xbar[j];
        xbBeta += xb * db;
        if (quadratic) {
            if (cov != null) {
                cov.move(j, db);
                resStale = true;
            } else axpyCol(res, -db, j);
        } else if (csc != null) {
            axpySparse(etaRaw, db, sIdx[j], sVal[j]);
            axpySparse(res, -db, sIdx[j], sWVal[j]);
            wShift += db * xb; // z += db·x̄_j·w, lazily
            sumZ -= db * (sumW_x[j] - xb * sumW);
        } else {
            axpy(etaRaw, db, column(j));
            axpy(res, -db, wcol[j]);
            if (xb != 0) axpy(res, db * xb, w);
            sumZ -= db * (sumW_x[j] - xb * sumW);
        }
    }

    /** The intercept's exact step in the IRLS model (c unpenalised). */
    private double updateIntercept() {
        if (quadratic || !pb.intercept || !(sumW > 0)) return 0;
        double dc = sumZ / sumW;
        if (dc == 0) return 0;
        version++;
        c += dc;
        if (csc != null) wShift -= dc;
        else axpy(res, -dc, w);
        sumZ -= dc * sumW;
        return sumW / n * dc * dc;
    }

    /**
     * Coordinate descent on W until the largest a_j·Δ² of a full sweep is below thr (glmnet's cycling: sweep W,
     * then the active coordinates until they settle, then W again). Counts sweeps in {@link #sweeps}; returns
     * false if maxSweeps ran out first. {@link #sweepViolation} holds the largest KKT violation met in the last
     * full sweep of W (the active-set sweeps after it leave it alone: with maxSweeps = 1 it describes the one sweep).
     */
    boolean solve(int[] W, double la, double mu, double thr, long maxSweeps) {
        if (fused != null && fused.pays(W)) return fused.solve(this, W, a, sumW_x, w, sumW, la, mu, thr, maxSweeps);
        long start = sweeps;
        int[] act = new int[W.length];
        while (sweeps - start < maxSweeps) {
            sweeps++;
            double dl = updateIntercept();
            sweepViolation = 0;
            for (int j : W) dl = Math.max(dl, update(j, la, mu));
            if (dl < thr) return true;
            int m = 0;
            for (int j : W) if (b[j] != 0) act[m++] = j;
            while (sweeps - start < maxSweeps) {
                sweeps++;
                double da = updateIntercept();
                for (int q = 0; q < m; q++) da = Math.max(da, update(act[q], la, mu));
                if (da < thr) break;
            }
        }
        return false;
    }

    /** Whether the sweeps run through the native cd_sweep op ({@link FusedSweep}). */
    boolean fusedRoute() {
        return fused != null;
    }

    /** Whether a sweep of W takes the fused route. */
    boolean pays(int[] W) {
        return fused != null && fused.pays(W);
    }

    /** IRLS: Σz of the working residual (the fused sweep's running sum). */
    double sumZ() {
        return sumZ;
    }

    /** After fused sweeps: their running sum (squared: x̄ᵀβ; IRLS: Σz), intercept and the change of x̄ᵀβ (IRLS). */
    void fusedState(double s, double cNew, double dxb) {
        version++;
        if (quadratic) xbBeta = s;
        else {
            sumZ = s;
            c = cNew;
            xbBeta += dxb;
        }
    }

    /** Sets the state to (c, b) (host arrays) and re-derives the device vectors. */
    void setState(double cNew, double[] bNew) {
        System.arraycopy(bNew, 0, b, 0, p);
        c = cNew;
        resetDevice();
    }

    /**
     * Squared loss, naive mode: takes a move whose residual change is known, ρ += Δρ and x̄ᵀβ += dxb, with
     * b_j = v[a] for j = J[a] (see {@link ExactStep}).
     */
    void shift(double[] dRho, double dxb, int[] J, double[] v) {
        if (!quadratic || cov != null) throw new IllegalStateException("shift: squared loss in naive mode only");
        version++;
        for (int i = 0; i < n; i++) res[i] += dRho[i];
        xbBeta += dxb;
        for (int a = 0; a < J.length; a++) b[J[a]] = v[a];
    }

    /** x_aᵀ x_b (for the polish's Hessian); O(nnz_a + nnz_b) on a sparse design. */
    double dot(int i, int j) {
        if (cov != null) return cov.column(i)[j];
        if (csc == null) return dot(column(i), column(j));
        sparseColumn(i);
        sparseColumn(j);
        return dotMerged(sIdx[i], sVal[i], sIdx[j], sVal[j]);
    }

    /**
     * The weighted Gram of the columns S: {@code G[a·k + c] = x_{S[a]}ᵀ diag(wv) x_{S[c]}} for c ≤ a (the upper
     * triangle is left 0), each entry the dense loop's sum (x_a·w)·x_c in row order. On a sparse design the S
     * columns are first transposed into short rows (a counting sort, O(n + Σ nnz_S)), then each row adds its pairs:
     * O(Σ_i k_i²) with k_i the support entries of row i, not O(n·k²). Same bits as the dense loop: the skipped
     * terms are exact zeros and every entry still sums in row order.
     */
    double[] weightedGram(int[] S, double[] wv) {
        int k = S.length;
        double[] G = new double[k * k];
        if (csc == null) {
            for (int a = 0; a < k; a++) {
                double[] x = column(S[a]);
                for (int c = 0; c <= a; c++) {
                    double[] z = column(S[c]);
                    double s = 0;
                    for (int q = 0; q < n; q++) s += x[q] * wv[q] * z[q];
                    G[a * k + c] = s;
                }
            }
            return G;
        }
        int[] start = new int[n + 1];
        for (int j : S) {
            sparseColumn(j);
            for (int r : sIdx[j]) start[r + 1]++;
        }
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        int[] next = Arrays.copyOf(start, n), pos = new int[start[n]];
        double[] val = new double[start[n]];
        for (int a = 0; a < k; a++) { // a increasing: within a row the entries come in S order
            int[] idx = sIdx[S[a]];
            double[] x = sVal[S[a]];
            for (int q = 0; q < idx.length; q++) {
                int e = next[idx[q]]++;
                pos[e] = a;
                val[e] = x[q];
            }
        }
        for (int i = 0; i < n; i++) {
            double wi = wv[i];
            for (int e = start[i]; e < start[i + 1]; e++) {
                double xw = val[e] * wi;
                int row = pos[e] * k;
                for (int f = start[i]; f <= e; f++) G[row + pos[f]] += xw * val[f];
            }
        }
        return G;
    }

    /** x_jᵀwv; O(nnz_j) on a sparse design. */
    double sumWeighted(int j, double[] wv) {
        if (csc != null) {
            sparseColumn(j);
            int[] idx = sIdx[j];
            double[] x = sVal[j];
            double s = 0;
            for (int q = 0; q < idx.length; q++) s += x[q] * wv[idx[q]];
            return s;
        }
        double[] a = column(j);
        double s = 0;
        for (int q = 0; q < n; q++) s += a[q] * wv[q];
        return s;
    }

    /** v += a·x_j (raw column; O(nnz_j) on a sparse design). */
    void addColumn(double[] v, double a, int j) {
        axpyCol(v, a, j);
    }

    /** Σ a_q·b_q over the rows both sorted columns store (a merge of the two index lists, in row order). */
    static double dotMerged(int[] ia, double[] va, int[] ib, double[] vb) {
        double s = 0;
        int p = 0, q = 0;
        while (p < ia.length && q < ib.length) {
            int r = ia[p], c = ib[q];
            if (r < c) p++;
            else if (r > c) q++;
            else s += va[p++] * vb[q++];
        }
        return s;
    }

    @Override
    public void close() {
        if (fused != null) fused.close();
        Arrays.fill(col, null);
        if (sIdx != null) {
            Arrays.fill(sIdx, null);
            Arrays.fill(sVal, null);
        }
    }
}
