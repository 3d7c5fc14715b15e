package io.github.spred4j.data;

import java.lang.ref.SoftReference;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.WeakHashMap;
import java.util.function.Function;

/**
 * The validated CSC of a sparse {@link Dataset}, built once and reused by later fits of the same arrays (a path
 * after {@code lambdaMax}, repeated fits, the targets of a multi-target fit): glmnet gets its dgCMatrix in CSC
 * form, and the transpose and the validation passes cost a fit on a 20000×50000 document-term matrix a third of
 * its time. The cache is keyed on the identity of the dataset's value array (weakly: an entry goes with its
 * dataset) and checked on every use by a 64-bit fingerprint of n, p and every offset, index and value (one
 * sequential pass, far cheaper than the transpose), so a caller who modifies the arrays between fits gets a fresh
 * CSC, never a stale one. At most {@link #ENTRIES} entries are kept (the oldest goes first), each CSC held by a
 * soft reference (given back before the heap runs out).
 */
public final class SparseCache {
    /** Entries kept at most (each holds one CSC copy of its dataset's X). */
    public static final int ENTRIES = 4;

    // the CSC is held softly: a fit in progress holds it strongly, and the VM clears soft references before it
    // would throw OutOfMemoryError, so the cache never costs a fit (e.g. the folds of a CV) its heap
    private record Entry(long fingerprint, SoftReference<CscMatrix> csc) {
    }

    private static final WeakHashMap<double[], Entry> MAP = new WeakHashMap<>();
    private static final ArrayDeque<java.lang.ref.WeakReference<double[]>> ORDER = new ArrayDeque<>();

    private SparseCache() {
    }

    /**
     * The CSC of sparse {@code d}: the cached one if the arrays are unchanged, else {@code validate.apply(d)} (which
     * checks X and throws its one-line error on bad input) transposed once, then cached.
     */
    public static CscMatrix csc(Dataset d, Function<Dataset, CsrMatrix> validate) {
        double[] key = d.values();
        long fp = fingerprint(d);
        if (key != null) {
            synchronized (MAP) {
                Entry e = MAP.get(key);
                CscMatrix c = e == null ? null : e.csc.get();
                if (c != null && e.fingerprint == fp && c.rows() == d.n() && c.cols() == d.p()) return c;
            }
        }
        CscMatrix csc = validate.apply(d).toCsc();
        if (key != null) {
            synchronized (MAP) {
                MAP.put(key, new Entry(fp, new SoftReference<>(csc)));
                ORDER.addLast(new java.lang.ref.WeakReference<>(key));
                for (Iterator<java.lang.ref.WeakReference<double[]>> it = ORDER.iterator(); it.hasNext(); )
                    if (it.next().get() == null) it.remove();
                while (ORDER.size() > ENTRIES) {
                    double[] old = ORDER.removeFirst().get();
                    if (old != null && old != key) MAP.remove(old);
                }
            }
        }
        return csc;
    }

    /** Drops every entry (tests; memory). */
    public static void clear() {
        synchronized (MAP) {
            MAP.clear();
            ORDER.clear();
        }
    }

    /** A 64-bit fingerprint of n, p and the CSR arrays (whole arrays; null arrays hash as absent). */
    static long fingerprint(Dataset d) {
        long h = mix(0x9E3779B97F4A7C15L ^ d.n(), d.p());
        int[] rp = d.rowPtr(), ci = d.colIdx();
        double[] v = d.values();
        h = mix(h, rp == null ? -1 : rp.length);
        if (rp != null) h = mix(h, hash(rp));
        h = mix(h, ci == null ? -1 : ci.length);
        if (ci != null) h = mix(h, hash(ci));
        h = mix(h, v == null ? -1 : v.length);
        if (v != null) {
            long a = 1, b = 2, c = 3, e = 4; // four independent lanes: the pass runs at memory speed
            int k = 0;
            for (; k + 3 < v.length; k += 4) {
                a = (a ^ Double.doubleToRawLongBits(v[k])) * 0x9E3779B97F4A7C15L;
                b = (b ^ Double.doubleToRawLongBits(v[k + 1])) * 0xC2B2AE3D27D4EB4FL;
                c = (c ^ Double.doubleToRawLongBits(v[k + 2])) * 0x165667B19E3779F9L;
                e = (e ^ Double.doubleToRawLongBits(v[k + 3])) * 0xD6E8FEB86659FD93L;
            }
            for (; k < v.length; k++) a = (a ^ Double.doubleToRawLongBits(v[k])) * 0x9E3779B97F4A7C15L;
            h = mix(mix(mix(mix(h, a), b), c), e);
        }
        return h;
    }

    private static long hash(int[] x) {
        long a = 5, b = 6;
        int k = 0;
        for (; k + 1 < x.length; k += 2) {
            a = (a ^ x[k]) * 0x9E3779B97F4A7C15L;
            b = (b ^ x[k + 1]) * 0xC2B2AE3D27D4EB4FL;
        }
        if (k < x.length) a = (a ^ x[k]) * 0x9E3779B97F4A7C15L;
        return mix(a, b);
    }

    private static long mix(long h, long v) {
        h ^= v + 0x9E3779B97F4A7C15L + (h << 6) + (h >>> 2);
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }
}
