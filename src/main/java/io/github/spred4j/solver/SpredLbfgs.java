package io.github.spred4j.solver;

import io.github.spred4j.api.Precision;

/**
 * Phase 1 of the spred solver, L-BFGS: full-batch L-BFGS (memory 10) on the stacked spred objective in (u, w, c),
 * every vector operation on the device; a weak Wolfe line search by bisection and doubling, a restart from the
 * gradient when float32 noise spoils the direction, and a stop after five steps that gain nothing.
 */
final class SpredLbfgs {
    private SpredLbfgs() {
    }

    /** Runs up to maxIt L-BFGS iterations from x (updated in place); returns the iterations done. */
    static int run(SpredStack st, SpredPoint x, int maxIt, Precision prec) {
        final int mem = 10;
        SpredPoint g = st.newPoint(), d = st.newPoint(), xt = st.newPoint(), gt = st.newPoint();
        SpredPoint[] S = new SpredPoint[mem], Y = new SpredPoint[mem];
        double[] rho = new double[mem], al = new double[mem];
        int stored = 0, head = 0;
        double f = st.spred(x, g);
        double ftol = prec == Precision.FLOAT32 ? 1e-7 : 1e-15;
        int stall = 0, it = 0;
        double gamma = 1 / Math.max(g.maxAbs(), 1e-300);
        for (; it < maxIt; it++) {
            // two-loop recursion: d = −H g
            d.copyFrom(g);
            for (int q = 0; q < stored; q++) {
                int i = Math.floorMod(head - 1 - q, mem);
                al[i] = rho[i] * S[i].dot(d);
                d.axpy(-al[i], Y[i]);
            }
            d.scale(gamma);
            for (int q = stored - 1; q >= 0; q--) {
                int i = Math.floorMod(head - 1 - q, mem);
                double bta = rho[i] * Y[i].dot(d);
                d.axpy(al[i] - bta, S[i]);
            }
            d.scale(-1);
            double gd = g.dot(d);
            if (!(gd < 0)) { // not a descent direction (float32 noise): restart from the gradient
                stored = 0;
                d.copyFrom(g);
                d.scale(-gamma);
                gd = g.dot(d);
                if (!(gd < 0)) break;
            }
            // weak Wolfe line search by bisection / doubling
            double t = 1, lo = 0, hi = Double.POSITIVE_INFINITY, ft = Double.NaN;
            boolean ok = false;
            for (int ls = 0; ls < 40; ls++) {
                xt.copyFrom(x);
                xt.axpy(t, d);
                ft = st.spred(xt, gt);
                if (!(ft <= f + 1e-4 * t * gd)) hi = t;
                else if (gt.dot(d) < 0.9 * gd) lo = t;
                else {
                    ok = true;
                    break;
                }
                t = Double.isInfinite(hi) ? 2 * lo : (lo + hi) / 2;
            }
            if (!ok && !(ft < f)) break; // no progress possible at this precision
            // s = xt − x, y = gt − g
            if (S[head] == null) {
                S[head] = st.newPoint();
                Y[head] = st.newPoint();
            }
            S[head].copyFrom(xt);
            S[head].axpy(-1, x);
            Y[head].copyFrom(gt);
            Y[head].axpy(-1, g);
            double sy = S[head].dot(Y[head]);
            double yy = Y[head].dot(Y[head]);
            if (sy > 1e-300 && yy > 0) {
                rho[head] = 1 / sy;
                gamma = sy / yy;
                head = (head + 1) % mem;
                stored = Math.min(stored + 1, mem);
            }
            double df = f - ft;
            x.copyFrom(xt);
            g.copyFrom(gt);
            f = ft;
            if (df <= ftol * Math.abs(f)) {
                if (++stall >= 5) {
                    it++;
                    break;
                }
            } else stall = 0;
        }
        return it;
    }
}
