package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One case written by scripts/glmnet-weights-refs.R (src/test/resources/glmnet-weights/NAME): X, y, weights,
 * penalty factors, options, glmnet's λ sequence, its coefficients and its objective; and the objective of
 * glmnet's weighted, penalty-factored problem, computed here from the files independently of the solver.
 */
record GlmnetCase(String name, Dataset data, double[] weights, double[] pf, Model model, double alpha, boolean intercept,
                  boolean standardize, double[] lambdas, double[][] coef, double[] objective) {

    static final String[] NAMES = {"sq_weights", "sq_weights_nostd", "sq_pf", "sq_pf_enet", "sq_noint", "sq_noint_plain", "sq_wide",
            "logit_pf", "logit_noint_plain", "pois_pf",
            "logit_weights", "logit_w_pf0", "logit_w_noint", "logit_enet_pf", "pois_weights", "pois_w_pf0", "logit_w_nostd", "sq_enet_mixed"};

    static GlmnetCase load(String name) throws Exception {
        return loadFrom(Path.of(GlmnetCase.class.getResource("/glmnet-weights/" + name + "/opts.txt").toURI()).getParent(), name);
    }

    /** A case from its directory (the CV cases have no coef.csv / objective.txt: those are then empty). */
    static GlmnetCase loadFrom(Path d, String name) throws Exception {
        double[][] x = rows(d.resolve("X.csv"));
        int n = x.length, p = x[0].length;
        double[] flat = new double[n * p];
        for (int i = 0; i < n; i++) System.arraycopy(x[i], 0, flat, i * p, p);
        String[] o = Files.readString(d.resolve("opts.txt")).trim().split(" ");
        Model m = switch (o[0]) {
            case "gaussian" -> Model.SQUARED;
            case "binomial" -> Model.LOGISTIC;
            default -> Model.POISSON;
        };
        return new GlmnetCase(name, Dataset.dense(n, p, flat, col(d.resolve("y.txt")), null), col(d.resolve("weights.txt")),
                col(d.resolve("pf.txt")), m, Double.parseDouble(o[1]), Boolean.parseBoolean(o[2].toLowerCase()),
                Boolean.parseBoolean(o[3].toLowerCase()), col(d.resolve("lambda.txt")),
                Files.exists(d.resolve("coef.csv")) ? rows(d.resolve("coef.csv")) : new double[0][],
                Files.exists(d.resolve("objective.txt")) ? col(d.resolve("objective.txt")) : new double[0]);
    }

    FitOptions options() {
        return FitOptions.defaults(model).withAlpha(alpha).withIntercept(intercept).withStandardize(standardize)
                .withWeights(GlmInputs.uniform(weights) ? null : weights).withPenaltyFactor(unit(pf) ? null : pf);
    }

    /** All factors 1: glmnet's default, the plain route (no weights, no factors: the *_plain cases test the engine). */
    private static boolean unit(double[] pf) {
        for (double v : pf) if (v != 1) return false;
        return true;
    }

    /** glmnet's objective Σ a ℓ + λ Σ pf·(α|sβ| + (1−α)/2 (sβ)²) at (b0, β), written from glmnet's documentation. */
    double objective(double lambda, double b0, double[] beta) {
        int n = data.n(), p = data.p();
        double ws = 0;
        for (double w : weights) ws += w;
        double[] x = data.x(), y = data.y();
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double e = b0;
            for (int j = 0; j < p; j++) e += x[i * p + j] * beta[j];
            double l = switch (model) {
                case SQUARED -> 0.5 * (y[i] - e) * (y[i] - e);
                case LOGISTIC -> TestData.logisticLoss(y[i], e);
                default -> Math.exp(e) - y[i] * e;
            };
            loss += weights[i] / ws * l;
        }
        double vs = 0;
        for (double v : pf) vs += Double.isInfinite(v) ? 1 : v;
        double pen = 0;
        for (int j = 0; j < p; j++) {
            if (Double.isInfinite(pf[j])) continue;
            double s = 1;
            if (standardize) {
                double m = 0, q = 0;
                for (int i = 0; i < n; i++) m += weights[i] / ws * x[i * p + j];
                for (int i = 0; i < n; i++) q += weights[i] / ws * (x[i * p + j] - m) * (x[i * p + j] - m);
                s = Math.sqrt(q);
            }
            double b = s * beta[j];
            pen += pf[j] * p / vs * (alpha * Math.abs(b) + (1 - alpha) / 2 * b * b);
        }
        return loss + lambda * pen;
    }

    double[] beta(int k) {
        return java.util.Arrays.copyOfRange(coef[k], 1, coef[k].length);
    }

    static double[] col(Path f) throws IOException {
        List<String> l = Files.readAllLines(f);
        double[] v = new double[l.size()];
        for (int i = 0; i < v.length; i++) v[i] = l.get(i).trim().equals("Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(l.get(i).trim());
        return v;
    }

    private static double[][] rows(Path f) throws IOException {
        List<String> l = Files.readAllLines(f);
        double[][] v = new double[l.size()][];
        for (int i = 0; i < v.length; i++) {
            String[] s = l.get(i).split(",");
            v[i] = new double[s.length];
            for (int j = 0; j < s.length; j++) v[i][j] = Double.parseDouble(s[j]);
        }
        return v;
    }
}
