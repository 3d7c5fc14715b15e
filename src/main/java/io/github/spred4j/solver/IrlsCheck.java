package io.github.spred4j.solver;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link IrlsCovariance}'s certificate check: g = Zcᵀr/n from one host pass over the row-major X, then the duality
 * gap ({@link IrlsGap}) of the uniformly or the curvature-weighted centred dual point. The pass skips the columns a
 * rigorous bound proves irrelevant ({@link #columns}), so the certificate is the full pass's, bit for bit. It reads
 * the state the covariance mode's refresh left in r, w, the rows' logs and b (shared arrays, never written here).
 */
final class IrlsCheck {
    /**
     * Whether the check skips the columns a bound proves irrelevant ({@link #columns}); off
     * ({@code -Dspred4j.irls.skip=false}) every check is one full pass, for A/B runs and the tests' comparison.
     */
    static boolean SKIP = !"false".equals(System.getProperty("spred4j.irls.skip"));
    /** Column gradients the checks skipped, over all instances (benchmarks read it). */
    static final AtomicLong SKIPPED = new AtomicLong();
    /** Tests: when set, every check that skipped columns is redone in full; {equal, different} certificates are counted. */
    static AtomicLong[] VERIFY;

    private final Prepared pb;
    private final int n, p;
    private final double tol;
    private final double[] b, r, w;                 // the covariance mode's state (read only)
    private final IrlsGap.Rows rows;
    private final boolean[] inA, noSafe;            // its working set and (empty) safe set
    /** Zcᵀr/n at the last check (all p; skipped columns hold the reference's values). */
    double[] gLast;
    private boolean weightedFirst;
    private final double[] vRef, gRef;              // the last full pass's r and Zcᵀr/n (columns()'s reference)
    private double refNorm;                         // ‖v_ref‖
    private boolean hasRef;
    private final double[] colNorm, roundCoef;      // ‖zc_j‖/n = √(h_j/n); (‖x_j‖ + 2|x̄_j|√n)/(s_j·n)
    private final int[] sBuf;
    private final double[] hBuf;                    // zcT's second output (Zcᵀw/n), reused
    private boolean verifying;

    IrlsCheck(Prepared pb, double tol, double[] b, double[] r, double[] w, IrlsGap.Rows rows, boolean[] inA, boolean[] noSafe) {
        this.pb = pb;
        n = pb.n;
        p = pb.p;
        double[] xbar = pb.xbar, scale = pb.scale;
        this.tol = tol;
        this.b = b;
        this.r = r;
        this.w = w;
        this.rows = rows;
        this.inA = inA;
        this.noSafe = noSafe;
        hBuf = new double[p];
        vRef = new double[n];
        gRef = new double[p];
        sBuf = new int[p];
        colNorm = new double[p];
        roundCoef = new double[p];
        for (int j = 0; j < p; j++) {
            colNorm[j] = Math.sqrt(pb.h[j] / n) * (1 + 1e-9); // h_j's own rounding: relative ~n ulps, far below 1e-9
            // ‖x_j‖² = ‖x_j − x̄_j‖² + n·x̄_j² (x̄_j the column's mean, or 0) = n·(h_j·s_j² + x̄_j²); doubled for the
            // rounding of h and x̄ (the slack only has to bound the rounding, within any constant factor)
            double xn = Math.sqrt(n * (pb.h[j] * scale[j] * scale[j] + xbar[j] * xbar[j]));
            roundCoef[j] = (2 * xn + 2 * Math.abs(xbar[j]) * Math.sqrt(n)) / scale[j] / n;
        }
    }

    /**
     * The certificate at the covariance mode's current (refreshed) state, whose objective is P (from the loss the
     * refresh summed, float64, the family's loss to a few ulps per term: the certificate's own P would cost another
     * exp and log per row): g = Zcᵀr/n from one host pass over X, then the uniformly
     * centred dual point and, when the conjugate's domain cut that one short (a row with μ ≈ 0 or 1 and r̄ ≠ 0 to
     * rounding), the curvature-weighted centring (as Engine.check); both are valid bounds and the better one is kept.
     * The one that won at the last λ is tried first, the other only if the first misses tol. The pass covers only
     * the columns {@link #columns} cannot prove irrelevant (see there); the certificate is the full pass's, bit for bit.
     */
    Certificates.Certificate check(double la, double mu, double P) {
        int[] S = columns(la);
        boolean wf = weightedFirst;
        Certificates.Certificate c = certify(la, mu, P, S);
        if (VERIFY != null && S != null) { // tests: the full pass's certificate and violators must be these
            boolean wf2 = weightedFirst;
            double[] g = gLast;
            weightedFirst = wf;
            verifying = true;
            Certificates.Certificate full = certify(la, mu, P, null);
            verifying = false;
            boolean same = Double.doubleToLongBits(full.value()) == Double.doubleToLongBits(c.value())
                    && Arrays.equals(Screening.violators(gLast, b, inA, noSafe, la), Screening.violators(g, b, inA, noSafe, la));
            (same ? VERIFY[0] : VERIFY[1]).incrementAndGet();
            weightedFirst = wf2;
            gLast = g;
        }
        return c;
    }

    /** check() on the columns S (null: all). */
    private Certificates.Certificate certify(double la, double mu, double P, int[] S) {
        double[][] gg = zcT(r, pb.intercept && weightedFirst ? w : null, S);
        double[] g = gg[0];
        gLast = g;
        Certificates.Certificate u = null, wt = null;
        double lo = pb.family.dualLower(), hi = pb.family.dualUpper();
        double[] y = pb.y;
        if (!weightedFirst || !pb.intercept) u = IrlsGap.uniform(rows, y, r, g, la, mu, pb.intercept, lo, hi, P);
        if (pb.intercept && (u == null || u.value() > tol)) {
            wt = IrlsGap.weighted(rows, y, r, g, w, gg[1] != null ? gg[1] : zcT(w, null, S)[0], la, mu, lo, hi, P);
            if (wt.value() > tol && u == null) u = IrlsGap.uniform(rows, y, r, g, la, mu, pb.intercept, lo, hi, P);
        }
        if (wt == null) return u;
        if (u == null) return wt;
        weightedFirst = wt.value() < u.value();
        return weightedFirst ? wt : u;
    }

    /**
     * The columns whose gradient the check must compute (ascending), or null for all. A column j outside A enters
     * the certificate only if |Zc_jᵀv/n| > la for the dual direction v (r, or r − a·w for the weighted centring):
     * below la it neither sets the lasso's scaling t nor adds to the elastic net's penalty term, and it is no
     * violator. From the last full pass (v_ref = r then, g_ref = Zcᵀv_ref/n), Cauchy–Schwarz bounds it rigorously:
     * |Zc_jᵀv/n| ≤ |g_ref,j| + ‖zc_j‖/n·‖v − v_ref‖ (‖zc_j‖²/n = h_j), plus a bound on both passes' rounding.
     * A column whose bound stays below la (with a relative margin) is skipped: its entry keeps g_ref,j (the strong
     * rule's estimate; |g_ref,j| ≤ la, so it changes neither the gap nor the violators) and Zcᵀw's is 0. The pass
     * over the others does the full pass's operations in its order, so the gap is the full pass's to the bit.
     * Along a breast_cancer CV the working set holds ~3 of 30 columns and ~3 in 4 checks skip every other one.
     */
    private int[] columns(double la) {
        if (!SKIP || !hasRef) return null;
        double sr = 0, sw = 0;
        for (int i = 0; i < n; i++) {
            sr += r[i];
            sw += w[i];
        }
        double a = pb.intercept && sw > 0 ? sr / sw : 0; // the weighted centring's shift r̄/w̄
        double dr = 0, dd = 0, nr = 0, nw = 0;
        for (int i = 0; i < n; i++) {
            double e = r[i] - vRef[i], f = e - a * w[i];
            dr += e * e;
            dd += f * f;
            nr += r[i] * r[i];
            nw += w[i] * w[i];
        }
        double dv = Math.sqrt(Math.max(dr, dd)) * (1 + 1e-9);
        // the rounding of g_ref,j and of the pass that would compute g_j (and g_j − a·gw_j): each a sum of n + 2
        // terms bounded by |x_ij|·|v_i| and |x̄_j|·|Σv| (Cauchy–Schwarz), at most 2(n + 8) half-ulps, doubled
        double vs = refNorm + Math.sqrt(nr) + Math.abs(a) * Math.sqrt(nw);
        double gamma = 4 * (n + 8) * 0x1p-53;
        double lim = la * (1 - 1e-9);
        int[] S = sBuf;
        int m = 0;
        for (int j = 0; j < p; j++) {
            if (!inA[j] && Math.abs(gRef[j]) + colNorm[j] * dv + gamma * roundCoef[j] * vs <= lim) continue;
            S[m++] = j;
        }
        if (3 * m > p) return null; // the full pass vectorises: cheaper than a gathered pass over a third of p
        SKIPPED.addAndGet(p - m);
        return Arrays.copyOf(S, m);
    }

    /**
     * {Zcᵀv/n, Zcᵀu/n (null if u is)} over all p (S null) or the columns S, in float64 from one pass over the
     * row-major X (row order). Four rows at a time: each g_j is loaded and stored once per four rows and the j loop
     * vectorises over all p (the check's pass was a fifth of a breast_cancer CV at one row a time). A full pass of
     * v = r becomes the reference of {@link #columns}; with S, the other entries are g_ref's and 0 (see there).
     */
    double[][] zcT(double[] v, double[] u, int[] S) {
        double[] x = pb.dense, xbar = pb.xbar, scale = pb.scale;
        double[] g = new double[p], h = u == null ? null : hBuf;
        if (h != null) Arrays.fill(h, 0);
        double sv = 0, su = 0;
        int m = S == null ? p : S.length;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            double v0 = v[i], v1 = v[i + 1], v2 = v[i + 2], v3 = v[i + 3];
            sv += v0;
            sv += v1;
            sv += v2;
            sv += v3;
            int o0 = i * p, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
            if (S == null) for (int j = 0; j < p; j++) g[j] += (x[o0 + j] * v0 + x[o1 + j] * v1) + (x[o2 + j] * v2 + x[o3 + j] * v3);
            else for (int k = 0; k < m; k++) {
                int j = S[k];
                g[j] += (x[o0 + j] * v0 + x[o1 + j] * v1) + (x[o2 + j] * v2 + x[o3 + j] * v3);
            }
            if (h == null) continue;
            double u0 = u[i], u1 = u[i + 1], u2 = u[i + 2], u3 = u[i + 3];
            su += u0;
            su += u1;
            su += u2;
            su += u3;
            if (S == null) for (int j = 0; j < p; j++) h[j] += (x[o0 + j] * u0 + x[o1 + j] * u1) + (x[o2 + j] * u2 + x[o3 + j] * u3);
            else for (int k = 0; k < m; k++) {
                int j = S[k];
                h[j] += (x[o0 + j] * u0 + x[o1 + j] * u1) + (x[o2 + j] * u2 + x[o3 + j] * u3);
            }
        }
        for (; i < n; i++) {
            double vi = v[i];
            sv += vi;
            int o = i * p;
            for (int k = 0; k < m; k++) {
                int j = S == null ? k : S[k];
                g[j] += x[o + j] * vi;
            }
            if (h == null) continue;
            double ui = u[i];
            su += ui;
            for (int k = 0; k < m; k++) {
                int j = S == null ? k : S[k];
                h[j] += x[o + j] * ui;
            }
        }
        for (int k = 0; k < m; k++) {
            int j = S == null ? k : S[k];
            g[j] = (g[j] - xbar[j] * sv) / scale[j] / n;
            if (h != null) h[j] = (h[j] - xbar[j] * su) / scale[j] / n;
        }
        if (S != null) {
            for (int k = 0, j = 0; j < p; j++) {
                if (k < m && S[k] == j) k++;
                else g[j] = gRef[j];
            }
        } else if (SKIP && v == r && !verifying) { // the reference of the next checks' bounds
            System.arraycopy(r, 0, vRef, 0, n);
            System.arraycopy(g, 0, gRef, 0, p);
            double s2 = 0;
            for (int t = 0; t < n; t++) s2 += r[t] * r[t];
            refNorm = Math.sqrt(s2);
            hasRef = true;
        }
        return new double[][]{g, h};
    }

}
