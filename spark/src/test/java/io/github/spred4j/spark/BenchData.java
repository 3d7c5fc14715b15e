package io.github.spred4j.spark;

import io.github.spred4j.data.Dataset;
import io.github.spred4j.data.LossFamily;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * {@link SparkBench}'s news20-shaped synthetic and its glmnet reference: the problem is written to binary files,
 * {@code spark/scripts/glmnet-ref.R} fits it with R glmnet (one thread), and its coefficients come back to be scored
 * by the same float64 objective as every other answer.
 */
final class BenchData {
    private BenchData() {
    }

    /**
     * news20-shaped: p hashed features (feature ranks drawn Zipf-like, ∝ 1/(rank + 20), then scattered over the
     * p columns by a fixed odd multiplier, as feature hashing scatters words), about perRow non-zeros a row of
     * log-tf values, rows L2-normalised; 3000 true effects on the more frequent features, so that a small λ needs a
     * working set of a few thousand. Logistic labels y ∈ {0,1}, or y = η + noise.
     */
    static Dataset news20Shaped(int n, int p, int perRow, long seed, boolean logistic) {
        Random r = new Random(seed);
        double h = Math.log((p + 20.0) / 20);
        double[] effect = new double[p];
        for (int k = 0; k < 3000; k++) effect[hash(rank(r, h, p), p)] = r.nextGaussian() * 6;
        int[] ptr = new int[n + 1];
        int[] col = new int[Math.multiplyExact(n, 2 * perRow)];
        double[] val = new double[col.length], y = new double[n];
        for (int i = 0; i < n; i++) {
            int m = Math.max(5, (int) Math.round(perRow * (0.3 + 1.4 * r.nextDouble())));
            int[] c = new int[m];
            for (int e = 0; e < m; e++) c[e] = hash(rank(r, h, p), p);
            c = Arrays.stream(c).sorted().distinct().toArray();
            double norm = 0, s = logistic ? -0.3 : 0.1;
            double[] v = new double[c.length];
            for (int e = 0; e < c.length; e++) {
                v[e] = 1 + Math.log(1 + r.nextInt(4));
                norm += v[e] * v[e];
            }
            norm = Math.sqrt(norm);
            for (int e = 0; e < c.length; e++) {
                v[e] /= norm;
                s += v[e] * effect[c[e]];
                col[ptr[i] + e] = c[e];
                val[ptr[i] + e] = v[e];
            }
            ptr[i + 1] = ptr[i] + c.length;
            y[i] = logistic ? (r.nextDouble() < LossFamily.sigmoid(s) ? 1 : 0) : s + 0.3 * r.nextGaussian();
        }
        return Dataset.sparse(n, p, ptr, Arrays.copyOf(col, ptr[n]), Arrays.copyOf(val, ptr[n]), y, null);
    }

    private static int rank(Random r, double h, int p) {
        return (int) Math.min(p - 1, Math.floor(20 * Math.exp(r.nextDouble() * h) - 20));
    }

    private static int hash(int rank, int p) {
        return (int) Math.floorMod(rank * 2654435761L, (long) p);
    }

    /**
     * R glmnet's answer at λ: writes the problem under dir/name (once), runs the R script with OMP_NUM_THREADS=1,
     * reads c(a0, β) back and scores it with {@link SparkBench#objective}. The returned result's backend is
     * "glmnet" and its device says how glmnet was run (and its CPU time).
     */
    static FitResult glmnet(Path root, String name, Dataset d, boolean logistic, double lambda) {
        try {
            Path dir = root.resolve(name.replaceAll("[^A-Za-z0-9]+", "_"));
            Files.createDirectories(dir);
            double lmax = Spred.lambdaMax(d, FitOptions.defaults(logistic ? Model.LOGISTIC : Model.SQUARED));
            write(dir, d, logistic, lambda, lmax);
            Path script = Path.of(System.getProperty("bench.glmnetScript", "scripts/glmnet-ref.R"));
            ProcessBuilder pb = new ProcessBuilder("Rscript", script.toString(), dir.toString()).redirectErrorStream(true);
            pb.environment().put("OMP_NUM_THREADS", "1");
            Process pr = pb.start();
            String out = new String(pr.getInputStream().readAllBytes()).trim();
            if (pr.waitFor() != 0) throw new IllegalStateException("glmnet failed on " + name + ": " + out);
            String line = out.lines().filter(l -> l.startsWith("glmnet ")).reduce((a, b) -> b).orElse(out);
            ByteBuffer bb = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("glmnet-coef.bin"))).order(ByteOrder.LITTLE_ENDIAN);
            double b0 = bb.getDouble();
            double[] beta = new double[d.p()];
            int nnz = 0;
            for (int j = 0; j < d.p(); j++) if ((beta[j] = bb.getDouble()) != 0) nnz++;
            double P = SparkBench.objective(d, b0, beta, lambda, logistic);
            return new FitResult(b0, beta, lambda, P, "none", Double.NaN, nnz, 0, 0, "glmnet",
                    "R " + line + " (thresh 1e-12, 50-λ path to λ, standardize FALSE; scored here)");
        } catch (IOException e) {
            throw new IllegalStateException("glmnet reference for " + name + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** meta.txt, y.bin and X (column-major x.bin, or 1-based i.bin/j.bin/x.bin triplets), little-endian. */
    private static void write(Path dir, Dataset d, boolean logistic, double lambda, double lmax) throws IOException {
        int n = d.n(), p = d.p();
        long nnz = SparkBench.nnz(d);
        Files.writeString(dir.resolve("meta.txt"), String.format(Locale.ROOT, "%d %d %s %.17g %.17g %d %d%n", n, p,
                logistic ? "binomial" : "gaussian", lambda, lmax, d.isSparse() ? 1 : 0, nnz));
        try (Le y = new Le(dir.resolve("y.bin"))) {
            for (double v : d.y()) y.d(v);
        }
        if (d.isSparse()) {
            try (Le i = new Le(dir.resolve("i.bin")); Le j = new Le(dir.resolve("j.bin")); Le x = new Le(dir.resolve("x.bin"))) {
                for (int r = 0; r < n; r++)
                    for (int k = d.rowPtr()[r]; k < d.rowPtr()[r + 1]; k++) {
                        i.i(r + 1);
                        j.i(d.colIdx()[k] + 1);
                        x.d(d.values()[k]);
                    }
            }
        } else {
            try (Le x = new Le(dir.resolve("x.bin"))) {
                for (int j = 0; j < p; j++) for (int r = 0; r < n; r++) x.d(d.x()[r * p + j]);
            }
        }
    }

    /** A little-endian binary writer. */
    private static final class Le implements AutoCloseable {
        final DataOutputStream out;

        Le(Path f) throws IOException {
            OutputStream o = Files.newOutputStream(f);
            out = new DataOutputStream(new BufferedOutputStream(o, 1 << 20));
        }

        void d(double v) throws IOException {
            out.writeLong(Long.reverseBytes(Double.doubleToRawLongBits(v)));
        }

        void i(int v) throws IOException {
            out.writeInt(Integer.reverseBytes(v));
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
