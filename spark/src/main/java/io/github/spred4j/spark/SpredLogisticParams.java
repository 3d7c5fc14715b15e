package io.github.spred4j.spark;

import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.Param;

/**
 * The params of {@link SpredLogisticRegression} and its model on top of {@link SpredParams}: the columns Spark's
 * classifiers write and its evaluators read ({@code rawPredictionCol} for {@code BinaryClassificationEvaluator},
 * {@code probabilityCol}), and the decision threshold.
 *
 * @param <T> the implementing class (setters return it)
 */
public interface SpredLogisticParams<T extends SpredLogisticParams<T>> extends SpredParams<T> {
    /** @return the probability column: Vector [P(y=0), P(y=1)] */
    default Param<String> probabilityCol() { return paramFields().probabilityCol; }
    /** @return the raw prediction column: Vector [−η, η] */
    default Param<String> rawPredictionCol() { return paramFields().rawPredictionCol; }
    /** @return the decision threshold on P(y=1) */
    default DoubleParam threshold() { return paramFields().threshold; }

    /** @return the probability column */
    default String getProbabilityCol() { return getOrDefault(probabilityCol()); }
    /** @return the raw prediction column */
    default String getRawPredictionCol() { return getOrDefault(rawPredictionCol()); }
    /** @return the decision threshold */
    default double getThreshold() { return (Double) getOrDefault(threshold()); }

    /** @param v the probability column (empty: not written) @return this */
    default T setProbabilityCol(String v) { return put(probabilityCol(), v); }
    /** @param v the raw prediction column (empty: not written) @return this */
    default T setRawPredictionCol(String v) { return put(rawPredictionCol(), v); }
    /** @param v the decision threshold on P(y=1), in [0, 1] @return this */
    default T setThreshold(double v) { return put(threshold(), v); }

    @Override
    default String[][] outputColumns() {
        return new String[][]{{getRawPredictionCol(), "vector"}, {getProbabilityCol(), "vector"}, {getPredictionCol(), "double"}};
    }
}
