package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Our certificate of glmnet's own answers (not a test; run by scripts/bench-batch.sh): reads the files BatchBench
 * wrote in DIR and the coefficients scripts/glmnet-coefs.R wrote there for each THRESH (the full-data fit and every
 * fold's training fit, as cv.glmnet makes them), and prints for each thresh the worst exact signed relative duality
 * gap ({@link Certificates#of}, the one every spred4j fit is certified with) and how many of the fits are above our
 * default tolerance, full data and folds apart: which of two differing CV curves is the exact one.
 *
 * <pre>java -cp test-classes:classes:deps io.github.spred4j.solver.GlmnetGaps DIR THRESH...</pre>
 */
public final class GlmnetGaps {
    private GlmnetGaps() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String[] meta = Files.readString(dir.resolve("meta.txt")).trim().split(" ");
        int n = Integer.parseInt(meta[0]), p = Integer.parseInt(meta[1]);
        Model model = meta[2].equals("binomial") ? Model.LOGISTIC : meta[2].equals("poisson") ? Model.POISSON : Model.SQUARED;
        Dataset d = read(dir, n, p, meta.length > 3 && meta[3].equals("sparse"));
        List<String> fl = Files.readAllLines(dir.resolve("foldid.txt")), ll = Files.readAllLines(dir.resolve("lambda.txt"));
        int[] foldId = fl.stream().mapToInt(Integer::parseInt).toArray();
        double[] lam = ll.stream().mapToDouble(Double::parseDouble).toArray();
        int folds = CrossValidation.checkFolds(foldId, n);
        FitOptions o = FitOptions.defaults(model);
        for (int a = 1; a < args.length; a++) {
            String th = args[a];
            double worstFull = 0, worstFold = 0;
            int aboveFull = 0, aboveFold = 0, negative = 0;
            for (int f = 0; f <= folds; f++) {
                Dataset df = f == 0 ? d : rows(d, CrossValidation.rows(foldId, f, false));
                double[] c = f64(dir.resolve("glmnet_coef_" + th + "_" + f + ".f64"), (p + 1) * lam.length);
                for (int l = 0; l < lam.length; l++) {
                    double[] beta = new double[p];
                    System.arraycopy(c, l * (p + 1) + 1, beta, 0, p);
                    double g = Certificates.of(df, o, lam[l], c[l * (p + 1)], beta).value();
                    if (g < -Certificates.NEGATIVE_SLACK) negative++;
                    if (f == 0) {
                        worstFull = Math.max(worstFull, g);
                        if (g > o.tol()) aboveFull++;
                    } else {
                        worstFold = Math.max(worstFold, g);
                        if (g > o.tol()) aboveFold++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "gaps %s: glmnet(thresh %s) under our certificate (exact signed relative gap; tol %.0e):"
                            + " full data worst %.2e, %d of %d above tol; fold fits worst %.2e, %d of %d above tol; negative %d%n",
                    dir.getFileName(), th, o.tol(), worstFull, aboveFull, lam.length, worstFold, aboveFold, folds * lam.length, negative);
        }
    }

    private static Dataset rows(Dataset d, int[] rows) {
        return d.isSparse() ? CrossValidation.sparseRows(d, rows)
                : Dataset.dense(rows.length, d.p(), CrossValidation.gather(d.x(), d.p(), rows), CrossValidation.gather(d.y(), 1, rows), null);
    }

    /** The dataset from X.f64 (row-major) or the 1-based CSR triplets (row by row, as BatchBench writes them). */
    private static Dataset read(Path dir, int n, int p, boolean sparse) throws IOException {
        double[] y = f64(dir.resolve("y.f64"), n);
        if (!sparse) return Dataset.dense(n, p, f64(dir.resolve("X.f64"), n * p), y, null);
        double[] v = f64(dir.resolve("X_x.f64"), -1);
        int nnz = v.length;
        int[] ri = i32(dir.resolve("X_i.i32"), nnz), cj = i32(dir.resolve("X_j.i32"), nnz), rp = new int[n + 1], ci = new int[nnz];
        for (int q = 0; q < nnz; q++) {
            if (q > 0 && ri[q] < ri[q - 1]) throw new IOException("X_i.i32: triplets not in row order at entry " + q);
            rp[ri[q]]++;
            ci[q] = cj[q] - 1;
        }
        for (int i = 0; i < n; i++) rp[i + 1] += rp[i];
        return Dataset.sparse(n, p, rp, ci, v, y, null);
    }

    private static double[] f64(Path f, int count) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        int m = b.remaining() / 8;
        if (count >= 0 && m != count) throw new IOException(f + ": " + m + " doubles, expected " + count);
        double[] a = new double[m];
        b.asDoubleBuffer().get(a);
        return a;
    }

    private static int[] i32(Path f, int count) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() / 4 != count) throw new IOException(f + ": " + b.remaining() / 4 + " ints, expected " + count);
        int[] a = new int[count];
        b.asIntBuffer().get(a);
        return a;
    }
}
