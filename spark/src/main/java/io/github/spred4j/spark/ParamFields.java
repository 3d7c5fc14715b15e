package io.github.spred4j.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleArrayParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

import java.io.Serializable;

/**
 * The Param objects of one estimator or model, and their defaults (a Java interface cannot hold them, so each instance keeps them here
 * and {@link SpredParams} / {@link SpredLogisticParams} reach them through {@code paramFields()}). The logistic
 * params exist, and get defaults, only for the logistic classes: a default for a param the class does not expose
 * is written into saved metadata and breaks loading (issue 17: "Param probabilityCol does not exist").
 */
public final class ParamFields implements Serializable {
    private static final long serialVersionUID = 1L;

    final DoubleParam regParam, elasticNetParam, tol;
    final BooleanParam fitIntercept, standardization;
    final IntParam maxIter;
    final Param<String> backend, featuresCol, labelCol, predictionCol;
    /** Logistic only (null otherwise). */
    final Param<String> probabilityCol, rawPredictionCol;
    final DoubleParam threshold;
    /** Linear regression only (null otherwise): gaussian or poisson. */
    final Param<String> family;
    /** Cross-validation inside fit ({@link SparkCv}) and observation weights. */
    final IntParam cvFolds, cvNumLambdas;
    final Param<String> foldCol, cvRule, weightCol;
    final DoubleArrayParam cvLambdas;
    final DoubleParam cvLambdaMinRatio;
    final LongParam cvSeed;

    ParamFields(Params parent, boolean logistic) {
        regParam = new DoubleParam(parent, "regParam", "the penalty strength λ (glmnet's lambda, 1/(2n) loss scaling), >= 0",
                ParamValidators.gtEq(0));
        elasticNetParam = new DoubleParam(parent, "elasticNetParam", "elastic-net mix α in (0, 1]: penalty λ(α‖β‖₁ + (1−α)/2‖β‖²)",
                ParamValidators.inRange(0, 1, false, true));
        tol = new DoubleParam(parent, "tol", "target relative duality gap of the certificate (> 0)", ParamValidators.gt(0));
        fitIntercept = new BooleanParam(parent, "fitIntercept", "whether to fit an unpenalised intercept");
        standardization = new BooleanParam(parent, "standardization",
                "penalise s_j|β_j| with s_j the population standard deviation of feature j (glmnet's standardize)");
        maxIter = new IntParam(parent, "maxIter", "maximum number of Newton steps (each one pass over the data)", ParamValidators.gtEq(1));
        backend = new Param<>(parent, "backend", "where the executors read the data (η, Xᵀr, Gram blocks, float64): auto, cuda, opencl, opencl-gpu, opencl-cpu, native or java (Java loops); a backend an executor cannot run falls back to the Java loops with a log line");
        featuresCol = new Param<>(parent, "featuresCol", "features column (Vector)");
        labelCol = new Param<>(parent, "labelCol", "label column (numeric; {0,1} for logistic regression)");
        predictionCol = new Param<>(parent, "predictionCol", "prediction column");
        if (logistic) {
            probabilityCol = new Param<>(parent, "probabilityCol",
                    "probability column: Vector [P(y=0), P(y=1)] as Spark's classifiers write it (empty: not written)");
            rawPredictionCol = new Param<>(parent, "rawPredictionCol",
                    "raw prediction column: Vector [−η, η], η = b0 + xᵀβ (empty: not written)");
            threshold = new DoubleParam(parent, "threshold", "predict 1 when P(y=1) > threshold, in [0, 1]",
                    ParamValidators.inRange(0, 1));
        } else {
            probabilityCol = rawPredictionCol = null;
            threshold = null;
        }
        family = logistic ? null : new Param<>(parent, "family",
                "loss family: gaussian (lasso / elastic net) or poisson (log link, counts >= 0, prediction exp(η))",
                new FamilyName());
        cvFolds = new IntParam(parent, "cvFolds", "cross-validate λ inside fit with this many folds drawn from a seeded hash of each row (0: no cross-validation, fit at regParam; ignored when foldCol is set)",
                ParamValidators.gtEq(0));
        foldCol = new Param<>(parent, "foldCol", "integer column of fold ids (cv.glmnet's foldid; each distinct value is one fold, at least 2): cross-validate λ inside fit (empty: none)");
        cvRule = new Param<>(parent, "cvRule", "the λ cross-validation picks: lambda.min (least mean held-out loss) or lambda.1se (the largest λ within one standard error of it)",
                ParamValidators.inArray(new String[]{SparkCv.MIN, SparkCv.ONE_SE}));
        cvLambdas = new DoubleArrayParam(parent, "cvLambdas", "the λ sequence cross-validation tries (finite, > 0, strictly decreasing; empty: glmnet's sequence of cvNumLambdas values from λ_max)");
        cvNumLambdas = new IntParam(parent, "cvNumLambdas", "length of glmnet's λ sequence when cvLambdas is empty", ParamValidators.gtEq(1));
        cvLambdaMinRatio = new DoubleParam(parent, "cvLambdaMinRatio", "smallest λ of glmnet's sequence as a fraction of λ_max, in (0, 1) (0: glmnet's default, 1e-4 when n > p else 0.01)",
                ParamValidators.inRange(0, 1, true, false));
        cvSeed = new LongParam(parent, "cvSeed", "seed of the fold hash when foldCol is empty");
        weightCol = new Param<>(parent, "weightCol", "observation weight column (numeric, >= 0, glmnet's weights; empty: all 1)");
    }

    /**
     * Sets the defaults. Called by the owner once its {@code paramFields()} returns this object: Spark's
     * setDefault lists the owner's params, which reaches back here.
     */
    void setDefaults(Params parent) {
        boolean logistic = probabilityCol != null;
        // defaults: glmnet's conventions (pure L1, raw features), Spark's column names
        parent.setDefault(regParam, 0.0);
        parent.setDefault(elasticNetParam, 1.0);
        parent.setDefault(tol, 1e-7);
        parent.setDefault(fitIntercept, true);
        parent.setDefault(standardization, false);
        parent.setDefault(maxIter, 100);
        parent.setDefault(backend, "auto");
        parent.setDefault(featuresCol, "features");
        parent.setDefault(labelCol, "label");
        parent.setDefault(predictionCol, "prediction");
        if (logistic) {
            parent.setDefault(probabilityCol, "probability");
            parent.setDefault(rawPredictionCol, "rawPrediction");
            parent.setDefault(threshold, 0.5);
        } else parent.setDefault(family, SpredLinearParams.GAUSSIAN);
        parent.setDefault(cvFolds, 0);
        parent.setDefault(foldCol, "");
        parent.setDefault(cvRule, SparkCv.MIN);
        parent.setDefault(cvLambdas, new double[0]);
        parent.setDefault(cvNumLambdas, 100);
        parent.setDefault(cvLambdaMinRatio, 0.0);
        parent.setDefault(cvSeed, 1L);
        parent.setDefault(weightCol, "");
    }

    /**
     * The family validator: gaussian or poisson in any case ("Poisson", "GAUSSIAN"), as Spark's own
     * GeneralizedLinearRegression and LogisticRegression take their family names; serialisable like Spark's validators.
     */
    static final class FamilyName extends scala.runtime.AbstractFunction1<String, Object> implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Object apply(String v) {
            return SpredLinearParams.GAUSSIAN.equalsIgnoreCase(v) || SpredLinearParams.POISSON.equalsIgnoreCase(v);
        }
    }
}
