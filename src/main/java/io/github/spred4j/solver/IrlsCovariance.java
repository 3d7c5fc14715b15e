package io.github.spred4j.solver;

import io.github.spred4j.api.Precision;
import io.github.spred4j.data.Log1p;
import io.github.spred4j.data.LossFamily;

import java.util.Arrays;

/**
 * Covariance mode for the non-quadratic GLMs (LOGISTIC, POISSON) on a dense float64 design with few columns
 * (p ≤ {@link #MAX_P}, n ≥ p): proximal Newton on a working set A. Each outer step builds the weighted Gram
 * {@code H = Zc_AᵀWZc_A/n} (intercept row included) and the gradient on A in one pass over the rows of X
 * (O(n·|A|²)), solves the quadratic model by coordinate descent on H (O(|A|) per coordinate, no pass over X),
 * and moves by a backtracking line search on the true objective. The coordinate descent of the naive IRLS
 * ({@link Inner}) costs O(n) per coordinate and needs many sweeps per Newton step; here a Newton step is one pass.
 *
 * <p>The certificate is the engine's: η is rebuilt from (c, b) and X for every step (no drift), r = y − μ(η),
 * g = Zcᵀr/n over all p from one host pass over X, then {@link Certificates#compute} (and its curvature-weighted
 * centring when the uniform one is cut short), never clamped ({@link IrlsCheck}). KKT violators outside A join it. A λ that does
 * not certify within {@link #MAX_STEPS} Newton steps is handed back to the engine (returns null).
 */
final class IrlsCovariance {
    /** The largest p for this mode (the Gram of the working set is |A|² doubles per step). */
    static final int MAX_P = 500;
    /** Newton steps at one λ before the engine's own loop takes over. */
    static final int MAX_STEPS = 60;
    /**
     * A Newton step that predicted a decrease ≤ CHECK_AT·tol·|P| is followed by the check: after such a step the gap
     * was below tol in 97 of 97 breast_cancer fits and 142 of 147 quine fits (the gap is first order in the error of
     * b left by the step, which is second order in the error before it); 1e-5 (one Newton step more per λ) cost a
     * third of quine's CV.
     */
    static final double CHECK_AT = 1;

    private final Prepared pb;
    private final LossFamily fam;
    private final boolean logistic;
    private final int n, p;
    private final double[] x, y, xbar, scale;
    private final double tol;
    final double[] b;       // engine coordinates (shared with Inner's b)
    double c;               // intercept (engine coordinates)
    private final double[] eta, r, w;
    private final double[] mean, oneMinus, soft; // μ, 1 − μ and log1p(e^−|η|) (logistic) at the last refresh
    private final IrlsGap.Rows rows;
    private double loss;    // mean loss at eta
    private final boolean[] inA;
    private int[] A = new int[0];
    private final boolean[] noSafe;
    private final double[] bAt, b2, b3, bIn; // b at the last refresh; the answers one and two λ before the last; at entry
    private double cAt = Double.NaN, c2, c3, laAt2, laAt3;
    /** λ values this mode handed back to the engine uncertified, over all instances (tests and benchmarks read it). */
    static final java.util.concurrent.atomic.AtomicLong HANDED_BACK = new java.util.concurrent.atomic.AtomicLong();
    private final IrlsModel model;                  // the Newton model and its buffers, reused from step to step
    private final double[] zA, invA, xbA, b0A;      // newton()'s per-column buffers (|A| ≤ p)
    private final double[] z4A;                     // newton()'s four rows of Zc_A, column by column
    private double pred;                            // the last Newton step's predicted decrease
    private final int[] supp;                       // refresh()'s support and its unscaled coefficients
    private final double[] betaS;
    private final IrlsCheck chk;                    // the certificate check on this state
    /** Newton steps and model sweeps done (the iteration count reported). */
    long steps;

    private IrlsCovariance(Prepared pb, FitOptions o, double[] b) {
        this.pb = pb;
        fam = pb.family;
        logistic = fam == LossFamily.LOGISTIC;
        n = pb.n;
        p = pb.p;
        x = pb.dense;
        y = pb.y;
        xbar = pb.xbar;
        scale = pb.scale;
        tol = o.tol();
        this.b = b;
        eta = new double[n];
        r = new double[n];
        w = new double[n];
        mean = new double[n];
        oneMinus = logistic ? new double[n] : null;
        soft = logistic ? new double[n] : null;
        rows = new IrlsGap.Rows(logistic, eta, mean, oneMinus, soft);
        inA = new boolean[p];
        bAt = new double[p];
        b2 = new double[p];
        b3 = new double[p];
        bIn = new double[p];
        noSafe = new boolean[p];
        model = new IrlsModel(p, pb.intercept);
        zA = new double[p];
        invA = new double[p];
        xbA = new double[p];
        b0A = new double[p];
        z4A = new double[4 * p];
        supp = new int[p];
        betaS = new double[p];
        chk = new IrlsCheck(pb, tol, b, r, w, rows, inA, noSafe);
    }

    /** This mode for the problem, or null when the engine's naive IRLS is the better (or the only) route. */
    static IrlsCovariance of(Prepared pb, FitOptions o, double[] b) {
        boolean use = !pb.family.isQuadratic() && pb.dense != null && pb.x.precision() == Precision.FLOAT64
                && o.precision() == Precision.FLOAT64 && o.method() == Method.CD && pb.p <= MAX_P && pb.n >= pb.p
                && pb.p > 0;
        return use ? new IrlsCovariance(pb, o, b) : null;
    }

    /**
     * The fit at (la, mu) = (λα, λ(1 − α)), la > 0, warm-started from (c0, b) with the gradient gPrev of the
     * previous λ's answer at laPrev (strong rule); the certificate at the state reached, or null when it did not
     * reach tol (the state is left where it got to, in {@link #b} and {@link #c}: the engine goes on from there).
     */
    Certificates.Certificate fit(double la, double mu, double c0, double[] gPrev, double laPrev) {
        c = c0;
        chk.gLast = gPrev;
        int[] cand = Screening.strong(gPrev, b, noSafe, la, laPrev, Integer.MAX_VALUE);
        // A starts afresh at every λ from the support and the strong-rule candidates (violators join at the
        // checks): kept from λ to λ it only grew, to every column the path ever touched, and the Gram of a Newton
        // step costs |A|² per row (breast_cancer CV 8% faster, quine 15%, the same Newton steps)
        for (int j : A) inA[j] = false;
        A = new int[0];
        grow(Polish.support(b));
        grow(cand);
        System.arraycopy(b, 0, bIn, 0, p);
        double cIn = c;
        if (la >= pb.lambdaMax * pb.alpha * (1 - 1e-9)) {
            // at λ_max (to rounding: two codes' λ_max differ in the last bits) the answer is β = 0 if it certifies
            // (as the engine: the model's soft-threshold would leave a coordinate at ±1e-18 there)
            Arrays.fill(b, 0);
            c = pb.c0;
            refresh();
            Certificates.Certificate cert = chk.check(la, mu, objective(la, mu));
            if (cert.value() <= tol) {
                laAt2 = laAt3 = 0;
                return cert;
            }
            System.arraycopy(bIn, 0, b, 0, p);
            c = cIn;
        }
        boolean same = c == cAt && Arrays.equals(b, bAt); // the state the last refresh saw (the engine may have moved it)
        if (same && laPrev > 0 && laAt2 > laPrev && la < laPrev && predict(la, laPrev)) same = false;
        if (!same) refresh();
        double P = objective(la, mu);
        Certificates.Certificate cert = null;
        double thrIn = 1e-3 * tol;
        for (int k = 0; k < MAX_STEPS; k++) {
            boolean moved = newton(la, mu, thrIn * Math.abs(P));
            double pNew = moved ? objective(la, mu) : P;
            // check when the point is close (see CHECK_AT), when nothing moved, or when P went up
            if (!moved || pred <= CHECK_AT * tol * Math.abs(pNew) || pNew > P) {
                cert = chk.check(la, mu, objective(la, mu));
                if (cert.value() <= tol) break;
                int[] viol = Screening.violators(chk.gLast, b, inA, noSafe, la);
                if (viol.length > 0) grow(viol);
                else if (!moved) {
                    if (thrIn < 1e-12) break;
                    thrIn /= 100; // the model was not solved finely enough for this point
                }
                cert = null;
            }
            P = pNew;
        }
        if (cert == null || cert.value() > tol) {
            HANDED_BACK.incrementAndGet();
            chk.gLast = chk.zcT(r, null, null)[0]; // the engine goes on from here: its screening reads every column's value
            laAt2 = laAt3 = 0; // no predictor from an uncertified point
            return null;
        }
        System.arraycopy(b2, 0, b3, 0, p); // the answers at laPrev and before: with this one, the next λ's predictor
        c3 = c2;
        laAt3 = laAt2 > laPrev ? laAt2 : 0;
        System.arraycopy(bIn, 0, b2, 0, p);
        c2 = cIn;
        laAt2 = laPrev;
        return cert;
    }

    /**
     * The warm start moved along the path: b and c extrapolated in log λ from the last answers (glmnet's geometric
     * sequence: equal steps), quadratically through the last three where a coordinate is nonzero with one sign in
     * all of them, else linearly through the last two, never crossing zero. The path is smooth between its kinks, so
     * this leaves an O(Δ³) (O(Δ²)) error where the plain warm start leaves O(Δ): after the first Newton step from
     * it the gap is mostly below tol already (one Newton step, one refresh fewer per λ). Returns whether anything moved.
     */
    private boolean predict(double la, double laPrev) {
        double s = Math.log(la), s1 = Math.log(laPrev), s2 = Math.log(laAt2);
        double rho = (s - s1) / (s1 - s2);
        if (!(rho > 0 && rho <= 2)) return false;
        // Lagrange weights through (s1, b), (s2, b2), (s3, b3) at s; the quadratic only at comparable spacings
        boolean quad = laAt3 > laAt2;
        double w1 = 0, w2 = 0, w3 = 0;
        if (quad) {
            double s3 = Math.log(laAt3), r3 = (s2 - s3) / (s1 - s2);
            quad = r3 > 0.5 && r3 < 2;
            w1 = (s - s2) * (s - s3) / ((s1 - s2) * (s1 - s3));
            w2 = (s - s1) * (s - s3) / ((s2 - s1) * (s2 - s3));
            w3 = (s - s1) * (s - s2) / ((s3 - s1) * (s3 - s2));
        }
        boolean moved = false;
        for (int j = 0; j < p; j++) {
            double bj = b[j], bo = b2[j];
            if (bj == 0 || bo == 0 || (bj > 0) != (bo > 0)) continue;
            double bt = b3[j];
            double nb = quad && bt != 0 && (bt > 0) == (bj > 0) ? w1 * bj + w2 * bo + w3 * bt : bj + rho * (bj - bo);
            if (nb != 0 && (nb > 0) == (bj > 0) && nb != bj) {
                b[j] = nb;
                moved = true;
            }
        }
        if (moved && pb.intercept) c = quad ? w1 * c + w2 * c2 + w3 * c3 : c + rho * (c - c2);
        return moved;
    }

    private void grow(int[] cols) {
        int add = 0;
        for (int j : cols) if (!inA[j]) add++;
        if (add == 0) return;
        int[] na = Arrays.copyOf(A, A.length + add);
        int m = A.length;
        for (int j : cols)
            if (!inA[j]) {
                inA[j] = true;
                na[m++] = j;
            }
        Arrays.sort(na); // row-major X: ascending columns read a row in order
        A = na;
    }

    /** η = c + Zc·b from X (the support only), then μ, w, r and the mean loss in one pass. */
    private void refresh() {
        System.arraycopy(b, 0, bAt, 0, p);
        cAt = c;
        int[] s = supp;
        int m = 0;
        for (int j = 0; j < p; j++) if (b[j] != 0) s[m++] = j;
        double[] beta = betaS;
        double off = c;
        for (int a = 0; a < m; a++) {
            beta[a] = b[s[a]] / scale[s[a]];
            off -= xbar[s[a]] * beta[a];
        }
        double lsum = 0;
        for (int i = 0; i < n; i++) {
            int o = i * p;
            double e = off;
            for (int a = 0; a < m; a++) e += x[o + s[a]] * beta[a];
            eta[i] = e;
            double mu, wi, li;
            if (logistic) { // one exp for μ, μ' and the loss (LogisticLoss.loss's operations)
                double t = Math.exp(-Math.abs(e)), id = 1 / (1 + t), sp = Log1p.of(t);
                mu = e >= 0 ? id : t * id;
                oneMinus[i] = e >= 0 ? t * id : id; // 1 − μ without cancellation (the check's logs start from it)
                soft[i] = sp;
                wi = t * id * id;
                li = ((e > 0 ? e : 0) - y[i] * e) + sp; // LogisticLoss.loss's order: a well-classified row keeps its digits
            } else { // Poisson: one exp for μ, the weight and the loss (PoissonLoss: e^η, e^η, e^η − y·η)
                mu = Math.exp(e);
                wi = mu;
                li = mu - y[i] * e;
            }
            mean[i] = mu;
            r[i] = logistic && y[i] == 1 ? oneMinus[i] : y[i] - mu; // 1 − μ with its digits (LossFamily.residual)
            w[i] = wi;
            lsum += li;
        }
        loss = lsum / n;
    }

    private double objective(double la, double mu) {
        double l1 = 0, l2 = 0;
        for (double v : b) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        return loss + la * l1 + mu / 2 * l2;
    }

    /**
     * One proximal Newton step on A from the current point (refreshed): the model's weighted Gram and gradient in
     * one pass, coordinate descent on the model to thr, then a backtracking line search on P (the state moves
     * and is refreshed). Returns whether the state moved; the model's predicted decrease is left in {@link #pred}.
     */
    private boolean newton(double la, double mu, double thr) {
        int k = A.length;
        boolean ic = pb.intercept;
        IrlsModel mod = model;
        mod.reset(k);
        double[] H = mod.H, g = mod.g, hc = mod.hc, z = zA, inv = invA, xb = xbA;
        for (int a = 0; a < k; a++) {
            inv[a] = 1 / scale[A[a]];
            xb[a] = xbar[A[a]];
        }
        double wmax = 0;
        for (int i = 0; i < n; i++) wmax = Math.max(wmax, w[i]);
        double wfloor = 1e-6 * wmax; // as Inner: a row fitted perfectly must not make the curvature vanish
        double sw = 0, sr = 0;
        // four rows at a time: each H entry is loaded and stored once per four rows (one row at a time, the chain
        // of dependent updates of a few entries through memory bounded a small working set's pass)
        double[] z4 = z4A;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            double w0 = Math.max(w[i], wfloor), w1 = Math.max(w[i + 1], wfloor), w2 = Math.max(w[i + 2], wfloor),
                    w3 = Math.max(w[i + 3], wfloor), r0 = r[i], r1 = r[i + 1], r2 = r[i + 2], r3 = r[i + 3];
            sw += w0;
            sw += w1;
            sw += w2;
            sw += w3;
            sr += r0;
            sr += r1;
            sr += r2;
            sr += r3;
            int o0 = i * p, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
            for (int a = 0; a < k; a++) {
                int j = A[a];
                double m = xb[a], s = inv[a];
                z4[4 * a] = (x[o0 + j] - m) * s;
                z4[4 * a + 1] = (x[o1 + j] - m) * s;
                z4[4 * a + 2] = (x[o2 + j] - m) * s;
                z4[4 * a + 3] = (x[o3 + j] - m) * s;
            }
            for (int a = 0; a < k; a++) {
                double z0 = z4[4 * a], z1 = z4[4 * a + 1], z2 = z4[4 * a + 2], z3 = z4[4 * a + 3];
                double wz0 = w0 * z0, wz1 = w1 * z1, wz2 = w2 * z2, wz3 = w3 * z3;
                g[a] += (r0 * z0 + r1 * z1) + (r2 * z2 + r3 * z3);
                hc[a] += (wz0 + wz1) + (wz2 + wz3);
                int row = a * k;
                for (int q = 0; q <= a; q++)
                    H[row + q] += (wz0 * z4[4 * q] + wz1 * z4[4 * q + 1]) + (wz2 * z4[4 * q + 2] + wz3 * z4[4 * q + 3]);
            }
        }
        for (; i < n; i++) {
            int o = i * p;
            double wi = Math.max(w[i], wfloor), ri = r[i];
            sw += wi;
            sr += ri;
            for (int a = 0; a < k; a++) z[a] = (x[o + A[a]] - xb[a]) * inv[a];
            for (int a = 0; a < k; a++) {
                double za = z[a], wz = wi * za;
                g[a] += ri * za;
                hc[a] += wz;
                int row = a * k;
                for (int q = 0; q <= a; q++) H[row + q] += wz * z[q];
            }
        }
        double in = 1.0 / n;
        for (int a = 0; a < k; a++) {
            g[a] *= in;
            hc[a] *= in;
            for (int q = 0; q <= a; q++) {
                double v = H[a * k + q] * in;
                H[a * k + q] = v;
                H[q * k + a] = v;
            }
        }
        mod.hcc = sw * in;
        mod.gc = ic ? sr * in : 0;
        double[] b0 = b0A;
        for (int a = 0; a < k; a++) b0[a] = b[A[a]];
        mod.solve(b0, la, mu, thr);
        steps += 1 + mod.sweeps;
        if (!mod.moves()) {
            pred = 0;
            return false;
        }
        pred = mod.predicted(b0, la, mu);
        double[] d = mod.d;
        double P0 = objective(la, mu), c0 = c;
        double t = 1;
        for (int ls = 0; ls < 30; ls++, t /= 2) {
            for (int a = 0; a < k; a++) b[A[a]] = d[a] == 0 ? b0[a] : t == 1 ? b0[a] + d[a] : b0[a] + t * d[a];
            c = c0 + t * mod.dc;
            refresh();
            double pt = objective(la, mu);
            if (pt <= P0 + 16 * Math.ulp(P0)) return true;
        }
        for (int a = 0; a < k; a++) b[A[a]] = b0[a];
        c = c0;
        refresh();
        return false;
    }

    /** Zcᵀr/n over all p at the last check (the next λ's strong rule; the engine's when it takes over). */
    double[] gradient() {
        return chk.gLast;
    }
}
