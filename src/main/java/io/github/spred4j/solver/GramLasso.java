package io.github.spred4j.solver;

/**
 * The squared-loss problem (lasso / elastic net) held entirely in its Gram form, glmnet's covariance mode:
 * ½bᵀQb − qᵀb + ½yy + λ(α‖b‖₁ + (1−α)/2‖b‖²) with Q = ZᵀZ/n, q = Zᵀy_c/n, yy = ‖y_c‖²/n in the solver's internal
 * coordinates (Z = centred, scaled X). Nothing here touches X.
 *
 * <p>At each λ, coordinate descent in covariance mode: the strong rule picks the working set S (support ∪
 * {j : |g_j| > α(2λ − λ_prev)}), sweeps over S alternate with sweeps over the support until no coordinate moves
 * by more than a threshold, each move of b_j by δ updating the gradient g = Qb − q by δ·Q[:, j] (O(p) per move,
 * O(p·|A|) per sweep); then the KKT condition over all p (from g, no pass over X) adds any violator to S. When
 * the support stops changing and is small enough for a Cholesky of Q_AA to cost less than a few sweeps, one
 * Newton step on the support with its signs fixed finishes the solve exactly (kept only if the signs hold).
 * The stopping rule is the certificate itself: the relative duality gap of {@link Problem#certificate}, computed
 * from the Gram quantities after g is recomputed from scratch (no drift from the incremental updates), must
 * reach {@link #target}; otherwise the threshold tightens and descent goes on.
 */
final class GramLasso {
    final int p;
    final GramColumns Q; // whole or computed lazily (only columns of coordinates that move are read)
    double[] q;
    double yy;
    final double alpha;
    final double[] b, g; // solution (internal) and g = Qb − q (loss gradient, without the ridge term)
    /** The relative duality gap a solve aims for (the caller certifies against its own tolerance). */
    double target = 1e-9;
    int iterations; // coordinate sweeps (and Newton steps) so far
    private double[] b1, b2; // the last two solutions of a decreasing path, at λ1 < λ2 (null until solved)
    private double lambda1, lambda2;
    private double last; // the gap confirmed by the last successful certified()
    private GramFactor factor; // Cholesky of Q_FF + μI on the last Newton support, updated as it changes
    private boolean fresh; // g was recomputed from scratch and b has not moved since
    private boolean singular; // Newton met a numerically singular block in this solve: coordinate descent only
    // work arrays of solve and newton, allocated once: a CV solves ~1100 λ, and per-call arrays of p were
    // megabytes of fresh memory per CV (zeroing and page faults were a large part of a cold JVM's time)
    /**
     * Runs after each catch-up of g in the support sweeps (tests: g must then equal Qb − q, which the confirming
     * gap's recomputation would otherwise hide); null in use.
     */
    Runnable caughtUp;
    private final boolean[] inS;
    private final int[] S, A, enter;
    private final double[] sg, sgn, moved, gA;

    GramLasso(int p, double[] Q, double[] q, double yy, double alpha) {
        this(new GramColumns(p, Q), q, yy, alpha);
    }

    /** On Q's columns, whole or lazy ({@link GramColumns}). */
    GramLasso(GramColumns Q, double[] q, double yy, double alpha) {
        int p = Q.p;
        this.p = p;
        this.Q = Q;
        this.q = q;
        this.yy = yy;
        this.alpha = alpha;
        b = new double[p];
        g = new double[p];
        for (int j = 0; j < p; j++) g[j] = -q[j];
        inS = new boolean[p];
        S = new int[p];
        A = new int[p];
        enter = new int[p];
        sg = new double[p];
        sgn = new double[p];
        moved = new double[p];
        gA = new double[p];
    }

    /**
     * Whether {@link #g} was recomputed from scratch for the current b ({@link #refresh}: the arithmetic of
     * {@link GramCertificate#gradient}) and b has not moved since: true after every {@link #solve}, so a caller's
     * certificate can take g as it is ({@link GramCertificate#ofGradient}).
     */
    boolean gradientFresh() {
        return fresh;
    }

    /** Starts from {@code b0} (internal coordinates), e.g. a similar problem's solution: g = Qb − q updated. */
    void start(double[] b0) {
        for (int j = 0; j < p; j++) setCoordinate(j, b0[j]);
    }

    /**
     * Poses the problem of another response on the same Gram (its q and yy), keeping b as the starting point and
     * the kept Newton factor (both depend on Q only); the path history is dropped.
     */
    void retarget(double[] q, double yy) {
        this.q = q;
        this.yy = yy;
        lambdaMax = -1;
        b1 = b2 = null;
        refresh();
    }

    /** λ_max: the smallest λ with b = 0. */
    double lambdaMax() {
        if (lambdaMax < 0) lambdaMax = lambdaMax(q, alpha); // solve asks at every λ: q changes only by retarget
        return lambdaMax;
    }

    /** λ_max of the lasso with Xcᵀy/n = q (scaled columns): max |q_j| / α. */
    static double lambdaMax(double[] q, double alpha) {
        double m = 0;
        for (double v : q) m = Math.max(m, Math.abs(v));
        return m / alpha;
    }

    private double lambdaMax = -1; // lambdaMax() of this q, −1 until asked

    /**
     * λ within rounding of q's λ_max or above (λ ≥ λ_max·(1 − 1e-9)): two codes' λ_max differ in the last bits,
     * glmnet's, Engine's, this q's. There the answer is b = 0 wherever that certifies ({@link #solve}; fitTargets
     * tests it before feature-sign search, which would let a column at |q_j| = λ enter at 1e-15).
     */
    static boolean nearLambdaMax(double[] q, double lambda, double alpha) {
        return nearLambdaMax(lambdaMax(q, alpha), lambda);
    }

    /** {@link #nearLambdaMax(double[], double, double)} for a known λ_max (solve's kept one: no pass over q). */
    private static boolean nearLambdaMax(double lambdaMax, double lambda) {
        return lambda > 0 && lambda >= lambdaMax * (1 - 1e-9);
    }

    /**
     * Solves at λ from the current b (warm start from {@code lambdaPrev} ≥ λ, for the strong rule); returns the
     * relative duality gap reached (≤ {@link #target} unless the descent stalled: the caller then refits). At
     * λ_max and above (to rounding) the answer is b = 0 wherever that certifies ({@link #atLambdaMax}).
     */
    double solve(double lambda, double lambdaPrev) {
        if (atLambdaMax(lambda)) return last;
        double la = lambda * alpha, mu = lambda * (1 - alpha);
        singular = false;
        if (extrapolate(lambda) && fromLine(lambda, la, mu)) return solved(lambda, last);
        int ns = strongSet(alpha * (2 * lambda - lambdaPrev));
        double scale = Math.max(primal(lambda), Double.MIN_NORMAL), thr = target * scale;
        for (int round = 0; round < 60 + p; round++) { // + p: rounds that only grow S
            if (descend(lambda, la, mu, ns, thr)) return solved(lambda, last);
            int grown = addViolators(la, ns);
            if (grown > ns) { // S grew: descend on it before judging the gap
                ns = grown;
                continue;
            }
            int na = support(S, ns, A);
            if (newtonPays(A, na, mu) && newton(A, na, la, mu, null) && certified(lambda)) return solved(lambda, last);
            thr *= 0.01;
            if (thr < 1e-30 * scale) break;
        }
        refresh();
        return solved(lambda, gap(lambda));
    }

    /**
     * At λ_max to rounding ({@link #nearLambdaMax}) the answer is b = 0 where it certifies, as {@link Engine}
     * decides: else a column at |q_j| = λ
     * enters at 1e-15 here and not there (Tribuo's glmnet reference at glmnet's λ_max). True leaves b = 0 (gap in
     * {@link #last}, within target); false leaves b as it was. Every Gram route (fitBatch, fitTargets, paths,
     * {@link GramPath}, the Gram CVs) solves through {@link #solve}, so all take the same zeros.
     */
    private boolean atLambdaMax(double lambda) {
        if (!nearLambdaMax(lambdaMax(), lambda)) return false; // the kept λ_max: solve runs at every λ of a CV
        boolean zero = true;
        for (int j = 0; j < p && zero; j++) zero = b[j] == 0;
        if (zero) { // g = −q exactly (b = 0 moves nothing): the gap from it as it is
            if (!fresh) refresh();
            last = gap(lambda);
            return last <= target;
        }
        System.arraycopy(b, 0, gA, 0, p);
        for (int j = 0; j < p; j++) b[j] = 0;
        refresh();
        last = gap(lambda);
        if (last <= target) {
            b1 = b2 = null; // the path's line restarts from here
            return true;
        }
        System.arraycopy(gA, 0, b, 0, p);
        refresh();
        return false;
    }

    // solve's parts are small methods of their own: a large method with several O(p) loops runs interpreted or in
    // profiled C1 code for seconds of a cold JVM (compiled late, deoptimised, recompiled), small ones compile early

    /**
     * After {@link #extrapolate} (g fresh): certified at once, or Newton on the support plus the KKT violators, each
     * entering with the sign that lowers the objective (feature-sign search): one solve where descent would sweep,
     * refresh and solve again. Only when few violate (a path's usual step): many at once (p > n, correlated
     * columns) mostly cross back out one Newton step at a time, and descent sorts them out for less. Returns
     * whether b is certified.
     */
    private boolean fromLine(double lambda, double la, double mu) {
        if (certified(lambda)) return true;
        int na = supportSigns(la);
        return newtonPays(A, na, mu) && newton(A, na, la, mu, sg) && certified(lambda);
    }

    /** The support (and, when few, the KKT violators) into A with their signs in sg; returns the count. */
    private int supportSigns(double la) {
        java.util.Arrays.fill(sg, 0);
        int na = 0, nv = 0;
        for (int j = 0; j < p; j++)
            if (b[j] != 0) {
                sg[j] = Math.signum(b[j]);
                A[na++] = j;
            } else if (Math.abs(g[j]) > la) nv++;
        if (nv <= Math.max(2, na / 8))
            for (int j = 0; j < p; j++)
                if (b[j] == 0 && Math.abs(g[j]) > la) {
                    sg[j] = -Math.signum(g[j]);
                    A[na++] = j;
                }
        return na;
    }

    /** The strong-rule set: the support and {j : |g_j| > strong}, into S and inS; returns its size. */
    private int strongSet(double strong) {
        int ns = 0;
        for (int j = 0; j < p; j++) {
            boolean in = b[j] != 0 || Math.abs(g[j]) > strong;
            inS[j] = in;
            if (in) S[ns++] = j;
        }
        return ns;
    }

    /** Adds the KKT violators outside S to S; returns S's new size. */
    private int addViolators(double la, int ns) {
        for (int j = 0; j < p; j++)
            if (!inS[j] && Math.abs(g[j]) > la) {
                inS[j] = true;
                S[ns++] = j;
            }
        return ns;
    }

    /**
     * Sweeps over S alternating with sweeps over its support (or Newton on it) until the moves fall below
     * {@code thr}; returns whether b got certified on the way.
     */
    private boolean descend(double lambda, double la, double mu, int ns, double thr) {
        for (int pass = 0; pass < 100_000; pass++) {
            iterations++;
            double d = sweep(S, ns, la, mu, false);
            if (certified(lambda)) return true;
            if (d <= thr) return false;
            int na = support(S, ns, A);
            if (newtonPays(A, na, mu)) { // exact on A: certified unless a coordinate outside A must enter
                if (newton(A, na, la, mu, null) && certified(lambda)) return true;
                continue; // the next sweep over S lets others enter
            }
            if (supportSweeps(lambda, la, mu, na, thr)) return true;
        }
        return false;
    }

    /**
     * Sweeps over the support A[0..na) until the moves fall below {@code thr}; returns whether certified. glmnet's
     * inner loop: a sweep updates g on the support only (|A| per move, not p), the moves are summed, and the rest of
     * g catches up from them (one pass over the support's columns) before the gap is checked: every p/|A| sweeps
     * (at most 16), so the checks cost about as much as the sweeps, and whenever the moves settle. The iterates are
     * those of full sweeps; only the gap is looked at less often.
     */
    private boolean supportSweeps(double lambda, double la, double mu, int na, double thr) {
        int every = (int) Math.min(16, Math.max(1, p / Math.max(na, 1)));
        for (int it = 0; it < 1000; it++) {
            iterations++;
            double d = sweep(A, na, la, mu, every > 1);
            if (every > 1 && !(d <= thr || it % every == every - 1 || it == 999)) continue;
            if (every > 1) {
                catchUp(na);
                if (caughtUp != null) caughtUp.run();
            }
            if (certified(lambda)) return true;
            if (d <= thr) return false;
        }
        return false;
    }

    /** g off A[0..na) brought up to date from the summed moves (g on A kept: already current); moves reset. */
    private void catchUp(int na) {
        for (int a = 0; a < na; a++) gA[a] = g[A[a]];
        for (int a = 0; a < na; a++) {
            int j = A[a];
            double d = moved[j];
            if (d == 0) continue;
            moved[j] = 0;
            double[] c = Q.array(j);
            int o = Q.offset(j);
            for (int i = 0; i < p; i++) g[i] += c[o + i] * d;
        }
        for (int a = 0; a < na; a++) g[A[a]] = gA[a];
    }

    /**
     * Whether the gap reaches the target: first from the incrementally updated g (O(p)), then confirmed with g
     * recomputed from scratch (the value kept in {@link #last}).
     */
    private boolean certified(double lambda) {
        double v = gap(lambda);
        if (!(v <= target)) return false;
        if (fresh) { // g is already from scratch (after extrapolate, Newton's full step): v is the confirmed gap
            last = v;
            return true;
        }
        refresh();
        last = gap(lambda);
        return last <= target;
    }

    /**
     * The warm start along a decreasing path: on a fixed support with fixed signs the lasso solution is linear
     * in λ (b_A = Q_AA⁻¹(q_A − λ·s_A)), so b continues along the line through the last two solutions to λ (exact
     * when the support did not change; a coordinate that would cross zero stops at 0, one that left stays 0).
     * Only a starting point: descent and the gap decide. Returns whether b was moved.
     */
    private boolean extrapolate(double lambda) {
        if (b2 == null || !(lambda < lambda1 && lambda1 < lambda2)) return false;
        for (int j = 0; j < p; j++) if (b[j] != b1[j]) return false; // b was moved since: not on the path
        double f = (lambda - lambda1) / (lambda1 - lambda2);
        for (int j = 0; j < p; j++) {
            if (b1[j] == 0) continue;
            double v = b1[j] + (b1[j] - b2[j]) * f;
            b[j] = Math.signum(v) == Math.signum(b1[j]) ? v : 0;
        }
        refresh(); // g for the new b (the cost of updating it, without the drift)
        return true;
    }

    /** Records the solution at λ for {@link #extrapolate}; returns the gap. */
    private double solved(double lambda, double gap) {
        if (b1 != null && lambda < lambda1) {
            double[] t = b2 == null ? new double[p] : b2;
            b2 = b1;
            lambda2 = lambda1;
            b1 = t;
        } else if (b1 == null) b1 = new double[p];
        else b2 = null; // not a decreasing step: start the line afresh
        System.arraycopy(b, 0, b1, 0, p);
        lambda1 = lambda;
        return gap;
    }

    /**
     * One coordinate-descent sweep over {@code set[0..n)}; returns the largest (Q_jj + μ)·δ² moved. {@code onSet}:
     * g is updated on the set only and each move added to {@link #moved} ({@link #catchUp} brings the rest up to
     * date later); else g is updated everywhere.
     */
    private double sweep(int[] set, int n, double la, double mu, boolean onSet) {
        double maxd = 0;
        for (int a = 0; a < n; a++) {
            int j = set[a];
            double qjj = Q.diag(j), den = qjj + mu;
            if (!(den > 0)) continue; // a constant column (and no ridge): its coefficient stays 0
            double bj = b[j], z = qjj * bj - g[j];
            double nb = z > la ? (z - la) / den : z < -la ? (z + la) / den : 0;
            if (nb != bj) {
                fresh = false;
                double d = nb - bj;
                b[j] = nb;
                double[] c = Q.array(j);
                int o = Q.offset(j);
                if (onSet) {
                    moved[j] += d;
                    for (int t = 0; t < n; t++) g[set[t]] += c[o + set[t]] * d;
                } else for (int i = 0; i < p; i++) g[i] += c[o + i] * d; // Q symmetric: column j = row j
                maxd = Math.max(maxd, den * d * d);
            }
        }
        return maxd;
    }

    /** The non-zero coordinates of {@code S[0..ns)} into {@code A}; returns their count. */
    private int support(int[] S, int ns, int[] A) {
        int na = 0;
        for (int a = 0; a < ns; a++) if (b[S[a]] != 0) A[na++] = S[a];
        return na;
    }


    /**
     * Feature-sign Newton steps on the set A (overwritten): the minimiser x of the objective with the signs s_A
     * fixed, (Q_AA + μI)x = q_A − λα·s_A, from the kept factor ({@link GramFactor}, brought to the set first);
     * s_j = sign(b_j), or {@code sign[j]} for a coordinate at 0 that enters (null: A is the support). If x has
     * the signs s_A it is the exact solution on A (returns true); otherwise b moves along b → x to the first
     * point where a coordinate reaches 0 against its sign (an entering one whose x has the wrong sign at once),
     * the objective, a quadratic decreasing along that segment, falls, that coordinate leaves A at exactly 0,
     * and the step repeats. False (b unchanged since the last step) when the block is numerically singular:
     * descent goes on without it.
     */
    private boolean newton(int[] A, int k, double la, double mu, double[] sign) {
        double[] s = sign != null ? sign : sgn;
        if (sign == null) {
            java.util.Arrays.fill(sgn, 0);
            for (int a = 0; a < k; a++) s[A[a]] = Math.signum(b[A[a]]);
        }
        if (factor == null || factor.mu != mu) factor = new GramFactor(Q, mu);
        else if (changes(A, k) > k / 3) factor.clear(); // cheaper to factor afresh than to update
        for (int step = 0; step < 2 * k + 2 && k > 0; step++) {
            iterations++;
            if (!fitFactor(A, k, s)) return false;
            int m = factor.k;
            double[] x = newtonPoint(la, s);
            int cross = crossing(x, s);
            if (cross == SINGULAR) return false;
            if (cross < 0) { // the full step: b_A = x, and g recomputed from scratch (as cheap as updating it)
                for (int a = 0; a < m; a++) b[factor.coordinate(a)] = x[a];
                refresh();
                return true;
            }
            for (int a = 0; a < m; a++) {
                int j = factor.coordinate(a);
                setCoordinate(j, a == cross ? 0 : b[j] + stepT * (x[a] - b[j]));
            }
            s[factor.coordinate(cross)] = 0;
            k = 0;
            for (int a = 0; a < m; a++) if (s[factor.coordinate(a)] != 0) A[k++] = factor.coordinate(a);
        }
        return k == 0;
    }

    private static final int SINGULAR = -2;
    private double stepT; // the step length along b → x found by the last crossing()

    /**
     * Brings the kept factor to the set {j in A[0..k) : s_j ≠ 0}: rows whose sign went to 0 removed, entering
     * coordinates appended. False (the factor cleared, Newton off for this solve) when the block is singular.
     */
    private boolean fitFactor(int[] A, int k, double[] s) {
        for (int a = factor.k - 1; a >= 0; a--) if (s[factor.coordinate(a)] == 0) factor.remove(factor.coordinate(a));
        int ne = 0;
        for (int a = 0; a < k; a++) if (!factor.has(A[a])) enter[ne++] = A[a];
        if (ne > 0 && factor.addAll(enter, ne) < ne) {
            factor.clear();
            singular = true;
            return false;
        }
        return true;
    }

    /** x = (Q_FF + μI)⁻¹(q_F − λα·s_F) on the factor's set F, in its order. */
    private double[] newtonPoint(double la, double[] s) {
        int m = factor.k;
        double[] rhs = new double[m];
        for (int a = 0; a < m; a++) {
            int j = factor.coordinate(a);
            rhs[a] = q[j] - la * s[j];
        }
        return factor.solve(rhs);
    }

    /**
     * The first row of the factor's set whose coordinate reaches 0 against its sign along b → x (its step length
     * in {@link #stepT}), −1 when every sign holds, or {@link #SINGULAR} (the factor cleared) when x is not finite.
     */
    private int crossing(double[] x, double[] s) {
        double t = 1;
        int cross = -1;
        for (int a = 0; a < factor.k; a++) {
            if (!Double.isFinite(x[a])) {
                factor.clear();
                singular = true;
                return SINGULAR;
            }
            int j = factor.coordinate(a);
            double bj = b[j];
            if (Math.signum(x[a]) != s[j]) {
                double ta = bj == 0 ? 0 : bj / (bj - x[a]);
                if (ta < t) {
                    t = ta;
                    cross = a;
                }
            }
        }
        stepT = t;
        return cross;
    }

    /** How many coordinates differ between the kept factor's set and A[0..k). */
    private int changes(int[] A, int k) {
        int in = 0;
        for (int a = 0; a < k; a++) if (factor.has(A[a])) in++;
        return (k - in) + (factor.k - in);
    }

    /**
     * Whether Newton on the support A is worth it: updating the kept factor (or a fresh one, k³/3) and two
     * triangular solves cost no more than about twenty sweeps (p·k each). A factor kept in step with the support
     * along a path is reused at the next λ, where the support changed by a few coordinates only.
     */
    private boolean newtonPays(int[] A, int k, double mu) {
        if (k == 0 || singular) return false;
        double kk = (double) k * k, update = factor != null && factor.mu == mu ? Math.min(changes(A, k) * kk, kk * k / 3) : kk * k / 3;
        return update + 2 * kk <= 20.0 * p * k;
    }

    /** g = Qb − q recomputed from the non-zero coordinates (O(p·nnz)): no drift from the incremental updates. */
    private void refresh() {
        fresh = true;
        for (int i = 0; i < p; i++) g[i] = -q[i];
        for (int j = 0; j < p; j++) {
            double v = b[j];
            if (v == 0) continue;
            double[] c = Q.array(j);
            int o = Q.offset(j);
            for (int i = 0; i < p; i++) g[i] += c[o + i] * v;
        }
    }

    private void setCoordinate(int j, double v) {
        double d = v - b[j];
        if (d == 0) return;
        fresh = false;
        b[j] = v;
        double[] c = Q.array(j);
        int o = Q.offset(j);
        for (int i = 0; i < p; i++) g[i] += c[o + i] * d;
    }

    /** P(b), from the Gram: ½‖r‖²/n + penalty, with ‖r‖²/n = yy − qᵀb + bᵀg. */
    double primal(double lambda) {
        return 0.5 * rr() + penalty(lambda);
    }

    private double rr() {
        double qb = 0, bg = 0;
        for (int j = 0; j < p; j++) {
            qb += q[j] * b[j];
            bg += b[j] * g[j];
        }
        return yy - qb + bg;
    }

    private double penalty(double lambda) {
        double l1 = 0, l2 = 0;
        for (double v : b) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        return lambda * (alpha * l1 + (1 - alpha) / 2 * l2);
    }

    /**
     * The relative duality gap (P − D)/|P| of {@link Problem#certificate} from the Gram: the dual point
     * ζ = t·r/n has Xcᵀζ/s = −t·g and rᵀy_c/n = yy − qᵀb; not clamped (a negative value is reported as is).
     */
    double gap(double lambda) {
        double la = lambda * alpha, mu = lambda * (1 - alpha);
        // one pass for qᵀb, bᵀg, ‖b‖₁, ‖b‖² and max|g| (the gap runs after most sweeps: four passes over p were a
        // fifth of a wide CV's time); each sum in the same order as rr() and penalty(), so the same bits
        double qb = 0, bg = 0, l1 = 0, l2 = 0, m = 0;
        for (int j = 0; j < p; j++) {
            double v = b[j];
            qb += q[j] * v;
            bg += v * g[j];
            l1 += Math.abs(v);
            l2 += v * v;
            m = Math.max(m, Math.abs(g[j]));
        }
        double rr = yy - qb + bg;
        double t = 1;
        if (mu == 0 && m > la) t = la / m;
        double gstar = 0;
        if (mu > 0)
            for (double v : g) {
                double e = Math.max(Math.abs(t * v) - la, 0);
                gstar += e * e / (2 * mu);
            }
        double P = 0.5 * rr + lambda * (alpha * l1 + (1 - alpha) / 2 * l2);
        double D = t * (yy - qb) - t * t / 2 * rr - gstar;
        return (P - D) / Math.max(Math.abs(P), Double.MIN_NORMAL);
    }
}
