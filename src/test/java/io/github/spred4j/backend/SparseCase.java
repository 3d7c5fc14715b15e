package io.github.spred4j.backend;

import io.github.spred4j.data.CscMatrix;
import io.github.spred4j.data.CsrMatrix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded sparse matrices of awkward shapes for the sparse conformance tests: empty, no columns, a single
 * nonzero, empty rows and columns, row lengths from 0 to 10⁴ in one matrix, p far larger than n, one past block
 * multiples. Each case holds the CSR and its CSC (built once, as the engine will).
 */
public record SparseCase(String name, CsrMatrix csr, CscMatrix csc) {
    @Override
    public String toString() {
        return name + " " + csr.rows() + "x" + csr.cols() + " nnz=" + csr.nnz();
    }

    /** Row i gets about {@code len[i]} distinct columns, drawn uniformly except the {@code empty} columns. */
    static SparseCase of(String name, int n, int p, int[] len, int[] emptyCols, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] banned = new boolean[p], taken = new boolean[p];
        for (int j : emptyCols) banned[j] = true;
        long[] rp = new long[n + 1];
        int total = 0;
        for (int l : len) total += Math.min(l, p);
        int[] ci = new int[total];
        double[] v = new double[total];
        int k = 0;
        for (int i = 0; i < n; i++) {
            int want = Math.min(len[i], p);
            int start = k;
            if (want * 2 >= p) {
                for (int j = 0; j < p; j++) if (!banned[j] && r.nextInt(p) < want) ci[k++] = j;
            } else {
                for (int t = 0; t < want; t++) {
                    int j = r.nextInt(p);
                    if (banned[j] || taken[j]) continue;
                    taken[j] = true;
                    ci[k++] = j;
                }
                for (int q = start; q < k; q++) taken[ci[q]] = false;
                Arrays.sort(ci, start, k);
            }
            for (int q = start; q < k; q++) v[q] = r.nextDouble() * 2 - 1;
            rp[i + 1] = k;
        }
        CsrMatrix x = new CsrMatrix(n, p, rp, Arrays.copyOf(ci, k), Arrays.copyOf(v, k));
        return new SparseCase(name, x, x.toCsc());
    }

    static int[] constant(int n, int l) {
        int[] a = new int[n];
        Arrays.fill(a, l);
        return a;
    }

    /** The catalogue (seeded, the same on every run). */
    public static List<SparseCase> all() {
        List<SparseCase> c = new ArrayList<>();
        c.add(of("empty", 0, 3, new int[0], new int[0], 1));
        c.add(of("no columns", 3, 0, constant(3, 0), new int[0], 2));
        c.add(of("single nonzero", 1, 1, new int[]{1}, new int[0], 3));
        c.add(of("one nonzero in a large matrix", 1000, 1000, oneAt(1000, 617), new int[0], 4));
        c.add(of("empty rows and columns", 7, 5, new int[]{2, 0, 3, 0, 5, 1, 0}, new int[]{1, 4}, 5));
        int[] skew = new int[61];
        for (int i = 0; i < skew.length; i++) skew[i] = i % 3 == 0 ? 0 : (int) Math.min(10_000, Math.round(Math.pow(10, i % 5)));
        skew[17] = 10_000;
        c.add(of("skewed rows 0..10^4", 61, 10_007, skew, new int[]{3, 10_006}, 6));
        c.add(of("p far larger than n", 3, 100_003, new int[]{40, 0, 997}, new int[0], 7));
        c.add(of("n far larger than p", 4099, 3, constant(4099, 1), new int[0], 8));
        c.add(of("dense-ish, one past a block", 1025, 17, constant(1025, 9), new int[0], 9));
        c.add(of("sparse 257x1023", 257, 1023, constant(257, 31), new int[]{0, 1022}, 10));
        return c;
    }

    private static int[] oneAt(int n, int row) {
        int[] a = new int[n];
        a[row] = 1;
        return a;
    }
}
