package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the real data sets and their reference solutions from files (never copied by hand): the BSD-3 sets
 * shipped in src/test/resources/data, the others from ../shared/data (system property {@code spred4j.shared.data},
 * else a sibling {@code shared/data} found by walking up from the working directory), or null when absent.
 */
final class TestData {
    private TestData() {
    }

    record Ref(String name, String task, double lambdaMax, int[] groups, List<Map<String, Object>> solutions) {
    }

    /** The directory holding datasets/ and refs/ for a set, or null. */
    static Path dir(String set) {
        Path res = resourceDir();
        if (res != null && Files.exists(res.resolve("datasets/" + set + ".X.f64"))) return res;
        Path shared = sharedDir();
        if (shared != null && Files.exists(shared.resolve("datasets/" + set + ".X.f64"))) return shared;
        return null;
    }

    static Path resourceDir() {
        var url = TestData.class.getResource("/data/datasets/diabetes_raw.json");
        if (url == null) return null;
        try {
            return Path.of(url.toURI()).getParent().getParent();
        } catch (Exception e) {
            return null;
        }
    }

    static Path sharedDir() {
        String prop = System.getProperty("spred4j.shared.data");
        if (prop != null && Files.isDirectory(Path.of(prop))) return Path.of(prop);
        Path p = Path.of("").toAbsolutePath();
        for (int up = 0; up < 6 && p != null; up++, p = p.getParent()) {
            Path c = p.resolveSibling("shared").resolve("data");
            if (Files.isDirectory(c.resolve("refs"))) return c;
            c = p.resolve("shared").resolve("data");
            if (Files.isDirectory(c.resolve("refs"))) return c;
        }
        return null;
    }

    static Dataset dataset(Path dir, String set) throws IOException {
        Map<String, Object> meta = asMap(parse(Files.readString(dir.resolve("datasets/" + set + ".json"))));
        int n = ((Number) meta.get("n")).intValue(), p = ((Number) meta.get("p")).intValue();
        double[] x = f64(dir.resolve("datasets/" + set + ".X.f64"), n * p);
        double[] y = f64(dir.resolve("datasets/" + set + ".y.f64"), n);
        List<String> names = Files.readAllLines(dir.resolve("datasets/" + set + ".colnames.txt"));
        return Dataset.dense(n, p, x, y, names.size() == p ? names.toArray(new String[0]) : null);
    }

    @SuppressWarnings("unchecked")
    static Ref ref(Path dir, String set, String task) throws IOException {
        Map<String, Object> m = asMap(parse(Files.readString(dir.resolve("refs/" + set + "." + task + ".json"))));
        int[] groups = null;
        if (m.get("groups") instanceof List<?> gl) {
            groups = new int[gl.size()];
            for (int i = 0; i < groups.length; i++) groups[i] = ((Number) gl.get(i)).intValue();
        }
        List<Map<String, Object>> sols = new ArrayList<>();
        for (Object o : (List<Object>) m.get("solutions")) sols.add((Map<String, Object>) o);
        return new Ref(set, task, ((Number) m.get("lambda_max")).doubleValue(), groups, sols);
    }

    static double num(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).doubleValue();
    }

    /** The reference coefficient vector (length p) of a solution. */
    static double[] beta(Map<String, Object> sol, int p) {
        double[] b = new double[p];
        List<?> idx = (List<?>) sol.get("active_idx"), val = (List<?>) sol.get("active_val");
        for (int i = 0; i < idx.size(); i++) b[((Number) idx.get(i)).intValue()] = ((Number) val.get(i)).doubleValue();
        return b;
    }

    static double[] f64(Path f, int count) throws IOException {
        byte[] bytes = Files.readAllBytes(f);
        if (bytes.length != 8L * count) throw new IOException(f + ": " + bytes.length + " bytes, expected " + 8L * count);
        double[] a = new double[count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(a);
        return a;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    // ---------------------------------------------------------------- a minimal JSON reader (tests only)

    static Object parse(String s) {
        int[] pos = {0};
        Object v = value(s, pos);
        return v;
    }

    private static void ws(String s, int[] p) {
        while (p[0] < s.length() && Character.isWhitespace(s.charAt(p[0]))) p[0]++;
    }

    private static Object value(String s, int[] p) {
        ws(s, p);
        char c = s.charAt(p[0]);
        if (c == '{') {
            Map<String, Object> m = new LinkedHashMap<>();
            p[0]++;
            ws(s, p);
            if (s.charAt(p[0]) == '}') {
                p[0]++;
                return m;
            }
            while (true) {
                ws(s, p);
                String k = (String) value(s, p);
                ws(s, p);
                p[0]++; // ':'
                m.put(k, value(s, p));
                ws(s, p);
                if (s.charAt(p[0]++) == '}') return m;
            }
        }
        if (c == '[') {
            List<Object> l = new ArrayList<>();
            p[0]++;
            ws(s, p);
            if (s.charAt(p[0]) == ']') {
                p[0]++;
                return l;
            }
            while (true) {
                l.add(value(s, p));
                ws(s, p);
                if (s.charAt(p[0]++) == ']') return l;
            }
        }
        if (c == '"') {
            StringBuilder b = new StringBuilder();
            p[0]++;
            while (s.charAt(p[0]) != '"') {
                char ch = s.charAt(p[0]++);
                if (ch == '\\') {
                    char e = s.charAt(p[0]++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16));
                            p[0] += 4;
                        }
                        default -> b.append(e);
                    }
                } else b.append(ch);
            }
            p[0]++;
            return b.toString();
        }
        if (s.startsWith("true", p[0])) {
            p[0] += 4;
            return Boolean.TRUE;
        }
        if (s.startsWith("false", p[0])) {
            p[0] += 5;
            return Boolean.FALSE;
        }
        if (s.startsWith("null", p[0])) {
            p[0] += 4;
            return null;
        }
        if (s.startsWith("NaN", p[0])) {
            p[0] += 3;
            return Double.NaN;
        }
        int st = p[0];
        while (p[0] < s.length() && "+-0123456789.eEInfinity".indexOf(s.charAt(p[0])) >= 0) p[0]++;
        return Double.parseDouble(s.substring(st, p[0]));
    }

    // ---------------------------------------------------------------- independent float64 certificates

    /**
     * The logistic loss log(1 + e^η) − y·η (y ∈ {0, 1}) in the stable order of the definition's rewriting:
     * (max(η, 0) − y·η) + log1p(e^−|η|), the first bracket exactly 0 for a well-classified row, so its tiny loss
     * keeps its digits (the sum in the other order cancelled them). The tests' helpers share this one.
     */
    static double logisticLoss(double y, double eta) {
        return (Math.max(eta, 0) - y * eta) + Math.log1p(Math.exp(-Math.abs(eta)));
    }

    /**
     * The certificate recomputed from scratch in plain double arithmetic on the original coordinates (no solver
     * code): signed relative duality gap for "lasso"/"logistic"/"poisson" (dual point: centred residual, scaled
     * into ‖Xcᵀθ‖∞ ≤ λ and, for Poisson, the conjugate's domain), max KKT violation / λ for "grouplasso"
     * (intercept condition included). Returns {P, cert}.
     */
    static double[] certificate(Dataset d, String task, double lambda, double b0, double[] beta, int[] groups) {
        int n = d.n(), p = d.p();
        double[] x = d.x(), y = d.y();
        boolean logistic = task.equals("logistic"), poisson = task.equals("poisson");
        double[] r = new double[n];
        double P = 0;
        for (int i = 0; i < n; i++) {
            double e = b0;
            for (int j = 0; j < p; j++) e += x[i * p + j] * beta[j];
            if (logistic) {
                P += logisticLoss(y[i], e);
                r[i] = y[i] - 1 / (1 + Math.exp(-e));
            } else if (poisson) {
                P += Math.exp(e) - y[i] * e;
                r[i] = y[i] - Math.exp(e);
            } else {
                P += (y[i] - e) * (y[i] - e) / 2;
                r[i] = y[i] - e;
            }
        }
        P /= n;
        double rbar = 0, ybar = 0;
        for (int i = 0; i < n; i++) {
            rbar += r[i] / n;
            ybar += y[i] / n;
        }
        double[] xm = new double[p];
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) xm[j] += x[i * p + j] / n;
        double[] g = new double[p]; // Xcᵀ(r − r̄)/n
        for (int i = 0; i < n; i++) for (int j = 0; j < p; j++) g[j] += (x[i * p + j] - xm[j]) * (r[i] - rbar) / n;
        if (task.equals("grouplasso")) {
            java.util.TreeMap<Integer, List<Integer>> gs = new java.util.TreeMap<>();
            for (int j = 0; j < p; j++) gs.computeIfAbsent(groups[j], z -> new ArrayList<>()).add(j);
            double viol = Math.abs(rbar);
            for (List<Integer> cols : gs.values()) {
                double w = Math.sqrt(cols.size()), nb = 0, ng = 0;
                for (int j : cols) {
                    nb += beta[j] * beta[j];
                    ng += g[j] * g[j];
                }
                nb = Math.sqrt(nb);
                P += lambda * w * nb;
                if (nb == 0) viol = Math.max(viol, Math.sqrt(ng) - lambda * w);
                else {
                    double s = 0;
                    for (int j : cols) {
                        double t = -g[j] + lambda * w * beta[j] / nb;
                        s += t * t;
                    }
                    viol = Math.max(viol, Math.sqrt(s));
                }
            }
            return new double[]{P, Math.max(viol, 0) / lambda};
        }
        for (double b : beta) P += lambda * Math.abs(b);
        double gmax = 0;
        for (double v : g) gmax = Math.max(gmax, Math.abs(v));
        double t = gmax > lambda ? lambda / gmax : 1;
        if (poisson) // the Poisson conjugate needs q = y − nζ ≥ 0: shrink t until every row is inside
            for (int i = 0; i < n; i++) {
                double dv = r[i] - rbar;
                if (dv > 0 && y[i] - t * dv < 0) t = y[i] / dv;
            }
        double D = 0;
        for (int i = 0; i < n; i++) {
            double th = t * (r[i] - rbar); // n·ζ_i
            if (poisson) {
                double q = y[i] - th;
                D -= (q > 0 ? q * Math.log(q) - q : 0) / n;
            } else if (logistic) {
                double q = Math.min(1, Math.max(0, y[i] - th));
                D -= ((q > 0 ? q * Math.log(q) : 0) + (q < 1 ? (1 - q) * Math.log(1 - q) : 0)) / n;
            } else D += (th * (y[i] - ybar) - th * th / 2) / n;
        }
        return new double[]{P, (P - D) / Math.abs(P)}; // signed: a negative gap is a wrong dual, never clamped
    }


    /**
     * The backends the solver tests run on: every available one, or those named in the system property
     * {@code spred4j.test.backends} (comma-separated; used on the GPU machine to test only "cuda").
     */
    static java.util.List<io.github.spred4j.api.Backend> backends() {
        String only = System.getProperty("spred4j.test.backends");
        java.util.List<io.github.spred4j.api.Backend> out = new java.util.ArrayList<>();
        for (io.github.spred4j.api.Backend b : io.github.spred4j.api.Backends.available())
            if (only == null || java.util.Arrays.asList(only.split(",")).contains(b.name())) out.add(b);
        return out;
    }
}
