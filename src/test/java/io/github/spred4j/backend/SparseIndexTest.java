package io.github.spred4j.backend;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.Loss;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SparseIndex;
import io.github.spred4j.api.SparseIndex.Layout;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * SparseIndex on every available backend: the structure is validated before any device copy (messages name the
 * position), the layout and lengths of each operation are checked in Java, close is idempotent, use after close
 * throws, closing the context frees the index, and a NaN value reaches η (never silently dropped).
 */
class SparseIndexTest {
    private static final long[] PTR = {0, 2, 2, 3};
    private static final int[] IDX = {0, 3, 1};

    @Test
    void validationLifecycleAndNaNOnEveryBackend() {
        int tried = 0;
        for (Backend b : Backends.list()) {
            if (!b.isAvailable()) continue;
            tried++;
            try (Context ctx = b.open()) {
                String m = assertThrows(IllegalArgumentException.class, () -> ctx.sparse(Layout.CSR, 3, 4, PTR, new int[]{0, 4, 1})).getMessage();
                assertTrue(m.contains("index 4 out of range [0, 4) in row 0"), m);
                m = assertThrows(IllegalArgumentException.class, () -> ctx.sparse(Layout.CSR, 3, 4, PTR, new int[]{3, 0, 1})).getMessage();
                assertTrue(m.contains("must increase within a row: 0 after 3"), m);
                m = assertThrows(IllegalArgumentException.class, () -> ctx.sparse(Layout.CSR, 3, 4, new long[]{0, 2, 1, 3}, IDX)).getMessage();
                assertTrue(m.contains("offsets decrease at row 1"), m);
                m = assertThrows(IllegalArgumentException.class, () -> ctx.sparse(Layout.CSC, 3, 4, PTR, IDX)).getMessage();
                assertTrue(m.contains("expected columns+1 = 5"), m);
                assertEquals(0, ctx.liveObjects(), b.name() + ": nothing allocated for a refused structure");

                SparseIndex csr = ctx.sparse(Layout.CSR, 3, 4, PTR, IDX);
                try (DeviceBuffer val = ctx.upload(Precision.FLOAT64, new double[]{1, Double.NaN, 2});
                     DeviceBuffer bb = ctx.upload(Precision.FLOAT64, new double[]{1, 1, 1, 1});
                     DeviceBuffer y = ctx.upload(Precision.FLOAT64, new double[3]);
                     DeviceBuffer eta = ctx.alloc(Precision.FLOAT64, 3);
                     DeviceBuffer r = ctx.alloc(Precision.FLOAT64, 3);
                     DeviceBuffer out = ctx.alloc(Precision.FLOAT64, 4)) {
                    ctx.csrResidual(eta, r, csr, val, bb, y, 0.5, Loss.SQUARED);
                    double[] e = eta.toDoubleArray();
                    assertTrue(Double.isNaN(e[0]), b.name() + ": NaN in row 0 must reach eta, got " + e[0]);
                    assertEquals(0.5, e[1], 0.0, b.name() + ": an empty row is the offset");
                    assertEquals(2.5, e[2], 1e-15);
                    m = assertThrows(IllegalArgumentException.class, () -> ctx.cscMatTVec(out, csr, val, r)).getMessage();
                    assertTrue(m.contains("needs a CSC index"), m);
                    m = assertThrows(IllegalArgumentException.class, () -> ctx.csrResidual(eta, r, csr, val, y, y, 0, Loss.SQUARED)).getMessage();
                    assertTrue(m.contains("b has length 3, expected p = 4"), m);
                }
                csr.close();
                csr.close(); // idempotent
                assertThrows(IllegalStateException.class, csr::checkOpen);
                SparseIndex left = ctx.sparse(Layout.CSC, 3, 4, new long[]{0, 1, 2, 2, 3}, new int[]{0, 2, 0});
                assertEquals(1, ctx.liveObjects());
                ctx.close();
                assertTrue(left.isClosed(), b.name() + ": closing the context closes its sparse indexes");
            }
        }
        assertTrue(tried >= 1, "at least the java backend runs");
    }
}
