package io.github.spred4j.tribuo;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Tribuo's sparse examples reach the solver sparse: the design is CSR built from the feature ids (never an n×p
 * array), a sparse dataset trains to the model of its dense version, and the peak heap of a fit whose dense copy
 * would be over 1 GiB stays a small fraction of it.
 */
class SparseTribuoTest {
    /**
     * n examples, each with {@code per} distinct features out of p (three of them among the first ten, the rest
     * anywhere), Gaussian values; two outputs from features f0..f4 plus noise.
     */
    static MutableDataset<Regressor> sparse(int n, int p, int per, long seed) {
        Random r = new Random(seed);
        RegressionFactory f = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("sparse", f), f);
        for (int i = 0; i < n; i++) {
            java.util.LinkedHashSet<Integer> ids = new java.util.LinkedHashSet<>();
            while (ids.size() < per) ids.add(ids.size() < 3 ? r.nextInt(10) : r.nextInt(p));
            String[] names = new String[per];
            double[] v = new double[per];
            double y = 0;
            int a = 0;
            for (int j : ids) {
                names[a] = String.format("f%07d", j);
                v[a] = r.nextGaussian();
                if (j < 5) y += (j + 1) * v[a];
                a++;
            }
            ds.add(new ArrayExample<>(new Regressor(new String[]{"a", "b"},
                    new double[]{y + 0.1 * r.nextGaussian(), 2 - y + r.nextGaussian()}), names, v));
        }
        return ds;
    }

    /** The dense n×p matrix of the examples, built here from the feature map (column j = feature id j). */
    static double[] dense(MutableDataset<Regressor> ds) {
        ImmutableFeatureMap fmap = ds.getFeatureIDMap();
        int p = fmap.size(), i = 0;
        double[] x = new double[ds.size() * p];
        for (Example<Regressor> e : ds) {
            for (Feature f : e) x[i * p + fmap.getID(f.getName())] += f.getValue();
            i++;
        }
        return x;
    }

    @Test
    void aSparseDatasetIsCsrAndTrainsToTheModelOfItsDenseVersion() throws Exception {
        MutableDataset<Regressor> ds = sparse(500, 3000, 6, 1);
        Designs.Design x = Designs.design(ds);
        int n = x.n(), p = x.p();
        assertNull(x.dense(), "density " + (double) x.values().length / ((long) n * p) + ": CSR, no dense copy");
        double[] xd = dense(ds);
        double[] fromCsr = new double[n * p];
        for (int r = 0; r < n; r++)
            for (int k = x.rowPtr()[r]; k < x.rowPtr()[r + 1]; k++) {
                if (k > x.rowPtr()[r]) assertTrue(x.colIdx()[k] > x.colIdx()[k - 1], "row " + r + ": columns increasing");
                fromCsr[r * p + x.colIdx()[k]] = x.values()[k];
            }
        assertArrayEquals(xd, fromCsr, 0.0, "the CSR holds exactly the examples' values at their feature ids");

        double lambda = 0.02, tol = 1e-10;
        SpredRegressionModel model = new SpredElasticNetTrainer(lambda, 1.0, tol, 100_000, "java",
                io.github.spred4j.api.Precision.FLOAT64, io.github.spred4j.solver.Method.CD).train(ds);
        String[] outs = {"a", "b"};
        try (Context ctx = Backends.get("java").open()) {
            for (int d = 0; d < 2; d++) {
                double[] y = new double[n];
                int i = 0;
                for (Example<Regressor> e : ds) {
                    Regressor out = e.getOutput();
                    y[i++] = out.getValues()[java.util.Arrays.asList(out.getNames()).indexOf(outs[d])];
                }
                FitResult dn = Spred.fit(ctx, io.github.spred4j.data.Dataset.dense(n, p, xd, y, null),
                        FitOptions.defaults(Model.SQUARED).withLambda(lambda).withTol(tol));
                int dim = 0;
                while (!model.getOutputIDInfo().getOutput(dim).getNames()[0].equals(outs[d])) dim++;
                double[] b = model.coefficients(dim);
                double pSparse = objective(xd, y, n, p, model.intercept(dim), b, lambda), pDense = objective(xd, y, n, p, dn.intercept(), dn.beta(), lambda);
                assertEquals(pDense, pSparse, 3 * tol * pDense, "output " + outs[d] + ": the same objective (both certified at " + tol + ")");
                double scale = 0;
                for (double v : dn.beta()) scale = Math.max(scale, Math.abs(v));
                for (int j = 0; j < p; j++) assertEquals(dn.beta()[j], b[j], 1e-4 * scale, "output " + outs[d] + " feature " + j);
                assertTrue(dn.nnz() > 0 && dn.nnz() < p / 10, "a sparse model: nnz " + dn.nnz());
            }
        }
    }

    static double objective(double[] x, double[] y, int n, int p, double b0, double[] b, double lambda) {
        double rss = 0, l1 = 0;
        for (int i = 0; i < n; i++) {
            double e = y[i] - b0;
            for (int j = 0; j < p; j++) e -= x[i * p + j] * b[j];
            rss += e * e;
        }
        for (double v : b) l1 += Math.abs(v);
        return rss / (2 * n) + lambda * l1;
    }

    @Test
    void thePeakHeapOfASparseFitDoesNotGrowWithNTimesP() {
        MutableDataset<Regressor> ds = sparse(12_000, 1_000_000, 5, 2); // about 24000 distinct features
        long n = ds.size(), p = ds.getFeatureIDMap().size(), dense = 8 * n * p;
        assertTrue(dense > 1L << 30, "the dense copy would be " + (dense >> 20) + " MiB");
        // garbage of earlier tests and of the generator must not count: collect, then measure from here
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        SpredRegressionModel model = new SpredElasticNetTrainer(0.05, 1.0, "java", io.github.spred4j.api.Precision.FLOAT64).train(ds);
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        assertTrue(peak < dense / 8, "peak heap " + (peak >> 20) + " MiB; a dense copy alone is " + (dense >> 20) + " MiB");
        int nnz = 0;
        for (double v : model.coefficients(0)) if (v != 0) nnz++;
        assertTrue(nnz >= 1 && nnz < 100, "the true features are found, few others: nnz " + nnz);
    }
}
