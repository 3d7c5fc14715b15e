package io.github.spred4j.tribuo;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.Context;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Spred;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.MapProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Output;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conversions between Tribuo and the solver: a Tribuo dataset becomes the solver's X (column j = the feature
 * with id j in the dataset's {@link ImmutableFeatureMap}), and fit results become provenance entries.
 */
final class Designs {
    /** Keys of the instance (run) provenance entries the trainers add; user run provenance keeps its own keys. */
    static final String BACKEND = "spred.backend", DEVICE = "spred.device", PRECISION = "spred.precision",
            LAMBDA = "spred.lambda", L1_RATIO = "spred.l1-ratio", CERTIFICATE_NAME = "spred.certificate-name",
            CERTIFICATE = "spred.certificate", CERTIFICATES = "spred.certificates", OBJECTIVES = "spred.objectives",
            ITERATIONS = "spred.iterations", NNZ = "spred.nnz", SECONDS = "spred.seconds";

    /** Below this fraction of non-zeros X goes to the solver as CSR instead of dense. */
    static final double SPARSE_DENSITY = 0.1;

    private Designs() {
    }

    /** X of a Tribuo dataset in the solver's layout, plus n and p. */
    /** {@code weights}: the examples' weights (Tribuo's {@code Example.getWeight()}), null when all are 1. */
    record Design(int n, int p, double[] dense, int[] rowPtr, int[] colIdx, double[] values, String[] names, double[] weights) {
        io.github.spred4j.data.Dataset with(double[] y) {
            return dense != null ? io.github.spred4j.data.Dataset.dense(n, p, dense, y, names)
                    : io.github.spred4j.data.Dataset.sparse(n, p, rowPtr, colIdx, values, y, names);
        }
    }

    static <T extends Output<T>> Design design(org.tribuo.Dataset<T> data) {
        ImmutableFeatureMap fmap = data.getFeatureIDMap();
        int n = data.size(), p = fmap.size();
        if (n == 0) throw new IllegalArgumentException("the dataset has no examples");
        if (p == 0) throw new IllegalArgumentException("the dataset has no features");
        String[] names = new String[p];
        for (int j = 0; j < p; j++) names[j] = fmap.get(j).getName();
        // Rows as (id, value) lists; duplicates of a feature in one example add up, as in a Tribuo dot product.
        List<int[]> ids = new ArrayList<>(n);
        List<double[]> vals = new ArrayList<>(n);
        long nnz = 0;
        int i = 0;
        double[] w = new double[n];
        boolean weighted = false;
        for (Example<T> e : data) {
            w[i] = e.getWeight(); // glmnet's observation weights: checked (>= 0, finite, not all 0) by the solver
            weighted |= e.getWeight() != 1.0f;
            int[] id = new int[e.size()];
            double[] v = new double[e.size()];
            int k = 0;
            for (Feature f : e) {
                int j = fmap.getID(f.getName());
                if (j < 0) continue;
                double value = f.getValue();
                if (!Double.isFinite(value))
                    throw new IllegalArgumentException("example " + i + ", feature '" + f.getName() + "' is " + value);
                id[k] = j;
                v[k++] = value;
            }
            ids.add(java.util.Arrays.copyOf(id, k));
            vals.add(java.util.Arrays.copyOf(v, k));
            nnz += k;
            i++;
        }
        boolean sparse = nnz < SPARSE_DENSITY * n * (double) p || (long) n * p > Integer.MAX_VALUE - 8;
        if (!sparse) {
            double[] x = new double[n * p];
            for (int r = 0; r < n; r++) {
                int[] id = ids.get(r);
                double[] v = vals.get(r);
                for (int k = 0; k < id.length; k++) x[r * p + id[k]] += v[k];
            }
            return new Design(n, p, x, null, null, null, names, weighted ? w : null);
        }
        if (nnz > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("too many non-zeros for CSR: " + nnz);
        int[] rowPtr = new int[n + 1];
        int[] colIdx = new int[(int) nnz];
        double[] values = new double[(int) nnz];
        int at = 0;
        for (int r = 0; r < n; r++) { // each row's ids sorted, duplicates merged: strictly increasing columns
            int[] id = ids.get(r);
            double[] v = vals.get(r);
            ids.set(r, null); // the row lists go as the CSR fills: the peak stays about one copy of the non-zeros
            vals.set(r, null);
            int len = sortById(id, v);
            System.arraycopy(id, 0, colIdx, at, len);
            System.arraycopy(v, 0, values, at, len);
            at += len;
            rowPtr[r + 1] = at;
        }
        return new Design(n, p, null, rowPtr, java.util.Arrays.copyOf(colIdx, at), java.util.Arrays.copyOf(values, at), names,
                weighted ? w : null);
    }

    /**
     * Sorts a row's (id, value) pairs by id in place (insertion sort: rows are short, and Tribuo's examples keep
     * their features sorted by name, which is usually close to id order) and merges duplicate ids by adding their
     * values, as a Tribuo dot product does; returns the merged length.
     */
    static int sortById(int[] id, double[] v) {
        for (int a = 1; a < id.length; a++) {
            int ki = id[a];
            double kv = v[a];
            int b = a - 1;
            for (; b >= 0 && id[b] > ki; b--) {
                id[b + 1] = id[b];
                v[b + 1] = v[b];
            }
            id[b + 1] = ki;
            v[b + 1] = kv;
        }
        int m = 0;
        for (int a = 0; a < id.length; a++) {
            if (m > 0 && id[m - 1] == id[a]) v[m - 1] += v[a];
            else {
                id[m] = id[a];
                v[m++] = v[a];
            }
        }
        return m;
    }

    /**
     * One fit per response on one context of {@code backend}; logs a warning for every fit whose certificate
     * missed the target (the certificate reached is recorded in the provenance either way).
     */
    static FitResult[] fitAll(Backend backend, Design x, double[][] ys, FitOptions o, String[] outputNames,
                              java.util.logging.Logger logger) {
        FitResult[] fits;
        try (Context ctx = backend.open()) {
            // all responses share X: Spred.fitTargets fits them together (one Gram for the dense squared loss), each
            // with its own certificate
            if (x.weights() == null) fits = Spred.fitTargets(ctx, x.with(ys[0]), ys, o);
            else { // example weights: glmnet's observation weights, one weighted fit per response
                fits = new FitResult[ys.length];
                for (int d = 0; d < ys.length; d++) {
                    try {
                        fits[d] = Spred.fit(ctx, x.with(ys[d]), o.withWeights(x.weights()));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("target " + d + ": " + e.getMessage(), e);
                    }
                }
            }
        } catch (IllegalArgumentException e) { // name the output, as the trainers' messages do
            String m = e.getMessage();
            if (m != null && m.startsWith("target ")) {
                int at = m.indexOf(':');
                try {
                    int d = Integer.parseInt(m.substring(7, at));
                    throw new IllegalArgumentException("output '" + outputNames[d] + "'" + m.substring(at), e);
                } catch (NumberFormatException | IndexOutOfBoundsException ignored) { // not a target number: as is
                }
            }
            throw e;
        }
        warnUncertified(backend, fits, o, outputNames, logger);
        return fits;
    }

    /** Logs a warning for every fit whose certificate missed the target (recorded in the provenance either way). */
    static void warnUncertified(Backend backend, FitResult[] fits, FitOptions o, String[] outputNames,
                                java.util.logging.Logger logger) {
        for (int d = 0; d < fits.length; d++)
            if (!(fits[d].certificate() <= o.tol()))
                logger.warning("spred fit of '" + outputNames[d] + "' stopped at " + fits[d].certificateName() + " "
                        + fits[d].certificate() + " > tolerance " + o.tol() + " after " + fits[d].iterations()
                        + " iterations (" + backend.name() + ", " + o.precision() + ")");
    }

    /** The backend named by a trainer's {@code backend} field ("auto" or a name/family, see {@link Backends#get}). */
    static Backend backend(String name) {
        return Backends.get(name == null ? "auto" : name);
    }

    /**
     * The instance provenance of a model: the caller's run provenance, plus what spred did, one fit per output
     * (regression dimension or one-vs-rest class): backend, device, precision, λ, l1Ratio, the certificate's
     * name, the worst certificate over outputs, and per output the certificate, objective, iterations and nnz.
     */
    static Map<String, Provenance> instanceProvenance(Map<String, Provenance> runProvenance, Backend backend,
                                                      Precision precision, double lambda, double l1Ratio,
                                                      String[] outputNames, FitResult[] fits) {
        Map<String, Provenance> out = new HashMap<>(runProvenance);
        out.put(BACKEND, new StringProvenance(BACKEND, fits[0].backend() != null ? fits[0].backend() : backend.name()));
        out.put(DEVICE, new StringProvenance(DEVICE, String.valueOf(fits[0].device())));
        out.put(PRECISION, new StringProvenance(PRECISION, precision.name()));
        if (!Double.isNaN(lambda)) out.put(LAMBDA, new DoubleProvenance(LAMBDA, lambda)); // NaN: per output, spred.cv.lambda
        out.put(L1_RATIO, new DoubleProvenance(L1_RATIO, l1Ratio));
        out.put(CERTIFICATE_NAME, new StringProvenance(CERTIFICATE_NAME, fits[0].certificateName()));
        double worst = Double.NEGATIVE_INFINITY, seconds = 0; // the worst as reached: a tiny negative gap is not clamped to 0
        Map<String, DoubleProvenance> certs = new LinkedHashMap<>(), objs = new LinkedHashMap<>();
        Map<String, IntProvenance> iters = new LinkedHashMap<>(), nnz = new LinkedHashMap<>();
        for (int d = 0; d < fits.length; d++) {
            FitResult f = fits[d];
            String k = outputNames[d];
            worst = Math.max(worst, f.certificate());
            seconds += f.seconds();
            certs.put(k, new DoubleProvenance(k, f.certificate()));
            objs.put(k, new DoubleProvenance(k, f.objective()));
            iters.put(k, new IntProvenance(k, f.iterations()));
            nnz.put(k, new IntProvenance(k, f.nnz()));
        }
        out.put(CERTIFICATE, new DoubleProvenance(CERTIFICATE, worst));
        out.put(CERTIFICATES, new MapProvenance<>(certs));
        out.put(OBJECTIVES, new MapProvenance<>(objs));
        out.put(ITERATIONS, new MapProvenance<>(iters));
        out.put(NNZ, new MapProvenance<>(nnz));
        out.put(SECONDS, new DoubleProvenance(SECONDS, seconds));
        return out;
    }
}
