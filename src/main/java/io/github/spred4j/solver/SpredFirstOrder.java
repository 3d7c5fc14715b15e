package io.github.spred4j.solver;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.SgdParams;

/**
 * Phase 1 of the spred solver for Method SGD, MOMENTUM and ADAM: full-batch steps through the fused update
 * kernels on one problem (k = 1), the step from a curvature estimate, and a back-off to the best point with a
 * shorter step whenever the objective stops being finite or more than doubles.
 */
final class SpredFirstOrder {
    private SpredFirstOrder() {
    }

    /** Runs maxIt steps of o.method() from x (updated in place; ends on the best point seen); returns maxIt. */
    static int run(SpredEngine e, SpredStack st, SpredPoint x, int maxIt) {
        Context ctx = e.ctx;
        Problem pb = e.pb;
        FitOptions o = e.o;
        int p = e.p;
        SpredPoint g = st.newPoint();
        DeviceBuffer mu1 = st.mine(e.alloc(x.u.length())), mw1 = st.mine(e.alloc(x.w.length()));
        DeviceBuffer mu2 = st.mine(e.alloc(x.u.length())), mw2 = st.mine(e.alloc(x.w.length()));
        ctx.fill(mu1, 0); ctx.fill(mw1, 0); ctx.fill(mu2, 0); ctx.fill(mw2, 0);
        // step from a curvature estimate. In b the loss has L ≈ Σ colNorm_j² (/4 logistic); in (u, w) each
        // coordinate's curvature is that times u_j² + w_j² (≈ 2|b_j|), plus |G_j| and λ from the split: a
        // step of 0.5/L alone diverged once the coefficients were large (standardised diabetes_raw, sgd and
        // momentum went to NaN after ~150 steps). The start's estimate can still be too long when the
        // coefficients grow, so every step is checked: a non-finite or more than doubled objective goes back
        // to the best point seen, with a 4x shorter step and fresh moments.
        double lipB = 0;
        for (int j = 0; j < p; j++) lipB += pb.colNorm[j] * pb.colNorm[j];
        if (e.loss == Loss.LOGISTIC) lipB /= 4;
        double la = st.la[0];
        double[] uh = x.u.toDoubleArray(), wh = x.w.toDoubleArray();
        double size = 0;
        for (int j = 0; j < uh.length; j++) size = Math.max(size, uh[j] * uh[j]);
        for (int j = 0; j < wh.length; j++) size = Math.max(size, wh[j] * wh[j]);
        double lip = lipB * Math.max(2 * size, 1) + la;
        double lr = 0.5 / Math.max(lip, 1e-300);
        double alr = 1e-3 * Math.sqrt(Math.max(la, 1e-12) / Math.max(lipB, 1e-300));
        SpredPoint best = st.newPoint();
        best.copyFrom(x);
        double fBest = Double.POSITIVE_INFINITY;
        int backoffs = 0;
        for (int it = 1; it <= maxIt; it++) {
            double f = st.spred(x, g); // computes G in st.G (and the full gradient, used for c)
            if (!(f <= 2 * fBest + Double.MIN_NORMAL) && fBest < Double.POSITIVE_INFINITY) {
                // diverging (or NaN): back to the best point, shorter steps, moments restarted
                if (++backoffs > 60)
                    throw new ArithmeticException("first-order " + o.method() + " diverged: the objective stayed non-finite or growing after 60 step reductions");
                x.copyFrom(best);
                lr /= 4;
                alr /= 4;
                ctx.fill(mu1, 0); ctx.fill(mw1, 0); ctx.fill(mu2, 0); ctx.fill(mw2, 0);
                f = st.spred(x, g);
            }
            if (f < fBest) {
                fBest = f;
                best.copyFrom(x);
            }
            switch (o.method()) {
                case SGD -> {
                    SgdParams sp = new SgdParams(lr, la / 2, la / 2);
                    if (st.groups != null) ctx.groupSgdUpdate(x.u, x.w, st.v, st.G, st.groups, new SgdParams(lr, 0.5, 0.5));
                    else ctx.sgdUpdate(x.u, x.w, st.v, st.G, sp);
                }
                case MOMENTUM -> {
                    if (st.groups != null)
                        ctx.groupMomentumUpdate(x.u, x.w, st.v, st.G, mu1, mw1, st.groups, new MomentumParams(lr, 0.9, false, 0.5, 0.5));
                    else ctx.momentumUpdate(x.u, x.w, st.v, st.G, mu1, mw1, new MomentumParams(lr, 0.9, false, la / 2, la / 2));
                }
                default -> {
                    if (st.groups != null)
                        ctx.groupAdamUpdate(x.u, x.w, st.v, st.G, mu1, mu2, mw1, mw2, st.groups,
                                new AdamParams(alr, 0.9, 0.999, 1e-12, 0.5, 0.5, false), it);
                    else ctx.adamUpdate(x.u, x.w, st.v, st.G, mu1, mu2, mw1, mw2,
                            new AdamParams(alr, 0.9, 0.999, 1e-12, la / 2, la / 2, false), it);
                }
            }
            for (int j = 0; j < x.c.length; j++) x.c[j] -= 4 * g.c[j]; // logistic intercept: 1/L = 4
        }
        // the last update is unchecked: end on the best point seen when the last objective was worse
        double fEnd = st.spred(x, g);
        if (!(fEnd <= fBest)) x.copyFrom(best);
        return maxIt;
    }
}
