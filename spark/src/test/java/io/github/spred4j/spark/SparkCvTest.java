package io.github.spred4j.spark;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.apache.spark.ml.evaluation.RegressionEvaluator;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.tuning.CrossValidator;
import org.apache.spark.ml.tuning.CrossValidatorModel;
import org.apache.spark.ml.tuning.ParamGridBuilder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-validation inside the estimators' fit (cvFolds / foldCol / cvRule / cvLambdas) against the core's Spred.cv
 * on the same rows collected here (never in the estimator) with the same fold ids: the λ sequence, the CV curve
 * (mean and standard error to 1e-6 relative), λ_min and λ_1se exactly, and the model equal to the core's fit at
 * the chosen λ; hashed folds stable under repartitioning; persistence; Spark's CrossValidator around it.
 */
class SparkCvTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkTests.session("spred4j-spark-cv-test");
    }

    @AfterAll
    static void stop() {
        if (spark != null) spark.stop();
    }

    static org.apache.spark.sql.Dataset<Row> frame(Dataset d, int[] fold, boolean sparse, int partitions) {
        return SparkTests.frame(spark, d, sparse, partitions, null, fold);
    }

    /** Sparse-ish synthetic data: a quarter of the entries zero, so SparseVector rows are a real CSR path. */
    static Dataset sparsified(Dataset d, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] x = d.x().clone();
        for (int e = 0; e < x.length; e++) if (r.nextInt(4) == 0) x[e] = 0;
        return Dataset.dense(d.n(), d.p(), x, d.y(), null);
    }

    static CvResult core(Dataset d, Model model, double alpha, boolean intercept, boolean standardize, double[] lambdas, int[] fold) {
        try (Context ctx = Backends.auto().open()) {
            return Spred.cv(ctx, d, FitOptions.defaults(model).withAlpha(alpha).withIntercept(intercept)
                    .withStandardize(standardize).withTol(1e-12), lambdas, fold);
        }
    }

    static FitResult coreFit(Dataset d, Model model, double lambda, double alpha, boolean intercept, boolean standardize) {
        try (Context ctx = Backends.auto().open()) {
            return Spred.fit(ctx, d, FitOptions.defaults(model).withLambda(lambda).withAlpha(alpha).withIntercept(intercept)
                    .withStandardize(standardize).withTol(1e-12));
        }
    }

    /** The curve to 1e-6 relative, λ_min and λ_1se exactly; returns the largest relative difference seen. */
    /** The given points of glmnet's 100-λ sequence for d under o. */
    static double[] glmnetLambdas(Dataset d, FitOptions o, int... at) {
        double[] full = Spred.lambdas(d, o, 100, Double.NaN), lam = new double[at.length];
        for (int i = 0; i < at.length; i++) lam[i] = full[at[i]];
        return lam;
    }

    static double assertSameCv(CvResult ref, SpredCvSummary cv) {
        assertArrayEquals(ref.lambdas(), cv.lambdas(), 0, "the λ sequence the core ran is ours");
        double worst = 0;
        for (int l = 0; l < ref.lambdas().length; l++) {
            double dm = SpredSparkTest.rel(cv.meanLoss()[l], ref.meanLoss()[l]);
            double ds = Math.abs(cv.stdErr()[l] - ref.stdErr()[l]) / Math.max(ref.stdErr()[l], 1e-300);
            assertTrue(dm <= 1e-6, "mean loss at λ[" + l + "]: " + cv.meanLoss()[l] + " vs core " + ref.meanLoss()[l]);
            assertTrue(ds <= 1e-6, "std error at λ[" + l + "]: " + cv.stdErr()[l] + " vs core " + ref.stdErr()[l]);
            worst = Math.max(worst, Math.max(dm, ds));
        }
        assertEquals(ref.lambdaMin(), cv.lambdaMin(), 0, "λ_min");
        assertEquals(ref.lambda1se(), cv.lambda1se(), 0, "λ_1se");
        return worst;
    }

    @Test
    void squaredLossFoldGramsMatchSpredCvOnTheSameFolds() {
        Dataset d = SpredSparkTest.synthetic(601, 23, 6, 11, false);
        int[] fold = Spred.foldIds(d.n(), 7, 3);
        // {intercept, standardize, alpha, sparse rows}
        Object[][] cases = {{true, false, 1.0, false}, {true, true, 0.5, true}, {false, true, 1.0, false}};
        for (Object[] c : cases) {
            boolean icpt = (Boolean) c[0], std = (Boolean) c[1], sparse = (Boolean) c[3];
            double alpha = (Double) c[2];
            Dataset dd = sparse ? sparsified(d, 5) : d;
            int fallbacks = CvGram.FALLBACKS.get();
            SpredLinearRegressionModel m = new SpredLinearRegression().setFoldCol("fold").setFitIntercept(icpt)
                    .setStandardization(std).setElasticNetParam(alpha).setTol(1e-12).setCvRule(SparkCv.ONE_SE)
                    .fit(frame(dd, fold, sparse, 3));
            SpredCvSummary cv = m.cvSummary();
            assertNotNull(cv);
            assertEquals("fold-gram", cv.route());
            assertEquals(7, cv.folds());
            assertEquals(2, cv.passes(), "one statistics pass and one held-out pass");
            assertTrue(cv.worstCertificate() <= 1e-12, "every fold fit certified: " + cv.worstCertificate());
            assertEquals(fallbacks, CvGram.FALLBACKS.get(), "the core's Gram path certified every fold fit itself (no GramCd finish)");
            double[] seq;
            try (Context ctx = Backends.auto().open()) {
                seq = Spred.lambdas(dd, FitOptions.defaults(Model.SQUARED).withAlpha(alpha).withIntercept(icpt)
                        .withStandardize(std), 100, Double.NaN);
            }
            for (int l = 0; l < seq.length; l++)
                assertTrue(SpredSparkTest.rel(cv.lambdas()[l], seq[l]) <= 1e-12, "glmnet's sequence at " + l + ": " + cv.lambdas()[l] + " vs " + seq[l]);
            CvResult ref = core(dd, Model.SQUARED, alpha, icpt, std, cv.lambdas(), fold);
            double worst = assertSameCv(ref, cv);
            assertEquals(ref.lambda1se(), cv.lambda(), 0, "the rule's λ");
            assertEquals(cv.lambda(), m.getRegParam(), 0, "the model's regParam is the chosen λ");
            FitResult f = coreFit(dd, Model.SQUARED, cv.lambda(), alpha, icpt, std);
            assertTrue(SpredSparkTest.rel(m.objective(), f.objective()) <= 1e-9, "the full-data fit at the chosen λ: "
                    + m.objective() + " vs " + f.objective());
            assertArrayEquals(SpredSparkTest.support(f.beta()), SpredSparkTest.support(m.coefficients().toArray()));
            System.out.printf("fold-gram CV (intercept %b, standardize %b, α %.1f, sparse %b): curve within %.1e of Spred.cv, "
                            + "λ_min %.6g, λ_1se %.6g, worst fold gap %.1e%n", icpt, std, alpha, sparse, worst,
                    cv.lambdaMin(), cv.lambda1se(), cv.worstCertificate());
        }
    }

    @Test
    void logisticPerFoldFitsMatchSpredCv() {
        Dataset d = SpredSparkTest.synthetic(240, 6, 3, 21, true);
        int[] fold = Spred.foldIds(d.n(), 3, 9);
        double[] lam = glmnetLambdas(d, FitOptions.defaults(Model.LOGISTIC), 5, 20, 35, 50, 70);
        SpredLogisticRegressionModel m = new SpredLogisticRegression().setFoldCol("fold").setCvLambdas(lam).setTol(1e-12)
                .fit(frame(d, fold, false, 2));
        SpredCvSummary cv = m.cvSummary();
        assertEquals("lockstep", cv.route());
        // the logistic certificate stops at rounding level, a little above a 1e-12 request
        assertTrue(cv.worstCertificate() <= 1e-11, "every fold fit certified: " + cv.worstCertificate());
        CvResult ref = core(d, Model.LOGISTIC, 1, true, false, lam, fold);
        double worst = assertSameCv(ref, cv);
        assertEquals(ref.lambdaMin(), m.getRegParam(), 0);
        FitResult f = coreFit(d, Model.LOGISTIC, cv.lambda(), 1, true, false);
        assertTrue(SpredSparkTest.rel(m.objective(), f.objective()) <= 1e-9, m.objective() + " vs " + f.objective());
        System.out.printf("lockstep logistic CV: curve within %.1e of Spred.cv, %d passes%n", worst, cv.passes());
    }

    /** Poisson counts y ~ Poisson(exp(0.2 + x·β/4)) on the synthetic design. */
    static Dataset poisson(int n, int p, long seed) {
        Dataset d = SpredSparkTest.synthetic(n, p, 3, seed, false);
        java.util.Random r = new java.util.Random(seed + 1);
        double[] y = new double[n], beta = new double[p];
        beta[0] = 0.3;
        beta[p / 2] = -0.2;
        for (int i = 0; i < n; i++) {
            double e = 0.2;
            for (int j = 0; j < p; j++) e += d.x()[i * p + j] * beta[j] / 4;
            double mean = Math.exp(e), u = r.nextDouble(), pk = Math.exp(-mean), cum = pk;
            int k = 0;
            while (u > cum && k < 1000) cum += pk *= mean / ++k;
            y[i] = k;
        }
        return Dataset.dense(n, p, d.x(), y, null);
    }

    @Test
    void poissonAndElasticNetLogisticRunInLockstepAndMatchSpredCv() {
        // {model, intercept, alpha, sparse rows}
        Object[][] cases = {{Model.POISSON, true, 1.0, false}, {Model.LOGISTIC, false, 0.5, true}};
        for (Object[] c : cases) {
            Model model = (Model) c[0];
            boolean icpt = (Boolean) c[1], sparse = (Boolean) c[3];
            double alpha = (Double) c[2];
            Dataset d = model == Model.POISSON ? poisson(260, 7, 71) : sparsified(SpredSparkTest.synthetic(260, 7, 3, 73, true), 3);
            int[] fold = Spred.foldIds(d.n(), 4, 5);
            double[] lam = glmnetLambdas(d, FitOptions.defaults(model).withAlpha(alpha).withIntercept(icpt), 0, 10, 30, 60, 90);
            SpredEstimator<?, ?> est = model == Model.POISSON ? new SpredLinearRegression().setFamily("poisson") : new SpredLogisticRegression();
            est.setFoldCol("fold").setCvLambdas(lam).setTol(1e-12).setFitIntercept(icpt).setElasticNetParam(alpha);
            SpredModel<?> m = est.fit(frame(d, fold, sparse, 3));
            SpredCvSummary cv = m.cvSummary();
            assertEquals("lockstep", cv.route());
            assertTrue(cv.passes() < 4 * lam.length * 3, "lockstep: " + cv.passes() + " passes for 4 folds × 5 λ");
            assertTrue(cv.worstCertificate() <= 1e-11 && cv.worstCertificate() >= -1e-12, "every fold fit certified: " + cv.worstCertificate());
            CvResult ref = core(d, model, alpha, icpt, false, lam, fold);
            double worst = assertSameCv(ref, cv);
            FitResult f = coreFit(d, model, cv.lambda(), alpha, icpt, false);
            assertTrue(SpredSparkTest.rel(m.objective(), f.objective()) <= 1e-9, "the full-data path's point at the chosen λ: "
                    + m.objective() + " vs " + f.objective());
            assertTrue(m.certificate() <= 1e-11, "the model's certificate: " + m.certificate());
            System.out.printf("lockstep %s CV (intercept %b, α %.1f, sparse %b): curve within %.1e of Spred.cv, %d passes%n",
                    model, icpt, alpha, sparse, worst, cv.passes());
        }
    }

    @Test
    void squaredLossBeyondTheFoldGramsRunsInLockstep() {
        Dataset d = SpredSparkTest.synthetic(180, 40, 6, 81, false);
        int[] fold = Spred.foldIds(d.n(), 3, 7);
        System.setProperty("spred4j.spark.cvGramLimit", "1"); // as if p were beyond the fold Grams
        try {
            SpredLinearRegressionModel m = new SpredLinearRegression().setFoldCol("fold").setCvNumLambdas(30).setTol(1e-12)
                    .setElasticNetParam(0.5).setStandardization(true).fit(frame(d, fold, false, 2));
            SpredCvSummary cv = m.cvSummary();
            assertEquals("lockstep", cv.route());
            assertTrue(cv.passes() < 3 * 30, "lockstep: " + cv.passes() + " passes for 3 folds × 30 λ");
            assertTrue(cv.worstCertificate() <= 1e-12 && cv.worstCertificate() >= -1e-12, "every fold fit certified: " + cv.worstCertificate());
            CvResult ref = core(d, Model.SQUARED, 0.5, true, true, cv.lambdas(), fold);
            double worst = assertSameCv(ref, cv);
            FitResult f = coreFit(d, Model.SQUARED, cv.lambda(), 0.5, true, true);
            assertTrue(SpredSparkTest.rel(m.objective(), f.objective()) <= 1e-9, m.objective() + " vs " + f.objective());
            System.out.printf("lockstep squared-loss CV: curve within %.1e of Spred.cv, %d passes%n", worst, cv.passes());
        } finally {
            System.clearProperty("spred4j.spark.cvGramLimit");
        }
    }

    @Test
    void lockstepPassesServeWhatTheGramBudgetHoldsAndTheRestWait() {
        Dataset d = SpredSparkTest.synthetic(240, 6, 3, 23, true);
        int[] fold = Spred.foldIds(d.n(), 3, 11);
        double[] lam = glmnetLambdas(d, FitOptions.defaults(Model.LOGISTIC), 5, 30, 60, 90);
        org.apache.spark.sql.Dataset<Row> df = frame(d, fold, false, 2);
        SpredLogisticRegression est = new SpredLogisticRegression().setFoldCol("fold").setCvLambdas(lam).setTol(1e-12);
        SpredCvSummary free = est.fit(df).cvSummary();
        System.setProperty("spred4j.spark.lockstepGramLimit", "25"); // one 6-column Gram (21 doubles) per pass
        try {
            SpredLogisticRegressionModel m = est.fit(df);
            SpredCvSummary cv = m.cvSummary();
            assertEquals("lockstep", cv.route());
            assertTrue(cv.passes() > free.passes(), "sets waited for later passes: " + cv.passes() + " vs " + free.passes());
            assertTrue(cv.worstCertificate() <= 1e-11, "every fold fit certified: " + cv.worstCertificate());
            // the same Newton steps, only served later: the curve is the unbudgeted one (to the passes' summation order)
            double worst = 0;
            for (int l = 0; l < lam.length; l++) {
                worst = Math.max(worst, SpredSparkTest.rel(cv.meanLoss()[l], free.meanLoss()[l]));
                worst = Math.max(worst, SpredSparkTest.rel(cv.stdErr()[l], free.stdErr()[l]));
            }
            assertTrue(worst <= 1e-10, "the budgeted curve is the unbudgeted one: " + worst);
            // and Spred.cv's, standard errors included (2.4e-6 off at λ[0] when the lockstep recorded a certified point
            // without the Newton step its certifying pass had evaluated)
            assertSameCv(core(d, Model.LOGISTIC, 1, true, false, lam, fold), cv);
            System.out.printf("lockstep under a 25-double Gram budget: curve within %.1e of the unbudgeted, %d passes (%d unbudgeted)%n",
                    worst, cv.passes(), free.passes());
            System.setProperty("spred4j.spark.lockstepGramLimit", "2"); // a working set of 2 columns needs 3
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> est.fit(df));
            assertTrue(e.getMessage().contains("above the limit of 2"), e.getMessage());
        } finally {
            System.clearProperty("spred4j.spark.lockstepGramLimit");
        }
    }

    /**
     * Logistic data whose lasso path takes a column out again: x3 = 0.97·(x1 + x2)/√2 + noise enters first, then
     * x1 and x2 (which carry η = 4(x1 + x2)) take its place and it leaves (glmnet's λ[42] on).
     */
    static Dataset leaving(int n, int p, long seed) {
        java.util.Random r = new java.util.Random(seed);
        double[] x = new double[n * p], y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) x[i * p + j] = r.nextGaussian();
            double x1 = x[i * p], x2 = x[i * p + 1];
            x[i * p + 2] = 0.97 * (x1 + x2) / Math.sqrt(2) + Math.sqrt(1 - 0.97 * 0.97) * r.nextGaussian();
            y[i] = r.nextDouble() < 1 / (1 + Math.exp(-4 * (x1 + x2))) ? 1 : 0;
        }
        return Dataset.dense(n, p, x, y, null);
    }

    @Test
    void lockstepWorkingSetsDropColumnsThatLeaveTheSupport() {
        Dataset d = leaving(300, 8, 3);
        int[] fold = Spred.foldIds(d.n(), 3, 13);
        int[] at = new int[51];
        for (int l = 0; l < at.length; l++) at[l] = l;
        FitOptions fo = FitOptions.defaults(Model.LOGISTIC).withStandardize(false).withTol(1e-12);
        double[] lam = glmnetLambdas(d, fo, at);
        // every column the full-data path ever used: a working set that only grows holds all of them at the end
        java.util.Set<Integer> ever = new TreeSet<>();
        try (Context ctx = Backends.auto().open()) {
            for (FitResult f : Spred.path(ctx, d, fo, lam, null).fits())
                for (int j = 0; j < d.p(); j++) if (f.beta()[j] != 0) ever.add(j);
        }
        FitResult last;
        try (Context ctx = Backends.auto().open()) {
            last = Spred.fit(ctx, d, fo.withLambda(lam[lam.length - 1]));
        }
        int nnz = 0;
        for (double v : last.beta()) if (v != 0) nnz++;
        assertTrue(nnz < ever.size(), "the data's path takes a column out: " + nnz + " at the end of " + ever);
        // SparkCv.run as the estimator calls it (its Outcome keeps the full-data fit's working set)
        SpredLogisticRegression est = new SpredLogisticRegression().setStandardization(false).setTol(1e-12);
        WorkingSetSolver.Options o = new WorkingSetSolver.Options(io.github.spred4j.data.LossFamily.LOGISTIC, est.getRegParam(),
                est.getElasticNetParam(), est.getFitIntercept(), est.getStandardization(), est.getMaxIter(), est.getTol(),
                SpredEstimator.checkBackend(est.getBackend()));
        SparkCv.Spec spec = new SparkCv.Spec(new FoldSums.FoldOf(true, est.getCvFolds(), est.getCvSeed()), est.getCvRule(), lam, 0, 0);
        org.apache.spark.sql.Dataset<Row> df = frame(d, fold, false, 2);
        SparkCv.Outcome out = SparkCv.run(df.select("label", "features", "fold").javaRDD(), d.p(), o, spec);
        assertEquals("lockstep", out.cv().route());
        assertTrue(out.cv().worstCertificate() <= 1e-11 && out.cv().worstCertificate() >= -1e-12,
                "every fold fit certified: " + out.cv().worstCertificate());
        assertTrue(out.fit().certificate() <= 1e-11, "the full-data fit certified: " + out.fit().certificate());
        double worst = assertSameCv(core(d, Model.LOGISTIC, 1, true, false, lam, fold), out.cv());
        // the full-data set's working set at the last λ: its support and strong set, not every column it ever held
        assertTrue(out.fit().workingSet() < ever.size(), "the working set shrank: |W| = " + out.fit().workingSet()
                + " at the end, " + ever.size() + " columns used along the path");
        System.out.printf("lockstep with a column leaving: curve within %.1e of Spred.cv, |W| %d at the end (%d columns used), %d passes%n",
                worst, out.fit().workingSet(), ever.size(), out.cv().passes());
    }

    @Test
    void hashedFoldsAreTheRowsContentNotTheirPlace() {
        Dataset d = SpredSparkTest.synthetic(300, 8, 3, 31, false);
        int[] none = new int[d.n()];
        SpredLinearRegression est = new SpredLinearRegression().setCvFolds(4).setCvSeed(17).setCvNumLambdas(30).setTol(1e-12);
        SpredLinearRegressionModel a = est.fit(frame(d, none, false, 2));
        SpredLinearRegressionModel b = est.fit(frame(d, none, true, 5)); // other partitions, SparseVector rows
        assertArrayEquals(a.cvSummary().meanLoss(), b.cvSummary().meanLoss(), 1e-12 * a.cvSummary().meanLoss()[0]);
        // the same folds recomputed from the collected rows: Spred.cv on them gives the same curve
        FoldSums.FoldOf hash = new FoldSums.FoldOf(false, 4, 17);
        int[] raw = new int[d.n()];
        TreeSet<Integer> ids = new TreeSet<>();
        for (int i = 0; i < d.n(); i++) {
            double[] xi = java.util.Arrays.copyOfRange(d.x(), i * d.p(), (i + 1) * d.p());
            raw[i] = hash.of(RowFactory.create(d.y()[i], Vectors.dense(xi)));
            ids.add(raw[i]);
        }
        assertEquals(4, ids.size(), "four non-empty hashed folds");
        int[] fold = new int[d.n()];
        for (int i = 0; i < d.n(); i++) fold[i] = ids.headSet(raw[i]).size() + 1;
        assertSameCv(core(d, Model.SQUARED, 1, true, false, a.cvSummary().lambdas(), fold), a.cvSummary());
        // changing the seed changes the folds
        SpredLinearRegressionModel c = est.copy(new ParamMap().put(est.cvSeed().w(18L))).fit(frame(d, none, false, 2));
        assertTrue(c.cvSummary().meanLoss()[10] != a.cvSummary().meanLoss()[10], "another seed, other folds");
    }

    @Test
    void theCurveIsSavedAndLoadedWithTheModel(@TempDir Path tmp) throws IOException {
        Dataset d = SpredSparkTest.synthetic(200, 5, 2, 41, false);
        SpredLinearRegressionModel m = new SpredLinearRegression().setFoldCol("fold").setCvNumLambdas(20)
                .fit(frame(d, Spred.foldIds(d.n(), 4, 1), false, 2));
        m.write().save(tmp.resolve("m").toString());
        SpredLinearRegressionModel back = SpredLinearRegressionModel.load(tmp.resolve("m").toString());
        SpredCvSummary a = m.cvSummary(), b = back.cvSummary();
        assertNotNull(b);
        assertEquals(a.rule(), b.rule());
        assertEquals(a.lambda(), b.lambda(), 0);
        assertArrayEquals(a.lambdas(), b.lambdas(), 0);
        assertArrayEquals(a.meanLoss(), b.meanLoss(), 0);
        assertArrayEquals(a.stdErr(), b.stdErr(), 0);
        assertEquals(a.lambdaMin(), b.lambdaMin(), 0);
        assertEquals(a.lambda1se(), b.lambda1se(), 0);
        assertEquals(a.folds(), b.folds());
        assertEquals(a.route(), b.route());
        assertEquals(a.passes(), b.passes());
        assertEquals(a.worstCertificate(), b.worstCertificate(), 0);
        assertEquals(m.getRegParam(), back.getRegParam(), 0);
        assertEquals("fold", back.getFoldCol());
        assertTrue(back.summary().hasCv());
        // a model fitted at a given regParam has no curve, before and after saving
        SpredLinearRegressionModel plain = new SpredLinearRegression().setRegParam(0.1).fit(frame(d, new int[d.n()], false, 2));
        assertNull(plain.cvSummary());
        plain.write().save(tmp.resolve("plain").toString());
        assertNull(SpredLinearRegressionModel.load(tmp.resolve("plain").toString()).cvSummary());
    }

    @Test
    void sparksCrossValidatorCopiesTheCvParams(@TempDir Path tmp) throws IOException {
        Dataset d = SpredSparkTest.synthetic(240, 6, 3, 51, false);
        org.apache.spark.sql.Dataset<Row> df = frame(d, new int[d.n()], false, 2).drop("fold").cache();
        SpredLinearRegression est = new SpredLinearRegression().setCvFolds(3).setCvNumLambdas(15);
        ParamMap[] grid = new ParamGridBuilder().addGrid(est.elasticNetParam(), new double[]{1.0, 0.5})
                .addGrid(est.cvRule(), scala.jdk.javaapi.CollectionConverters.asScala(List.of(SparkCv.MIN, SparkCv.ONE_SE)))
                .build();
        CrossValidator outer = new CrossValidator().setEstimator(est).setEstimatorParamMaps(grid)
                .setEvaluator(new RegressionEvaluator()).setNumFolds(2).setSeed(5);
        CrossValidatorModel cvm = outer.fit(df);
        SpredLinearRegressionModel best = (SpredLinearRegressionModel) cvm.bestModel();
        assertNotNull(best.cvSummary());
        assertEquals(best.getCvRule(), best.cvSummary().rule(), "the grid's rule reached the copy that was fitted");
        assertEquals(best.cvSummary().lambda(), best.getRegParam(), 0);
        assertEquals(4, cvm.avgMetrics().length);
        // each grid point really ran with its own params: refit the best point alone and get the same model
        SpredLinearRegressionModel again = ((SpredLinearRegression) est.copy(grid[indexOfBest(cvm)])).fit(df);
        assertArrayEquals(again.coefficients().toArray(), best.coefficients().toArray(), 0);
        cvm.write().save(tmp.resolve("cvm").toString());
        SpredLinearRegressionModel loaded = (SpredLinearRegressionModel) CrossValidatorModel.load(tmp.resolve("cvm").toString()).bestModel();
        assertArrayEquals(best.cvSummary().meanLoss(), loaded.cvSummary().meanLoss(), 0);
        df.unpersist();
    }

    static int indexOfBest(CrossValidatorModel m) {
        double[] a = m.avgMetrics();
        int best = 0;
        for (int i = 1; i < a.length; i++) if (a[i] < a[best]) best = i; // RMSE: smaller is better
        return best;
    }

    @Test
    void badCrossValidationInputsAreOneLineErrors() {
        Dataset d = SpredSparkTest.synthetic(50, 3, 1, 61, false);
        org.apache.spark.sql.Dataset<Row> df = frame(d, new int[d.n()], false, 2);
        String m1 = assertThrows(IllegalArgumentException.class, () -> new SpredLinearRegression().setFoldCol("fold").fit(df)).getMessage();
        assertTrue(m1.contains("at least 2 folds"), m1);
        String m2 = assertThrows(IllegalArgumentException.class,
                () -> new SpredLinearRegression().setFoldCol("label").fit(df)).getMessage();
        assertTrue(m2.contains("foldCol") && m2.contains("integer"), m2);
        String m3 = assertThrows(IllegalArgumentException.class, () -> new SpredLinearRegression().setFoldCol("nope").fit(df)).getMessage();
        assertTrue(m3.contains("nope") && m3.contains("does not exist"), m3);
        String m4 = assertThrows(IllegalArgumentException.class, () -> new SpredLinearRegression().setCvFolds(1).fit(df)).getMessage();
        assertTrue(m4.contains("cvFolds"), m4);
        String m5 = assertThrows(IllegalArgumentException.class,
                () -> new SpredLinearRegression().setCvFolds(3).setCvLambdas(new double[]{0.1, 0.2}).fit(df)).getMessage();
        assertTrue(m5.contains("strictly decreasing"), m5);
        assertThrows(IllegalArgumentException.class, () -> new SpredLinearRegression().setCvRule("lambda.max"));
        for (String m : new String[]{m1, m2, m3, m4, m5}) assertTrue(!m.contains("\n"), "one line: " + m);
    }
}
