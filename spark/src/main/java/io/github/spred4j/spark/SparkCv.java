package io.github.spred4j.spark;

import io.github.spred4j.data.LossFamily;
import io.github.spred4j.solver.CvResult;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

/**
 * Cross-validation inside the estimator's fit, as cv.glmnet (the core's {@code Spred.cv}) defines it, on passes
 * over the partitions (X never leaves the executors):
 * <ol>
 *   <li>one statistics pass ({@link FoldSums}): per fold n, Σv (observation weights), Σy, Σy², Σx, Σx², Xᵀy
 *       (weighted) and — for the unweighted squared loss when K·p(p+1)/2 ≤ {@link #GRAM_LIMIT} — XᵀX; λ_max and
 *       glmnet's λ sequence from the totals;</li>
 *   <li>"fold-gram" (unweighted squared loss, p small enough): each fold's path on the driver from the fold Gram by
 *       subtraction ({@link CvGram}: G − G_f, the core's Gram-route solver along λ ({@code GramPath}), every fit
 *       certified from the sums), then one held-out pass ({@link HeldOut}) and one distributed fit on all rows at
 *       the chosen λ;</li>
 *   <li>"lockstep" (logistic, Poisson, weights, or p too large for K Grams): the K training sets and the full data
 *       along λ together ({@link LockstepCv}): each pass serves all K + 1 (working-set Grams, Newton steps, line
 *       search, certificates, held-out deviances); the model is the full-data path's point at the chosen λ;</li>
 *   <li>cv.glmnet's curve (each fold's weighted mean loss, folds weighted by their weight — their size when
 *       unweighted — the standard error over K − 1), λ_min and λ_1se.</li>
 * </ol>
 */
final class SparkCv {
    private SparkCv() {
    }

    static final String MIN = "lambda.min", ONE_SE = "lambda.1se";
    /** The most doubles of K fold Grams (upper triangles) the statistics pass may return per partition (32 MB). */
    static final long GRAM_LIMIT = 1L << 22;

    /** What the estimator's params ask for; {@code lambdas} empty means glmnet's sequence ({@code nLambda}, ratio 0 = its default). */
    record Spec(FoldSums.FoldOf folds, String rule, double[] lambdas, int nLambda, double ratio) {
    }

    /** The full-data fit at the chosen λ and the cross-validation that chose it. */
    record Outcome(WorkingSetSolver.Result fit, SpredCvSummary cv) {
    }

    static Outcome run(JavaRDD<Row> rows, int p, WorkingSetSolver.Options o, Spec spec) {
        LossFamily fam = o.family();
        int K0 = spec.folds().column() ? 0 : spec.folds().k();
        // -Dspred4j.spark.cvGramLimit lowers the fold-Gram route's limit (tests reach the lockstep route with small p)
        long limit = Math.min(GRAM_LIMIT, Long.getLong("spred4j.spark.cvGramLimit", GRAM_LIMIT));
        boolean gram = fam.isQuadratic() && o.weightIndex() < 0 && (K0 == 0 ? 10 : K0) * ((long) p * (p + 1) / 2) <= limit;
        FoldSums.FoldOf foldOf = spec.folds();
        String famName = fam.name(); // LossFamily is not serializable: the executors look it up by name
        int depth = Math.max(2, (int) Math.ceil(Math.log(Math.max(rows.getNumPartitions(), 2)) / Math.log(4)) + 1);
        int passes = 1;
        int wi = o.weightIndex();
        FoldSums fs = rows.mapPartitions(it -> FoldSums.of(it, p, BlockCache.family(famName), foldOf, gram, wi)).treeReduce(FoldSums::add, depth);
        int K = fs.folds.size();
        if (K < 2)
            throw new IllegalArgumentException("cross-validation needs at least 2 folds; the rows carry " + K + " fold id(s)"
                    + (foldOf.column() ? " in foldCol" : ""));
        if (gram && (long) K * p * (p + 1) / 2 > 4 * GRAM_LIMIT)
            throw new IllegalArgumentException("foldCol holds " + K + " folds: " + K + " fold Grams of p = " + p + " do not fit; use fewer folds");
        int[] ids = fs.folds.keySet().stream().mapToInt(Integer::intValue).toArray();
        List<FoldSums.One> per = new ArrayList<>(fs.folds.values());
        FoldSums.One tot = fs.total(p, gram);
        if (!(tot.wn > 0)) throw new IllegalArgumentException("the observation weights (weightCol) sum to " + tot.wn + ": nothing to fit");
        if (fam == LossFamily.LOGISTIC && o.intercept() && (tot.sy <= 0 || tot.sy >= tot.wn))
            throw new IllegalArgumentException("logistic regression needs both classes in the labels (mean " + tot.sy / tot.wn + ")");
        double[] lam = spec.lambdas().length > 0 ? checkLambdas(spec.lambdas())
                : sequence(lambdaMax(tot, p, o), spec.nLambda(), spec.ratio(), tot.n, p);
        int L = lam.length;
        for (int k = 0; k < K; k++)
            if (per.get(k).n == tot.n)
                throw new IllegalArgumentException("fold " + ids[k] + " holds every row: no training rows");
        if (!gram) return lockstep(rows, p, o, spec, ids, per, tot, lam, depth);
        double[][] c0 = new double[K][];
        double[][][] beta = new double[K][][];
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) {
            try {
                CvGram.Path path = CvGram.path(tot.minus(per.get(k)), p, o, lam);
                c0[k] = path.c0();
                beta[k] = path.beta();
                worst = Math.max(worst, path.worstGap());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("fold " + ids[k] + " (training on the other " + (tot.n - per.get(k).n)
                        + " rows): " + e.getMessage(), e);
            }
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(rows.context());
        Broadcast<HeldOut.Paths> bp = jsc.broadcast(HeldOut.Paths.of(ids, c0, beta));
        double[] sums;
        try {
            sums = rows.mapPartitions(it -> HeldOut.sums(it, p, BlockCache.family(famName), foldOf, bp.value())).treeReduce(HeldOut::add, depth);
            passes++;
        } finally {
            bp.destroy();
        }
        double[] size = new double[K];
        for (int k = 0; k < K; k++) size[k] = per.get(k).n;
        double[][] st = curve(sums, size, L);
        int[] pick = CvResult.pick(st[0], st[1]);
        double chosen = lam[ONE_SE.equals(spec.rule()) ? pick[1] : pick[0]];
        WorkingSetSolver.Result fit = WorkingSetSolver.fit(rows, p, withLambda(o, chosen));
        SpredCvSummary cv = new SpredCvSummary(spec.rule(), chosen, lam, st[0], st[1], lam[pick[0]], lam[pick[1]], K,
                "fold-gram", passes, worst);
        return new Outcome(fit, cv);
    }

    /**
     * The GLMs' route and the squared loss's beyond the fold Grams: the K training sets and the full data in lockstep
     * ({@link LockstepCv}); the model is the full-data path's point at the chosen λ (no further fit).
     */
    private static Outcome lockstep(JavaRDD<Row> rows, int p, WorkingSetSolver.Options o, Spec spec, int[] ids,
                                    List<FoldSums.One> per, FoldSums.One tot, double[] lam, int depth) {
        long t0 = System.nanoTime();
        int K = ids.length, L = lam.length;
        FoldSums.One[] sets = new FoldSums.One[K + 1];
        for (int k = 0; k < K; k++) {
            sets[k] = tot.minus(per.get(k));
            if (!(sets[k].wn > 0))
                throw new IllegalArgumentException("fold " + ids[k] + ": the other folds' observation weights sum to " + sets[k].wn);
            double ybar = sets[k].sy / sets[k].wn;
            if (o.family() == LossFamily.LOGISTIC && o.intercept() && (ybar <= 0 || ybar >= 1))
                throw new IllegalArgumentException("fold " + ids[k] + " (training on the other " + sets[k].n
                        + " rows): logistic regression needs both classes in the labels (mean " + ybar + ")");
        }
        sets[K] = tot;
        LockstepCv.Paths paths;
        try {
            paths = LockstepCv.run(rows, p, o, spec.folds(), ids, sets, lam, depth);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cross-validation: " + e.getMessage(), e);
        }
        double worst = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < K; k++) for (double g : paths.gap()[k]) worst = Math.max(worst, g);
        double[] sums = new double[K * L];
        double[] size = new double[K]; // cv.glmnet: each fold's loss is its weighted mean, folds weighted by their weight
        for (int k = 0; k < K; k++) {
            size[k] = per.get(k).wn;
            System.arraycopy(paths.heldOut()[k], 0, sums, k * L, L);
        }
        double[][] st = curve(sums, size, L);
        int[] pick = CvResult.pick(st[0], st[1]);
        int at = ONE_SE.equals(spec.rule()) ? pick[1] : pick[0];
        double[] beta = paths.beta()[K][at];
        int nnz = 0;
        for (double v : beta) if (v != 0) nnz++;
        int passes = 1 + paths.passes();
        WorkingSetSolver.Result fit = new WorkingSetSolver.Result(paths.c0()[K][at], beta.clone(), paths.objective()[K][at],
                "duality_gap", paths.gap()[K][at], nnz, passes, paths.steps()[K], paths.workingSet()[K], (System.nanoTime() - t0) / 1e9);
        SpredCvSummary cv = new SpredCvSummary(spec.rule(), lam[at], lam, st[0], st[1], lam[pick[0]], lam[pick[1]], K,
                "lockstep", passes, worst);
        return new Outcome(fit, cv);
    }

    /** cv.glmnet's curve from the K·L held-out deviance sums (row-major by fold) and the folds' sizes. */
    private static double[][] curve(double[] sums, double[] size, int L) {
        int K = size.length;
        double[][] loss = new double[K][L];
        for (int k = 0; k < K; k++)
            for (int l = 0; l < L; l++) loss[k][l] = sums[k * L + l] / size[k];
        return CvResult.statistics(loss, size);
    }

    static WorkingSetSolver.Options withLambda(WorkingSetSolver.Options o, double lambda) {
        return o.at(lambda);
    }

    /**
     * λ_max = max_j |Σ_i (x_ij − x̄_j)(y_i − m0)| / (n s_j α) from the totals: the gradient at the null model (x̄ = 0
     * without an intercept, then m0 = μ(0), the mean at η = 0, as the engine's first pass; with one, centring
     * removes m0). s_j the sd about the mean when standardising (glmnet's, even without an intercept).
     */
    static double lambdaMax(FoldSums.One t, int p, WorkingSetSolver.Options o) {
        double n = t.wn, m0 = o.family().isQuadratic() ? 0 : o.family().mean(0), lmax = 0;
        for (int j = 0; j < p; j++) {
            double m = t.sx[j] / n, xbar = o.intercept() ? m : 0;
            double sd = Math.sqrt(Math.max(t.sx2[j] / n - m * m, 0));
            double sc = o.standardize() ? (sd > 0 ? sd : 1) : 1;
            double g = (t.xty[j] - xbar * t.sy - m0 * (t.sx[j] - n * xbar)) / (n * sc);
            lmax = Math.max(lmax, Math.abs(g) / o.alpha());
        }
        return lmax;
    }

    /** glmnet's sequence: nLambda values log-spaced from λ_max to ratio·λ_max (ratio 0: 1e-4 when n &gt; p, else 0.01). */
    static double[] sequence(double lmax, int nLambda, double ratio, long n, int p) {
        if (!(lmax > 0)) throw new IllegalArgumentException("λ_max is " + lmax + " (y is constant or X has no variation): nothing to cross-validate");
        if (ratio == 0) ratio = n > p ? 1e-4 : 0.01;
        double[] l = new double[nLambda];
        for (int i = 0; i < nLambda; i++) l[i] = nLambda == 1 ? lmax : lmax * Math.pow(ratio, i / (double) (nLambda - 1));
        return l;
    }

    static double[] checkLambdas(double[] lam) {
        for (int i = 0; i < lam.length; i++) {
            if (!(lam[i] > 0) || Double.isInfinite(lam[i]))
                throw new IllegalArgumentException("cvLambdas[" + i + "] must be finite and > 0, got " + lam[i]);
            if (i > 0 && !(lam[i] < lam[i - 1]))
                throw new IllegalArgumentException("cvLambdas must be strictly decreasing: cvLambdas[" + i + "] = " + lam[i]
                        + " is not below cvLambdas[" + (i - 1) + "] = " + lam[i - 1]);
        }
        return lam.clone();
    }
}
