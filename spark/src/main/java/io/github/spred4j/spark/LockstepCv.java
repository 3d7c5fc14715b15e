package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

import java.util.Arrays;

/**
 * Cross-validation's route for the GLMs (logistic, Poisson) and for the squared loss beyond the fold Grams (p too
 * large for K p×p Grams): the K training sets and the full data are fitted along the λ path in lockstep, each
 * Spark pass ({@link LockstepPass}) serving all K + 1 at once. Each set is proximal Newton on its own working set
 * W (support ∪ strong rule ∪ KKT violators), as the distributed fit ({@link WorkingSetSolver}) does for one set:
 * a pass at a set's point returns its loss, gradient and curvature-weighted Gram on W; the driver takes the step
 * ({@link GlmStep}), the next pass evaluates it (halved while the objective rises: a line search on the true
 * objective). When a step predicts a decrease ≤ tol·|P| the same pass that evaluates the next point also returns
 * the conjugate sums of the current point's dual (the scalings from that point's own pass), hence its signed
 * relative duality gap ({@link DualGap}, never clamped); the squared loss's gap is closed-form and needs no pass.
 * A certified point is that λ's answer; its fold's held-out deviance came with its evaluation. Sets move along the
 * path independently, so the number of Spark jobs is about the slowest set's Newton steps over the whole path,
 * not K × L × steps; the full-data path gives the model at the chosen λ without another fit.
 */
final class LockstepCv {
    private LockstepCv() {
    }

    /** Per set (K folds' training sets, then all rows) and λ: the answers and their gaps; per fold the held-out sums. */
    record Paths(double[][] c0, double[][][] beta, double[][] gap, double[][] objective, double[][] heldOut,
                 int passes, int[] steps, int[] workingSet) {
    }

    /**
     * @param sets the statistics of each set's rows (fold k's training sums, then the total), from {@link FoldSums}
     * @param ids  the sorted fold ids
     */
    static Paths run(JavaRDD<Row> rows, int p, WorkingSetSolver.Options o, FoldSums.FoldOf foldOf, int[] ids,
                     FoldSums.One[] sets, double[] lam, int depth) {
        int S = sets.length;
        Fit[] fits = new Fit[S];
        for (int s = 0; s < S; s++) fits[s] = new Fit(sets[s], p, o, lam);
        String famName = o.family().name();
        long budget = budget();
        int passes = 0, next = 0;
        while (true) {
            LockstepPass.Ask[] asks = schedule(fits, budget, next);
            if (asks == null) break;
            next = (next + 1) % S; // a different set leads each pass, so none waits behind the others for long
            LockstepPass.Spec spec = new LockstepPass.Spec(ids, asks, famName, o.weightIndex());
            long t0 = System.nanoTime();
            LockstepPass.Sums r = rows.mapPartitions(it -> LockstepPass.run(it, p, foldOf, spec))
                    .treeReduce(LockstepPass.Sums::add, depth);
            passes++;
            WorkingSetSolver.trace("lockstep pass %d: %.3f s", passes, (System.nanoTime() - t0) / 1e9);
            for (int s = 0; s < S; s++)
                if (asks[s] != null) fits[s].answer(r.set[s], s < S - 1 ? r.heldOut[s] : 0);
        }
        double[][] c0 = new double[S][], gap = new double[S][], obj = new double[S][], held = new double[S - 1][];
        double[][][] beta = new double[S][][];
        int[] steps = new int[S], ws = new int[S];
        for (int s = 0; s < S; s++) {
            c0[s] = fits[s].c0s;
            beta[s] = fits[s].betas;
            gap[s] = fits[s].gaps;
            obj[s] = fits[s].objs;
            steps[s] = fits[s].steps;
            ws[s] = fits[s].w.length;
            if (s < S - 1) held[s] = fits[s].held;
        }
        return new Paths(c0, beta, gap, obj, held, passes, steps, ws);
    }

    /**
     * The driver-side budget of a pass's working-set Grams (doubles, all sets together): {@link SparkCv#GRAM_LIMIT},
     * or less with {@code -Dspred4j.spark.lockstepGramLimit} (tests reach the scheduling below with small p).
     */
    static long budget() {
        return Math.min(SparkCv.GRAM_LIMIT, Long.getLong("spred4j.spark.lockstepGramLimit", SparkCv.GRAM_LIMIT));
    }

    /**
     * The asks one pass serves: every set's pending ask while their Grams fit the budget, taken from set {@code first}
     * on; the sets left out keep their asks for a later pass (more passes, the same answers), so wide working sets
     * late on the path cost passes, not an error. Null when no set asks anything (the path is done); a one-line
     * error when one set's Gram alone is over the budget.
     */
    static LockstepPass.Ask[] schedule(Fit[] fits, long budget, int first) {
        int S = fits.length;
        LockstepPass.Ask[] asks = new LockstepPass.Ask[S];
        long doubles = 0;
        boolean any = false;
        for (int i = 0; i < S; i++) {
            int s = (first + i) % S;
            LockstepPass.Ask a = fits[s].ask;
            if (a == null) continue;
            long size = a.gramSize();
            if (size > budget)
                throw new IllegalArgumentException("a working set of " + a.gram().length + " columns needs a Gram of " + size
                        + " doubles on the driver, above the limit of " + budget + ": use a larger cvLambdaMinRatio or fewer features");
            if (doubles + size > budget) continue; // this set waits for a later pass
            asks[s] = a;
            doubles += size;
            any = true;
        }
        return any ? asks : null;
    }

    /** One set's path: a state machine driven by the passes' answers. */
    static final class Fit {
        /** Newton steps at one λ before its point is taken as it is (its gap reported, whatever it is). */
        final int maxSteps;
        final WorkingSetSolver.Options base;
        final LossFamily fam;
        final double[] lam, xbar, sc;
        final double n, ybar;
        final double[] c0s, gaps, objs, held;
        final double[][] betas;
        int l, steps, stepsHere, flat;
        double c0, pc0;                 // the accepted point's intercept; the proposal's
        double[] beta, pbeta;           // the accepted point (original scale); the proposal
        int[] w = new int[0];
        boolean[] inW;
        PassSums at;                    // the accepted point's sums (Gram on atW)
        int[] atW;
        double atP, atHeld, lastGap = Double.POSITIVE_INFINITY;
        int halvings;
        double predicted = Double.POSITIVE_INFINITY; // the model's decrease for the pending Newton step
        double[] dual;                  // the scalings {t, r̄, t2, wc} the pending certificate was asked with
        LockstepPass.Ask ask;

        Fit(FoldSums.One t, int p, WorkingSetSolver.Options o, double[] lam) {
            this.base = o;
            this.fam = o.family();
            this.lam = lam;
            this.maxSteps = o.maxIter();
            n = t.wn;
            xbar = new double[p];
            sc = new double[p];
            for (int j = 0; j < p; j++) {
                double m = t.sx[j] / n;
                xbar[j] = o.intercept() ? m : 0;
                double sd = Math.sqrt(Math.max(t.sx2[j] / n - m * m, 0));
                sc[j] = o.standardize() ? (sd > 0 ? sd : 1) : 1;
            }
            ybar = o.intercept() ? t.sy / n : 0;
            if (fam == LossFamily.POISSON && o.intercept() && !(ybar > 0))
                throw new IllegalArgumentException("Poisson regression needs a positive count in the labels (all are 0)");
            int L = lam.length;
            c0s = new double[L];
            gaps = new double[L];
            objs = new double[L];
            held = new double[L];
            betas = new double[L][];
            beta = new double[p];
            inW = new boolean[p];
            c0 = o.intercept() ? fam.nullIntercept(ybar) : 0;
            propose(c0, beta.clone(), null);
        }

        WorkingSetSolver.Options o() {
            return base.at(lam[l]);
        }

        double la() {
            return lam[l] * base.alpha();
        }

        double objective(PassSums s, double[] b) {
            return s.loss / n + DualGap.penalty(b, sc, o());
        }

        /** Asks for the evaluation of (c, b) on the current W, with the certificate of the accepted point if dual ≠ null. */
        private void propose(double c, double[] b, double[] dual) {
            pc0 = c;
            pbeta = b;
            this.dual = dual;
            LockstepPass.Ask p = sparse(c, b);
            if (dual == null) {
                ask = new LockstepPass.Ask(c, p.idx(), p.val(), w.clone(), false, 0, null, null, 0, 0, 0, 0);
                return;
            }
            LockstepPass.Ask cur = sparse(c0, beta);
            ask = new LockstepPass.Ask(c, p.idx(), p.val(), w.clone(), true, c0, cur.idx(), cur.val(), dual[0], dual[1], dual[2], dual[3]);
        }

        /** (c, b) as an evaluation ask with β's non-zeros (no Gram, no certificate). */
        private static LockstepPass.Ask sparse(double c, double[] b) {
            int k = 0;
            for (double v : b) if (v != 0) k++;
            int[] idx = new int[k];
            double[] val = new double[k];
            k = 0;
            for (int j = 0; j < b.length; j++)
                if (b[j] != 0) {
                    idx[k] = j;
                    val[k++] = b[j];
                }
            return new LockstepPass.Ask(c, idx, val, null, false, 0, null, null, 0, 0, 0, 0);
        }

        /** The pass's answer to this set's ask. */
        void answer(PassSums s, double heldOut) {
            LockstepPass.Ask a = ask;
            ask = null;
            if (a.cert() && certify(s, a, heldOut)) return;
            double P1 = objective(s, pbeta);
            boolean same = at != null && pc0 == c0 && Arrays.equals(pbeta, beta);
            // a step the model says is tiny is taken even when rounding makes the objective look a hair higher: halving
            // it would turn Newton's quadratic convergence into halving the error per pass
            boolean rounding = halvings == 0 && predicted <= 1e-10 * Math.abs(atP) && P1 - atP <= 1e-13 * Math.abs(atP);
            if (at == null || same || P1 <= atP || rounding) {
                if (!same) { // a re-evaluation of the same point (W grew, or the dual was shrunk) is no step
                    double decrease = at == null ? Double.POSITIVE_INFINITY : atP - P1;
                    flat = decrease <= 1e-15 * Math.abs(P1) ? flat + 1 : 0;
                }
                accept(s, a, P1, heldOut);
                halvings = 0;
                next();
            } else if (++halvings <= 40) { // damped step: halfway back to the accepted point
                double[] b = new double[beta.length];
                for (int j = 0; j < b.length; j++) b[j] = (beta[j] + pbeta[j]) / 2;
                propose((c0 + pc0) / 2, b, null);
            } else { // no decrease possible along the step: certify the accepted point as it is
                halvings = 0;
                flat = 2;
                next();
            }
        }

        /** The proposal (pc0, pbeta), evaluated by a's pass as s (objective P1, held-out deviance sum heldOut), accepted. */
        private void accept(PassSums s, LockstepPass.Ask a, double P1, double heldOut) {
            c0 = pc0;
            beta = pbeta;
            at = s;
            atW = a.gram();
            atP = P1;
            atHeld = heldOut;
        }

        /**
         * The certificate from the conjugate sums e at the accepted point; true when the λ is finished (certified, or
         * out of steps / flat), then the next λ's work is asked for. The same pass evaluated the Newton step from that
         * point (a, heldOut): where its objective is no higher, the same dual value D bounds it (P1 − D ≤ P − D) and
         * it is the answer. A point certified at a relative gap of 1e-12 is ~1e-6 off in its parameters (the gap is
         * quadratic in them), the step about the square of that: recording the point before the step left the CV's
         * held-out deviances ~1e-7 off the exact ones (the curve's standard errors, a spread of close numbers, 2e-6).
         */
        private boolean certify(PassSums e, LockstepPass.Ask a, double heldOut) {
            double[] tr = {dual[0], dual[1]}, tw = {dual[2], dual[3]};
            boolean ok1 = tr[0] <= e.tMax, ok2 = tw[0] > 0 && tw[0] <= e.tMax2;
            if (!ok1 && !ok2) { // both leave the conjugate's domain somewhere: ask again with t shrunk (still feasible)
                double[] d = {Math.min(tr[0], e.tMax), tr[1], Math.min(tw[0], e.tMax2), tw[1]};
                LockstepPass.Ask cur = sparse(c0, beta);
                dual = d;
                pc0 = c0;
                pbeta = beta;
                ask = new LockstepPass.Ask(c0, cur.idx(), cur.val(), w.clone(), true, c0, cur.idx(), cur.val(), d[0], d[1], d[2], d[3]);
                return true;
            }
            double[] c = ok1 ? DualGap.of(at, beta, xbar, sc, ybar, o(), e.entropy, tr[0]) : null;
            if (base.intercept() && ok2) {
                double[] c2 = DualGap.ofWeighted(at, beta, xbar, sc, o(), e.entropy2, tw[0]);
                if (c == null || c2[1] < c[1]) c = c2;
            }
            double P1 = objective(e, pbeta);
            if (P1 <= atP && (pc0 != c0 || !Arrays.equals(pbeta, beta))) { // the step, bounded by the same D
                double D = c[0] - c[1] * Math.max(Math.abs(c[0]), Double.MIN_NORMAL);
                accept(e, a, P1, heldOut);
                return finish((P1 - D) / Math.max(Math.abs(P1), Double.MIN_NORMAL));
            }
            return finish(c[1]);
        }

        /** Records the λ's answer when certified (or stuck), moves to the next λ and asks for its work. */
        private boolean finish(double gap) {
            // out of steps, or no progress left (the objective flat, or the gap not halving at rounding level)
            boolean stuck = stepsHere >= maxSteps || flat >= 2
                    || !(gap < 0.5 * lastGap) && gap <= Math.max(100 * base.tol(), 1e-10);
            WorkingSetSolver.trace("lockstep set n=%.0f λ[%d]: gap %.3e after %d steps (|W| %d, flat %d)%s", n, l, gap,
                    stepsHere, w.length, flat, stuck ? ", stuck" : "");
            lastGap = gap;
            if (!(gap <= base.tol() && gap >= -1e-12) && !stuck) return false;
            c0s[l] = c0;
            betas[l] = beta.clone();
            gaps[l] = gap;
            objs[l] = atP;
            held[l] = atHeld;
            if (++l == lam.length) {
                ask = null;
                return true;
            }
            stepsHere = 0;
            flat = 0;
            lastGap = Double.POSITIVE_INFINITY;
            atP = objective(at, beta);
            // the strong rule at the new λ from the accepted point's gradient
            double[] g = DualGap.gradient(at, xbar, sc);
            double cut = base.alpha() * (2 * lam[l] - lam[l - 1]);
            int[] strong = WorkingSetSolver.top(g, Math.max(cut, 0), Integer.MAX_VALUE);
            shrink(strong);
            grow(strong);
            next();
            return true;
        }

        /**
         * Drops W's columns that are zero at the accepted point and outside the new λ's strong set: W stays the
         * support, the strong set and the KKT violators, not every column that ever was in it (next()'s KKT check
         * brings back any column dropped wrongly). When W was the accepted point's own W, its sums are restricted to
         * the smaller W here (the Gram's rows and columns, Xᵀ(w·r) on W): no pass for a shrink alone.
         */
        private void shrink(int[] strong) {
            boolean[] keep = new boolean[beta.length];
            for (int j : strong) keep[j] = true;
            int k = 0;
            for (int j : w) if (keep[j] || beta[j] != 0) k++;
            if (k == w.length) return;
            int[] nw = new int[k], pos = new int[k];
            k = 0;
            for (int a = 0; a < w.length; a++) {
                int j = w[a];
                if (keep[j] || beta[j] != 0) {
                    pos[k] = a;
                    nw[k++] = j;
                } else inW[j] = false;
            }
            if (Arrays.equals(w, atW)) {
                at = restricted(at, pos, w.length);
                atW = nw;
            }
            w = nw;
        }

        private void grow(int[] add) {
            int k = 0;
            for (int j : add) if (!inW[j]) k++;
            if (k == 0) return;
            int[] nw = Arrays.copyOf(w, w.length + k);
            k = w.length;
            for (int j : add)
                if (!inW[j]) {
                    inW[j] = true;
                    nw[k++] = j;
                }
            w = nw;
        }

        /** From the accepted point: grow W by KKT violators, or take a Newton step (with the certificate when near). */
        private void next() {
            double[] g = DualGap.gradient(at, xbar, sc);
            double la = la();
            int[] viol = WorkingSetSolver.top(g, la * (1 + 1e-12), Integer.MAX_VALUE);
            int before = w.length;
            grow(viol);
            if (w.length != before || !Arrays.equals(w, atW)) { // the Gram at this point on the new W: one pass
                propose(c0, beta.clone(), null);
                return;
            }
            double[][] Q = unpack(at.gram, w.length);
            double[] nb = beta.clone();
            double nc = GlmStep.solve(w, Q, at.xtwR, at.xtr, at.sumR, at.sumW, n, at.loss, sc, nb, c0,
                    base.intercept(), la, lam[l] * (1 - base.alpha()));
            predicted = predicted(Q, nb, nc);
            boolean near = predicted <= base.tol() * Math.abs(atP) || stepsHere >= maxSteps || flat >= 2;
            if (near && fam.isQuadratic()) { // the squared loss's gap is closed-form: no pass
                double t = DualGap.scaling(at, xbar, sc, o())[0];
                if (finish(DualGap.of(at, beta, xbar, sc, ybar, o(), Double.NaN, t)[1])) return;
                near = false;
            }
            steps++;
            stepsHere++;
            if (!near) {
                propose(nc, nb, null);
                return;
            }
            double[] tr = DualGap.scaling(at, xbar, sc, o());
            double[] tw = base.intercept() ? DualGap.weightedScaling(at, xbar, sc, o()) : new double[]{0, 0};
            propose(nc, nb, new double[]{tr[0], tr[1], tw[0], tw[1]});
        }

        /** The model's predicted decrease of the objective from the accepted point to (nc, nb). */
        private double predicted(double[][] Q, double[] nb, double nc) {
            int k = w.length;
            double dc = nc - c0, lin = at.sumR * dc, quad = dc * dc * at.sumW;
            double[] d = new double[k];
            for (int a = 0; a < k; a++) d[a] = nb[w[a]] - beta[w[a]];
            for (int a = 0; a < k; a++) {
                if (d[a] == 0) continue;
                lin += at.xtr[w[a]] * d[a];
                double qd = 0;
                for (int m = 0; m < k; m++) qd += Q[a][m] * d[m];
                quad += d[a] * qd + 2 * dc * at.xtwR[a] * d[a];
            }
            double change = (-lin + quad / 2) / n + DualGap.penalty(nb, sc, o()) - DualGap.penalty(beta, sc, o());
            return -change;
        }

        /**
         * A copy of s whose W-indexed sums (the packed Gram, Xᵀ(w·r)) keep only W's positions {@code pos}
         * (increasing) of its k; the other sums are shared.
         */
        static PassSums restricted(PassSums s, int[] pos, int k) {
            PassSums r = new PassSums();
            r.add(s); // the scalars and the p-long sums (shared arrays: neither side changes them after its pass)
            int m = pos.length;
            double[] gram = new double[m * (m + 1) / 2], xtwR = new double[m];
            for (int a = 0, e = 0; a < m; a++) {
                xtwR[a] = s.xtwR[pos[a]];
                int row = pos[a] * k - pos[a] * (pos[a] - 1) / 2 - pos[a]; // where row pos[a] of s's triangle starts
                for (int c = a; c < m; c++, e++) gram[e] = s.gram[row + pos[c]];
            }
            r.gram = gram;
            r.xtwR = xtwR;
            return r;
        }

        /** The packed upper triangle (row by row) of a k×k symmetric matrix, as rows. */
        static double[][] unpack(double[] tri, int k) {
            double[][] M = new double[k][k];
            for (int a = 0, e = 0; a < k; a++)
                for (int m = a; m < k; m++, e++) {
                    M[a][m] = tri[e];
                    M[m][a] = tri[e];
                }
            return M;
        }
    }
}
