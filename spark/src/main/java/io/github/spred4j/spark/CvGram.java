package io.github.spred4j.spark;

import io.github.spred4j.solver.GramPath;

/**
 * Cross-validation's squared-loss route on the driver: a fold's training Gram is the total's minus the fold's
 * ({@link FoldSums}), centred and scaled as {@link WorkingSetSolver} does ((XᵀX − n x̄x̄ᵀ)/(n s sᵀ)); the core's
 * Gram path ({@link GramPath}: the solver of {@code Spred.cv}'s Gram route, strong rule, warm start along λ,
 * Newton on the support) solves every λ, and each solution's relative duality gap comes in closed form from the same
 * sums (‖r‖²/n = ȳȳ − 2cᵀb + bᵀQb), recomputed here rather than taken from the solver, so every fold fit is
 * certified without a pass over the data. A point whose gap is above the tolerance (or below −1e-12) goes on with the
 * plain {@link GramCd} from there. A column constant on the training rows (its centred sum of squares at rounding
 * level) stays at 0, as glmnet leaves it.
 */
final class CvGram {
    /** Points the core's path left uncertified, finished by GramCd, since start-up (read by tests). */
    static final java.util.concurrent.atomic.AtomicInteger FALLBACKS = new java.util.concurrent.atomic.AtomicInteger();

    private CvGram() {
    }

    /** The path of one training set: intercepts, coefficients (original scale), the worst relative gap. */
    record Path(double[] c0, double[][] beta, double worstGap) {
    }

    static Path path(FoldSums.One t, int p, WorkingSetSolver.Options o, double[] lam) {
        double n = t.n;
        double[] xbar = new double[p], sc = new double[p];
        int[] in = new int[p];
        int q = 0;
        for (int j = 0; j < p; j++) {
            double m = t.sx[j] / n;
            double var = Math.max(t.sx2[j] / n - m * m, 0);
            xbar[j] = o.intercept() ? m : 0;
            sc[j] = o.standardize() ? (var > 0 ? Math.sqrt(var) : 1) : 1;
            double qjj = t.sx2[j] / n - xbar[j] * xbar[j];
            if (qjj > 1e-13 * (t.sx2[j] / n) && t.sx2[j] > 0) in[q++] = j;
        }
        double ybar = o.intercept() ? t.sy / n : 0;
        double[] Q = new double[q * q];
        double[] c = new double[q];
        for (int a = 0; a < q; a++) {
            int j = in[a];
            c[a] = (t.xty[j] - xbar[j] * t.sy) / (n * sc[j]);
            for (int b = a; b < q; b++) {
                int k = in[b];
                double v = (t.gram[FoldSums.tri(p, j, k)] - n * xbar[j] * xbar[k]) / (n * sc[j] * sc[k]);
                Q[a * q + b] = v;
                Q[b * q + a] = v;
            }
        }
        double yy = (t.syy - n * ybar * ybar) / n;
        GramPath.Result core = GramPath.solve(Q, c, yy, o.alpha(), lam, o.tol());
        double[][] Q2 = square(Q, q); // this class's gap and GramCd read rows
        double[] c0 = new double[lam.length];
        double[][] beta = new double[lam.length][];
        double worst = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < lam.length; l++) {
            double[] b = core.b()[l];
            double la = lam[l] * o.alpha(), mu = lam[l] * (1 - o.alpha());
            // the certificate is recomputed here from the sums, not taken from the solver's own report
            double gap = gap(Q2, c, yy, b, la, mu);
            if (!(gap <= o.tol() && gap >= -1e-12)) {
                FALLBACKS.incrementAndGet();
                gap = descend(Q2, c, yy, b, la, mu, o.tol());
            }
            worst = Math.max(worst, gap);
            double[] bl = new double[p];
            double dot = 0;
            for (int a = 0; a < q; a++) {
                int j = in[a];
                bl[j] = b[a] == 0 ? 0 : b[a] / sc[j];
                dot += xbar[j] * bl[j];
            }
            beta[l] = bl;
            c0[l] = o.intercept() ? ybar - dot : 0;
        }
        return new Path(c0, beta, worst);
    }

    /**
     * The plain coordinate descent from b at one λ: CD's stop (the largest Q_jj·δ² of a sweep, an objective change)
     * starts near the gap asked for and tightens while the certified gap is above tol (a fixed machine-precision
     * stop costs thousands of sweeps on collinear columns for digits nobody asked for); returns the gap reached.
     */
    private static double descend(double[][] Q, double[] c, double yy, double[] b, double la, double mu, double tol) {
        double cdTol = 1e-3 * tol * Math.max(yy, Double.MIN_NORMAL), gap = Double.NaN;
        for (int tries = 0; tries < 8; tries++) {
            GramCd.solve(Q, c, la, mu, b, cdTol, 1_000_000);
            gap = gap(Q, c, yy, b, la, mu);
            if (gap <= tol && gap >= -1e-12) break;
            cdTol *= 1e-3;
        }
        return gap;
    }

    private static double[][] square(double[] Q, int q) {
        double[][] M = new double[q][q];
        for (int a = 0; a < q; a++) System.arraycopy(Q, a * q, M[a], 0, q);
        return M;
    }

    /**
     * The relative duality gap of b (DualGap's squared-loss closed form, dual point t·r/n) from the Gram sums:
     * P = ½‖r‖²/n + λα‖b‖₁ + λ(1−α)/2‖b‖², D = t·ycᵀr/n − t²/2·‖r‖²/n − Σ(|t g_j| − λα)₊²/(2λ(1−α)).
     */
    static double gap(double[][] Q, double[] c, double yy, double[] b, double la, double mu) {
        int q = c.length;
        double bQb = 0, cb = 0, l1 = 0, l2 = 0, gmax = 0;
        double[] g = new double[q];
        for (int a = 0; a < q; a++) {
            double s = 0;
            for (int m = 0; m < q; m++) s += Q[a][m] * b[m];
            bQb += b[a] * s;
            cb += c[a] * b[a];
            l1 += Math.abs(b[a]);
            l2 += b[a] * b[a];
            g[a] = c[a] - s;
            gmax = Math.max(gmax, Math.abs(g[a]));
        }
        double rr = yy - 2 * cb + bQb, ry = yy - cb;
        double P = rr / 2 + la * l1 + mu / 2 * l2;
        double t = mu > 0 ? 1 : (gmax > la ? la / gmax : 1), gstar = 0;
        if (mu > 0)
            for (double v : g) {
                double e = Math.max(Math.abs(t * v) - la, 0);
                gstar += e * e / (2 * mu);
            }
        double D = t * ry - t * t / 2 * rr - gstar;
        return (P - D) / Math.max(Math.abs(P), Double.MIN_NORMAL);
    }
}
