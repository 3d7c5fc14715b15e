package io.github.spred4j.solver;

import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.LossFamily;

import java.util.Arrays;

/**
 * Naive-mode (residual-based) coordinate descent of the squared loss (lasso / elastic net) over the CSC columns of
 * sparse X, for k training sets in lockstep: the K cross-validation folds' training sets and the full data (or the
 * full data alone for a path). X is never densified nor centred: centring and scaling are implicit (glmnet's xm/xs
 * trick), from per-set column means, scales and sums.
 *
 * <p>The state is one residual matrix u (n × k, row-major, rows padded for {@link SparseLanes}): u[i,t] = y_i − x_iᵀβ_t for every row, training or not,
 * so one pass over a column's nonzeros forms the dots x_jᵀu_t of every set (each row is in every training set but
 * its own fold's: that one term is subtracted) and updates every set's residual; X is read once per sweep for all
 * sets, and u[i, fold(i)] is row i's held-out residual under its fold's model, for free. With Σ_t = Σ over set t's
 * training rows of u (kept exact by the updates), set t's gradient is g_tj = (x_jᵀu_t − m_tj·Σ_t) / (s_tj·n_t),
 * the intercept never stored (m = 0 without one).
 *
 * <p>Per λ: each set starts on the line through its last two answers (the lasso's path is linear in λ while the
 * support and signs hold: {@link #extrapolate}); the sequential strong rule over all sets' last gradients plus the
 * ever-active columns make the sweep set;
 * sweeps over it and over the active columns run until glmnet's criterion (max a_j·Δb_j² below a threshold relative to
 * the set's variance of y); then u is recomputed from β (no drift), every set's gradient over all p comes from one
 * pass, strong-rule violators join the sweep set, and each set's exact signed duality gap
 * ({@link Certificates#compute}, the engine's certificate on that set's rows) decides: a set within tolerance is frozen
 * (its answer final at this λ), the others continue with a tighter threshold. The active sweeps are
 * Anderson-accelerated per set ({@link SparseAnderson}).
 */
final class SparseCd {
    /** Rounds of (sweeps, certificate) per λ before a set is left to the caller's refit. */
    static final int ROUNDS = 8;
    /** {@code -Dspred4j.sparseCd.anderson=false} leaves out the Anderson extrapolation of the active sweeps. */
    static final boolean ANDERSON = !"false".equals(System.getProperty("spred4j.sparseCd.anderson"));
    /** {@code -Dspred4j.sparseCd.extrapolate=false} starts each λ from the last solution instead of the path's line. */
    static final boolean EXTRAPOLATE = !"false".equals(System.getProperty("spred4j.sparseCd.extrapolate"));
    /**
     * The active sweeps stop once their step is below this fraction of the last strong-set sweep's (or below the
     * threshold): converging the active columns far past what the next strong-set sweep will undo is wasted work
     * (glmnet's inner loop does the same). 5000×2000 CV: 21.1M → 18.4M column sweeps, the same certificates.
     * {@code -Dspred4j.sparseCd.activeStop=0} sweeps the active columns down to the threshold each time.
     */
    static final double ACTIVE_STOP = Double.parseDouble(System.getProperty("spred4j.sparseCd.activeStop", "1e-3"));
    /** The most column sweeps per λ besides maxIter·p (tests lower it to exercise the engine's refits). */
    static volatile long sweepLimit = Long.MAX_VALUE;

    final int n, p, k;
    final int w; // lanes a row of u holds: k padded for SparseLanes (the lanes past k stay zero)
    final long[] cp;
    final int[] ri;
    final double[] xv;
    final int[] own; // row i's held-out set (its fold), or −1 (in every set)
    final double[] y; // the response less shift
    final double shift; // ȳ with an intercept, else 0: taken out of y, so u, su, ym and b0 are too (b0 + shift is the intercept)
    final double[] u, b, g; // n×w residuals; p×k internal coefficients and last gradients (b[j·k + t])
    final double[] xm, s, a, cs; // p×k: centring means (0 without intercept), scales, a_j = ‖z_j‖²/n, training sums
    final int[] nt;
    final double[] ym, yv, su, b0;
    final boolean intercept;
    private final double alpha, tol;
    private final int maxSweeps;
    final boolean[] live;
    private final boolean[] inE, ever;
    private final int[] eList;
    private int eSize;
    private double thrStart = 1e-7;
    private final double[] dot, delta;
    private final double[] bLast; // the solution at the λ before the last one (p×k), for the path's line
    /** Whether each λ starts on the path's line ({@link #extrapolate}; tests compare with plain warm starts). */
    boolean line = EXTRAPOLATE;
    /** The active sweeps' stop relative to the strong sweep ({@link #ACTIVE_STOP}; tests compare with 0). */
    double activeStop = ACTIVE_STOP;
    private double lamLast = Double.NaN, lamBefore = Double.NaN;
    /** Total column sweeps (one column for all sets counts once), for tests and iteration counts. */
    long columnSweeps;
    /** Rounds (sweeps, check) and the final threshold of the last {@link #solve}, for probes (SparseCdProbe). */
    int lastRounds;
    double lastThr;
    /** Runs the sweeps over column lists, in C where it can ({@link SparseSweep}; tests swap it). */
    SparseSweep sweeper;

    /**
     * @param held row i's fold 0..k−2 (CV: set k−1 is the full data) or null (one set: the full data)
     */
    SparseCd(CscMatrix x, double[] y, int[] held, int k, FitOptions o) {
        n = x.rows();
        p = x.cols();
        this.k = k;
        w = SparseLanes.width(k);
        cp = x.colPtr();
        ri = x.rowIdx();
        xv = x.values();
        // y − ȳ: u = y − Xβ and r = u − b0 rounded at |ȳ|'s scale (Certificates.residual's reason)
        double sh = 0;
        if (o.intercept()) for (double v : y) sh += v / n;
        shift = sh;
        if (sh != 0) {
            double[] yc = new double[n];
            for (int i = 0; i < n; i++) yc[i] = y[i] - sh;
            y = yc;
        }
        this.y = y;
        intercept = o.intercept();
        alpha = o.alpha();
        tol = o.tol();
        maxSweeps = o.maxIter();
        own = new int[n];
        if (held == null) Arrays.fill(own, -1);
        else System.arraycopy(held, 0, own, 0, n);
        u = new double[n * w];
        b = new double[p * k];
        g = new double[p * k];
        xm = new double[p * k];
        s = new double[p * k];
        a = new double[p * k];
        cs = new double[p * k];
        nt = new int[k];
        ym = new double[k];
        yv = new double[k];
        su = new double[k];
        b0 = new double[k];
        live = new boolean[k];
        inE = new boolean[p];
        ever = new boolean[p];
        eList = new int[p];
        dot = new double[w];
        delta = new double[w];
        bLast = new double[p * k];
        double[] sy = new double[k];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                nt[t]++;
                sy[t] += y[i];
            }
            if (own[i] >= 0) {
                nt[own[i]]--;
                sy[own[i]] -= y[i];
            }
        }
        for (int t = 0; t < k; t++) {
            if (nt[t] < 1) throw new IllegalArgumentException("training set " + t + " has no rows");
            ym[t] = sy[t] / nt[t];
        }
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < k; t++) {
                u[i * w + t] = y[i];
                if (t != own[i]) yv[t] += (intercept ? (y[i] - ym[t]) * (y[i] - ym[t]) : y[i] * y[i]) / nt[t];
            }
        }
        double[] ss = new double[k];
        for (int j = 0; j < p; j++) {
            Arrays.fill(ss, 0);
            int jk = j * k;
            for (int q = (int) cp[j], e = (int) cp[j + 1]; q < e; q++) {
                int i = ri[q], f = own[i];
                double v = xv[q];
                for (int t = 0; t < k; t++) {
                    cs[jk + t] += v;
                    ss[t] += v * v;
                }
                if (f >= 0) {
                    cs[jk + f] -= v;
                    ss[f] -= v * v;
                }
            }
            for (int t = 0; t < k; t++) {
                double m = cs[jk + t] / nt[t], c = Math.max(ss[t] - nt[t] * m * m, 0); // about the mean: glmnet's sd
                double sd = Math.sqrt(c / nt[t]);
                s[jk + t] = o.standardize() && sd > 0 ? sd : 1;
                xm[jk + t] = intercept ? m : 0;
                double sq = intercept ? c : Math.max(ss[t], 0);
                a[jk + t] = o.standardize() && intercept ? (c > 0 ? 1 : 0) : sq / nt[t] / (s[jk + t] * s[jk + t]);
            }
        }
        for (int t = 0; t < k; t++) {
            for (int i = 0; i < n; i++) if (own[i] != t) su[t] += y[i];
            b0[t] = intercept ? ym[t] : 0;
            yv[t] = Math.max(yv[t], Double.MIN_NORMAL);
        }
        Arrays.fill(live, true);
        sweeper = new SparseSweep(this, x, SparseSweep.NATIVE);
        gradient(); // at β = 0: the first λ's strong rule and each set's λ_max
    }

    /** λ_max of set t from the gradient at β = 0 (after {@link #gradient}). */
    double lambdaMax(int t) {
        double m = 0;
        for (int j = 0; j < p; j++) m = Math.max(m, Math.abs(g[j * k + t]));
        return m / alpha;
    }

    /**
     * Solves every set at λ from the current state (warm start; {@code prev} is the previous λ, the strong rule's).
     * Returns each set's certificate; {@link #unsettled} tells which missed the tolerance within {@link #ROUNDS}
     * rounds or the sweep budget.
     */
    Certificates.Certificate[] solve(double lam, double prev, LossFamily fam) {
        double la = lam * alpha, mu = lam * (1 - alpha);
        Arrays.fill(live, true);
        double bound = alpha * (2 * lam - prev);
        for (int j = 0; j < p; j++) {
            if (inE[j]) continue;
            boolean add = ever[j];
            for (int t = 0; t < k && !add; t++) add = Math.abs(g[j * k + t]) * alpha >= bound;
            if (add) addE(j);
        }
        if (line) extrapolate(lam);
        Certificates.Certificate[] cert = new Certificates.Certificate[k];
        double thr = Math.min(thrStart, tol);
        long budget = Math.min((long) maxSweeps * Math.max(p, 1), sweepLimit);
        long start = columnSweeps;
        int rounds = 0;
        for (int round = 0; round < ROUNDS; ) {
            rounds++;
            descend(la, mu, thr, start + budget);
            refresh();
            gradient();
            boolean grew = false; // strong-rule violators (of a live set) join the sweep set: sweep again first
            for (int j = 0; j < p; j++) {
                if (inE[j]) continue;
                for (int t = 0; t < k; t++) {
                    if (live[t] && Math.abs(g[j * k + t]) > la) {
                        addE(j);
                        grew = true;
                        break;
                    }
                }
            }
            if (grew && columnSweeps - start < budget) continue; // E grows at most p times
            boolean any = false;
            for (int t = 0; t < k; t++) {
                if (!live[t]) continue;
                cert[t] = certificate(t, fam, la, mu);
                if (cert[t].value() <= tol && cert[t].value() >= -Certificates.NEGATIVE_SLACK) live[t] = false;
                else any = true;
            }
            if (!any || columnSweeps - start >= budget) break;
            // the gap falls as √thr (a KKT excess ∝ Δb ∝ √thr, over λ): aim the next round just past tol
            double worst = 0;
            for (int t = 0; t < k; t++) if (live[t]) worst = Math.max(worst, Math.abs(cert[t].value()));
            double f = worst > 0 && Double.isFinite(worst) ? 0.1 * (tol / worst) * (tol / worst) : 1e-2;
            thr = Math.max(thr * Math.min(1e-2, f), 1e-32);
            round++;
        }
        lastRounds = rounds;
        lastThr = thr;
        thrStart = Math.min(1e-2 * tol, thr * 100); // the next λ starts near this one's final threshold
        for (int j = 0; j < p; j++) {
            if (ever[j]) continue;
            for (int t = 0; t < k; t++) if (b[j * k + t] != 0) ever[j] = true;
        }
        return cert;
    }

    /**
     * Starts λ on the line through the last two solutions: the lasso's path is linear in λ while its support and
     * signs hold, so where they held over the last step the warm start is as exact as the last answers (most of the
     * path's tail, where nearly every column is active and plain warm starts cost the most sweeps). A coefficient the
     * line takes across zero starts at zero. Then u, Σ and b0 are recomputed from the start (one pass over X).
     */
    private void extrapolate(double lam) {
        if (lamBefore > lamLast && lamLast > lam) {
            double r = (lam - lamLast) / (lamLast - lamBefore);
            for (int q = 0; q < b.length; q++) {
                double bo = b[q], bp = bLast[q];
                bLast[q] = bo;
                if (bo == 0) continue;
                double bn = bo + r * (bo - bp);
                b[q] = bn * bo > 0 ? bn : 0;
            }
            refresh();
        } else {
            System.arraycopy(b, 0, bLast, 0, b.length);
        }
        lamBefore = lamLast;
        lamLast = lam;
    }

    /** Whether set t was left uncertified by the last {@link #solve} (its certificate is then not within tol). */
    boolean unsettled(int t) {
        return live[t];
    }

    private void addE(int j) {
        inE[j] = true;
        eList[eSize++] = j;
    }

    /**
     * Sweeps over the strong set, then over its active columns until their step is below the threshold or a small
     * fraction of the strong sweep's ({@link #ACTIVE_STOP}), until a whole strong-set sweep settles below the threshold.
     */
    private void descend(double la, double mu, double thr, long limit) {
        int[] act = new int[eSize];
        while (columnSweeps < limit) {
            double d = sweeper.run(eList, eSize, la, mu);
            if (d < thr) return;
            int na = 0;
            for (int q = 0; q < eSize; q++) {
                int j = eList[q], jk = j * k;
                for (int t = 0; t < k; t++) {
                    if (live[t] && b[jk + t] != 0) {
                        act[na++] = j;
                        break;
                    }
                }
            }
            double[][] hist = ANDERSON && na > 0 ? new double[SparseAnderson.K + 1][na * k] : null;
            int h = 0;
            if (hist != null) SparseAnderson.take(this, act, na, hist[0]);
            double stop = Math.max(thr, activeStop * d);
            while (columnSweeps < limit) {
                d = sweeper.run(act, na, la, mu);
                if (d < stop) break;
                if (hist == null) continue;
                SparseAnderson.take(this, act, na, hist[++h]);
                if (h == SparseAnderson.K) { // the sweeps' slow linear convergence followed in one step
                    columnSweeps += SparseAnderson.extrapolate(this, act, na, hist, la, mu);
                    SparseAnderson.take(this, act, na, hist[0]);
                    h = 0;
                }
            }
        }
    }

    /**
     * One coordinate step on column j for every live set: the dots of all sets from one pass over its nonzeros,
     * the soft-threshold update, and the residuals of all sets from a second pass when any set moved. Returns the
     * largest a_j·Δb²/var(y) over the sets (glmnet's convergence measure).
     */
    double column(int j, double la, double mu) {
        columnSweeps++;
        int c0 = (int) cp[j], c1 = (int) cp[j + 1];
        if (c0 == c1) return 0;
        int jk = j * k;
        dots(c0, c1);
        boolean moved = false;
        double maxd = 0;
        for (int t = 0; t < k; t++) {
            delta[t] = 0;
            double aj = a[jk + t];
            if (!live[t] || aj == 0) continue; // frozen, or the column is constant on this set's rows
            double gj = (dot[t] - xm[jk + t] * su[t]) / (nt[t] * s[jk + t]);
            double bo = b[jk + t], z = aj * bo + gj;
            double bn = (z > la ? z - la : z < -la ? z + la : 0) / (aj + mu);
            if (bn == bo) continue;
            double dl = bn - bo;
            b[jk + t] = bn;
            delta[t] = dl / s[jk + t];
            su[t] -= delta[t] * cs[jk + t];
            maxd = Math.max(maxd, aj * dl * dl / yv[t]);
            moved = true;
        }
        if (moved) SparseLanes.subtract(ri, xv, c0, c1, u, w, delta);
        return maxd;
    }

    /** dot[t] = x_jᵀu_t over set t's training rows, for the nonzeros c0..c1 of column j. */
    private void dots(int c0, int c1) {
        SparseLanes.dots(ri, xv, c0, c1, u, w, dot);
        for (int q = c0; q < c1; q++) { // row i is not in its own fold's training set
            int i = ri[q], f = own[i];
            if (f >= 0) dot[f] -= xv[q] * u[i * w + f];
        }
    }

    /** u = y − Xβ_t for every set, recomputed from the coefficients (over the nonzero columns only); Σ_t and b0. */
    void refresh() {
        for (int i = 0; i < n; i++) Arrays.fill(u, i * w, i * w + k, y[i]);
        for (int j = 0; j < p; j++) {
            int jk = j * k;
            boolean nz = false;
            for (int t = 0; t < k; t++) {
                delta[t] = b[jk + t] / s[jk + t];
                nz |= delta[t] != 0;
            }
            if (nz) SparseLanes.subtract(ri, xv, (int) cp[j], (int) cp[j + 1], u, w, delta);
        }
        Arrays.fill(su, 0);
        for (int i = 0; i < n; i++) {
            int base = i * w;
            for (int t = 0; t < k; t++) su[t] += u[base + t];
            if (own[i] >= 0) su[own[i]] -= u[base + own[i]];
        }
        for (int t = 0; t < k; t++) {
            double off = 0;
            for (int j = 0; j < p; j++) off += xm[j * k + t] * b[j * k + t] / s[j * k + t];
            b0[t] = intercept ? ym[t] - off : 0;
        }
    }

    /**
     * g_tj = Zcᵀr/n of every live set over all p columns, r = u − b0 on the set's training rows (one pass over X):
     * (x_jᵀr − m_tj·Σr) / s_tj / n_t, {@link Certificates#centred}'s formula.
     */
    void gradient() {
        for (int j = 0; j < p; j++) {
            int jk = j * k;
            dots((int) cp[j], (int) cp[j + 1]);
            for (int t = 0; t < k; t++) {
                if (!live[t]) continue;
                double sr = su[t] - nt[t] * b0[t];
                g[jk + t] = (dot[t] - b0[t] * cs[jk + t] - xm[jk + t] * sr) / s[jk + t] / nt[t];
            }
        }
    }

    /** Set t's exact signed certificate on its training rows ({@link Certificates#compute}), from u, b0, g and b. */
    Certificates.Certificate certificate(int t, LossFamily fam, double la, double mu) {
        int m = nt[t], c = 0;
        double[] yt = new double[m], eta = new double[m], r = new double[m], gt = new double[p], bt = new double[p];
        for (int i = 0; i < n; i++) {
            if (own[i] == t) continue;
            double ui = u[i * w + t];
            yt[c] = y[i];
            eta[c] = y[i] - ui + b0[t];
            r[c++] = ui - b0[t];
        }
        for (int j = 0; j < p; j++) {
            gt[j] = g[j * k + t];
            bt[j] = b[j * k + t];
        }
        return Certificates.compute(fam, yt, eta, r, gt, bt, la, mu, intercept, 0);
    }

    /** Set t's coefficients on the original scale. */
    double[] beta(int t) {
        double[] beta = new double[p];
        for (int j = 0; j < p; j++) beta[j] = b[j * k + t] == 0 ? 0 : b[j * k + t] / s[j * k + t];
        return beta;
    }

    /** Σ over fold f's held-out rows of the deviance at its model (u[i,f] = y_i − x_iᵀβ_f, η = y − u + b0). */
    double heldOutSum(int f, LossFamily fam) {
        double sum = 0;
        for (int i = 0; i < n; i++) if (own[i] == f) sum += fam.deviance(y[i], y[i] - u[i * w + f] + b0[f]);
        return sum;
    }
}
