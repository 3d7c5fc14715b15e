package io.github.spred4j.cli;

import io.github.spred4j.api.Precision;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.Model;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The memory plan counts what the solvers allocate for X: a float32 fit on the engine keeps a float64 copy of X
 * on the device for its statistics and certificate (solver/ExactPasses), so it needs more than a float64 fit, not
 * less: on the java backend (whose device is the heap) one more dense float64 array, on a GPU 4 + 8 B per element.
 */
class MemoryPlanTest {
    private static final int N = 300, P = 70;

    private static Dataset dense() {
        return Dataset.dense(N, P, new double[N * P], new double[N], null);
    }

    private static Dataset sparse() {
        int[] ptr = new int[N + 1], col = new int[2 * N];
        double[] val = new double[2 * N];
        for (int i = 0; i < N; i++) {
            ptr[i + 1] = 2 * (i + 1);
            col[2 * i] = i % P;
            col[2 * i + 1] = (i + 1) % P == i % P ? (i + 2) % P : (i + 1) % P;
            if (col[2 * i + 1] < col[2 * i]) {
                int t = col[2 * i];
                col[2 * i] = col[2 * i + 1];
                col[2 * i + 1] = t;
            }
            val[2 * i] = 1;
            val[2 * i + 1] = 2;
        }
        return Dataset.sparse(N, P, ptr, col, val, new double[N], null);
    }

    @Test
    void float32EngineFitOnTheJavaBackendCountsTheFloat64Copy() {
        long dense = 8L * N * P;
        assertEquals(dense, MemoryPlan.fitHeapBytes(dense(), Model.SQUARED, "java", true, Precision.FLOAT64));
        assertEquals(2 * dense, MemoryPlan.fitHeapBytes(dense(), Model.SQUARED, "java", true, Precision.FLOAT32));
        // native: X lives off the heap in either precision; group lasso and the spred methods keep no copy
        assertEquals(0, MemoryPlan.fitHeapBytes(dense(), Model.SQUARED, "native", true, Precision.FLOAT32));
        assertEquals(2 * dense, MemoryPlan.fitHeapBytes(dense(), Model.GROUP, "java", true, Precision.FLOAT32));
        assertEquals(dense, MemoryPlan.fitHeapBytes(dense(), Model.SQUARED, "java", false, Precision.FLOAT32));
        // the old signature is the float64 plan
        assertEquals(dense, MemoryPlan.fitHeapBytes(dense(), Model.SQUARED, "java", true));
    }

    @Test
    void deviceBytesOfAFloat32FitIncludeItsFloat64Copy() {
        long cells = (long) N * P;
        assertEquals(8 * cells, MemoryPlan.deviceBytes(dense(), Model.SQUARED, true, Precision.FLOAT64));
        assertEquals(12 * cells, MemoryPlan.deviceBytes(dense(), Model.SQUARED, true, Precision.FLOAT32));
        assertEquals(4 * cells, MemoryPlan.deviceBytes(dense(), Model.SQUARED, false, Precision.FLOAT32));
        long csc = 8L * (P + 1) + 12L * 2 * N;
        assertEquals(csc, MemoryPlan.deviceBytes(sparse(), Model.SQUARED, true, Precision.FLOAT64));
        assertEquals(2 * csc, MemoryPlan.deviceBytes(sparse(), Model.SQUARED, true, Precision.FLOAT32));
    }

    @Test
    void sparseEngineFitOnTheJavaBackendCountsTheFloat64Csc() {
        Dataset s = sparse();
        long f64 = MemoryPlan.fitHeapBytes(s, Model.SQUARED, "java", true, Precision.FLOAT64);
        assertEquals(MemoryPlan.sparseBytes(s, true), f64);
        assertEquals(f64 + 8L * (P + 1) + 12L * 2 * N, MemoryPlan.fitHeapBytes(s, Model.SQUARED, "java", true, Precision.FLOAT32));
        assertEquals(MemoryPlan.sparseBytes(s, false), MemoryPlan.fitHeapBytes(s, Model.SQUARED, "native", true, Precision.FLOAT32));
    }
}
