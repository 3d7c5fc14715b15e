package io.github.spred4j.tribuo;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters of k linear predictors η_d = b_d + Σ_j β_dj·x_j over one feature map (column j = feature id j),
 * shared by the regression and classification models. Immutable; arrays are copied in and out.
 */
final class LinearWeights implements Serializable {
    private static final long serialVersionUID = 1L;

    final String[] outputs;
    private final double[] intercepts;
    private final double[][] betas;

    LinearWeights(String[] outputs, double[] intercepts, double[][] betas) {
        this.outputs = outputs.clone();
        this.intercepts = intercepts.clone();
        this.betas = new double[betas.length][];
        for (int d = 0; d < betas.length; d++) this.betas[d] = betas[d].clone();
    }

    int size() {
        return outputs.length;
    }

    double intercept(int d) {
        return intercepts[d];
    }

    double[] beta(int d) {
        return betas[d].clone();
    }

    /** The linear predictors of one example (features unknown to the map are ignored); [k] = number used. */
    double[] eta(Example<?> example, ImmutableFeatureMap fmap) {
        double[] eta = intercepts.clone();
        double[] out = new double[eta.length + 1];
        int used = 0;
        for (Feature f : example) {
            int j = fmap.getID(f.getName());
            if (j < 0) continue;
            used++;
            double v = f.getValue();
            for (int d = 0; d < eta.length; d++) eta[d] += betas[d][j] * v;
        }
        System.arraycopy(eta, 0, out, 0, eta.length);
        out[eta.length] = used;
        return out;
    }

    /** Per output, the names of the features with a non-zero coefficient. */
    Map<String, List<String>> activeFeatures(ImmutableFeatureMap fmap) {
        Map<String, List<String>> m = new HashMap<>();
        for (int d = 0; d < outputs.length; d++) {
            List<String> names = new ArrayList<>();
            for (int j = 0; j < betas[d].length; j++) if (betas[d][j] != 0) names.add(fmap.get(j).getName());
            m.put(outputs[d], names);
        }
        return m;
    }

    /** Per output, the n largest coefficients by magnitude (all non-zeros when n < 0), intercept as Model.BIAS_FEATURE. */
    Map<String, List<Pair<String, Double>>> topFeatures(ImmutableFeatureMap fmap, int n) {
        Map<String, List<Pair<String, Double>>> m = new LinkedHashMap<>();
        for (int d = 0; d < outputs.length; d++) {
            List<Pair<String, Double>> l = new ArrayList<>();
            for (int j = 0; j < betas[d].length; j++)
                if (betas[d][j] != 0) l.add(new Pair<>(fmap.get(j).getName(), betas[d][j]));
            l.add(new Pair<>(Model.BIAS_FEATURE, intercepts[d]));
            l.sort(Comparator.comparingDouble((Pair<String, Double> q) -> -Math.abs(q.getB())));
            m.put(outputs[d], n < 0 || n >= l.size() ? l : new ArrayList<>(l.subList(0, n)));
        }
        return m;
    }

    /** Per output, each present feature's contribution β_dj·x_j, largest first (the linear model's excuse). */
    Map<String, List<Pair<String, Double>>> contributions(Example<?> example, ImmutableFeatureMap fmap) {
        Map<String, List<Pair<String, Double>>> m = new LinkedHashMap<>();
        for (int d = 0; d < outputs.length; d++) {
            List<Pair<String, Double>> l = new ArrayList<>();
            for (Feature f : example) {
                int j = fmap.getID(f.getName());
                if (j >= 0) l.add(new Pair<>(f.getName(), betas[d][j] * f.getValue()));
            }
            l.sort(Comparator.comparingDouble((Pair<String, Double> q) -> -q.getB()));
            m.put(outputs[d], l);
        }
        return m;
    }
}
