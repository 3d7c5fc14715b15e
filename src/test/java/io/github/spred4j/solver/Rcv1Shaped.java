package io.github.spred4j.solver;

import io.github.spred4j.data.Dataset;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A seeded rcv1-shaped synthetic: about {@code perRow} nonzeros a row, Zipf-like column popularity (column j drawn
 * with weight 1/(j+10)), tf-idf-like values (log term count times idf), L2-normalised rows, and a lasso response
 * from 40 true features plus noise. Built straight into CSR (never dense).
 */
final class Rcv1Shaped {
    private Rcv1Shaped() {
    }

    static Dataset generate(int n, int p, int perRow, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] cdf = new double[p];
        double t = 0;
        for (int j = 0; j < p; j++) cdf[j] = t += 1.0 / (j + 10);
        int[] rp = new int[n + 1];
        int[] ci = new int[n * perRow * 2];
        double[] v = new double[ci.length];
        double[] beta = new double[p];
        for (int k = 0; k < 40; k++) beta[(int) (rnd.nextDouble() * Math.min(p, 2000))] = rnd.nextDouble() * 4 - 2;
        double[] y = new double[n];
        int w = 0;
        for (int i = 0; i < n; i++) {
            int len = Math.max(1, (int) Math.round(perRow * Math.exp(0.5 * rnd.nextDouble() - 0.25)));
            int[] cols = new int[len];
            for (int a = 0; a < len; a++) {
                int j = Arrays.binarySearch(cdf, rnd.nextDouble() * t);
                cols[a] = Math.min(p - 1, j < 0 ? -j - 1 : j);
            }
            Arrays.sort(cols);
            int start = w;
            double norm = 0;
            for (int a = 0; a < len; a++) {
                if (a > 0 && cols[a] == cols[a - 1]) continue; // drawn twice: one entry
                double x = (1 + Math.log(1 + rnd.nextInt(5))) * Math.log(1 + (cols[a] + 10) / 10.0);
                ci[w] = cols[a];
                v[w++] = x;
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            double e = 0;
            for (int q = start; q < w; q++) {
                v[q] /= norm;
                e += v[q] * beta[ci[q]];
            }
            y[i] = e + 0.05 * rnd.nextDouble();
            rp[i + 1] = w;
        }
        return Dataset.sparse(n, p, rp, Arrays.copyOf(ci, w), Arrays.copyOf(v, w), y, null);
    }
}
