package io.github.spred4j.solver;

import io.github.spred4j.api.Precision;

import java.util.Arrays;

/**
 * The working-set engine for the L1 / elastic-net GLMs (SQUARED, LOGISTIC, POISSON). Per λ: the working set W
 * starts from the support and the strong-rule candidates; the inner solve ({@link Inner}, coordinate descent on W;
 * one IRLS model per outer step for the non-quadratic losses, with a line search on the true objective) runs to a
 * sub-tolerance; then one pass over all p ({@link Checks}) gives the gradient, the signed certificate
 * ({@link Certificates}), Gap Safe screening and the KKT violators, which join W (geometric growth). With no
 * violator left and the gap still above tol, the support is polished by Newton ({@link Polish}) or the
 * sub-tolerance tightened. State (b, c, W, device columns, the last gradient) carries from λ to λ on a path;
 * buffers are allocated once per engine.
 */
final class Engine implements AutoCloseable {
    /** Sweeps of one inner solve before the outer step looks at the whole problem again (and may polish). */
    static final int ROUND_SWEEPS = 200;

    final Prepared pb;
    final FitOptions o;
    private final Inner st;
    private final SpredInner spred; // Method.SPRED_WS: the inner solve on W by spred instead of coordinate descent
    private final Polish polish;
    private final IrlsCovariance irls; // LOGISTIC/POISSON, dense float64, few columns: Newton on a weighted Gram
    private boolean irlsSynced = true; // whether the naive state's vectors are up to date with irls's (c, b)
    private final Checks checks;
    final PathGuess guess = new PathGuess(); // the next λ's warm start extrapolated along the path (squared loss)
    private final boolean[] inW;
    private int[] W = new int[0];
    private double[] gLast;     // Zcᵀr/n at the last check on the host; null while only the device holds it
    private final boolean device = Checks.deviceControl();
    private int safeMarked; // columns Gap Safe marked at this λ on the device route (they leave the violator lists)
    private double laLast;
    /** A λ below this fraction of the last one is a cold start for {@link IrlsCovariance}. */
    private static final double COLD = 0.25;
    private final double lossScale;
    private double lastObjective;
    private double gapTarget; // the Anderson route's stop on its gap estimate (absolute), per λ

    Engine(Prepared pb, FitOptions o) {
        this.pb = pb;
        this.o = o;
        st = new Inner(pb);
        spred = o.method() == Method.SPRED_WS ? new SpredInner(st) : null;
        polish = new Polish(st);
        irls = IrlsCovariance.of(pb, o, st.b);
        checks = new Checks(pb);
        inW = new boolean[pb.p];
        gLast = pb.nullGrad;
        laLast = pb.lambdaMax * o.alpha();
        double dev = 0;
        for (int i = 0; i < pb.n; i++) dev += pb.family.deviance(pb.y[i], pb.c0);
        lossScale = Math.max(dev / pb.n / 2, Math.abs(pb.family.meanLoss(pb.y, constant(pb.c0))));
        lastObjective = lossScale;
    }

    private double[] constant(double v) {
        double[] e = new double[pb.n];
        Arrays.fill(e, v);
        return e;
    }

    /** The fit at λ, warm-started from the engine's current state. t0: the start of the whole computation. */
    FitResult fit(double lambda, long t0) {
        Certificates.Certificate c = solve(lambda);
        return result(lambda, c, iters, t0);
    }

    /**
     * The fit at λ as {@link #fit} computes it, its β (original scale, as FitResult.beta) written into
     * {@code beta[off .. off + p)} and its intercept returned, with no FitResult: a CV fold's path without a
     * listener needs only these (the per-λ results were a fifth of a logistic CV's fresh memory).
     */
    double fitInto(double lambda, double[] beta, int off) {
        solve(lambda);
        int[] S = st.support();
        pb.originalBeta(st.b, beta, off, S);
        return pb.originalIntercept(st.c, st.b, S);
    }

    /** The iterations of the last {@link #solve}. */
    private int iters;

    /** The fit at λ (the engine's state moves to it); its certificate, the iterations in {@link #iters}. */
    private Certificates.Certificate solve(double lambda) {
        double la = lambda * o.alpha(), mu = lambda * (1 - o.alpha());
        int p = pb.p, n = pb.n;
        // the covariance mode pays along a path (warm, a λ or two of Newton steps each); a cold fit far below the
        // last λ (a single λ from β = 0) takes the naive route, which was ~2× faster there (breast_cancer, 0.01·λ_max)
        if (irls != null && la > 0 && la >= COLD * laLast) {
            long s0 = irls.steps;
            Certificates.Certificate c = irls.fit(la, mu, st.c, g(), laLast);
            gLast = irls.gradient();
            laLast = la;
            // b is shared with the naive state; its intercept follows at once (result() reads it), its vectors
            // (η = Xβ, O(n·|S|) and the support's column copies) only when the naive route runs (irlsSynced)
            st.c = irls.c;
            irlsSynced = false;
            st.version++; // irls wrote b (shared) behind the naive state's back: its support is to be read afresh
            if (c != null) {
                lastObjective = c.objective();
                iters = (int) Math.min(Integer.MAX_VALUE, irls.steps - s0);
                return c;
            }
        }
        if (!irlsSynced) { // the covariance mode moved (c, b): the naive route goes on from there
            st.setState(st.c, st.b.clone());
            irlsSynced = true;
        }
        long sweeps0 = st.sweeps;
        int rounds = 0;
        boolean[] safe = new boolean[p];
        safeMarked = 0;
        Certificates.Certificate cert;
        cert = null;
        if (lambda > 0 && lambda >= pb.lambdaMax * (1 - 1e-9)) {
            // at λ_max (to rounding: two codes' λ_max differ in the last bits) the answer is β = 0 if it certifies
            double[] cPrev = {st.c};
            double[] bPrev = st.b.clone();
            st.setState(pb.c0, new double[p]);
            cert = check(st.eta(), la, mu);
            if (cert.value() <= o.tol()) {
                Arrays.fill(inW, false);
                W = new int[0];
            } else {
                st.setState(cPrev[0], bPrev);
                cert = null;
            }
        }
        if (cert == null) {
            guess.apply(st, la, mu);
            // W: the support plus the strong-rule candidates (capped: geometric growth does the rest)
            int room = Math.max(Screening.P0, st.support().length);
            // only the first room candidates outside W join: the worst room + |W| of them are enough
            int[] cand = gLast == null ? strongOnDevice(safe, la, room + W.length)
                    : Screening.strong(gLast, st.b, safe, la, laLast, room + W.length);
            grow(st.support(), Integer.MAX_VALUE);
            grow(cand, room);
            // the sweep threshold follows the objective of the last check (a fit near saturation has P far below
            // the null loss, and the certificate is relative to P)
            // (covariance mode with a cheap polish: the sweeps only have to find the support, Newton does the rest;
            // with p > n a loose threshold finds a wrong support more often and costs rounds)
            double thr = (st.covariance() && cheap() ? 1 : 1e-2) * o.tol() * Math.max(Math.abs(lastObjective), 1e-300);
            gapTarget = 0.5 * o.tol() * Math.abs(lastObjective);
            long budget = o.maxIter();
            boolean polished = false;
            double[] eta = st.eta();
            while (true) {
                rounds++;
                long left = Math.max(1, Math.min(ROUND_SWEEPS, budget - (st.sweeps - sweeps0)));
                double[] bRound = st.quadratic ? st.b.clone() : null;
                boolean converged = st.quadratic ? inner(la, mu, thr, left) : irlsStep(eta, la, mu, thr, left);
                // a round that ran out of sweeps may be a slow drift along a flat direction: follow it
                if (!converged && st.quadratic) Extrapolation.step(st, polish, bRound, la, mu);
                // a cheap Newton step on the support (|S| small): polish before the pass over X, so a λ whose
                // support CD found ends with one check instead of check, polish, check
                boolean early = converged && !polished && cheap();
                if (early) {
                    polished = polish.run(null, st.quadratic ? null : st.eta(), la, mu);
                    // IRLS: Newton converges quadratically from the CD point but with a large constant (an
                    // unstandardised column: 2e-4 → 8e-7 → 9e-12): step until the decrease is at rounding level, so
                    // the answer (and r̄ = 0, which the dual point needs) is exact before the one pass over X
                    for (int k = 0; polished && !st.quadratic && k < 6; k++) {
                        double before = polish.current(st.eta(), la, mu);
                        if (!polish.run(null, st.eta(), la, mu)) break;
                        if (before - polish.current(st.eta(), la, mu) <= 1e-13 * Math.abs(before)) break;
                    }
                }
                eta = st.eta();
                cert = check(eta, la, mu);
                if (cert.value() <= o.tol()) {
                    if (!early) cert = finalPolish(eta, la, mu, cert);
                    break;
                }
                if (st.sweeps - sweeps0 >= budget || rounds >= 10_000) break;
                int take = Math.max(Screening.P0, W.length);
                int[] viol;
                if (gLast == null) { // device control: Gap Safe and the violators on the short list |g_j| > la only
                    viol = violatorsOnDevice(safe, la, mu, cert, take);
                } else {
                    if (st.quadratic && mu == 0 && la > 0) {
                        double m = 0;
                        for (double v : gLast) m = Math.max(m, Math.abs(v));
                        double t = m > la ? la / m : 1;
                        Screening.gapSafe(safe, gLast, pb.h, n, t, cert.value() * Math.abs(cert.objective()), la, 1);
                    }
                    viol = Screening.violators(gLast, st.b, inW, safe, la, take);
                }
                if (viol.length > 0) {
                    grow(viol, take);
                    polished = false;
                    continue;
                }
                if (!polished && Polish.affordable(st.support().length, n, p)) {
                    polish.run(gLast, eta, la, mu); // null (device route): the support's gradient from r, O(n·|S|)
                    polished = true;
                    eta = st.eta();
                    continue;
                }
                if (!converged) continue;   // the sweeps ran out first: more sweeps at the same threshold
                if (anderson() && mu == 0 && la > 0) {
                    // W holds the support: from now on the Anderson route stops on its gap estimate alone (thr = 0),
                    // which tightens only when a round it ended did not certify
                    if (thr == 0) gapTarget /= 4;
                    thr = 0;
                    if (gapTarget < 1e-20 * lossScale) break;
                    polished = false;
                    continue;
                }
                if (thr < 1e-40 * lossScale) break;
                thr /= 100;
                polished = false;
            }
        }
        laLast = la;
        guess.record(la, st.b);
        iters = (int) Math.min(Integer.MAX_VALUE, st.sweeps - sweeps0 + rounds);
        return cert;
    }

    /**
     * A certified answer is polished once more when that is cheap (|S|² ≤ 4p + 100, i.e. the Hessian costs a few
     * passes over X): Newton on the support takes the coefficients from "gap ≤ tol" to rounding level. Kept only
     * if the certificate does not get worse.
     */
    private Certificates.Certificate finalPolish(double[] eta, double la, double mu, Certificates.Certificate cert) {
        if (!cheap()) return cert;
        int s = st.support().length;
        double[] b0 = st.b.clone(), g0 = gLast; // null on the device route: the polish takes the support's gradient from r
        double c0 = st.c;
        if (!polish.run(g0, eta, la, mu)) return cert;
        Certificates.Certificate c = check(st.eta(), la, mu);
        if (c.value() <= cert.value() || c.value() <= o.tol() && st.support().length == s) return c;
        st.setState(c0, b0);
        gLast = g0;
        // the device buffer holds the rejected polish's gradient: one more pass restores the kept state's (rare)
        if (g0 == null) check(st.eta(), la, mu);
        return cert;
    }

    /** Whether a Newton polish of the support costs about a pass over X or less (|S|² ≤ 4p + 100, or |S| ≤ 50). */
    private boolean cheap() {
        int s = st.support().length;
        return (long) s * s <= 4L * pb.p + 100 || s <= 50;
    }

    /** One IRLS step on W: the quadratic model at η, coordinate descent, then a backtracking line search. */
    private boolean irlsStep(double[] eta, double la, double mu, double thr, long budget) {
        double[] b0 = lsB0 = copy(st.b, lsB0);
        double c0 = st.c;
        double p0 = polish.current(eta, la, mu);
        int[] s0 = st.support();
        st.startQuadratic(eta, W);
        boolean converged = inner(la, mu, thr, Math.max(1, budget));
        double[] b1 = lsB1 = copy(st.b, lsB1);
        double c1 = st.c;
        double[] e1 = st.eta();
        int[] s01 = union(s0, st.support()); // every trial's nonzeros (b0 + t·(b1 − b0)), ascending
        for (int ls = 0; ls < 40; ls++) {
            double t = Math.pow(0.5, ls);
            double[] et = new double[pb.n], bt = lsBt = copy(b0, lsBt); // the inner solve moved only W's coordinates
            for (int i = 0; i < pb.n; i++) et[i] = eta[i] + t * (e1[i] - eta[i]);
            for (int j : W) bt[j] = b0[j] + t * (b1[j] - b0[j]);
            double pt = polish.objective(et, bt, s01, la, mu);
            if (pt <= p0) {
                if (ls > 0) st.setState(c0 + t * (c1 - c0), bt);
                polish.know(pt, la, mu);
                return converged;
            }
        }
        st.setState(c0, b0); // no decrease at any step: stay (the caller's certificate tells)
        return true;
    }

    /** The union of two ascending index lists, ascending. */
    static int[] union(int[] a, int[] b) {
        int[] u = new int[a.length + b.length];
        int i = 0, j = 0, m = 0;
        while (i < a.length || j < b.length) {
            int v = j == b.length || i < a.length && a[i] < b[j] ? a[i] : b[j];
            if (i < a.length && a[i] == v) i++;
            if (j < b.length && b[j] == v) j++;
            u[m++] = v;
        }
        return m == u.length ? u : Arrays.copyOf(u, m);
    }

    // irlsStep's p-vectors, reused (setState copies): a fresh p-vector per step was megabytes per path, and fresh
    // memory (zeroing, page faults) was much of golub's time in a cold JVM
    private double[] lsB0, lsB1, lsBt;

    /** {@code src} copied into {@code buf} (a new array when buf is null or of another length); returns the copy. */
    static double[] copy(double[] src, double[] buf) {
        if (buf == null || buf.length != src.length) return src.clone();
        System.arraycopy(src, 0, buf, 0, src.length);
        return buf;
    }

    /** The inner solve on W of the current quadratic model: coordinate descent, or spred (SPRED_WS). */
    private boolean inner(double la, double mu, double thr, long budget) {
        if (spred != null) return spred.solve(W, la, mu, thr, budget);
        // a large working set in naive mode: sweeps cost O(n·|W|) and converge linearly, so extrapolate them
        if (anderson())
            return Anderson.solve(st, W, la, mu, thr, budget, gapTarget, lastObjective);
        return st.solve(W, la, mu, thr, budget);
    }

    /** Whether the inner solve is Anderson-accelerated CD (squared loss, naive mode, |W| ≥ {@link Anderson#MIN_SET}). */
    private boolean anderson() {
        return spred == null && st.quadratic && !st.covariance() && W.length >= Anderson.MIN_SET;
    }

    /** The pass over all p: the gradient (kept for screening and the next λ) and the certificate. */
    private Certificates.Certificate check(double[] eta, double la, double mu) {
        // squared loss: the state's own residual (y − η rounds at |y|'s scale: Certificates.residual)
        double[] r = st.quadratic ? st.residual() : new double[pb.n], w = st.quadratic ? null : new double[pb.n];
        // logistic: 1 − μ with its digits (LossFamily.residual); w for the weighted dual point below
        if (!st.quadratic) pb.family.residualsAndWeights(pb.y, eta, r, w);
        double[] g = st.gradientAll(); // covariance mode: a host pass, no device call
        Certificates.GradientSummary gs;
        if (g == null && device) { // the gradient stays on the device: the gap reads two scalars, not p numbers
            checks.pass(pb.x, r);
            gLast = null;
            gs = checks;
        } else {
            gLast = g != null ? g : checks.zcT(pb.x, r); // kept for screening and KKT: see Inner.gradientAll
            gs = Certificates.GradientSummary.of(g != null ? st.dualGradient(g) : gLast);
        }
        double gNull = pb.lambdaMax * o.alpha();
        Certificates.Certificate c = Certificates.compute(pb.family, pb.y, eta, r, gs, st.b, la, mu, pb.intercept, gNull);
        if (c.value() > o.tol() && !st.quadratic && pb.intercept && !(la == 0 && mu == 0)) {
            // the conjugate's domain may have cut the uniformly centred dual point short (a row with μ ≈ 0 or 1
            // and r̄ ≠ 0): try the curvature-weighted centring too (one more pass) and keep the better valid bound
            Certificates.Certificate c2;
            if (gLast == null) { // device route: g − a·gw formed on the device, the gap reads scalars
                c2 = Certificates.computeWeighted(pb.family, pb.y, eta, r, w, checks.weighted(pb.x, w), st.b, la, mu,
                        c.objective());
            } else {
                double[] gw = checks.zcT(pb.x, w);
                c2 = Certificates.computeWeighted(pb.family, pb.y, eta, r, gLast, w, gw, st.b, la, mu, c.objective());
            }
            if (c2.value() < c.value()) c = c2;
        }
        lastObjective = c.objective();
        polish.know(c.objective(), la, mu);
        return c;
    }

    /** The last check's gradient on the host, read from the device if only the device has it (counted, p numbers). */
    private double[] g() {
        if (gLast == null) gLast = checks.host();
        return gLast;
    }

    /**
     * The strong-rule candidates |g_j| ≥ 2λα − λ_prevα from the device's gradient of the last check: the host reads
     * the short list, filters it as {@link Screening#strong} does (b_j = 0, not screened) and orders it worst first.
     */
    private int[] strongOnDevice(boolean[] safe, double la, int limit) {
        double[][] v = new double[1][];
        double bound = 2 * la - laLast;
        int[] j = checks.above(bound, limit + st.support().length, v); // (Gap Safe marks none yet at a new λ)
        return Screening.strong(j, v[0], st.b, safe, bound, limit);
    }

    /**
     * Gap Safe and the KKT violators from the device's gradient: only columns with |g_j| > la can violate, and the
     * host reads just those (index and value). Gap Safe is tested on them (the columns it could exclude from W; a
     * column below la is never a violator), with the dual scale from ‖g‖∞ (one scalar), as the host route does.
     */
    private int[] violatorsOnDevice(boolean[] safe, double la, double mu, Certificates.Certificate cert, int take) {
        double[][] v = new double[1][];
        // dropped from the list by the filters below: columns in W or the support, and those Gap Safe marks
        int[] j = checks.above(Math.nextUp(la * (1 + 1e-12)), take + W.length + st.support().length + safeMarked, v);
        if (st.quadratic && mu == 0 && la > 0) {
            double m = checks.maxAbs();
            double t = m > la ? la / m : 1;
            safeMarked += Screening.gapSafe(safe, j, v[0], pb.h, pb.n, t, cert.value() * Math.abs(cert.objective()), la, 1);
        }
        return Screening.violators(j, v[0], st.b, inW, safe, la, take);
    }

    /** Adds up to {@code max} of {@code cols} (in order) to W. */
    private void grow(int[] cols, int max) {
        int[] add = new int[Math.min(cols.length, max)];
        int c = 0;
        for (int j : cols) {
            if (c == add.length) break;
            if (!inW[j]) {
                inW[j] = true;
                add[c++] = j;
            }
        }
        if (c == 0) return;
        int[] nw = Arrays.copyOf(W, W.length + c);
        System.arraycopy(add, 0, nw, W.length, c);
        W = nw;
    }

    private FitResult result(double lambda, Certificates.Certificate cert, int iters, long t0) {
        double[] b = st.b.clone();
        if (o.precision() == Precision.FLOAT32) cert = exactCertificate(b, st.c, lambda);
        double[] beta = pb.originalBeta(b);
        int nnz = 0;
        for (double v : beta) if (v != 0) nnz++;
        return new FitResult(pb.originalIntercept(st.c, b, st.support()), beta, lambda, cert.objective(), cert.name(), cert.value(),
                nnz, iters, (System.nanoTime() - t0) / 1e9, pb.ctx.backendName(), pb.ctx.deviceName());
    }

    /**
     * The float64 certificate of a float32 fit (whose own passes ran in float32): η and the gradients from the
     * float64 passes of {@link Prepared#exact} on the device; the host works on vectors of length n and p only.
     */
    private Certificates.Certificate exactCertificate(double[] b, double c, double lambda) {
        int n = pb.n;
        double[] beta = pb.originalBeta(b);
        double b0 = pb.originalIntercept(c, b);
        double[] eta = pb.exact.eta(st.quadratic ? 0 : b0, beta), r = new double[n];
        for (int i = 0; i < n; i++) {
            if (st.quadratic) { // Certificates.residual: no rounding at |y|'s scale
                r[i] = Certificates.residual(pb.y[i], pb.intercept ? pb.ybar : 0, b0, eta[i]);
                eta[i] += b0;
            } else r[i] = pb.family.residual(pb.y[i], eta[i]);
        }
        double[] g = pb.exact.zcT(r, pb.xbar, pb.scale);
        double la = lambda * o.alpha(), mu = lambda * (1 - o.alpha());
        Certificates.Certificate cert = Certificates.compute(pb.family, pb.y, eta, r, g, b, la, mu, pb.intercept,
                pb.lambdaMax * o.alpha());
        if (cert.value() > o.tol() && !st.quadratic && pb.intercept && !(la == 0 && mu == 0)) { // as check(): both valid
            double[] w = new double[n];
            for (int i = 0; i < n; i++) w[i] = pb.family.weight(eta[i]);
            double[] gw = pb.exact.zcT(w, pb.xbar, pb.scale);
            Certificates.Certificate c2 = Certificates.computeWeighted(pb.family, pb.y, eta, r, g, w, gw, b, la, mu);
            if (c2.value() < cert.value()) cert = c2;
        }
        return cert;
    }

    @Override
    public void close() {
        checks.close();
        st.close();
    }
}
