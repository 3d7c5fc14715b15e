package io.github.spred4j.tribuo;

import org.tribuo.MutableDataset;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Real data and glmnet references, loaded from files (never copied by hand): the BSD-3 sets shipped with the core
 * (../src/test/resources/data, relative to this module) and the others from ../shared/data (property
 * {@code spred4j.shared.data}, else a {@code shared/data} found walking up from the working directory). Loaders
 * return null when a set is absent so tests can skip with an assumption.
 */
final class TestData {
    private TestData() {
    }

    /** A data set as arrays: X row-major n×p, y, unique feature names (column index prefixed when names repeat). */
    record Arrays(String name, int n, int p, double[] x, double[] y, String[] names) {
    }

    /** One reference solution (from refs/NAME.TASK.json). */
    record Solution(double lambda, double intercept, double[] beta, double objective, int nnz) {
    }

    static Path dir(String set) {
        for (Path d : new Path[]{coreResources(), shared()})
            if (d != null && Files.exists(d.resolve("datasets/" + set + ".X.f64"))) return d;
        return null;
    }

    static Path coreResources() {
        Path p = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && p != null; up++, p = p.getParent()) {
            Path c = p.resolve("src/test/resources/data");
            if (Files.isDirectory(c.resolve("refs"))) return c;
        }
        return null;
    }

    static Path shared() {
        String prop = System.getProperty("spred4j.shared.data");
        if (prop != null && Files.isDirectory(Path.of(prop))) return Path.of(prop);
        Path p = Path.of("").toAbsolutePath();
        for (int up = 0; up < 6 && p != null; up++, p = p.getParent()) {
            for (Path c : new Path[]{p.resolve("shared/data"), p.resolveSibling("shared").resolve("data")})
                if (Files.isDirectory(c.resolve("refs"))) return c;
        }
        return null;
    }

    static Arrays load(String set) throws IOException {
        Path dir = dir(set);
        if (dir == null) return null;
        @SuppressWarnings("unchecked")
        Map<String, Object> meta = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("datasets/" + set + ".json")));
        int n = ((Number) meta.get("n")).intValue(), p = ((Number) meta.get("p")).intValue();
        double[] x = f64(dir.resolve("datasets/" + set + ".X.f64"), n * p);
        double[] y = f64(dir.resolve("datasets/" + set + ".y.f64"), n);
        List<String> cols = Files.readAllLines(dir.resolve("datasets/" + set + ".colnames.txt"));
        String[] names = new String[p];
        boolean unique = cols.size() == p && new HashSet<>(cols).size() == p;
        for (int j = 0; j < p; j++)
            names[j] = unique ? cols.get(j) : String.format("%05d:%s", j, j < cols.size() ? cols.get(j) : "x");
        return new Arrays(set, n, p, x, y, names);
    }

    @SuppressWarnings("unchecked")
    static List<Solution> refs(String set, String task, int p) throws IOException {
        Path dir = dir(set);
        Map<String, Object> m = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("refs/" + set + "." + task + ".json")));
        List<Solution> out = new ArrayList<>();
        for (Object o : (List<Object>) m.get("solutions")) {
            Map<String, Object> s = (Map<String, Object>) o;
            double[] beta = new double[p];
            List<Object> idx = (List<Object>) s.get("active_idx"), val = (List<Object>) s.get("active_val");
            for (int k = 0; k < idx.size(); k++) beta[((Number) idx.get(k)).intValue()] = ((Number) val.get(k)).doubleValue();
            out.add(new Solution(num(s, "lambda"), num(s, "intercept"), beta, num(s, "objective"), (int) num(s, "nnz")));
        }
        return out;
    }

    static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    static double[] f64(Path f, int count) throws IOException {
        byte[] b = Files.readAllBytes(f);
        if (b.length != 8L * count) throw new IOException(f + ": " + b.length + " bytes, expected " + 8L * count);
        double[] out = new double[count];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    /** A Tribuo dataset of the given rows (all when rows is null); the output of row i is made by {@code out}. */
    static <T extends Output<T>> MutableDataset<T> tribuo(Arrays a, int[] rows, OutputFactory<T> factory,
                                                         DoubleFunction<T> out) {
        MutableDataset<T> ds = new MutableDataset<>(new SimpleDataSourceProvenance(a.name(), factory), factory);
        int count = rows == null ? a.n() : rows.length;
        for (int r = 0; r < count; r++) {
            int i = rows == null ? r : rows[r];
            double[] v = java.util.Arrays.copyOfRange(a.x(), i * a.p(), (i + 1) * a.p());
            ds.add(new ArrayExample<>(out.apply(a.y()[i]), a.names(), v));
        }
        return ds;
    }

    static MutableDataset<Regressor> regression(Arrays a, int[] rows) {
        return tribuo(a, rows, new RegressionFactory(), y -> new Regressor("y", y));
    }

    /** Labels "1" / "0" from y ∈ {0, 1} (so the default positive label, the last by name, is glmnet's y = 1). */
    static MutableDataset<Label> classification(Arrays a, int[] rows) {
        return tribuo(a, rows, new LabelFactory(), y -> new Label(y == 1 ? "1" : "0"));
    }

    /** Model coefficients (by feature id) re-indexed to the data set's columns (by name). */
    static double[] columns(org.tribuo.ImmutableFeatureMap fmap, double[] byId, String[] names) {
        double[] out = new double[names.length];
        for (int j = 0; j < names.length; j++) {
            int id = fmap.getID(names[j]);
            out[j] = id < 0 ? 0 : byId[id];
        }
        return out;
    }

    /** glmnet's lasso / elastic-net objective, 1/(2n)‖y − b − Xβ‖² + λ(a‖β‖₁ + (1−a)/2‖β‖²), in float64. */
    static double squaredObjective(Arrays a, double b, double[] beta, double lambda, double mix) {
        double loss = 0;
        for (int i = 0; i < a.n(); i++) {
            double r = a.y()[i] - b;
            for (int j = 0; j < a.p(); j++) r -= a.x()[i * a.p() + j] * beta[j];
            loss += r * r;
        }
        return loss / (2.0 * a.n()) + penalty(beta, lambda, mix);
    }

    /** The squared objective at the best intercept for β (b = ȳ − x̄ᵀβ). */
    static double squaredObjective(Arrays a, double[] beta, double lambda, double mix) {
        double b = 0;
        for (int i = 0; i < a.n(); i++) {
            double r = a.y()[i];
            for (int j = 0; j < a.p(); j++) r -= a.x()[i * a.p() + j] * beta[j];
            b += r;
        }
        return squaredObjective(a, b / a.n(), beta, lambda, mix);
    }

    /**
     * log(1 + e^η) − y·η (y ∈ {0, 1}) as (max(η, 0) − y·η) + log1p(e^−|η|): the bracket is exactly 0 for a
     * well-classified row, so its tiny loss keeps its digits ((η + log1p(e^−η)) − y·η cancelled them).
     */
    static double logisticLoss(double y, double eta) {
        return (Math.max(eta, 0) - y * eta) + Math.log1p(Math.exp(-Math.abs(eta)));
    }

    /** glmnet's binomial objective, (1/n)Σ[log(1+e^η) − yη] + λ(a‖β‖₁ + (1−a)/2‖β‖²), in float64. */
    static double logisticObjective(Arrays a, double b, double[] beta, double lambda, double mix) {
        double loss = 0;
        for (int i = 0; i < a.n(); i++) {
            double eta = b;
            for (int j = 0; j < a.p(); j++) eta += a.x()[i * a.p() + j] * beta[j];
            loss += logisticLoss(a.y()[i], eta);
        }
        return loss / a.n() + penalty(beta, lambda, mix);
    }

    static double penalty(double[] beta, double lambda, double mix) {
        double l1 = 0, l2 = 0;
        for (double v : beta) {
            l1 += Math.abs(v);
            l2 += v * v;
        }
        return lambda * (mix * l1 + (1 - mix) / 2 * l2);
    }

    /** Minimal JSON reader (objects, arrays, strings, numbers, true/false/null) for the reference files. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String s) {
            Json j = new Json(s);
            Object v = j.value();
            j.ws();
            if (j.i != s.length()) throw new IllegalArgumentException("trailing JSON at " + j.i);
            return v;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            if (c == '{') {
                Map<String, Object> m = new LinkedHashMap<>();
                i++;
                ws();
                if (s.charAt(i) == '}') {
                    i++;
                    return m;
                }
                while (true) {
                    ws();
                    String k = string();
                    ws();
                    expect(':');
                    m.put(k, value());
                    ws();
                    if (s.charAt(i++) == '}') return m;
                }
            }
            if (c == '[') {
                List<Object> l = new ArrayList<>();
                i++;
                ws();
                if (s.charAt(i) == ']') {
                    i++;
                    return l;
                }
                while (true) {
                    l.add(value());
                    ws();
                    if (s.charAt(i++) == ']') return l;
                }
            }
            if (c == '"') return string();
            if (s.startsWith("true", i)) { i += 4; return Boolean.TRUE; }
            if (s.startsWith("false", i)) { i += 5; return Boolean.FALSE; }
            if (s.startsWith("null", i)) { i += 4; return null; }
            if (s.startsWith("NaN", i)) { i += 3; return Double.NaN; }
            int st = i;
            while (i < s.length() && "+-0123456789.eEInfinity".indexOf(s.charAt(i)) >= 0) i++;
            return Double.parseDouble(s.substring(st, i));
        }

        private void expect(char c) {
            if (s.charAt(i++) != c) throw new IllegalArgumentException("expected '" + c + "' at " + (i - 1));
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') return b.toString();
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> { b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; }
                        default -> b.append(e);
                    }
                } else b.append(c);
            }
        }
    }
}
