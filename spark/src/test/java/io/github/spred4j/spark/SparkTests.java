package io.github.spred4j.spark;

import io.github.spred4j.data.Dataset;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;

/** The Spark tests' shared set-up: one local[2] session configuration, one frame builder, the logistic loss. */
final class SparkTests {
    private SparkTests() {
    }

    /**
     * log(1 + e^η) − y·η (y ∈ {0, 1}) as (max(η, 0) − y·η) + log1p(e^−|η|): the bracket is exactly 0 for a
     * well-classified row, so its tiny loss keeps its digits ((η + log1p(e^−η)) − y·η cancelled them).
     */
    static double logisticLoss(double y, double eta) {
        return (Math.max(eta, 0) - y * eta) + Math.log1p(Math.exp(-Math.abs(eta)));
    }

    /** A local[2] session for a test class (no UI, loopback driver, 4 shuffle partitions, warnings only). */
    static SparkSession session(String app) {
        SparkSession s = SparkSession.builder().master("local[2]").appName(app)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }

    /**
     * The rows of d as a frame (label, features[, w][, fold]) in {@code partitions} partitions: features as
     * SparseVector when {@code sparse}; the weight column w when {@code w} is given, the integer fold column when
     * {@code fold} is.
     */
    static org.apache.spark.sql.Dataset<Row> frame(SparkSession spark, Dataset d, boolean sparse, int partitions,
                                                   double[] w, int[] fold) {
        StructType schema = new StructType().add("label", DataTypes.DoubleType, false).add("features", SQLDataTypes.VectorType(), false);
        if (w != null) schema = schema.add("w", DataTypes.DoubleType, false);
        if (fold != null) schema = schema.add("fold", DataTypes.IntegerType, false);
        List<Row> rows = new ArrayList<>(d.n());
        for (int i = 0; i < d.n(); i++) {
            double[] xi = new double[d.p()];
            System.arraycopy(d.x(), i * d.p(), xi, 0, d.p());
            Vector v = sparse ? Vectors.dense(xi).toSparse() : Vectors.dense(xi);
            List<Object> r = new ArrayList<>(List.of(d.y()[i], v));
            if (w != null) r.add(w[i]);
            if (fold != null) r.add(fold[i]);
            rows.add(RowFactory.create(r.toArray()));
        }
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }
}
