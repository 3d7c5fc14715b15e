package io.github.spred4j.solver;

import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;
import io.github.spred4j.data.LossFamily;

import java.util.ArrayList;
import java.util.List;

/**
 * Phase 2 of the spred solver, per problem: exact zeros where a coordinate's (group's) effect is tiny and the KKT
 * condition for zero holds, then an active-set Newton polish of the original problem on the support (smooth there
 * with fixed signs; group norms smooth on active groups), the Hessian from {@link SpredHessian} and the small
 * solve by {@link Cholesky}; rounds of polish add the worst KKT violators until the certificate holds.
 */
final class SpredPolish {
    private SpredPolish() {
    }

    /** A polished point (c, b), its certificate and the Newton iterations spent on it. */
    record Polished(double c, double[] b, Problem.Cert cert, int iterations) {
    }

    /** Phase 2 at (c, b) (b not modified): the best polished point by its certificate. */
    static Polished run(SpredEngine e, Problem q, double c, double[] b) {
        b = b.clone();
        double la = q.lambda * q.alpha, mu = q.lambda * (1 - q.alpha);
        SpredEngine.Ev ev = e.evalDevice(q, c, b);
        // exact zeros: tiny (relative effect on the fit) AND the KKT condition for zero holds
        double big = 0;
        for (int g = 0; g < q.groupCount(); g++) big = Math.max(big, q.effect(b, g));
        for (int g = 0; g < q.groupCount(); g++) {
            double ng = 0;
            for (int i = q.gStart(g); i < q.gEnd(g); i++) {
                double t = ev.grad()[i] + mu * b[i];
                ng += t * t;
            }
            if (q.effect(b, g) <= 1e-4 * big && Math.sqrt(ng) <= la * q.weight(g))
                for (int i = q.gStart(g); i < q.gEnd(g); i++) b[i] = 0;
        }
        int its = 0;
        Polished best = null;
        for (int outer = 0; outer < 30; outer++) {
            double[] cb = newton(e, q, c, b);
            its += (int) cb[0];
            c = cb[1];
            Problem.Cert ct = e.certify(q, c, b);
            if (best == null || ct.certificate() < best.cert().certificate())
                best = new Polished(c, b.clone(), ct, its);
            if (ct.certificate() <= e.o.tol()) break;
            // add the worst KKT violators (zero coefficients whose gradient exceeds the penalty)
            double[] G = ct.grad();
            List<double[]> viol = new ArrayList<>();
            for (int g = 0; g < q.groupCount(); g++) {
                if (q.effect(b, g) > 0) continue;
                double ng = 0;
                for (int i = q.gStart(g); i < q.gEnd(g); i++) ng += G[i] * G[i];
                ng = Math.sqrt(ng);
                if (ng > la * q.weight(g) * (1 + 1e-12)) viol.add(new double[]{g, ng - la * q.weight(g), ng});
            }
            if (viol.isEmpty()) break;
            viol.sort((a1, a2) -> Double.compare(a2[1], a1[1]));
            int add = Math.max(1, Math.min(viol.size(), 5));
            for (int a = 0; a < add; a++) {
                int g = (int) viol.get(a)[0];
                double ng = viol.get(a)[2];
                double cn = q.effectScale(g);
                double step = viol.get(a)[1] / Math.max(cn * cn + mu, 1e-300);
                for (int i = q.gStart(g); i < q.gEnd(g); i++) b[i] = -step * G[i] / ng;
            }
        }
        return best;
    }

    /**
     * Newton on the support of b (updated in place; signs fixed for L1, coordinates that cross zero are set to
     * zero and leave the support; group norms smooth on active groups). Returns {iterations, c}.
     */
    private static double[] newton(SpredEngine e, Problem q, double c, double[] b) {
        boolean hasC = e.hasC;
        int n = e.n, p = e.p;
        double la = q.lambda * q.alpha, mu = q.lambda * (1 - q.alpha);
        boolean group = q.model == Model.GROUP;
        int its = 0;
        double prevNorm = Double.POSITIVE_INFINITY;
        for (int it = 0; it < 50; it++) {
            int[] S = Polish.support(b);
            int k = S.length;
            int dim = k + (hasC ? 1 : 0);
            if (dim == 0) return new double[]{its, c};
            SpredEngine.Ev ev = e.evalDevice(q, c, b);
            double[] sgn = new double[p];
            for (int j : S) sgn[j] = Math.signum(b[j]);
            double[] gv = new double[dim];
            double[] nrm = group ? q.groupNorms(b) : null;
            for (int a = 0; a < k; a++) {
                int j = S[a];
                double pen = group ? la * q.weight(q.groupOf(j)) * b[j] / nrm[q.groupOf(j)] : la * sgn[j];
                gv[a] = ev.grad()[j] + mu * b[j] + pen;
            }
            if (hasC) gv[k] = -ev.sumR() / n;
            double gn = 0;
            for (double t : gv) gn = Math.max(gn, Math.abs(t));
            if (gn == 0 || gn >= prevNorm && it > 2) break;
            prevNorm = gn;
            double[] H;
            if (e.loss == Loss.SQUARED) {
                H = e.hessian.squared(q, S);
                for (int a = 0; a < k; a++) H[a * dim + a] += mu;
            } else {
                double[] D = new double[n];
                LossFamily fam = Families.of(q.model);
                for (int i = 0; i < n; i++) D[i] = fam.weight(ev.eta()[i]); // the loss's curvature μ'(η)
                H = e.hessian.of(q, S, D, dim);
                for (int a = 0; a < k; a++) H[a * dim + a] += mu;
            }
            if (group) addGroupCurvature(q, b, S, nrm, H, dim, la);
            double[] d = Cholesky.solve(H, gv, dim);
            for (int a = 0; a < dim; a++) d[a] = -d[a];
            // largest step keeping signs (L1)
            double tmax = 1;
            int cross = -1;
            if (!group)
                for (int a = 0; a < k; a++) {
                    int j = S[a];
                    if (b[j] * d[a] < 0 && b[j] + d[a] * tmax != 0 && Math.signum(b[j] + d[a] * tmax) != sgn[j]) {
                        double t = -b[j] / d[a];
                        if (t < tmax) {
                            tmax = t;
                            cross = a;
                        }
                    }
                }
            if (cross >= 0 && tmax < 1e-6) {
                // coordinates already at ~0 that Newton would push across zero leave the support directly
                for (int a = 0; a < k; a++) {
                    int j = S[a];
                    if (b[j] * d[a] < 0 && -b[j] / d[a] < 1e-6) b[j] = 0;
                }
                prevNorm = Double.POSITIVE_INFINITY;
                its++;
                continue;
            }
            double phi0 = phi(q, ev.loss(), b, S, sgn, nrm);
            double gd = 0;
            for (int a = 0; a < dim; a++) gd += gv[a] * d[a];
            double t = tmax;
            boolean accepted = false;
            double[] bt = b.clone();
            double ct = c;
            // near the solution the predicted decrease is below the rounding of Φ: take the Newton step
            // and judge it by the gradient (the loop stops when the gradient norm stops falling)
            boolean tinyDecrease = -gd <= (e.prec == Precision.FLOAT32 ? 1e-6 : 1e-11) * Math.abs(phi0)
                    || e.loss == Loss.SQUARED && !group; // a convex quadratic on the orthant: t = tmax decreases it
            for (int ls = 0; ls < 40; ls++) {
                for (int a = 0; a < k; a++) bt[S[a]] = b[S[a]] + t * d[a];
                if (t == tmax && cross >= 0) bt[S[cross]] = 0;
                ct = hasC ? c + t * d[k] : c;
                if (tinyDecrease) {
                    accepted = true;
                    break;
                }
                double lt = e.evalDevice(q, ct, bt).loss();
                double pt = phi(q, lt, bt, S, sgn, group ? q.groupNorms(bt) : null);
                if (pt <= phi0 + 1e-4 * t * gd || pt <= phi0 && e.loss == Loss.SQUARED) {
                    accepted = true;
                    break;
                }
                t /= 2;
                cross = -1;
            }
            its++;
            if (!accepted) break;
            System.arraycopy(bt, 0, b, 0, p);
            c = ct;
            if (cross >= 0) prevNorm = Double.POSITIVE_INFINITY; // the support changed
            if (group) { // a group whose norm collapsed leaves the support
                double[] nn = q.groupNorms(b);
                for (int g = 0; g < q.groupCount(); g++)
                    if (nn[g] > 0 && nn[g] * q.effectScale(g) < 1e-15 * q.maxEffect(b))
                        for (int i = q.gStart(g); i < q.gEnd(g); i++) b[i] = 0;
            }
            if (gn <= 1e-15 * Math.max(la, 1e-300) && cross < 0) break;
        }
        return new double[]{its, c};
    }

    /** The objective restricted to the current orthant / active groups. */
    private static double phi(Problem q, double lossVal, double[] b, int[] S, double[] sgn, double[] nrm) {
        double la = q.lambda * q.alpha, mu = q.lambda * (1 - q.alpha);
        double s = lossVal, l2 = 0;
        for (double v : b) l2 += v * v;
        s += mu / 2 * l2;
        if (nrm != null) {
            for (int g = 0; g < nrm.length; g++) s += la * q.weight(g) * nrm[g];
        } else for (int j : S) s += la * sgn[j] * b[j];
        return s;
    }

    private static void addGroupCurvature(Problem q, double[] b, int[] S, double[] nrm, double[] H, int dim, double la) {
        for (int a = 0; a < S.length; a++)
            for (int c2 = 0; c2 < S.length; c2++) {
                int g = q.groupOf(S[a]);
                if (q.groupOf(S[c2]) != g) continue;
                double nb = nrm[g];
                double v = (a == c2 ? 1 / nb : 0) - b[S[a]] * b[S[c2]] / (nb * nb * nb);
                H[a * dim + c2] += la * q.weight(g) * v;
            }
    }
}
