package io.github.spred4j.data;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/** The CSC cache: built once per dataset, rebuilt (never stale) when the caller changes the arrays in place. */
class SparseCacheTest {
    private static Dataset data(CsrMatrix x) {
        return Dataset.sparse(x.rows(), x.cols(), x.intRowPtr(), x.colIdx().clone(), x.values().clone(), new double[x.rows()], null);
    }

    private static void assertSameMatrix(Dataset d, CscMatrix c) {
        double[] want = CsrMatrix.of(d.n(), d.p(), d.rowPtr(), d.colIdx(), d.values()).toDense();
        CsrMatrix back = c.toCsr();
        assertArrayEquals(want, back.toDense(), 0.0);
    }

    @Test
    void buildsOnceAndRebuildsWhenTheArraysChange() {
        SparseCache.clear();
        AtomicInteger builds = new AtomicInteger();
        Function<Dataset, CsrMatrix> validate = d -> {
            builds.incrementAndGet();
            return CsrMatrix.of(d.n(), d.p(), d.rowPtr(), d.colIdx(), d.values());
        };
        for (int[] s : new int[][]{{0, 0}, {1, 1}, {7, 300}, {300, 7}, {97, 1031}}) {
            Dataset d = data(CsrMatrixTest.random(s[0], s[1], 0.05, 7L * s[0] + s[1]));
            builds.set(0);
            CscMatrix a = SparseCache.csc(d, validate), b = SparseCache.csc(d, validate);
            assertSame(a, b, s[0] + "x" + s[1] + ": the second call reuses the CSC");
            assertEquals(1, builds.get());
            assertSameMatrix(d, a);
            if (d.values().length == 0) continue;
            // a value changed in place: the fingerprint sees it, the CSC is rebuilt
            d.values()[d.values().length / 2] += 1;
            CscMatrix c = SparseCache.csc(d, validate);
            assertNotSame(a, c);
            assertEquals(2, builds.get());
            assertSameMatrix(d, c);
            // a column index moved within its row's bounds (still sorted): rebuilt again
            int k = d.colIdx().length - 1, row = d.n() - 1;
            while (d.rowPtr()[row] > k) row--;
            int lo = k > d.rowPtr()[row] ? d.colIdx()[k - 1] + 1 : 0;
            if (d.colIdx()[k] > lo) {
                d.colIdx()[k] = lo;
                CscMatrix e = SparseCache.csc(d, validate);
                assertEquals(3, builds.get());
                assertSameMatrix(d, e);
            }
        }
    }

    @Test
    void badInputIsStillRefusedAndNotCached() {
        SparseCache.clear();
        Dataset d = Dataset.sparse(2, 3, new int[]{0, 1, 2}, new int[]{0, 5}, new double[]{1, 2}, new double[2], null);
        Function<Dataset, CsrMatrix> validate = x -> CsrMatrix.of(x.n(), x.p(), x.rowPtr(), x.colIdx(), x.values());
        assertThrows(IllegalArgumentException.class, () -> SparseCache.csc(d, validate));
        assertThrows(IllegalArgumentException.class, () -> SparseCache.csc(d, validate), "refused again, not served from a cache");
    }

    @Test
    void fingerprintSeesSingleChanges() {
        Dataset d = data(CsrMatrixTest.random(40, 50, 0.1, 3L));
        long f = SparseCache.fingerprint(d);
        assertEquals(f, SparseCache.fingerprint(d));
        for (int k = 0; k < d.values().length; k += 7) {
            double old = d.values()[k];
            d.values()[k] = Math.nextUp(old);
            assertNotEquals(f, SparseCache.fingerprint(d), "value " + k);
            d.values()[k] = old;
        }
        assertEquals(f, SparseCache.fingerprint(d));
        Dataset wider = Dataset.sparse(d.n(), d.p() + 1, d.rowPtr(), d.colIdx(), d.values(), d.y(), null);
        assertNotEquals(f, SparseCache.fingerprint(wider), "the shape counts");
    }
}
