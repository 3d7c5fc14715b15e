package io.github.spred4j.spark;

import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * A fitted sparse linear model: intercept, coefficients (exact zeros) and the fit's {@link SpredSummary}
 * (objective, certificate, passes). Persistence ({@link ModelIO}) writes Spark's params metadata and one Parquet row
 * of numbers under {@code data/}; no Java serialisation of the coefficients.
 *
 * @param <M> the model class (setters and copy return it)
 */
public abstract class SpredModel<M extends SpredModel<M>> extends Model<M> implements SpredParams<M>, MLWritable {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final ParamFields fields;
    final double intercept;
    final double[] coefficients;
    final SpredSummary summary;

    /** Builds a concrete model from its numbers (the copy and load paths). */
    interface Factory<M> {
        M make(String uid, double intercept, double[] coefficients, SpredSummary summary);
    }

    SpredModel(String uid, boolean logistic, double intercept, double[] coefficients, SpredSummary summary) {
        if (summary.numFeatures() != coefficients.length)
            throw new IllegalArgumentException("summary for " + summary.numFeatures() + " features, " + coefficients.length + " coefficients");
        this.uid = uid;
        this.fields = new ParamFields(this, logistic);
        fields.setDefaults(this);
        this.intercept = intercept;
        this.coefficients = coefficients.clone();
        this.summary = summary;
    }

    static SpredSummary summaryOf(double[] beta, double objective, String certificateName, double certificate,
                                  int passes, int newtonSteps) {
        return summaryOf(beta, objective, certificateName, certificate, passes, newtonSteps, null);
    }

    static SpredSummary summaryOf(double[] beta, double objective, String certificateName, double certificate,
                                  int passes, int newtonSteps, SpredCvSummary cv) {
        int k = 0;
        for (double v : beta) if (v != 0) k++;
        return new SpredSummary(objective, certificateName, certificate, passes, newtonSteps, k, beta.length, cv);
    }

    /** A fit's summary, with the cross-validation that chose its λ (or null). */
    static SpredSummary summaryOf(WorkingSetSolver.Result r, SpredCvSummary cv) {
        return summaryOf(r.beta(), r.objective(), r.certificateName(), r.certificate(), r.passes(), r.newtonSteps(), cv);
    }

    abstract Factory<M> factory();

    @Override
    public String uid() {
        return uid;
    }

    @Override
    public ParamFields paramFields() {
        return fields;
    }

    /** @return b0, the unpenalised intercept */
    public double intercept() { return intercept; }
    /** @return β (a copy; exact zeros) */
    public Vector coefficients() { return Vectors.dense(coefficients.clone()); }
    /** @return the fit's objective, certificate and cost (always present: it is saved with the model) */
    public SpredSummary summary() { return summary; }
    /** @return true: the summary is saved and loaded with the model (Spark's models lose theirs on save) */
    public boolean hasSummary() { return true; }
    /** @return the cross-validation that chose λ (curve, λ_min, λ_1se), or null when fitted at a given regParam */
    public SpredCvSummary cvSummary() { return summary.cv(); }
    /** @return the penalised objective at the answer (glmnet's scaling) */
    public double objective() { return summary.objective(); }
    /** @return the certificate's kind, "duality_gap" */
    public String certificateName() { return summary.certificateName(); }
    /** @return the relative duality gap proved for the answer */
    public double certificate() { return summary.certificate(); }
    /** @return the number of non-zero coefficients */
    public int numNonzeros() { return summary.numNonzeros(); }
    /** @return Spark jobs (passes over the data) the fit took */
    public int passes() { return summary.passes(); }
    /** @return proximal Newton steps the fit took */
    public int newtonSteps() { return summary.newtonSteps(); }
    /** @return the length of the coefficient vector */
    public int numFeatures() { return coefficients.length; }

    /**
     * @param v a feature vector of length {@link #numFeatures()}
     * @return η = b0 + xᵀβ
     */
    public double margin(Vector v) {
        return margin(intercept, coefficients, v);
    }

    static double margin(double intercept, double[] coefficients, Vector v) {
        if (v.size() != coefficients.length)
            throw new IllegalArgumentException("feature vector of size " + v.size() + ", the model has " + coefficients.length + " features");
        double s = intercept;
        if (v instanceof SparseVector sv) {
            int[] idx = sv.indices();
            double[] val = sv.values();
            for (int k = 0; k < idx.length; k++) s += coefficients[idx[k]] * val[k];
        } else {
            double[] a = v.toArray();
            for (int j = 0; j < a.length; j++) s += coefficients[j] * a[j];
        }
        return s;
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return validateAndTransformSchema(schema, false);
    }

    /** Adds the output columns ({@link #outputColumns()}), each computed from the features column. */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> out = dataset.toDF();
        for (String[] c : outputColumns()) {
            if (c[0].isEmpty()) continue;
            UDF1<Vector, ?> f = column(c[0]);
            out = out.withColumn(c[0], udf(f, c[1].equals("vector") ? SQLDataTypes.VectorType() : DataTypes.DoubleType)
                    .apply(col(getFeaturesCol())));
        }
        return out;
    }

    /**
     * @param name one of the output column names
     * @return the function of the features that fills it (captures copies of b0 and β, not the model)
     */
    abstract UDF1<Vector, ?> column(String name);

    @Override
    public M copy(ParamMap extra) {
        M m = factory().make(uid, intercept, coefficients, summary);
        return copyValues(m, extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new ModelIO.Writer(this);
    }

    @Override
    public void save(String path) throws java.io.IOException {
        write().save(path);
    }
}
