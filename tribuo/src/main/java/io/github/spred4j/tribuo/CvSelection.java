package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.provenance.ListProvenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Context;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Spred;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * λ chosen by k-fold cross-validation inside a trainer, as {@code cv.glmnet} does: per fitted predictor (regression
 * dimension or one-vs-rest class) one {@link Spred#cv} on glmnet's default λ sequence for that target, folds drawn
 * by {@link Spred#foldIds} from the seed; the model takes the CV's own all-data path fit at λ_min or λ_1se (no
 * second fit). All predictors run on one context of the backend.
 */
final class CvSelection {
    /** Rule names, as cv.glmnet's {@code s}. */
    static final String MIN = "lambda.min", ONE_SE = "lambda.1se";
    /** Instance provenance keys added when λ is chosen by CV (per predictor where a map). */
    static final String FOLDS = "spred.cv.folds", SEED = "spred.cv.seed", RULE = "spred.cv.rule",
            CHOSEN = "spred.cv.lambda", LAMBDAS = "spred.cv.lambdas", MEAN_LOSS = "spred.cv.mean-loss",
            STD_ERR = "spred.cv.std-err";

    /** The fits at the chosen λ, the chosen λ and each predictor's CV result. */
    record Choice(FitResult[] fits, double[] lambdas, CvResult[] cvs) {
    }

    private CvSelection() {
    }

    /** Checks folds against the number of examples (the config check has already refused folds < 2). */
    static void checkFolds(int folds, int n) {
        if (folds < 2 || folds > n)
            throw new IllegalArgumentException("cvFolds must be in [2, n] where n = " + n + " examples, found " + folds);
    }

    static Choice choose(Backend backend, Designs.Design x, double[][] ys, FitOptions o, String[] outputNames,
                         int folds, long seed, String rule, int nLambda) {
        checkFolds(folds, x.n());
        int k = ys.length;
        FitResult[] fits = new FitResult[k];
        double[] chosen = new double[k];
        CvResult[] cvs = new CvResult[k];
        try (Context ctx = backend.open()) {
            for (int d = 0; d < k; d++) {
                CvResult cv;
                try {
                    cv = Spred.cv(ctx, x.with(ys[d]), o.withWeights(x.weights()), nLambda, Double.NaN, folds, seed); // example weights: cv.glmnet's weighted CV
                } catch (IllegalArgumentException e) { // name the output the failing CV belongs to
                    throw new IllegalArgumentException("output '" + outputNames[d] + "': " + e.getMessage(), e);
                }
                int at = ONE_SE.equals(rule) ? cv.index1se() : cv.indexMin();
                cvs[d] = cv;
                chosen[d] = cv.lambdas()[at];
                fits[d] = cv.path().fits().get(at);
            }
        }
        return new Choice(fits, chosen, cvs);
    }

    /** The CV entries of a model's instance provenance (added to {@link Designs#instanceProvenance}'s). */
    static void provenance(Map<String, Provenance> out, Choice c, String[] outputNames, int folds, long seed,
                           String rule) {
        out.put(FOLDS, new IntProvenance(FOLDS, folds));
        out.put(SEED, new LongProvenance(SEED, seed));
        out.put(RULE, new StringProvenance(RULE, rule));
        Map<String, DoubleProvenance> chosen = new LinkedHashMap<>();
        Map<String, ListProvenance<DoubleProvenance>> lambdas = new LinkedHashMap<>(), mean = new LinkedHashMap<>(),
                se = new LinkedHashMap<>();
        for (int d = 0; d < outputNames.length; d++) {
            String k = outputNames[d];
            chosen.put(k, new DoubleProvenance(k, c.lambdas()[d]));
            lambdas.put(k, list(k, c.cvs()[d].lambdas()));
            mean.put(k, list(k, c.cvs()[d].meanLoss()));
            se.put(k, list(k, c.cvs()[d].stdErr()));
        }
        out.put(CHOSEN, new MapProvenance<>(chosen));
        out.put(LAMBDAS, new MapProvenance<>(lambdas));
        out.put(MEAN_LOSS, new MapProvenance<>(mean));
        out.put(STD_ERR, new MapProvenance<>(se));
    }

    private static ListProvenance<DoubleProvenance> list(String name, double[] v) {
        List<DoubleProvenance> l = new ArrayList<>(v.length);
        for (double x : v) l.add(new DoubleProvenance(name, x));
        return new ListProvenance<>(l);
    }
}
