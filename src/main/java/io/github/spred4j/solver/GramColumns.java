package io.github.spred4j.solver;

/**
 * The columns of a Gram Q (p×p, symmetric) as {@link GramLasso} and {@link GramFactor} read them: either a whole
 * row-major array (column j = row j at offset j·p), or columns computed on first use and cached, glmnet's
 * covariance mode: only the coordinates that ever move need their column, so a wide problem (p comparable to or
 * above n) costs n·p per entering coordinate instead of n·p² for the whole Gram. The diagonal is always whole (the
 * coordinate update of a coordinate at 0 needs Q_jj, not its column).
 *
 * <p>Lazy columns come from a {@link Source} and live in arrays taken from a {@link Pool}, so a cross-validation's
 * eleven paths reuse the same few arrays instead of allocating fresh ones (fresh memory is most of a cold JVM's
 * time on small problems).
 */
final class GramColumns {
    /** Computes column j of Q (length p) into {@code into}. */
    interface Source {
        void column(int j, double[] into);
    }

    /** Arrays of length p handed out and taken back (one pool serves every path of a cross-validation). */
    static final class Pool {
        private final int p;
        private final Runnable grow;
        private double[][] free = new double[16][];
        private int nFree;

        /** {@code grow} runs before each new array (a budget's check: it may throw). */
        Pool(int p, Runnable grow) {
            this.p = p;
            this.grow = grow;
        }

        double[] take() {
            if (nFree > 0) return free[--nFree];
            grow.run();
            return new double[p];
        }

        void give(double[] a) {
            if (nFree == free.length) free = java.util.Arrays.copyOf(free, 2 * free.length);
            free[nFree++] = a;
        }
    }

    final int p;
    private final double[] flat; // the whole Q (row-major), or null
    private final double[][] cols; // lazy columns (null until used), or null
    private final double[] diag;
    private final Source source;
    private final Pool pool;
    private int[] loaded; // the coordinates whose columns are cached, in the order they were computed
    private int nLoaded;

    /** The whole Q, row-major (not copied). */
    GramColumns(int p, double[] Q) {
        this.p = p;
        flat = Q;
        cols = null;
        diag = null; // read from Q itself: wrapping a whole Q costs nothing (a certificate wraps one per call)
        source = null;
        pool = null;
    }

    /** Lazy columns from {@code source}, with the whole diagonal {@code diag} (not copied). */
    GramColumns(int p, double[] diag, Source source, Pool pool) {
        this.p = p;
        flat = null;
        cols = new double[p][];
        this.diag = diag;
        this.source = source;
        this.pool = pool;
        loaded = new int[Math.min(p, 16)];
    }

    /** The array holding column j at {@link #offset}(j), computed first if lazy and not cached. */
    double[] array(int j) {
        if (flat != null) return flat;
        double[] c = cols[j];
        return c != null ? c : load(j);
    }

    int offset(int j) {
        return flat != null ? j * p : 0;
    }

    /** Q_jk (computes column j if lazy). */
    double at(int j, int k) {
        return array(j)[offset(j) + k];
    }

    double diag(int j) {
        return flat != null ? flat[j * p + j] : diag[j];
    }

    /** Whether column j is at hand without computing it. */
    boolean has(int j) {
        return flat != null || cols[j] != null;
    }

    /** How many lazy columns were computed (0 for a whole Q). */
    int computed() {
        return nLoaded;
    }

    private double[] load(int j) {
        double[] c = pool.take();
        source.column(j, c);
        cols[j] = c;
        if (nLoaded == loaded.length) loaded = java.util.Arrays.copyOf(loaded, Math.min(p, 2 * nLoaded));
        loaded[nLoaded++] = j;
        return c;
    }

    /** Gives the cached columns back to the pool (this object is not used afterwards). */
    void release() {
        if (flat != null) return;
        for (int a = 0; a < nLoaded; a++) {
            pool.give(cols[loaded[a]]);
            cols[loaded[a]] = null;
        }
        nLoaded = 0;
    }
}
