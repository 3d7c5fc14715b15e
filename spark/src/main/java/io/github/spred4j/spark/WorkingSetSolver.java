package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.UUID;

/**
 * The distributed working-set engine. Every pass is one Spark job ({@code mapPartitions} over the packed
 * {@link Block}s, {@code treeReduce} — Spark's treeAggregate — of their {@link PassSums}); the driver keeps only
 * p-vectors and the |W|×|W| Gram of the working set W, never a p×p array.
 *
 * <p>First pass: n, Σy, Σx, Σx² (means and scales: the intercept and standardisation stay implicit, the data are
 * never centred) and Xᵀy. The strong rule against λ_max picks the first W (the strongest features, at most
 * {@link #FIRST_W}); afterwards W grows by the worst KKT violators, at least doubling (never shrinking, so cached
 * Gram columns stay valid).
 * <ul>
 *   <li>Squared loss: per outer step one Gram pass for the entering columns N only (X_{W∪N}ᵀX_N, centred and
 *       scaled on the driver: (XᵀX − n x̄x̄ᵀ)/(n s sᵀ)), coordinate descent on the Gram (glmnet's covariance
 *       mode, {@link GramCd}) to machine precision, the intercept in closed form, then one gradient pass at the
 *       answer: Xᵀr, ‖r‖², Σr, Σry give the KKT violators and the duality gap in closed form.</li>
 *   <li>GLMs (logistic, Poisson): proximal Newton on W. A point pass returns the loss, Xᵀ(y − μ) and the weighted
 *       Gram X_WᵀDX_W (one triangle) with X_WᵀD1 and ΣD; the driver eliminates the intercept (Schur complement),
 *       solves the L1 model on W by {@link GramCd}, and halves the step until the objective does not increase
 *       (each trial one pass). When no feature outside W violates KKT, one cheap job (the partitions' cached
 *       residuals, no read of X) gives the conjugate sum of the dual point, hence the signed gap.</li>
 * </ul>
 * The certificate is the core's relative duality gap (dual point t(r − r̄)/n), signed, never clamped.
 */
final class WorkingSetSolver {
    /**
     * The most doubles a pass's working-set Gram may hold (2²⁵, 256 MiB: a working set of ~5800 features), or
     * {@code -Dspred4j.spark.gramLimit}.
     */
    static long gramLimit() {
        return Long.getLong("spred4j.spark.gramLimit", 1L << 25);
    }

    private WorkingSetSolver() {
    }

    /** The largest first working set taken from the strong rule (the rest enter as violators). */
    static final int FIRST_W = 128;
    /** The least number of features added when W grows. */
    static final int GROW = 32;

    /** A finished fit; β and the intercept on the original scale, exact zeros. */
    record Result(double intercept, double[] beta, double objective, String certificateName, double certificate,
                  int nnz, int passes, int newtonSteps, int workingSet, double seconds) {
    }

    /** @param backend where the executors read X: auto, java, native, opencl(-cpu/-gpu) or cuda */
    /** @param weightIndex the row field of the observation weight (weightCol), −1 for none */
    record Options(LossFamily family, double lambda, double alpha, boolean intercept, boolean standardize, int maxIter,
                   double tol, String backend, int weightIndex) {
        Options(LossFamily family, double lambda, double alpha, boolean intercept, boolean standardize, int maxIter,
                double tol, String backend) {
            this(family, lambda, alpha, intercept, standardize, maxIter, tol, backend, -1);
        }

        Options(LossFamily family, double lambda, double alpha, boolean intercept, boolean standardize, int maxIter,
                double tol) {
            this(family, lambda, alpha, intercept, standardize, maxIter, tol, "auto");
        }

        /** These options at another λ. */
        Options at(double l) {
            return new Options(family, l, alpha, intercept, standardize, maxIter, tol, backend, weightIndex);
        }
    }

    static final boolean TRACE = Boolean.getBoolean("spred4j.spark.trace");

    static void trace(String fmt, Object... args) {
        if (TRACE) System.err.printf("[spred4j-spark] " + fmt + "%n", args);
    }

    static Result fit(JavaRDD<Row> rows, int p, Options o) {
        State st = new State(rows, p, o);
        String fitId = st.fitId; // the release closure must not capture the driver's state
        try {
            return st.run();
        } finally {
            try {
                rows.foreachPartition(it -> BlockCache.release(fitId));
            } catch (RuntimeException ignored) {
                // best effort: the blocks are freed with their executor otherwise
            }
            BlockCache.release(fitId); // local mode: the driver is the executor
        }
    }

    /** One fit's driver state. */
    private static final class State {
        final JavaRDD<Row> rows;
        final int p;
        final Options o;
        final LossFamily fam;
        final String fitId = UUID.randomUUID().toString();
        final int depth;
        final long t0 = System.nanoTime();
        int passes, points, steps;
        double n; // Σ of the observation weights: the row count when unweighted
        double[] xbar, sc;
        double ybar;
        double c0;
        double[] beta;
        int[] w = new int[0];
        boolean[] inW;
        double[][] Q = new double[0][]; // squared: centred scaled Gram; GLM: raw weighted Gram X_WᵀDX_W
        double[] hx = new double[0];    // GLM: X_WᵀD1
        int point = -1;

        State(JavaRDD<Row> rows, int p, Options o) {
            this.rows = rows;
            this.p = p;
            this.o = o;
            this.fam = o.family();
            this.beta = new double[p];
            this.inW = new boolean[p];
            this.depth = Math.max(2, (int) Math.ceil(Math.log(Math.max(rows.getNumPartitions(), 2)) / Math.log(4)) + 1);
        }

        PassSums pass(boolean newPoint, boolean constants, boolean gradient, int[] gr, int[] gc, boolean weighted,
                      boolean xtw, double[] dual) {
            checkGram(gr, gc);
            if (newPoint) point++;
            int k = 0;
            for (double v : beta) if (v != 0) k++;
            int[] bi = new int[k];
            double[] bv = new double[k];
            k = 0;
            for (int j = 0; j < p; j++)
                if (beta[j] != 0) {
                    bi[k] = j;
                    bv[k++] = beta[j];
                }
            PassSpec q = new PassSpec(fitId, rows.id(), p, fam.name(), point, c0, bi, bv, constants, gradient, gr, gc,
                    weighted, xtw, dual != null, dual == null ? 0 : dual[0], dual == null ? 0 : dual[1],
                    dual == null ? 0 : dual[2], dual == null ? 0 : dual[3], ++passes, o.backend(), o.weightIndex());
            long a = System.nanoTime();
            PassSums s = rows.mapPartitions(it -> BlockCache.pass(q, it)).treeReduce(PassSums::add, depth);
            trace("pass %d (point %d, gradient %b, gram %dx%d, entropy %b): %.3f s", passes, point, gradient,
                    gr == null ? 0 : gr.length, gc == null ? 0 : gc.length, dual != null, (System.nanoTime() - a) / 1e9);
            return s;
        }

        /**
         * A one-line error, before the pass, when its Gram block (every partition's result, and the driver's |W|×|W|
         * Gram it grows) would be over {@link #gramLimit}: a JVM out of memory on an executor is not an answer.
         */
        private void checkGram(int[] gr, int[] gc) {
            if (gr == null || gc == null) return;
            long block = (long) gr.length * gc.length, limit = gramLimit();
            long width = Math.max(Math.max(gr.length, gc.length), w.length), driver = width * width;
            if (block > limit || driver > limit)
                throw new IllegalArgumentException("a working set of " + width + " features needs a Gram of "
                        + Math.max(block, driver) + " doubles (" + (Math.max(block, driver) * 8 >> 20) + " MiB) per partition and on the driver, above the limit of "
                        + limit + " (-Dspred4j.spark.gramLimit): use a larger regParam (fewer non-zeros) or fewer features");
        }

        Result run() {
            PassSums s0 = pass(true, true, true, null, null, false, false, null);
            if (s0.n == 0) throw new IllegalArgumentException("the data set has no rows");
            n = s0.wn;
            if (!(n > 0)) throw new IllegalArgumentException("the observation weights (weightCol) sum to " + n + ": nothing to fit");
            xbar = new double[p];
            sc = new double[p];
            for (int j = 0; j < p; j++) {
                xbar[j] = o.intercept() ? s0.sumX[j] / n : 0;
                double mj = s0.sumX[j] / n; // glmnet's sd is about the mean even without an intercept
                double sd = Math.sqrt(Math.max(s0.sumX2[j] / n - mj * mj, 0));
                sc[j] = o.standardize() ? (sd > 0 ? sd : 1) : 1;
            }
            ybar = o.intercept() ? s0.sumY / n : 0;
            if (fam == LossFamily.LOGISTIC && o.intercept() && (ybar <= 0 || ybar >= 1))
                throw new IllegalArgumentException("logistic regression needs both classes in the labels (mean " + ybar + ")");
            if (fam == LossFamily.POISSON && o.intercept() && !(ybar > 0))
                throw new IllegalArgumentException("Poisson regression needs a positive count in the labels (all are 0)");
            // the strong rule at λ from λ_max (the gradient at β = 0 is the same for every intercept, centred)
            double[] g0 = DualGap.gradient(s0, xbar, sc);
            double la = o.lambda() * o.alpha(), lmax = 0;
            for (double v : g0) lmax = Math.max(lmax, Math.abs(v) / o.alpha());
            double cut = Math.max(o.alpha() * (2 * o.lambda() - lmax), 0); // the strong set (some of it enters later)
            int[] first = top(g0, cut, FIRST_W);
            trace("n %d, p %d, λ_max %.6g, first working set %d", n, p, lmax, first.length);
            return fam.isQuadratic() ? squared(s0, first) : glm(first);
        }

        /** Squared loss: Gram columns for entering features, CD on the Gram, one gradient pass per step. */
        private Result squared(PassSums s0, int[] entering) {
            double[] xty = s0.xtr, cW = new double[0];
            double sy = s0.sumY;
            double scale = Math.max(0.5 * (s0.sumR2 - n * ybar * ybar) / n, Double.MIN_NORMAL); // null objective
            double cdTol = 1e-26 * scale, lastGap = Double.POSITIVE_INFINITY;
            double[] cert;
            int stalls = 0;
            while (true) {
                if (entering.length > 0) {
                    int[] R = concat(w, entering);
                    PassSums g = pass(false, false, false, R, entering, false, false, null);
                    growGram(R, entering, g.gram);
                    int k0 = w.length;
                    w = R;
                    cW = Arrays.copyOf(cW, R.length);
                    for (int a = 0; a < R.length; a++) {
                        int j = R[a];
                        inW[j] = true;
                        if (a >= k0) cW[a] = (xty[j] - xbar[j] * sy) / (n * sc[j]);
                        for (int m = 0; m < R.length; m++)
                            if (a >= k0 || m >= k0) Q[a][m] = (Q[a][m] - n * xbar[j] * xbar[R[m]]) / (n * sc[j] * sc[R[m]]);
                    }
                }
                double[] b = new double[w.length];
                for (int a = 0; a < w.length; a++) b[a] = beta[w[a]] * sc[w[a]];
                GramCd.solve(Q, cW, la(), mu(), b, cdTol, 1_000_000);
                double dot = 0;
                for (int a = 0; a < w.length; a++) {
                    beta[w[a]] = b[a] == 0 ? 0 : b[a] / sc[w[a]];
                    dot += xbar[w[a]] * beta[w[a]];
                }
                c0 = o.intercept() ? ybar - dot : 0;
                steps++;
                PassSums s = pass(true, false, true, null, null, false, false, null);
                cert = DualGap.of(s, beta, xbar, sc, ybar, o, Double.NaN, DualGap.scaling(s, xbar, sc, o)[0]);
                int[] viol = violators(DualGap.gradient(s, xbar, sc));
                trace("step %d: |W| %d, objective %.15g, gap %.3e, violators %d", steps, w.length, cert[0], cert[1], viol.length);
                if (cert[1] <= o.tol() || steps >= o.maxIter()) break;
                if (viol.length == 0) { // W is right; only rounding left: a tighter inner solve, while it helps
                    if (!(cert[1] < 0.5 * lastGap) && ++stalls >= 2) break;
                    lastGap = cert[1];
                    cdTol *= 1e-4;
                }
                entering = viol;
            }
            return result(cert);
        }

        /** GLMs: proximal Newton on the working set, weighted Gram per point, certificate when KKT holds outside W. */
        private Result glm(int[] entering) {
            c0 = o.intercept() ? fam.nullIntercept(ybar) : 0;
            grow(entering, null);
            PassSums s = pointPass();
            double P = objective(s);
            double[] cert = null;
            int flat = 0;
            double decrease = Double.NaN;
            while (true) {
                int[] viol = violators(DualGap.gradient(s, xbar, sc));
                cert = null;
                // the certificate job (cheap: cached residuals) once KKT holds outside W and Newton has slowed down
                boolean near = steps == 0 ? w.length == 0 : decrease <= 1e-3 * Math.abs(P);
                if ((viol.length == 0 && near) || steps >= o.maxIter()) {
                    cert = glmCertificate(s);
                    trace("step %d: |W| %d, objective %.15g, gap %.3e", steps, w.length, cert[0], cert[1]);
                    if (cert[1] <= o.tol() || steps >= o.maxIter() || flat >= 2) break;
                } else if (viol.length > 0) {
                    grow(viol, s);
                    trace("step %d: |W| %d after %d violators", steps, w.length, viol.length);
                }
                double[] old = beta.clone();
                double oc = c0;
                newtonStep(s);
                steps++;
                PassSums s1 = pointPass();
                double P1 = objective(s1);
                for (int half = 0; !(P1 <= P) && half < 40; half++) { // damped step
                    c0 = (oc + c0) / 2;
                    for (int a = 0; a < w.length; a++) beta[w[a]] = (old[w[a]] + beta[w[a]]) / 2;
                    s1 = pointPass();
                    P1 = objective(s1);
                }
                if (!(P1 <= P)) { // no decrease possible: back to the last point and its certificate
                    beta = old;
                    c0 = oc;
                    if (cert == null) {
                        cert = glmCertificate(pointPass());
                    }
                    break;
                }
                decrease = P - P1;
                flat = decrease <= 1e-15 * Math.abs(P) ? flat + 1 : 0;
                P = P1;
                s = s1;
                prune(DualGap.gradient(s, xbar, sc));
            }
            return result(cert);
        }

        /**
         * GLM only (its Gram is recomputed at every point, so W may shrink): keeps in W the non-zeros and the
         * features whose |g_j| is at least half of λα, dropping their rows of the current Gram.
         */
        private void prune(double[] g) {
            int k = 0;
            int[] keep = new int[w.length];
            for (int a = 0; a < w.length; a++)
                if (beta[w[a]] != 0 || Math.abs(g[w[a]]) >= 0.5 * la()) keep[k++] = a;
            if (k == w.length) return;
            int[] nw = new int[k];
            double[][] nq = new double[k][k];
            double[] nh = new double[k];
            for (int a = 0; a < k; a++) {
                nw[a] = w[keep[a]];
                nh[a] = hx[keep[a]];
                for (int m = 0; m < k; m++) nq[a][m] = Q[keep[a]][keep[m]];
            }
            for (int j : w) inW[j] = false;
            for (int j : nw) inW[j] = true;
            w = nw;
            Q = nq;
            hx = nh;
        }

        /**
         * The GLM's certificate at the point of s: one job over the partitions' cached η computes the conjugate sums
         * of two dual points (uniform and, with an intercept, curvature-weighted centring, as the core's
         * Certificates); the better (smaller) gap is reported, both being valid.
         */
        private double[] glmCertificate(PassSums s) {
            double[] tr = DualGap.scaling(s, xbar, sc, o);
            double[] tw = o.intercept() ? DualGap.weightedScaling(s, xbar, sc, o) : new double[]{0, 0};
            PassSums se = pass(false, false, false, null, null, false, false, new double[]{tr[0], tr[1], tw[0], tw[1]});
            boolean ok1 = tr[0] <= se.tMax, ok2 = tw[0] > 0 && tw[0] <= se.tMax2;
            if (!ok1 && !ok2) { // both leave the conjugate's domain somewhere: shrink t (still feasible), once more
                tr[0] = Math.min(tr[0], se.tMax);
                tw[0] = Math.min(tw[0], se.tMax2);
                se = pass(false, false, false, null, null, false, false, new double[]{tr[0], tr[1], tw[0], tw[1]});
                ok1 = true;
                ok2 = tw[0] > 0;
            }
            double[] c = ok1 ? DualGap.of(s, beta, xbar, sc, ybar, o, se.entropy, tr[0]) : null;
            if (o.intercept() && ok2) {
                double[] c2 = DualGap.ofWeighted(s, beta, xbar, sc, o, se.entropy2, tw[0]);
                if (c == null || c2[1] < c[1]) c = c2;
            }
            return c;
        }

        /** A point pass for the GLM: loss, gradient, the weighted Gram on W (one triangle). */
        private PassSums pointPass() {
            PassSums s = pass(true, false, true, w, w, true, o.intercept(), null);
            Q = new double[w.length][];
            for (int a = 0; a < w.length; a++) Q[a] = Arrays.copyOfRange(s.gram, a * w.length, (a + 1) * w.length);
            hx = s.xtwR;
            return s;
        }

        /** Adds features to W; for the GLM at a point already evaluated, one pass gives their weighted Gram columns. */
        private void grow(int[] entering, PassSums atPoint) {
            if (entering.length == 0) return;
            int[] R = concat(w, entering);
            if (atPoint != null) {
                PassSums g = pass(false, false, false, R, entering, true, false, null);
                growGram(R, entering, g.gram);
                double[] h = Arrays.copyOf(hx, R.length);
                System.arraycopy(g.xtwR, w.length, h, w.length, entering.length);
                hx = h;
            }
            w = R;
            for (int j : entering) inW[j] = true;
        }

        /** Extends the |W|×|W| Gram by the block G (|R|×|N|, raw sums) for the entering columns. */
        private void growGram(int[] R, int[] entering, double[] G) {
            int k0 = w.length, k = R.length, c = entering.length;
            double[][] nq = new double[k][k];
            for (int a = 0; a < k0; a++) System.arraycopy(Q[a], 0, nq[a], 0, k0);
            for (int a = 0; a < k; a++)
                for (int m = 0; m < c; m++) {
                    nq[a][k0 + m] = G[a * c + m];
                    nq[k0 + m][a] = G[a * c + m];
                }
            Q = nq;
        }

        /** One Newton step on W ({@link GlmStep}). */
        private void newtonStep(PassSums s) {
            c0 = GlmStep.solve(w, Q, hx, s.xtr, s.sumR, s.sumW, n, s.loss, sc, beta, c0, o.intercept(), la(), mu());
        }

        private double la() {
            return o.lambda() * o.alpha();
        }

        private double mu() {
            return o.lambda() * (1 - o.alpha());
        }

        private double objective(PassSums s) {
            return s.loss / n + DualGap.penalty(beta, sc, o);
        }

        /** Features outside W whose scaled gradient exceeds λα, worst first, at least doubling W. */
        private int[] violators(double[] g) {
            int cap = Math.max(GROW, w.length);
            double la = la();
            int[] v = top(g, la, Integer.MAX_VALUE);
            int k = 0;
            for (int j : v) if (!inW[j] && Math.abs(g[j]) > la * (1 + 1e-12) && k < cap) v[k++] = j;
            return Arrays.copyOf(v, k);
        }

        private Result result(double[] cert) {
            int nnz = 0;
            for (double v : beta) if (v != 0) nnz++;
            return new Result(c0, beta, cert[0], "duality_gap", cert[1], nnz, passes, steps, w.length,
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /** Indices with |g_j| above cut (ties included), largest first, at most max. */
    static int[] top(double[] g, double cut, int max) {
        int k = 0;
        for (double v : g) if (Math.abs(v) > cut) k++;
        Integer[] idx = new Integer[k];
        k = 0;
        for (int j = 0; j < g.length; j++) if (Math.abs(g[j]) > cut) idx[k++] = j;
        Arrays.sort(idx, (a, b) -> Double.compare(Math.abs(g[b]), Math.abs(g[a])));
        int m = Math.min(max, k);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) out[i] = idx[i];
        return out;
    }

    static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
