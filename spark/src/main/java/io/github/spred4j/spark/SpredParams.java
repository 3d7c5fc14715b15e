package io.github.spred4j.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.Params;

/**
 * The parameters shared by the estimators and their models (Spark finds them through the public no-argument
 * methods of each class; these are the objects those methods return). Defaults: regParam 0, elasticNetParam 1
 * (pure L1, glmnet's alpha), fitIntercept true, standardization false (glmnet's standardize = FALSE, the
 * scaling of the core), maxIter 100 (Newton steps), tol 1e-7 (relative duality gap), backend "auto".
 */
final class SpredParams {
    final DoubleParam regParam, elasticNetParam, tol;
    final BooleanParam fitIntercept, standardization;
    final IntParam maxIter;
    final Param<String> backend, featuresCol, labelCol, predictionCol, probabilityCol;

    SpredParams(Params parent) {
        regParam = new DoubleParam(parent, "regParam", "the penalty strength λ (glmnet's lambda, 1/(2n) loss scaling), >= 0",
                ParamValidators.gtEq(0));
        elasticNetParam = new DoubleParam(parent, "elasticNetParam", "elastic-net mix α in (0, 1]: penalty λ(α‖β‖₁ + (1−α)/2‖β‖²)",
                ParamValidators.inRange(0, 1, false, true));
        tol = new DoubleParam(parent, "tol", "target relative duality gap of the certificate (> 0)", ParamValidators.gt(0));
        fitIntercept = new BooleanParam(parent, "fitIntercept", "whether to fit an unpenalised intercept");
        standardization = new BooleanParam(parent, "standardization",
                "penalise s_j|β_j| with s_j the population standard deviation of feature j (glmnet's standardize)");
        maxIter = new IntParam(parent, "maxIter", "maximum number of Newton steps (each one pass over the data)", ParamValidators.gtEq(1));
        backend = new Param<>(parent, "backend", "kernel backend on the executors: auto, cuda, opencl, opencl-gpu, opencl-cpu, native or java");
        featuresCol = new Param<>(parent, "featuresCol", "features column (Vector)");
        labelCol = new Param<>(parent, "labelCol", "label column (numeric; {0,1} for logistic regression)");
        predictionCol = new Param<>(parent, "predictionCol", "prediction column");
        probabilityCol = new Param<>(parent, "probabilityCol", "probability column (logistic regression: P(y = 1))");
    }

    void setDefaults(Params p) {
        p.setDefault(regParam, 0.0);
        p.setDefault(elasticNetParam, 1.0);
        p.setDefault(tol, 1e-7);
        p.setDefault(fitIntercept, true);
        p.setDefault(standardization, false);
        p.setDefault(maxIter, 100);
        p.setDefault(backend, "auto");
        p.setDefault(featuresCol, "features");
        p.setDefault(labelCol, "label");
        p.setDefault(predictionCol, "prediction");
        p.setDefault(probabilityCol, "probability");
    }
}
