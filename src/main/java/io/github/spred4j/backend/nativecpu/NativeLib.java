package io.github.spred4j.backend.nativecpu;

/**
 * The JNI entry points of {@code libspred4j.so} (native/jni_bridge.c). Handles are native addresses; {@code prec}
 * is 0 for float32 and 1 for float64. Callers validate every argument first: these methods trust their input.
 * Kernel failures are thrown as {@link io.github.spred4j.api.DeviceException} by the native side.
 */
final class NativeLib {
    /** Must equal SPRED_ABI_VERSION in native/jni_bridge.c. */
    static final int ABI_VERSION = 7;

    private NativeLib() {
    }

    static native int abiVersion();

    static native int maxThreads();

    static native void setThreads(int threads);

    /** A 64-byte aligned allocation of at least {@code bytes} bytes, or 0 when the allocation fails. */
    static native long alloc(long bytes);

    static native void free(long addr);

    /** Buffers and group indexes the library has allocated and not freed (for leak tests). */
    static native long liveAllocations();

    static native void copyFromDoubles(long addr, int prec, long dstOff, double[] src, int srcOff, int count);

    static native void copyFromFloats(long addr, int prec, long dstOff, float[] src, int srcOff, int count);

    static native void copyToDoubles(long addr, int prec, long srcOff, double[] dst, int dstOff, int count);

    static native void copyToFloats(long addr, int prec, long srcOff, float[] dst, int dstOff, int count);

    /** A native copy of the groups and their segment plan, or 0 when it cannot be allocated. */
    static native long groupsCreate(int[] offsets, double[] weights);

    static native void groupsFree(long groups);

    // Kernels: prec, then the kernel's arguments in the contract order of kernels/ops.tsv (length, outputs,
    // inputs, scalars), named as there (OpTableTest checks them).

    static native void hadamard(int prec, long n, long v, long u, long w);

    static native void groupHadamard(int prec, long gs, long v, long u, long w);

    static native void gradSplit(int prec, long n, long du, long dw, long g, long u, long w, double decayU, double decayW);

    static native void groupGradSplit(int prec, long gs, long du, long dw, long g, long u, long w,
                                      double decayU, double decayW);

    static native void sgdUpdate(int prec, long n, long u, long w, long v, long g, double lr, double decayU, double decayW);

    static native void momentumUpdate(int prec, long n, long u, long w, long v, long mU, long mW, long g, double lr,
                                      double momentum, boolean nesterov, double decayU, double decayW);

    static native void adamUpdate(int prec, long n, long u, long w, long v, long mU, long vU, long mW, long vW, long g,
                                  double lr, double beta1, double beta2, double eps, double bc1, double bc2,
                                  double decayU, double decayW, boolean decoupled);

    static native void groupSgdUpdate(int prec, long gs, long u, long w, long v, long g, double lr, double decayU,
                                      double decayW);

    static native void groupMomentumUpdate(int prec, long gs, long u, long w, long v, long mU, long mW, long g,
                                           double lr, double momentum, boolean nesterov, double decayU, double decayW);

    static native void groupAdamUpdate(int prec, long gs, long u, long w, long v, long mU, long vU, long mW, long vW,
                                       long g, double lr, double beta1, double beta2, double eps, double bc1,
                                       double bc2, double decayU, double decayW, boolean decoupled);

    static native double dot(int prec, long n, long x, long y);

    static native double sumSquares(int prec, long n, long x);

    static native double maxAbs(int prec, long n, long x);

    static native double sum(int prec, long n, long x);

    static native double logisticLoss(int prec, long n, long eta, long y);

    static native void axpy(int prec, long n, long y, long x, double a);

    static native void scale(int prec, long n, long x, double a);

    static native void fill(int prec, long n, long x, double value);

    static native void copy(int prec, long n, long dst, long src);

    static native void matVec(int prec, int n, int p, int k, long out, long x, long b);

    static native void matTVec(int prec, int n, int p, int k, long out, long x, long r);

    static native void lossGradient(int prec, int n, int p, int k, long grad, long eta, long r, long x, long b,
                                    long offset, long y, int loss);

    static native void gemmXtR(int prec, int n, int p, int k, long out, long x, long r);

    static native void gemmXB(int prec, int n, int p, int k, long out, long x, long b);

    static native void gramCols(int prec, int n, int p, int k, long out, long x, long mean, int[] cols);

    // ---------------------------------------------------------------- sparse X

    /** A native copy of a CSR/CSC structure (major = ptr.length-1); 0 when out of memory. */
    static native long sparseCreate(long minor, long[] ptr, int[] idx);

    static native void sparseFree(long sparse);

    static native void csrResidual(int prec, int n, int p, long x, long eta, long r, long val, long b, long y, double offset, int loss);

    static native void cscMatTVec(int prec, int n, int p, long x, long out, long val, long r);

    static native void cscColStats(int prec, int n, int p, long x, long sum, long sumsq, long val, long centre);

    static native void cscGather(int prec, int n, int p, long x, long out, long val, int[] cols, int m);

    // ---------------------------------------------------------------- device-resident control (issue 12 item 5)

    static native void colStats(int prec, int n, int p, long sum, long sumsq, long x, long centre);

    // ---------------------------------------------------------------- dual point, gap pieces, screening over p

    static native void centreScale(int prec, long n, long g, long xbar, long scale, double sr, double nrows);

    static native double softSq(int prec, long n, long g, double t, double la);

    static native double selectAbove(int prec, long n, long cols, long val, long g, double tau);

    // ---------------------------------------------------------------- many problems at once (issue 14)

    static native void colDeviance(int prec, int n, int k, long dev, long eta, long y, long offset, int family);

    // ---------------------------------------------------------------- fused coordinate descent (issue 12)

    static native void cdSweep(int prec, int n, int p, long b, long r, long eta, long state, long x, long w, long xbar,
                               long scale, long a, long sw, double la, double mu, double sumW, double thr, int sweeps,
                               int flags);

    // ---------------------------------------------------------------- sparse lockstep CD over host arrays (issue 14)

    /** One sweep of solver/SparseCd over cols[0..count) on the Java arrays (native/sparse_cd.c); see NativeSparseCd. */
    static native double sparseCdSweep(int[] cols, int count, long[] cp, int[] ri, double[] xv, int[] own, double[] u,
                                       int w, int k, double[] b, double[] xm, double[] s, double[] a, double[] cs,
                                       int[] nt, double[] su, double[] yv, boolean[] live, double la, double mu);
}
