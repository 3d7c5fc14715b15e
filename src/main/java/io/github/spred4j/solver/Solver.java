package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The solver engine. Phase 1 minimises the spred objective of k stacked problems (one per λ) jointly with
 * full-batch L-BFGS (the sum of independent objectives: its minimiser is each problem's minimiser), every vector
 * and matrix operation on the {@link Context}. Phase 2, per problem: exact zeros where |β_j| is tiny and the KKT
 * condition for zero holds, then an active-set Newton polish of the original problem on the support (smooth there
 * with fixed signs; gradients through lossGradient, Hessians through matVec/matTVec with k = |S| stacked unit
 * vectors, the small |S|×|S| solve on the host). Phase 3: the float64 certificate on the zeroed vector
 * ({@link Problem#certificate}); if it misses the tolerance, phase 1 resumes from the polished point with a
 * longer round. maxIter bounds the L-BFGS iterations: reaching it returns the certificate achieved.
 */
final class Solver {
    private Solver() {
    }

    // ================================================================ public entry points

    static FitResult fit(Context ctx, Dataset d, FitOptions o) {
        if (Paths.engine(o)) return Paths.fit(ctx, d, o);
        if (Double.isNaN(o.lambda())) throw new IllegalArgumentException("lambda must be set (FitOptions.withLambda)");
        Problem pb = Problem.of(d, o);
        return solve(ctx, pb, o, new double[]{o.lambda()}, null)[0];
    }

    static FitResult[] fitBatch(Context ctx, Dataset d, FitOptions o, double[] lambdas) {
        for (double l : lambdas)
            if (!(l >= 0) || Double.isInfinite(l)) throw new IllegalArgumentException("lambda must be finite and >= 0, got " + l);
        if (Paths.engine(o)) return Paths.batch(ctx, d, o, lambdas);
        Problem pb = Problem.of(d, o);
        if (lambdas.length == 0) return new FitResult[0];
        return solve(ctx, pb, o, lambdas.clone(), null);
    }

    static double[] lambdaSequence(double lmax, int nLambda, double ratio, int n, int p) {
        if (nLambda < 1) throw new IllegalArgumentException("nLambda must be >= 1, got " + nLambda);
        if (Double.isNaN(ratio)) ratio = n > p ? 1e-4 : 0.01;
        if (!(ratio > 0 && ratio < 1)) throw new IllegalArgumentException("lambdaMinRatio must be in (0,1), got " + ratio);
        double[] l = new double[nLambda];
        for (int i = 0; i < nLambda; i++)
            l[i] = nLambda == 1 ? lmax : lmax * Math.pow(ratio, i / (double) (nLambda - 1));
        return l;
    }

    static PathResult path(Context ctx, Dataset d, FitOptions o, int nLambda, double lambdaMinRatio, PathListener listener) {
        if (Paths.engine(o)) return Paths.path(ctx, d, o, nLambda, lambdaMinRatio, listener);
        Problem pb = Problem.of(d, o);
        double[] lam = lambdaSequence(pb.lambdaMax(), nLambda, lambdaMinRatio, d.n(), d.p());
        return path(ctx, pb, o, lam, listener, 0, lam.length);
    }

    /** The path over an explicit decreasing sequence. */
    static PathResult path(Context ctx, Dataset d, FitOptions o, double[] lam, PathListener listener) {
        if (Paths.engine(o)) return Paths.path(ctx, d, o, lam, listener, 0, lam.length);
        Paths.checkDecreasing(lam);
        return path(ctx, Problem.of(d, o), o, lam.clone(), listener, 0, lam.length);
    }

    /** The path over {@code lam}; the listener sees fit i as number {@code first + i} of {@code total}. */
    static PathResult path(Context ctx, Problem pb, FitOptions o, double[] lam, PathListener listener, int first, int total) {
        List<FitResult> fits = new ArrayList<>();
        Warm warm = null;
        try (Engine e = new Engine(ctx, pb, o)) { // X goes to the device once for the whole path
            for (double l : lam) {
                Warm[] out = new Warm[1];
                FitResult f = solve(e, new double[]{l}, warm == null ? null : new Warm[]{warm}, out)[0];
                warm = out[0];
                fits.add(f);
                listener.fitted(first + fits.size() - 1, total, f);
            }
        }
        return new PathResult(lam, fits);
    }

    /**
     * cv.glmnet's choice: index of the smallest mean loss (the first, i.e. largest λ, on ties) and the largest λ
     * (smallest index, λ decreasing) whose mean loss is ≤ min + se(min).
     */
    static int[] pickLambdas(double[] mean, double[] se) {
        int iMin = 0;
        for (int i = 1; i < mean.length; i++) if (mean[i] < mean[iMin]) iMin = i;
        double bound = mean[iMin] + se[iMin];
        int i1 = iMin;
        for (int i = 0; i <= iMin; i++)
            if (mean[i] <= bound) {
                i1 = i;
                break;
            }
        return new int[]{iMin, i1};
    }

    /** The unit deviance of the model's family: squared error, binomial deviance (glmnet's clamp), Poisson deviance. */
    static double heldOutLoss(Model m, double y, double eta) {
        return Families.of(m).deviance(y, eta);
    }

    /** Folds 0..k−1 in a seeded random permutation of round-robin labels (as cv.glmnet's sample(rep(1:k))). */
    static int[] foldAssignment(int n, int folds, long seed) {
        int[] f = new int[n];
        for (int i = 0; i < n; i++) f[i] = i % folds;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = f[i];
            f[i] = f[j];
            f[j] = t;
        }
        return f;
    }

    /** A solution in internal coordinates, to warm-start the next fit. */
    record Warm(double c, double[] b) {
    }

    // ================================================================ the engine

    static FitResult[] solve(Context ctx, Problem pb0, FitOptions o, double[] lambdas, Warm[] warm) {
        return solve(ctx, pb0, o, lambdas, warm, null);
    }

    static FitResult[] solve(Context ctx, Problem pb0, FitOptions o, double[] lambdas, Warm[] warm, Warm[] warmOut) {
        try (Engine e = new Engine(ctx, pb0, o)) {
            return solve(e, lambdas, warm, warmOut);
        }
    }

    /** Fits at the given λ on an engine whose data are already on the device. */
    static FitResult[] solve(Engine e, double[] lambdas, Warm[] warm, Warm[] warmOut) {
        Problem pb0 = e.pb;
        long t0 = System.nanoTime();
        int k = lambdas.length;
        Problem[] pbs = new Problem[k];
        for (int j = 0; j < k; j++) pbs[j] = pb0.withLambda(lambdas[j]);
        FitResult[] out = new FitResult[k];
        double lmax = e.lambdaMax;
        {
            List<Integer> todo = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (lambdas[j] >= lmax) {   // exact zero vector, intercept at the null model
                    double c = pb0.nullIntercept();
                    double[] b = new double[pb0.p];
                    out[j] = e.result(pbs[j], c, b, 0, t0);
                    if (warmOut != null) warmOut[j] = new Warm(c, b);
                } else todo.add(j);
            }
            if (!todo.isEmpty()) {
                int kk = todo.size();
                Problem[] sub = new Problem[kk];
                Warm[] w = new Warm[kk];
                for (int a = 0; a < kk; a++) {
                    sub[a] = pbs[todo.get(a)];
                    w[a] = warm == null ? null : warm[todo.get(a)];
                }
                Warm[] sol = new Warm[kk];
                FitResult[] r = e.run(sub, w, sol, t0);
                for (int a = 0; a < kk; a++) {
                    out[todo.get(a)] = r[a];
                    if (warmOut != null) warmOut[todo.get(a)] = sol[a];
                }
            }
        }
        return out;
    }

    /** The device state of one call: X uploaded once, plus the buffers of the stacked spred problem. */
    static final class Engine implements AutoCloseable {
        final Context ctx;
        final Problem pb;
        final FitOptions o;
        final Precision prec;
        final int n, p;
        final Loss loss;
        final boolean hasC; // the intercept is a variable (logistic with intercept)
        final List<AutoCloseable> owned = new ArrayList<>();
        final DeviceBuffer X, xbar, onesN, invS;
        final double lambdaMax;

        Engine(Context ctx, Problem pb, FitOptions o) {
            this.ctx = ctx;
            this.pb = pb;
            this.o = o;
            this.prec = o.precision();
            this.n = pb.n;
            this.p = pb.p;
            this.loss = pb.model == Model.LOGISTIC ? Loss.LOGISTIC : Loss.SQUARED;
            this.hasC = pb.model == Model.LOGISTIC && pb.intercept;
            this.lambdaMax = pb.lambdaMax();
            X = up(pb.x);
            xbar = up(pb.xbar);
            double[] ones = new double[n];
            Arrays.fill(ones, 1);
            onesN = up(ones);
            if (pb.standardize) {
                double[] is = new double[p];
                for (int j = 0; j < p; j++) is[j] = 1 / pb.scale[j];
                invS = up(is);
            } else invS = null;
        }

        DeviceBuffer alloc(long len) {
            DeviceBuffer b = ctx.alloc(prec, len);
            owned.add(b);
            return b;
        }

        DeviceBuffer up(double[] a) {
            DeviceBuffer b = ctx.upload(prec, a);
            owned.add(b);
            return b;
        }

        @Override
        public void close() {
            if (single != null) single.close();
            single = null;
            for (AutoCloseable a : owned) {
                try {
                    a.close();
                } catch (Exception ignored) {
                    // closing a buffer never throws checked exceptions; nothing to recover
                }
            }
            owned.clear();
        }

        static double[] tile(double[] a, int k) {
            double[] t = new double[a.length * k];
            for (int j = 0; j < k; j++) System.arraycopy(a, 0, t, j * a.length, a.length);
            return t;
        }

        // ------------------------------------------------------------ stacked loss and spred objective

        /** Buffers for k stacked problems. */
        final class Stack implements AutoCloseable {
            final int k;
            final Problem[] pbs;
            final DeviceBuffer y, eta, r, grad, G, v, beta, tmp, laVec, muVec, off, xbk, srk, invSk;
            final GroupIndex groups; // GROUP: stacked groups with weights w_g·λ_kα
            final int m;             // length of u per problem
            final double[] la, mu;
            final double[] sr, cFixed;
            boolean anyMu;
            final List<AutoCloseable> mine = new ArrayList<>();

            Stack(Problem[] pbs) {
                this.pbs = pbs;
                k = pbs.length;
                la = new double[k];
                mu = new double[k];
                sr = new double[k];
                cFixed = new double[k];
                for (int j = 0; j < k; j++) {
                    cFixed[j] = pbs[j].nullIntercept();
                    la[j] = pbs[j].lambda * pbs[j].alpha;
                    mu[j] = pbs[j].lambda * (1 - pbs[j].alpha);
                    anyMu |= mu[j] > 0;
                }
                y = mine(up(tile(pb.y, k)));
                eta = mine(alloc((long) n * k));
                r = mine(alloc((long) n * k));
                grad = mine(alloc((long) p * k));
                G = mine(alloc((long) p * k));
                v = mine(alloc((long) p * k));
                beta = mine(alloc((long) p * k));
                tmp = mine(alloc((long) p * k));
                off = mine(alloc(k));
                xbk = mine(alloc(k));
                srk = mine(alloc(k));
                invSk = invS == null ? null : mine(up(tile(inv(pb.scale), k)));
                double[] lv = new double[p * k], mv = new double[p * k];
                for (int j = 0; j < k; j++) {
                    Arrays.fill(lv, j * p, (j + 1) * p, la[j]);
                    Arrays.fill(mv, j * p, (j + 1) * p, mu[j]);
                }
                laVec = mine(up(lv));
                muVec = mine(up(mv));
                if (pb.model == Model.GROUP) {
                    int mg = pb.groupCount();
                    int[] offs = new int[mg * k + 1];
                    double[] ws = new double[mg * k];
                    for (int j = 0; j < k; j++)
                        for (int g = 0; g < mg; g++) {
                            offs[j * mg + g] = j * p + pb.offsets[g];
                            ws[j * mg + g] = pb.weights[g] * la[j];
                        }
                    offs[mg * k] = p * k;
                    groups = ctx.groups(offs, ws);
                    mine.add(groups);
                    m = mg;
                } else {
                    groups = null;
                    m = p;
                }
            }

            private <T extends AutoCloseable> T mine(T b) {
                mine.add(b);
                owned.remove(b);
                return b;
            }

            private double[] inv(double[] s) {
                double[] a = new double[s.length];
                for (int j = 0; j < s.length; j++) a[j] = 1 / s[j];
                return a;
            }

            @Override
            public void close() {
                for (AutoCloseable a : mine) {
                    try {
                        a.close();
                    } catch (Exception ignored) {
                        // see Engine.close
                    }
                }
            }

            /**
             * Loss of the stacked problems at b (standardised coefficients, p·k) and intercepts c (k): returns the
             * sum of the k losses, writes G = ∂L/∂b (p·k) and {@link #sr} (Σ r per problem).
             */
            double lossAt(DeviceBuffer b, double[] c) {
                DeviceBuffer bet = b;
                if (invSk != null) {
                    ctx.hadamard(beta, b, invSk);
                    bet = beta;
                }
                double[] offs = c.clone();
                if (pb.intercept) {
                    ctx.matVec(xbk, xbar, 1, p, bet, k);     // x̄ᵀβ_j for every problem
                    double[] xb = xbk.toDoubleArray();
                    for (int j = 0; j < k; j++) offs[j] -= xb[j];
                }
                off.copyFrom(offs);
                ctx.lossGradient(loss, grad, eta, r, X, n, p, bet, off, y, k);
                if (pb.intercept) {
                    ctx.matTVec(srk, onesN, n, 1, r, k);     // Σ_i r_ji
                    srk.copyTo(sr);
                    ctx.matVec(tmp, xbar, p, 1, srk, k);     // x̄·(1ᵀr_j): Xcᵀr = Xᵀr − x̄(1ᵀr)
                    ctx.axpy(grad, -1, tmp);
                }
                if (invSk != null) ctx.hadamard(G, grad, invSk);
                else ctx.copy(G, grad);
                ctx.scale(G, -1.0 / n);
                return loss == Loss.SQUARED ? ctx.sumSquares(r) / (2.0 * n) : ctx.logisticLoss(eta, y) / n;
            }

            /** The sum of the k spred objectives at x; writes its gradient into gx. */
            double spred(PV x, PV gx) {
                if (groups != null) ctx.groupHadamard(v, x.u, x.w, groups);
                else ctx.hadamard(v, x.u, x.w);
                double f = lossAt(v, hasC ? x.c : cFixed);
                if (anyMu) {
                    ctx.hadamard(tmp, muVec, v);
                    f += ctx.dot(tmp, v) / 2;
                    ctx.axpy(G, 1, tmp);
                }
                if (groups != null) {
                    ctx.groupGradSplit(gx.u, gx.w, G, x.u, x.w, groups, 0.5, 0.5);
                    f += (ctx.dot(gx.u, x.u) + ctx.dot(gx.w, x.w)) / 2 - ctx.dot(G, v);
                } else if (k == 1) {
                    ctx.gradSplit(gx.u, gx.w, G, x.u, x.w, la[0] / 2, la[0] / 2);
                    f += la[0] / 2 * (ctx.sumSquares(x.u) + ctx.sumSquares(x.w));
                } else {
                    ctx.gradSplit(gx.u, gx.w, G, x.u, x.w, 0, 0);
                    ctx.hadamard(tmp, laVec, x.u);
                    f += ctx.dot(tmp, x.u) / 2;
                    ctx.axpy(gx.u, 1, tmp);
                    ctx.hadamard(tmp, laVec, x.w);
                    f += ctx.dot(tmp, x.w) / 2;
                    ctx.axpy(gx.w, 1, tmp);
                }
                for (int j = 0; j < gx.c.length; j++) gx.c[j] = -sr[j] / n;
                return f;
            }

            PV newPV() {
                return new PV(mine(alloc((long) m * k)), mine(alloc((long) p * k)), new double[hasC ? k : 0]);
            }
        }

        /** A point of the stacked spred problem: u (m·k), w (p·k) on the device, intercepts c on the host. */
        record PV(DeviceBuffer u, DeviceBuffer w, double[] c) {
        }

        void copyPV(PV to, PV from) {
            ctx.copy(to.u, from.u);
            ctx.copy(to.w, from.w);
            System.arraycopy(from.c, 0, to.c, 0, from.c.length);
        }

        double dot(PV a, PV b) {
            double s = ctx.dot(a.u, b.u) + ctx.dot(a.w, b.w);
            for (int j = 0; j < a.c.length; j++) s += a.c[j] * b.c[j];
            return s;
        }

        void axpy(PV y, double a, PV x) {
            ctx.axpy(y.u, a, x.u);
            ctx.axpy(y.w, a, x.w);
            for (int j = 0; j < y.c.length; j++) y.c[j] += a * x.c[j];
        }

        void scale(PV x, double a) {
            ctx.scale(x.u, a);
            ctx.scale(x.w, a);
            for (int j = 0; j < x.c.length; j++) x.c[j] *= a;
        }

        void copy(PV d, PV s) {
            ctx.copy(d.u, s.u);
            ctx.copy(d.w, s.w);
            System.arraycopy(s.c, 0, d.c, 0, s.c.length);
        }

        double maxAbs(PV x) {
            double m = Math.max(ctx.maxAbs(x.u), ctx.maxAbs(x.w));
            for (double c : x.c) m = Math.max(m, Math.abs(c));
            return m;
        }

        // ------------------------------------------------------------ phase 1: L-BFGS on the spred objective

        /** Runs up to maxIt L-BFGS iterations from x (updated in place); returns the iterations done. */
        int lbfgs(Stack st, PV x, int maxIt) {
            final int mem = 10;
            PV g = st.newPV(), d = st.newPV(), xt = st.newPV(), gt = st.newPV();
            PV[] S = new PV[mem], Y = new PV[mem];
            double[] rho = new double[mem], al = new double[mem];
            int stored = 0, head = 0;
            double f = st.spred(x, g);
            double ftol = prec == Precision.FLOAT32 ? 1e-7 : 1e-15;
            int stall = 0, it = 0;
            double gamma = 1 / Math.max(maxAbs(g), 1e-300);
            for (; it < maxIt; it++) {
                // two-loop recursion: d = −H g
                copy(d, g);
                for (int q = 0; q < stored; q++) {
                    int i = Math.floorMod(head - 1 - q, mem);
                    al[i] = rho[i] * dot(S[i], d);
                    axpy(d, -al[i], Y[i]);
                }
                scale(d, gamma);
                for (int q = stored - 1; q >= 0; q--) {
                    int i = Math.floorMod(head - 1 - q, mem);
                    double bta = rho[i] * dot(Y[i], d);
                    axpy(d, al[i] - bta, S[i]);
                }
                scale(d, -1);
                double gd = dot(g, d);
                if (!(gd < 0)) { // not a descent direction (float32 noise): restart from the gradient
                    stored = 0;
                    copy(d, g);
                    scale(d, -gamma);
                    gd = dot(g, d);
                    if (!(gd < 0)) break;
                }
                // weak Wolfe line search by bisection / doubling
                double t = 1, lo = 0, hi = Double.POSITIVE_INFINITY, ft = Double.NaN;
                boolean ok = false;
                for (int ls = 0; ls < 40; ls++) {
                    copy(xt, x);
                    axpy(xt, t, d);
                    ft = st.spred(xt, gt);
                    if (!(ft <= f + 1e-4 * t * gd)) hi = t;
                    else if (dot(gt, d) < 0.9 * gd) lo = t;
                    else {
                        ok = true;
                        break;
                    }
                    t = Double.isInfinite(hi) ? 2 * lo : (lo + hi) / 2;
                }
                if (!ok && !(ft < f)) break; // no progress possible at this precision
                // s = xt − x, y = gt − g
                if (S[head] == null) {
                    S[head] = st.newPV();
                    Y[head] = st.newPV();
                }
                copy(S[head], xt);
                axpy(S[head], -1, x);
                copy(Y[head], gt);
                axpy(Y[head], -1, g);
                double sy = dot(S[head], Y[head]);
                double yy = dot(Y[head], Y[head]);
                if (sy > 1e-300 && yy > 0) {
                    rho[head] = 1 / sy;
                    gamma = sy / yy;
                    head = (head + 1) % mem;
                    stored = Math.min(stored + 1, mem);
                }
                double df = f - ft;
                copy(x, xt);
                copy(g, gt);
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

        /** First-order methods through the fused update kernels (full batch), for Method SGD/MOMENTUM/ADAM. */
        int firstOrder(Stack st, PV x, int maxIt) {
            PV g = st.newPV();
            DeviceBuffer mu1 = st.mine(alloc(x.u.length())), mw1 = st.mine(alloc(x.w.length()));
            DeviceBuffer mu2 = st.mine(alloc(x.u.length())), mw2 = st.mine(alloc(x.w.length()));
            ctx.fill(mu1, 0); ctx.fill(mw1, 0); ctx.fill(mu2, 0); ctx.fill(mw2, 0);
            double[] mc = new double[x.c.length], vc = new double[x.c.length];
            // step from a curvature estimate. In b the loss has L ≈ Σ colNorm_j² (/4 logistic); in (u, w) each
            // coordinate's curvature is that times u_j² + w_j² (≈ 2|b_j|), plus |G_j| and λ from the split: a
            // step of 0.5/L alone diverged once the coefficients were large (standardised diabetes_raw, sgd and
            // momentum went to NaN after ~150 steps). The start's estimate can still be too long when the
            // coefficients grow, so every step is checked: a non-finite or more than doubled objective goes back
            // to the best point seen, with a 4x shorter step and fresh moments.
            double lipB = 0;
            for (int j = 0; j < p; j++) lipB += pb.colNorm[j] * pb.colNorm[j];
            if (loss == Loss.LOGISTIC) lipB /= 4;
            double la = st.la[0];
            double[] uh = x.u.toDoubleArray(), wh = x.w.toDoubleArray();
            double size = 0;
            for (int j = 0; j < uh.length; j++) size = Math.max(size, uh[j] * uh[j]);
            for (int j = 0; j < wh.length; j++) size = Math.max(size, wh[j] * wh[j]);
            double lip = lipB * Math.max(2 * size, 1) + la;
            double lr = 0.5 / Math.max(lip, 1e-300);
            double alr = 1e-3 * Math.sqrt(Math.max(la, 1e-12) / Math.max(lipB, 1e-300));
            PV best = st.newPV();
            copyPV(best, x);
            double fBest = Double.POSITIVE_INFINITY;
            int backoffs = 0;
            for (int it = 1; it <= maxIt; it++) {
                double f = st.spred(x, g); // computes G in st.G (and the full gradient, used for c)
                if (!(f <= 2 * fBest + Double.MIN_NORMAL) && fBest < Double.POSITIVE_INFINITY) {
                    // diverging (or NaN): back to the best point, shorter steps, moments restarted
                    if (++backoffs > 60)
                        throw new ArithmeticException("first-order " + o.method() + " diverged: the objective stayed non-finite or growing after 60 step reductions");
                    copyPV(x, best);
                    lr /= 4;
                    alr /= 4;
                    ctx.fill(mu1, 0); ctx.fill(mw1, 0); ctx.fill(mu2, 0); ctx.fill(mw2, 0);
                    Arrays.fill(mc, 0);
                    Arrays.fill(vc, 0);
                    f = st.spred(x, g);
                }
                if (f < fBest) {
                    fBest = f;
                    copyPV(best, x);
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
            if (!(fEnd <= fBest)) copyPV(x, best);
            return maxIt;
        }

        // ------------------------------------------------------------ the driver

        FitResult[] run(Problem[] pbs, Warm[] warm, Warm[] sol, long t0) {
            int k = pbs.length;
            FitResult[] res = new FitResult[k];
            double[] bestCert = new double[k];
            Arrays.fill(bestCert, Double.POSITIVE_INFINITY);
            int[] newtonIts = new int[k];
            double[] prevCert = new double[k];
            Arrays.fill(prevCert, Double.POSITIVE_INFINITY);
            try (Stack st = new Stack(pbs)) {
                PV x = st.newPV();
                double[] uh = new double[st.m * k], wh = new double[p * k];
                for (int j = 0; j < k; j++) {
                    Warm w0 = warm != null && warm[j] != null ? warm[j] : null;
                    double c = w0 != null ? w0.c() : pbs[j].nullIntercept();
                    double[] b = w0 != null ? w0.b() : new double[p];
                    if (hasC) x.c[j] = c;
                    initSpred(pbs[j], c, b, uh, wh, j, st.m);
                }
                x.u.copyFrom(uh);
                x.w.copyFrom(wh);
                // a warm start (path) is usually near the answer: a short first round, then the polish decides
                boolean warmStart = warm != null && Arrays.stream(warm).allMatch(w0 -> w0 != null);
                int round = warmStart ? 20 : 100, total = 0, rounds = 0;
                boolean[] done = new boolean[k];
                while (true) {
                    int budget = Math.min(round, o.maxIter() - total);
                    int it = budget <= 0 ? 0 : (o.method() == Method.LBFGS || k > 1 ? lbfgs(st, x, budget) : firstOrder(st, x, budget));
                    total += it;
                    // phase 2 and 3 per problem
                    if (st.groups != null) ctx.groupHadamard(st.v, x.u, x.w, st.groups);
                    else ctx.hadamard(st.v, x.u, x.w);
                    double[] vh = st.v.toDoubleArray();
                    boolean all = true;
                    for (int j = 0; j < k; j++) {
                        if (done[j]) continue;
                        double c = hasC ? x.c[j] : pbs[j].nullIntercept();
                        double[] b = Arrays.copyOfRange(vh, j * p, (j + 1) * p);
                        Polished pl = polish(pbs[j], c, b);
                        newtonIts[j] += pl.iterations;
                        if (pl.cert.certificate() < bestCert[j] || res[j] == null) {
                            bestCert[j] = pl.cert.certificate();
                            res[j] = result(pbs[j], pl, total + newtonIts[j], t0);
                            if (sol != null) sol[j] = new Warm(pl.c, pl.b);
                        }
                        if (bestCert[j] <= o.tol()) done[j] = true;
                        else {
                            all = false;
                            // resume phase 1 from the polished point
                            initSpred(pbs[j], pl.c, pl.b, uh, wh, j, st.m);
                            if (hasC) x.c[j] = pl.c;
                        }
                    }
                    // stop when a whole round improved no unfinished certificate by 10x: the working precision
                    // (float32) or maxIter is the limit; the best certificate reached is reported, never success
                    boolean progress = false;
                    for (int j = 0; j < k; j++) if (!done[j] && bestCert[j] < 0.1 * prevCert[j]) progress = true;
                    for (int j = 0; j < k; j++) prevCert[j] = bestCert[j];
                    rounds++;
                    if (all || total >= o.maxIter() || it == 0 && rounds > 1 || !progress && rounds > 1) break;
                    // continue every unfinished problem from its polished point (finished ones stay where they are)
                    double[] uCur = x.u.toDoubleArray(), wCur = x.w.toDoubleArray();
                    for (int j = 0; j < k; j++)
                        if (!done[j]) {
                            System.arraycopy(uh, j * st.m, uCur, j * st.m, st.m);
                            System.arraycopy(wh, j * p, wCur, j * p, p);
                        }
                    x.u.copyFrom(uCur);
                    x.w.copyFrom(wCur);
                    round = Math.max(2 * round, 100);
                }
            }
            return res;
        }

        /** u, w from b (internal, standardised): V = U⊙W = b, |U| = |W| (group: u_g = √‖b_g‖); zeros get a small seed. */
        void initSpred(Problem q, double c, double[] b, double[] uh, double[] wh, int j, int m) {
            double[] G = evalHost(q, c, b).grad();
            double la = q.lambda * q.alpha;
            for (int g = 0; g < q.groupCount(); g++) {
                double nb = 0, ng = 0, cn = 0;
                for (int i = q.gStart(g); i < q.gEnd(g); i++) {
                    nb += b[i] * b[i];
                    ng += G[i] * G[i];
                    cn = Math.max(cn, q.colNorm[i]);
                }
                nb = Math.sqrt(nb);
                ng = Math.sqrt(ng);
                // seed: the size of a first-order step of the coordinate (or group) from zero, damped
                double seed = Math.max(ng - la * q.weight(g), 0) / Math.max(cn * cn, 1e-300);
                double tiny = 1e-3 * Math.max(seed, 1e-6 * (ng > 0 ? ng / Math.max(cn * cn, 1e-300) : 1));
                if (pb.model == Model.GROUP) {
                    double ug = Math.sqrt(nb > 0 ? nb : tiny);
                    uh[j * m + g] = ug;
                    for (int i = q.gStart(g); i < q.gEnd(g); i++)
                        wh[j * p + i] = nb > 0 ? b[i] / ug : -ug * (ng > 0 ? G[i] / ng : 1 / Math.sqrt(q.gEnd(g) - q.gStart(g)));
                } else {
                    int i = g;
                    double a = b[i] != 0 ? Math.abs(b[i]) : tiny;
                    double s = b[i] != 0 ? Math.signum(b[i]) : (G[i] > 0 ? -1 : 1);
                    uh[j * m + i] = s * Math.sqrt(a);
                    wh[j * p + i] = Math.sqrt(a);
                }
            }
        }

        // ------------------------------------------------------------ evaluations at a host point

        /** η, r, Xcᵀr at (c, b) on the device in the working precision (one lossGradient, k = 1). */
        Ev evalDevice(Problem q, double c, double[] b) {
            // the loss does not depend on λ, so one k = 1 stack serves every evaluation of this engine
            if (single == null) single = new Stack(new Problem[]{q});
            Stack st = single;
            DeviceBuffer bb = st.v;
            bb.copyFrom(b);
            double l = st.lossAt(bb, new double[]{c});
            double[] g = st.G.toDoubleArray();
            return new Ev(st.eta.toDoubleArray(), st.r.toDoubleArray(), g, l, st.sr[0]);
        }

        private Stack single;

        /** The same in float64 on the host (used for the certificate when the working precision is float32). */
        Ev evalHost(Problem q, double c, double[] b) {
            double[] e = q.eta(c, b);
            double[] r = new double[n];
            double s = 0;
            for (int i = 0; i < n; i++) {
                r[i] = q.y[i] - q.mu(e[i]);
                s += r[i];
            }
            double[] x = q.xcT(r);
            double[] g = new double[p];
            for (int j = 0; j < p; j++) g[j] = -x[j] / q.scale[j] / n;
            return new Ev(e, r, g, q.loss(e), s);
        }

        /** η, residual, G = ∂L/∂b (internal), loss value, Σr. */
        record Ev(double[] eta, double[] r, double[] grad, double loss, double sumR) {
        }

        Problem.Cert certify(Problem q, double c, double[] b) {
            Ev ev = prec == Precision.FLOAT64 ? evalDevice(q, c, b) : evalHost(q, c, b);
            double[] xcTr = new double[p];
            for (int j = 0; j < p; j++) xcTr[j] = -ev.grad()[j] * q.scale[j] * n;
            return q.certificate(b, ev.eta(), ev.r(), xcTr);
        }

        FitResult result(Problem q, double c, double[] b, int iters, long t0) {
            Problem.Cert ct = certify(q, c, b);
            return result(q, new Polished(c, b, ct, 0), iters, t0);
        }

        FitResult result(Problem q, Polished pl, int iters, long t0) {
            double[] beta = q.originalBeta(pl.b);
            int nnz = 0;
            for (double v : beta) if (v != 0) nnz++;
            return new FitResult(q.originalIntercept(pl.c, pl.b), beta, q.lambda, pl.cert.objective(),
                    q.model == Model.GROUP ? "kkt_violation" : "duality_gap", pl.cert.certificate(), nnz, iters,
                    (System.nanoTime() - t0) / 1e9, ctx.backendName(), ctx.deviceName());
        }

        // ------------------------------------------------------------ phase 2: exact zeros and polish

        record Polished(double c, double[] b, Problem.Cert cert, int iterations) {
        }

        Polished polish(Problem q, double c, double[] b) {
            b = b.clone();
            double la = q.lambda * q.alpha, mu = q.lambda * (1 - q.alpha);
            Ev ev = evalDevice(q, c, b);
            // exact zeros: tiny (relative effect on the fit) AND the KKT condition for zero holds
            double big = 0;
            for (int g = 0; g < q.groupCount(); g++) big = Math.max(big, effect(q, b, g));
            for (int g = 0; g < q.groupCount(); g++) {
                double ng = 0;
                for (int i = q.gStart(g); i < q.gEnd(g); i++) {
                    double t = ev.grad()[i] + mu * b[i];
                    ng += t * t;
                }
                if (effect(q, b, g) <= 1e-4 * big && Math.sqrt(ng) <= la * q.weight(g))
                    for (int i = q.gStart(g); i < q.gEnd(g); i++) b[i] = 0;
            }
            int its = 0;
            Polished best = null;
            for (int outer = 0; outer < 30; outer++) {
                double[] cb = newton(q, c, b);
                its += (int) cb[0];
                c = cb[1];
                Problem.Cert ct = certify(q, c, b);
                if (best == null || ct.certificate() < best.cert.certificate())
                    best = new Polished(c, b.clone(), ct, its);
                if (ct.certificate() <= o.tol()) break;
                // add the worst KKT violators (zero coefficients whose gradient exceeds the penalty)
                double[] G = ct.grad();
                List<double[]> viol = new ArrayList<>();
                for (int g = 0; g < q.groupCount(); g++) {
                    if (effect(q, b, g) > 0) continue;
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
                    double cn = 0;
                    for (int i = q.gStart(g); i < q.gEnd(g); i++) cn = Math.max(cn, q.colNorm[i]);
                    double step = viol.get(a)[1] / Math.max(cn * cn + mu, 1e-300);
                    for (int i = q.gStart(g); i < q.gEnd(g); i++) b[i] = -step * G[i] / ng;
                }
            }
            return best;
        }

        /** ‖b_g‖·(largest column scale in g): the size of the group's contribution to η. */
        static double effect(Problem q, double[] b, int g) {
            double s = 0, cn = 0;
            for (int i = q.gStart(g); i < q.gEnd(g); i++) {
                s += b[i] * b[i];
                cn = Math.max(cn, q.colNorm[i]);
            }
            return Math.sqrt(s) * Math.max(cn, 1e-300);
        }

        /**
         * Newton on the support of b (updated in place; signs fixed for L1, coordinates that cross zero are set to
         * zero and leave the support; group norms smooth on active groups). Returns {iterations, c}.
         */
        double[] newton(Problem q, double c, double[] b) {
            double la = q.lambda * q.alpha, mu = q.lambda * (1 - q.alpha);
            boolean group = q.model == Model.GROUP;
            int its = 0;
            double prevNorm = Double.POSITIVE_INFINITY;
            for (int it = 0; it < 50; it++) {
                int[] S = support(b);
                int k = S.length;
                int dim = k + (hasC ? 1 : 0);
                if (dim == 0) return new double[]{its, c};
                Ev ev = evalDevice(q, c, b);
                double[] sgn = new double[p];
                for (int j : S) sgn[j] = Math.signum(b[j]);
                double[] gv = new double[dim];
                double[] nrm = group ? groupNorms(q, b) : null;
                for (int a = 0; a < k; a++) {
                    int j = S[a];
                    double pen = group ? la * q.weight(groupOf(q, j)) * b[j] / nrm[groupOf(q, j)] : la * sgn[j];
                    gv[a] = ev.grad()[j] + mu * b[j] + pen;
                }
                if (hasC) gv[k] = -ev.sumR() / n;
                double gn = 0;
                for (double t : gv) gn = Math.max(gn, Math.abs(t));
                if (gn == 0 || gn >= prevNorm && it > 2) break;
                prevNorm = gn;
                double[] H;
                if (loss == Loss.SQUARED) {
                    H = squaredHessian(q, S);
                    for (int a = 0; a < k; a++) H[a * dim + a] += mu;
                } else {
                    double[] D = new double[n];
                    for (int i = 0; i < n; i++) {
                        if (loss == Loss.SQUARED) D[i] = 1;
                        else {
                            double m = 1 / (1 + Math.exp(-ev.eta()[i]));
                            D[i] = m * (1 - m);
                        }
                    }
                    H = hessian(q, S, D, dim);
                    for (int a = 0; a < k; a++) H[a * dim + a] += mu;
                }
                if (group) addGroupCurvature(q, b, S, nrm, H, dim, la);
                double[] d = solve(H, gv, dim);
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
                boolean tinyDecrease = -gd <= (prec == Precision.FLOAT32 ? 1e-6 : 1e-11) * Math.abs(phi0)
                        || loss == Loss.SQUARED && !group; // a convex quadratic on the orthant: t = tmax decreases it
                for (int ls = 0; ls < 40; ls++) {
                    for (int a = 0; a < k; a++) bt[S[a]] = b[S[a]] + t * d[a];
                    if (t == tmax && cross >= 0) bt[S[cross]] = 0;
                    ct = hasC ? c + t * d[k] : c;
                    if (tinyDecrease) {
                        accepted = true;
                        break;
                    }
                    double lt = evalDevice(q, ct, bt).loss();
                    double pt = phi(q, lt, bt, S, sgn, group ? groupNorms(q, bt) : null);
                    if (pt <= phi0 + 1e-4 * t * gd || pt <= phi0 && loss == Loss.SQUARED) {
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
                    double[] nn = groupNorms(q, b);
                    for (int g = 0; g < q.groupCount(); g++)
                        if (nn[g] > 0 && nn[g] * effectScale(q, g) < 1e-15 * maxEffect(q, b))
                            for (int i = q.gStart(g); i < q.gEnd(g); i++) b[i] = 0;
                }
                if (gn <= 1e-15 * Math.max(la, 1e-300) && cross < 0) break;
            }
            return new double[]{its, c};
        }

        private int[] sqS;
        private double[] sqH;

        /**
         * The squared loss's Hessian Zcᵀ Zc / n on S (independent of β and λ): computed on the device for a new
         * support, and taken as a sub-matrix while the support only shrinks (coordinates leaving one at a time
         * would otherwise cost a device pass each).
         */
        double[] squaredHessian(Problem q, int[] S) {
            int k = S.length;
            if (sqS != null) {
                int[] pos = new int[k];
                int c = 0;
                boolean sub = true;
                for (int a = 0; a < k && sub; a++) {
                    while (c < sqS.length && sqS[c] < S[a]) c++;
                    if (c < sqS.length && sqS[c] == S[a]) pos[a] = c;
                    else sub = false;
                }
                if (sub) {
                    int m = sqS.length;
                    double[] H = new double[k * k];
                    for (int a = 0; a < k; a++)
                        for (int b2 = 0; b2 < k; b2++) H[a * k + b2] = sqH[pos[a] * m + pos[b2]];
                    return H;
                }
            }
            double[] D = new double[n];
            Arrays.fill(D, 1);
            double[] H = hessian(q, S, D, k);
            sqS = S.clone();
            sqH = H.clone();
            return H;
        }

        double effectScale(Problem q, int g) {
            double cn = 0;
            for (int i = q.gStart(g); i < q.gEnd(g); i++) cn = Math.max(cn, q.colNorm[i]);
            return cn;
        }

        double maxEffect(Problem q, double[] b) {
            double m = 0;
            for (int g = 0; g < q.groupCount(); g++) m = Math.max(m, effect(q, b, g));
            return m;
        }

        static int[] support(double[] b) {
            int c = 0;
            for (double v : b) if (v != 0) c++;
            int[] s = new int[c];
            c = 0;
            for (int j = 0; j < b.length; j++) if (b[j] != 0) s[c++] = j;
            return s;
        }

        static int groupOf(Problem q, int j) {
            if (q.offsets == null) return j;
            int lo = 0, hi = q.offsets.length - 2;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (q.offsets[mid] <= j) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }

        static double[] groupNorms(Problem q, double[] b) {
            double[] r = new double[q.groupCount()];
            for (int g = 0; g < r.length; g++) {
                double s = 0;
                for (int i = q.gStart(g); i < q.gEnd(g); i++) s += b[i] * b[i];
                r[g] = Math.sqrt(s);
            }
            return r;
        }

        /** The objective restricted to the current orthant / active groups. */
        double phi(Problem q, double lossVal, double[] b, int[] S, double[] sgn, double[] nrm) {
            double la = q.lambda * q.alpha, mu = q.lambda * (1 - q.alpha);
            double s = lossVal, l2 = 0;
            for (double v : b) l2 += v * v;
            s += mu / 2 * l2;
            if (nrm != null) {
                for (int g = 0; g < nrm.length; g++) s += la * q.weight(g) * nrm[g];
            } else for (int j : S) s += la * sgn[j] * b[j];
            return s;
        }

        void addGroupCurvature(Problem q, double[] b, int[] S, double[] nrm, double[] H, int dim, double la) {
            for (int a = 0; a < S.length; a++)
                for (int c2 = 0; c2 < S.length; c2++) {
                    int g = groupOf(q, S[a]);
                    if (groupOf(q, S[c2]) != g) continue;
                    double nb = nrm[g];
                    double v = (a == c2 ? 1 / nb : 0) - b[S[a]] * b[S[c2]] / (nb * nb * nb);
                    H[a * dim + c2] += la * q.weight(g) * v;
                }
        }

        /**
         * The Hessian of the loss in (b_S, c): H_ab = (1/n)·Σ_i D_i·Zc_ia·Zc_ib with Zc = Xc·diag(1/s) restricted
         * to S, computed on the device: Z = X·E (matVec, k = |S| unit vectors), then Xᵀ(D⊙Zc) (matTVec, k = |S|).
         */
        double[] hessian(Problem q, int[] S, double[] D, int dim) {
            int k = S.length;
            double[] H = new double[dim * dim];
            double[] E = new double[p * k];
            for (int a = 0; a < k; a++) E[a * p + S[a]] = 1 / q.scale[S[a]];
            double[] A = new double[n * k];
            double[] colSum = new double[k];
            try (DeviceBuffer e = ctx.upload(prec, E); DeviceBuffer z = ctx.alloc(prec, (long) n * k)) {
                ctx.matVec(z, X, n, p, e, k);
                double[] Z = z.toDoubleArray();
                for (int a = 0; a < k; a++) {
                    double shift = q.xbar[S[a]] / q.scale[S[a]];
                    for (int i = 0; i < n; i++) {
                        A[a * n + i] = D[i] * (Z[a * n + i] - shift);
                        colSum[a] += A[a * n + i];
                    }
                }
            }
            double[] HT;
            try (DeviceBuffer aBuf = ctx.upload(prec, A); DeviceBuffer h = ctx.alloc(prec, (long) p * k)) {
                ctx.matTVec(h, X, n, p, aBuf, k);
                HT = h.toDoubleArray();
            }
            for (int a = 0; a < k; a++)
                for (int c2 = 0; c2 < k; c2++) {
                    int j = S[a];
                    H[a * dim + c2] = (HT[c2 * p + j] - q.xbar[j] * colSum[c2]) / q.scale[j] / n;
                }
            for (int a = 0; a < k; a++) // symmetrise the rounding
                for (int c2 = a + 1; c2 < k; c2++) {
                    double s = (H[a * dim + c2] + H[c2 * dim + a]) / 2;
                    H[a * dim + c2] = s;
                    H[c2 * dim + a] = s;
                }
            if (dim > k) {
                double sd = 0;
                for (double v : D) sd += v;
                H[k * dim + k] = sd / n;
                for (int a = 0; a < k; a++) {
                    H[a * dim + k] = colSum[a] / n;
                    H[k * dim + a] = colSum[a] / n;
                }
            }
            return H;
        }

        /** Solves H x = g (Cholesky with a growing ridge and one refinement: {@link Cholesky#solve}). */
        static double[] solve(double[] H, double[] g, int d) {
            return Cholesky.solve(H, g, d);
        }
    }
}
