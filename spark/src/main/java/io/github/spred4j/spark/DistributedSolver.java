package io.github.spred4j.spark;

import dev.ludovic.netlib.lapack.LAPACK;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import org.netlib.util.intW;

import java.util.UUID;

/**
 * The distributed fit: a proximal Newton method whose passes run on the executors and whose L1 subproblems are
 * solved on the driver by the spred solver ({@link Spred#fit}: L-BFGS on (U, W) with the fused kernels, exact
 * zeros, certificate).
 *
 * <p>Each pass (one Spark job, {@code treeReduce} of the partitions' {@link Stats}) evaluates, at (c0, β), the
 * loss, Xᵀr and Σr with the one-pass kernel {@code lossGradient}, and when asked the Hessian XᵀWX (p stacked
 * {@code matTVec}). The driver eliminates the intercept from the quadratic model (Schur complement), factors the
 * p×p model Q = VΛVᵀ and hands spred the equivalent least-squares problem (1/2m)‖y' − Ab‖² with AᵀA/m = Q, so the
 * subproblem is an ordinary lasso / elastic net with m = rank(Q) ≤ p rows. For the squared loss the model is
 * exact: one Hessian pass, one step, one certificate pass (a further step only if rounding left the gap above
 * tol). For the logistic loss each Newton step costs one pass (plus halvings when the objective does not
 * decrease), and the certificate one more (the dual's entropy needs the scaling t from the gradient).
 *
 * <p>The certificate is the same relative duality gap as a local fit (Problem.certificate in the core),
 * computed from aggregated sums over all rows. Memory: the Hessian is p² doubles per partition and on the
 * driver, so this method suits p up to a few thousand (Spark's own normal-equation solver stops at 4096).
 */
final class DistributedSolver {
    private DistributedSolver() {
    }

    /** A finished fit; β and the intercept on the original scale, exact zeros. */
    record Result(double intercept, double[] beta, double objective, String certificateName, double certificate,
                  int nnz, int passes, int newtonSteps, int spredIterations, double seconds, String driverBackend) {
    }

    record Options(LossFamily family, double lambda, double alpha, boolean intercept, boolean standardize, int maxIter,
                   double tol, String backend) {
    }

    static Result fit(JavaRDD<Row> rows, int p, Options o) {
        long t0 = System.nanoTime();
        boolean local = rows.context().isLocal();
        String fitId = UUID.randomUUID().toString();
        int rddId = rows.id();
        boolean logistic = !o.family().isQuadratic(); // a GLM: Newton steps on the changing curvature
        int[] passes = {0};
        java.util.function.Function<PassRequest, Stats> pass = q -> {
            passes[0]++;
            long a = System.nanoTime();
            Stats st = rows.mapPartitions(it -> PartitionCache.pass(q, it)).treeReduce(Stats::add);
            trace("pass %d (hessian %b, entropy %b): %.3f s", passes[0], q.hessian(), q.entropy(), (System.nanoTime() - a) / 1e9);
            return st;
        };
        try (Context dctx = Backends.auto().open()) {
            double c0 = 0;
            double[] beta = new double[p];
            Stats s = pass.apply(req(fitId, rddId, p, o, 0, beta, true, false, 0, 0, local));
            long n = s.n;
            if (n == 0) throw new IllegalArgumentException("the data set has no rows");
            double[] xbar = new double[p], sc = new double[p];
            for (int j = 0; j < p; j++) {
                xbar[j] = o.intercept() ? s.sumX[j] / n : 0;
                double sd = Math.sqrt(Math.max(s.sumX2[j] / n - xbar[j] * xbar[j], 0));
                sc[j] = o.standardize() ? (sd > 0 ? sd : 1) : 1;
            }
            double ybar = o.intercept() ? s.sumY / n : 0;
            if (o.family() == LossFamily.LOGISTIC && o.intercept() && (ybar <= 0 || ybar >= 1))
                throw new IllegalArgumentException("logistic regression needs both classes in the labels (mean " + ybar + ")");
            if (o.family() == LossFamily.POISSON && o.intercept() && !(ybar > 0))
                throw new IllegalArgumentException("Poisson regression needs a positive count in the labels (all are 0)");
            double[] hess = s.hess, xtw = s.xtw; // squared loss: the model's curvature never changes
            double sumW = s.sumW;
            double P = objective(s, beta, sc, o);
            double[] cert = null;
            int steps = 0, spredIts = 0;
            double prevP = Double.NaN, lastCert = Double.POSITIVE_INFINITY;
            while (true) {
                // the certificate at the current point
                if (!logistic) cert = certificate(s, beta, xbar, sc, ybar, o, Double.NaN);
                else if (steps > 0 && (prevP - P) <= o.tol() * Math.abs(P) || steps >= o.maxIter()) {
                    double[] tr = dualScaling(s, xbar, sc, o);
                    Stats se = pass.apply(req(fitId, rddId, p, o, c0, beta, false, true, tr[0], tr[1], local));
                    cert = certificate(s, beta, xbar, sc, ybar, o, se.entropy);
                } else cert = null;
                if (cert != null && (cert[1] <= o.tol() || steps >= o.maxIter())) break;
                // squared loss: further steps only refine rounding; stop when they no longer halve the gap
                if (!logistic && cert[1] > 0.5 * lastCert) break;
                if (cert != null) lastCert = cert[1];
                if (steps >= o.maxIter()) break;
                // the Newton step: quadratic model at (c0, β), intercept eliminated, L1 subproblem by spred
                if (logistic) {
                    hess = s.hess;
                    xtw = s.xtw;
                    sumW = s.sumW;
                }
                long a = System.nanoTime();
                Step st = newtonStep(dctx, s, hess, xtw, sumW, c0, beta, sc, o);
                trace("Newton step %d on the driver (%s): %.3f s, %d spred iterations", steps + 1, dctx.backendName(),
                        (System.nanoTime() - a) / 1e9, st.iterations);
                spredIts += st.iterations;
                steps++;
                double c1 = st.c0;
                double[] b1 = st.beta;
                Stats s1 = pass.apply(req(fitId, rddId, p, o, c1, b1, logistic, false, 0, 0, local));
                double P1 = objective(s1, b1, sc, o);
                for (int half = 0; logistic && !(P1 <= P) && half < 30; half++) { // damped step (logistic only)
                    c1 = (c0 + c1) / 2;
                    for (int j = 0; j < p; j++) b1[j] = (beta[j] + b1[j]) / 2;
                    s1 = pass.apply(req(fitId, rddId, p, o, c1, b1, true, false, 0, 0, local));
                    P1 = objective(s1, b1, sc, o);
                }
                if (!(P1 <= P) && logistic) break; // no decrease possible: report the certificate reached
                prevP = P;
                P = P1;
                c0 = c1;
                beta = b1;
                s = s1;
            }
            if (cert == null) { // stopped without a certificate at this point (logistic): compute it
                double[] tr = dualScaling(s, xbar, sc, o);
                Stats se = pass.apply(req(fitId, rddId, p, o, c0, beta, false, true, tr[0], tr[1], local));
                cert = certificate(s, beta, xbar, sc, ybar, o, se.entropy);
            }
            int nnz = 0;
            for (double v : beta) if (v != 0) nnz++;
            return new Result(c0, beta, cert[0], "duality_gap", cert[1], nnz, passes[0], steps, spredIts,
                    (System.nanoTime() - t0) / 1e9, dctx.backendName());
        } finally {
            try {
                rows.foreachPartition(it -> PartitionCache.release(fitId));
            } catch (RuntimeException ignored) {
                // best effort: the entries are freed with their executor otherwise
            }
            PartitionCache.release(fitId); // local mode: the driver is the executor
        }
    }

    static final boolean TRACE = Boolean.getBoolean("spred4j.spark.trace");

    static void trace(String fmt, Object... args) {
        if (TRACE) System.err.printf("[spred4j-spark] " + fmt + "%n", args);
    }

    private static PassRequest req(String fitId, int rddId, int p, Options o, double c0, double[] beta, boolean hess,
                                   boolean entropy, double t, double rbar, boolean local) {
        return new PassRequest(fitId, rddId, p, o.family().name(), c0, beta.clone(), hess, entropy, t, rbar, o.backend(), local);
    }

    private static double penalty(double[] beta, double[] sc, Options o) {
        double l1 = 0, l2 = 0;
        for (int j = 0; j < beta.length; j++) {
            double b = beta[j] * sc[j];
            l1 += Math.abs(b);
            l2 += b * b;
        }
        return o.lambda() * (o.alpha() * l1 + (1 - o.alpha()) / 2 * l2);
    }

    private static double objective(Stats s, double[] beta, double[] sc, Options o) {
        return s.loss / s.n + penalty(beta, sc, o);
    }

    /** Xcᵀr / s / n (the negative gradient of the loss in the solver's b = s⊙β coordinates). */
    private static double[] scaledXcTr(Stats s, double[] xbar, double[] sc) {
        double[] g = new double[xbar.length];
        for (int j = 0; j < g.length; j++) g[j] = (s.xtr[j] - xbar[j] * s.sumR) / sc[j] / s.n;
        return g;
    }

    /** The dual point's scaling t and the mean residual r̄ (as in the core's certificate). */
    private static double[] dualScaling(Stats s, double[] xbar, double[] sc, Options o) {
        double la = o.lambda() * o.alpha(), mu = o.lambda() * (1 - o.alpha());
        double t = 1;
        if (mu == 0) {
            double m = 0;
            for (double v : scaledXcTr(s, xbar, sc)) m = Math.max(m, Math.abs(v));
            if (m > la) t = la / m;
        }
        return new double[]{t, o.intercept() ? s.sumR / s.n : 0};
    }

    /**
     * {objective, relative duality gap}: the core's certificate (dual point ζ = t(r − r̄)/n) from the sums of a
     * pass; the logistic dual needs the entropy sum of a pass made with the same t and r̄.
     */
    static double[] certificate(Stats s, double[] beta, double[] xbar, double[] sc, double ybar, Options o, double entropy) {
        double n = s.n;
        double P = objective(s, beta, sc, o);
        double la = o.lambda() * o.alpha(), mu = o.lambda() * (1 - o.alpha());
        double[] tr = dualScaling(s, xbar, sc, o);
        double t = tr[0], rbar = tr[1];
        double gstar = 0;
        if (mu > 0)
            for (double v : scaledXcTr(s, xbar, sc)) {
                double e = Math.max(Math.abs(t * v) - la, 0);
                gstar += e * e / (2 * mu);
            }
        double D;
        if (!o.family().isQuadratic()) D = -entropy / n - gstar;
        else {
            double sumYc = s.sumY - n * ybar;
            double zy = t / n * (s.sumRY - ybar * s.sumR - rbar * sumYc);
            double zz = t * t / (n * n) * (s.sumR2 - 2 * rbar * s.sumR + n * rbar * rbar);
            D = zy - n / 2 * zz - gstar;
        }
        // signed, as the core's Certificates: a negative gap would be a wrong dual, never hidden by a clamp
        return new double[]{P, (P - D) / Math.max(Math.abs(P), Double.MIN_NORMAL)};
    }

    private record Step(double c0, double[] beta, int iterations) {
    }

    /** Minimises the quadratic model plus the penalty; returns the new (c0, β). */
    private static Step newtonStep(Context dctx, Stats s, double[] hess, double[] xtw, double sumW, double c0,
                                   double[] beta, double[] sc, Options o) {
        int p = beta.length;
        double n = s.n;
        double gc = -s.sumR / n, hcc = sumW / n;
        double[] gb = new double[p], hcb = new double[p];
        for (int j = 0; j < p; j++) {
            gb[j] = -s.xtr[j] / n;
            hcb[j] = xtw[j] / n;
        }
        boolean elim = o.intercept() && hcc > 0;
        // Q = S⁻¹(H − h hᵀ/h_cc)S⁻¹ (column-major for LAPACK; symmetric anyway), q = S⁻¹ ĝ
        double[] Q = new double[p * p], h = new double[p];
        for (int j = 0; j < p; j++)
            for (int k = 0; k < p; k++) {
                double v = hess[j * p + k] / n - (elim ? hcb[j] * hcb[k] / hcc : 0);
                Q[k * p + j] = v / (sc[j] * sc[k]);
            }
        for (int j = 0; j < p; j++) {
            double qj = (gb[j] - (elim ? hcb[j] * gc / hcc : 0)) / sc[j];
            double qb = 0;
            for (int k = 0; k < p; k++) qb += Q[k * p + j] * beta[k] * sc[k];
            h[j] = qb - qj; // the linear term: the model is ½bᵀQb − hᵀb + const
        }
        double[] b = new double[p];
        int its = 0;
        if (p > 0) {
            double[] ev = new double[p];
            double[] work = new double[Math.max(1, 3 * p)];
            double[] A0 = Q.clone();
            intW info = new intW(0);
            double[] wq = new double[1];
            LAPACK.getInstance().dsyev("V", "U", p, A0, p, ev, wq, -1, info);
            work = new double[Math.max((int) wq[0], 3 * p)];
            LAPACK.getInstance().dsyev("V", "U", p, A0, p, ev, work, work.length, info);
            if (info.val != 0) throw new IllegalStateException("dsyev failed (info " + info.val + ") on the p×p model");
            double emax = 0;
            for (double e : ev) emax = Math.max(emax, e);
            double cut = emax * p * 1e-15;
            int m = 0;
            for (double e : ev) if (e > cut) m++;
            if (m > 0) {
                double[] A = new double[m * p], yy = new double[m];
                double sm = Math.sqrt(m);
                int row = 0;
                for (int k = 0; k < p; k++) {
                    if (!(ev[k] > cut)) continue;
                    double sl = Math.sqrt(ev[k]);
                    double vh = 0;
                    for (int j = 0; j < p; j++) {
                        double v = A0[k * p + j];
                        A[row * p + j] = sm * sl * v;
                        vh += v * h[j];
                    }
                    yy[row] = sm * vh / sl;
                    row++;
                }
                FitOptions fo = FitOptions.defaults(Model.SQUARED).withLambda(o.lambda()).withAlpha(o.alpha())
                        .withIntercept(false).withStandardize(false).withTol(1e-13);
                FitResult fr = Spred.fit(dctx, Dataset.dense(m, p, A, yy, null), fo);
                b = fr.beta();
                its = fr.iterations();
            }
        }
        double[] nb = new double[p];
        double hd = 0;
        for (int j = 0; j < p; j++) {
            nb[j] = b[j] == 0 ? 0 : b[j] / sc[j];
            hd += hcb[j] * (nb[j] - beta[j]);
        }
        double c1 = o.intercept() ? (hcc > 0 ? c0 - (gc + hd) / hcc : c0) : 0;
        return new Step(c1, nb, its);
    }
}
