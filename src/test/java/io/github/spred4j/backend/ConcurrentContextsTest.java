package io.github.spred4j.backend;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.Precision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Thread safety as documented in the api package: backends are shared, contexts are not, and separate contexts
 * used at once from several threads give exactly the results they give one at a time (same backend, same
 * inputs: every operation is deterministic, so the comparison is bit for bit).
 */
class ConcurrentContextsTest {
    static final int THREADS = 4;
    static final int ROUNDS = 3;

    /** A small fit-like workload on its own context: Adam and momentum steps, group steps, reductions, X passes. */
    static double[] workload(Backend b, Precision p, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int n = 4099, rows = 129, cols = 67;
        List<Double> out = new ArrayList<>();
        try (Context c = b.open()) {
            DeviceBuffer u = c.upload(p, random(r, n)), w = c.upload(p, random(r, n)), v = c.alloc(p, n);
            DeviceBuffer g = c.upload(p, random(r, n));
            DeviceBuffer mu = c.upload(p, new double[n]), vu = c.upload(p, new double[n]);
            DeviceBuffer mw = c.upload(p, new double[n]), vw = c.upload(p, new double[n]);
            AdamParams adam = new AdamParams(0.01, 0.9, 0.999, 1e-8, 0.05, 0.05, false);
            for (int t = 1; t <= 10; t++) {
                c.adamUpdate(u, w, v, g, mu, vu, mw, vw, adam, t);
                c.hadamard(g, u, w);
                c.scale(g, 0.5);
                out.add(c.dot(u, w));
                out.add(c.maxAbs(v));
            }
            int[] offsets = {0, 1, 17, 17, 2000, 4099};
            GroupIndex gr = c.groups(offsets);
            DeviceBuffer gu = c.upload(p, random(r, 5)), gm = c.upload(p, new double[5]);
            for (int t = 0; t < 5; t++) {
                c.groupMomentumUpdate(gu, w, v, g, gm, mw, gr, new MomentumParams(0.01, 0.9, true, 0.05, 0.05));
                out.add(c.sumSquares(w));
            }
            DeviceBuffer x = c.upload(p, random(r, rows * cols)), beta = c.upload(p, random(r, cols));
            DeviceBuffer eta = c.alloc(p, rows), res = c.alloc(p, rows), grad = c.alloc(p, cols);
            DeviceBuffer y = c.upload(p, binary(r, rows)), off = c.upload(p, new double[]{0.25});
            c.lossGradient(Loss.LOGISTIC, grad, eta, res, x, rows, cols, beta, off, y, 1);
            out.add(c.logisticLoss(eta, y));
            for (double d : grad.toDoubleArray()) out.add(d);
            for (double d : v.toDoubleArray()) out.add(d);
            assertEquals(18, c.liveObjects(), "the workload owns 18 objects until the context closes them");
            // Buffers are tracked weakly: keep them reachable up to the count, or the GC may free them first
            // (seen on a 16-core machine, where the count came out at 8).
            java.lang.ref.Reference.reachabilityFence(new Object[]{u, w, v, g, mu, vu, mw, vw, gr, gu, gm, x, beta, eta, res, grad, y, off});
        }
        double[] a = new double[out.size()];
        for (int i = 0; i < a.length; i++) a[i] = out.get(i);
        return a;
    }

    private static double[] random(SplittableRandom r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = 2 * r.nextDouble() - 1;
        return a;
    }

    private static double[] binary(SplittableRandom r, int n) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = r.nextBoolean() ? 1 : 0;
        return a;
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "native", "opencl-cpu", "opencl-gpu", "cuda"})
    void separateContextsOnSeveralThreadsMatchTheSequentialResults(String name) throws Exception {
        Backend b = ResourceLifecycleTest.backend(name);
        Precision p = Precision.FLOAT32; // every backend has it
        double[][] sequential = new double[THREADS][];
        for (int t = 0; t < THREADS; t++) sequential[t] = workload(b, p, 1000 + t);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<double[]>> results = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    long seed = 1000 + t;
                    results.add(pool.submit(() -> {
                        start.await();
                        return workload(b, p, seed);
                    }));
                }
                start.countDown();
                for (int t = 0; t < THREADS; t++)
                    assertArrayEquals(sequential[t], results.get(t).get(5, TimeUnit.MINUTES),
                            name + ": thread " + t + " of round " + round + " differs from the sequential run");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void backendDiscoveryIsSafeFromSeveralThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<Backend>>> lists = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int t = 0; t < THREADS; t++)
                lists.add(pool.submit(() -> {
                    start.await();
                    for (Backend b : Backends.list()) {
                        b.isAvailable();
                        b.unavailableReason();
                    }
                    return Backends.list();
                }));
            start.countDown();
            List<Backend> first = lists.get(0).get(1, TimeUnit.MINUTES);
            for (Future<List<Backend>> f : lists) assertSame(first, f.get(1, TimeUnit.MINUTES));
        } finally {
            pool.shutdownNow();
        }
    }
}
