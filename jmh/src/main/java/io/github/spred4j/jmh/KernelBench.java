package io.github.spred4j.jmh;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
import io.github.spred4j.api.GroupIndex;
import io.github.spred4j.api.MomentumParams;
import io.github.spred4j.api.Precision;
import io.github.spred4j.api.SgdParams;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Every element-wise kernel and reduction of one backend, with the ceilings and the unfused baselines measured in
 * the same run. Bytes per element follow spred-math.md (each input read once, each output written once);
 * {@link #streams} holds the count per benchmark and {@link BenchReport} turns the times into GB/s, ratios to the
 * copy and triad (axpy: 2 reads + 1 write) ceilings, fused ÷ unfused speed-ups and the spred overhead.
 *
 * <p>Every call synchronises the device before returning, so the timed region covers the kernel. Sets of buffers
 * rotate (up to {@link #ROTATE_BYTES} in all) so that a call does not find its operands in the cache the previous
 * call warmed; cache-resident sizes therefore measure the last-level cache, not L1.
 *
 * <p>Unfused baselines run the same update as a tensor framework would, one single-purpose element-wise kernel
 * per operation, each a pass over memory ({@code *Chain}). Their bytes are counted as the fused kernel's (the
 * useful traffic), so their "GB/s" is an effective rate and time ratios are the speed-ups.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelBench {
    @Param({"native"})
    public String backend;

    @Param({"FLOAT32"})
    public Precision precision;

    /**
     * Elements per vector. On the 32 MiB-L3 dev machine: 16Ki (64-128 KiB a vector, rotating sets: L3),
     * 256Ki (1-2 MiB a vector: working sets 2-28 MiB, L3), 2Mi (8-16 MiB a vector: working sets 0.5-7× L3),
     * 16Mi (64-128 MiB a vector: 4-56× L3, memory).
     */
    @Param({"16384", "262144", "2097152", "16777216"})
    public int size;

    /** Total bytes of buffers to rotate through: about half the dev machine's 32 MiB L3, so small sizes run from L3, not L1/L2. */
    static final long ROTATE_BYTES = 16L << 20;
    /** Group size of the group kernels (contiguous groups of equal size). */
    public static final int GROUP = 16;

    private Context ctx;
    private Set[] sets;
    private int next;
    private GroupIndex groups;

    static final SgdParams SGD = SgdParams.of(1e-3, 1e-2);
    static final MomentumParams MOM = MomentumParams.of(1e-3, 0.9, 1e-2);
    static final AdamParams ADAM = AdamParams.of(1e-3, 1e-2);
    private long step;

    /** One set of operands: u, w, v, g, four state vectors, two gradient temporaries and the per-group vectors. */
    static final class Set {
        DeviceBuffer u, w, v, g, mu, mw, vu, vw, du, dw;
        DeviceBuffer gu, gmu, gvu, gdu; // one element per group
    }

    @Setup(Level.Trial)
    public void setup() {
        ctx = Backends.get(backend).open();
        long perSet = 10L * size * precision.bytes();
        int count = (int) Math.max(1, Math.min(16, ROTATE_BYTES / Math.max(perSet, 1)));
        sets = new Set[count];
        int m = size / GROUP;
        double[] data = hostData(size), gdata = hostData(m);
        for (int s = 0; s < count; s++) {
            Set t = new Set();
            t.u = upload(data, 1);
            t.w = upload(data, 1);
            t.v = upload(data, 1);
            t.g = upload(data, 1e-2);
            t.mu = upload(data, 1e-3);
            t.mw = upload(data, 1e-3);
            t.vu = ctx.alloc(precision, size);
            t.vw = ctx.alloc(precision, size);
            t.du = ctx.alloc(precision, size);
            t.dw = ctx.alloc(precision, size);
            ctx.fill(t.vu, 1e-4);
            ctx.fill(t.vw, 1e-4);
            ctx.fill(t.du, 0);
            ctx.fill(t.dw, 0);
            t.gu = upload(gdata, 1);
            t.gmu = upload(gdata, 1e-3);
            t.gvu = ctx.alloc(precision, m);
            ctx.fill(t.gvu, 1e-4);
            t.gdu = ctx.alloc(precision, m);
            ctx.fill(t.gdu, 0);
            sets[s] = t;
        }
        int[] offsets = new int[m + 1];
        for (int i = 0; i <= m; i++) offsets[i] = i * GROUP;
        groups = ctx.groups(offsets);
        ctx.synchronize();
    }

    /** Random values in [-1, 1), generated once per length (in-process runs reuse them: GPU sizes are large). */
    private static double[] hostData(int length) {
        double[] d = HOST.get(length);
        if (d == null) {
            if (HOST.size() > 2) HOST.clear();
            SplittableRandom r = new SplittableRandom(7 + length);
            d = new double[length];
            for (int i = 0; i < length; i++) d[i] = r.nextDouble() * 2 - 1;
            HOST.put(length, d);
        }
        return d;
    }

    private static final java.util.Map<Integer, double[]> HOST = new java.util.HashMap<>();

    /** A buffer of scale·data rotated by a different offset for each call, so sets and vectors differ. */
    private DeviceBuffer upload(double[] data, double scale) {
        DeviceBuffer b = ctx.upload(precision, data);
        ctx.scale(b, scale * (1 + 0.01 * (salt++ % 97)));
        return b;
    }

    private int salt;

    private Set nextSet() {
        Set s = sets[next];
        next = (next + 1) % sets.length;
        return s;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ctx.close();
    }

    // ---------------------------------------------------------------- ceilings

    /** Ceiling: dst ← src, 2 streams. */
    @Benchmark
    public void copy() {
        Set s = nextSet();
        ctx.copy(s.v, s.u);
        ctx.synchronize();
    }

    /**
     * Ceiling: STREAM triad shape (y ← y + a·x), 3 streams. It is also the plain gradient step without the
     * reparametrisation, {@code v ← v − lr·g}, the baseline of the spred overhead.
     */
    @Benchmark
    public void triad() {
        Set s = nextSet();
        ctx.axpy(s.v, -1e-3, s.g);
        ctx.synchronize();
    }

    // ---------------------------------------------------------------- vector kernels

    @Benchmark
    public void scale() {
        Set s = nextSet();
        ctx.scale(s.v, 0.999);
        ctx.synchronize();
    }

    @Benchmark
    public void fill() {
        Set s = nextSet();
        ctx.fill(s.du, 0.5);
        ctx.synchronize();
    }

    @Benchmark
    public double dot() {
        Set s = nextSet();
        return ctx.dot(s.u, s.w);
    }

    @Benchmark
    public double sumSquares() {
        return ctx.sumSquares(nextSet().u);
    }

    @Benchmark
    public double maxAbs() {
        return ctx.maxAbs(nextSet().u);
    }

    @Benchmark
    public double sum() {
        return ctx.sum(nextSet().u);
    }

    /**
     * The engine's outer-step ops over p (issue 12 item 5): centring g = mw in place (x̄ = mu, s = vu = 1e-4, rows 2e4:
     * the repeated update converges to −mu, no overflow or subnormals), the elastic-net dual term, the compaction.
     */
    @Benchmark
    public void centreScale() {
        Set s = nextSet();
        ctx.centreScale(s.mw, s.mu, s.vu, 1.0, 2e4);
        ctx.synchronize();
    }

    @Benchmark
    public double softSq() {
        return ctx.softSq(nextSet().u, 0.9, 0.5);
    }

    /** |u| ≥ 0.999: about 0.1 % of the elements selected (the short list the engine reads back). */
    @Benchmark
    public int selectAbove() {
        Set s = nextSet();
        return ctx.selectAbove(s.du, s.dw, s.u, 0.999);
    }

    /** Σ log(1+e^η) − yη with η = u and y = v (values need not be 0/1 for timing). */
    @Benchmark
    public double logisticLoss() {
        Set s = nextSet();
        return ctx.logisticLoss(s.u, s.v);
    }

    // ---------------------------------------------------------------- spred kernels

    /** V = U ⊙ W: 3 streams. */
    @Benchmark
    public void hadamard() {
        Set s = nextSet();
        ctx.hadamard(s.v, s.u, s.w);
        ctx.synchronize();
    }

    /** dU, dW from G, U, W: 5 streams. */
    @Benchmark
    public void gradSplit() {
        Set s = nextSet();
        ctx.gradSplit(s.du, s.dw, s.g, s.u, s.w, SGD.penaltyU(), SGD.penaltyW());
        ctx.synchronize();
    }

    /** Fused SGD: read U, W, G; write U, W, V: 6 streams. */
    @Benchmark
    public void sgdUpdate() {
        Set s = nextSet();
        ctx.sgdUpdate(s.u, s.w, s.v, s.g, SGD);
        ctx.synchronize();
    }

    /** Fused momentum: read U, W, G, mU, mW; write U, W, mU, mW, V: 10 streams. */
    @Benchmark
    public void momentumUpdate() {
        Set s = nextSet();
        ctx.momentumUpdate(s.u, s.w, s.v, s.g, s.mu, s.mw, MOM);
        ctx.synchronize();
    }

    /** Fused Adam: read U, W, G and 4 moments; write U, W, 4 moments, V: 14 streams. */
    @Benchmark
    public void adamUpdate() {
        Set s = nextSet();
        ctx.adamUpdate(s.u, s.w, s.v, s.g, s.mu, s.vu, s.mw, s.vw, ADAM, ++step);
        ctx.synchronize();
    }

    // ---------------------------------------------------------------- group kernels (groups of GROUP)

    @Benchmark
    public void groupHadamard() {
        Set s = nextSet();
        ctx.groupHadamard(s.v, s.gu, s.w, groups);
        ctx.synchronize();
    }

    @Benchmark
    public void groupGradSplit() {
        Set s = nextSet();
        ctx.groupGradSplit(s.gdu, s.dw, s.g, s.gu, s.w, groups, SGD.penaltyU(), SGD.penaltyW());
        ctx.synchronize();
    }

    @Benchmark
    public void groupSgdUpdate() {
        Set s = nextSet();
        ctx.groupSgdUpdate(s.gu, s.w, s.v, s.g, groups, SGD);
        ctx.synchronize();
    }

    @Benchmark
    public void groupMomentumUpdate() {
        Set s = nextSet();
        ctx.groupMomentumUpdate(s.gu, s.w, s.v, s.g, s.gmu, s.mw, groups, MOM);
        ctx.synchronize();
    }

    @Benchmark
    public void groupAdamUpdate() {
        Set s = nextSet();
        ctx.groupAdamUpdate(s.gu, s.w, s.v, s.g, s.gmu, s.gvu, s.mw, s.vw, groups, ADAM, ++step);
        ctx.synchronize();
    }

    // ---------------------------------------------------------------- unfused baselines

    /**
     * The SGD step as a tensor framework runs it, one element-wise kernel per operation (7 passes, 21 streams):
     * dU = G⊙W; dU += 2α·U; dW = G⊙U; dW += 2β·W; U −= lr·dU; W −= lr·dW; V = U⊙W.
     */
    @Benchmark
    public void sgdChain() {
        Set s = nextSet();
        sgdChain(ctx, s, SGD);
        ctx.synchronize();
    }

    static void sgdChain(Context ctx, Set s, SgdParams p) {
        ctx.hadamard(s.du, s.g, s.w);
        ctx.axpy(s.du, p.decayU(), s.u);
        ctx.hadamard(s.dw, s.g, s.u);
        ctx.axpy(s.dw, p.decayW(), s.w);
        ctx.axpy(s.u, -p.lr(), s.du);
        ctx.axpy(s.w, -p.lr(), s.dw);
        ctx.hadamard(s.v, s.u, s.w);
    }

    /** The SGD step with the library's own gradSplit but unfused update (4 passes, 14 streams). */
    @Benchmark
    public void sgdSplitChain() {
        Set s = nextSet();
        ctx.gradSplit(s.du, s.dw, s.g, s.u, s.w, SGD.penaltyU(), SGD.penaltyW());
        ctx.axpy(s.u, -SGD.lr(), s.du);
        ctx.axpy(s.w, -SGD.lr(), s.dw);
        ctx.hadamard(s.v, s.u, s.w);
        ctx.synchronize();
    }

    /**
     * Momentum as a framework runs it (torch.optim.SGD's buf.mul_(μ).add_(g); p.add_(buf, −lr)): the four
     * gradient kernels of {@link #sgdChain}, then per parameter scale, axpy, axpy, then V = U⊙W
     * (11 passes, 31 streams).
     */
    @Benchmark
    public void momentumChain() {
        Set s = nextSet();
        MomentumParams p = MOM;
        ctx.hadamard(s.du, s.g, s.w);
        ctx.axpy(s.du, p.decayU(), s.u);
        ctx.hadamard(s.dw, s.g, s.u);
        ctx.axpy(s.dw, p.decayW(), s.w);
        ctx.scale(s.mu, p.momentum());
        ctx.axpy(s.mu, 1, s.du);
        ctx.axpy(s.u, -p.lr(), s.mu);
        ctx.scale(s.mw, p.momentum());
        ctx.axpy(s.mw, 1, s.dw);
        ctx.axpy(s.w, -p.lr(), s.mw);
        ctx.hadamard(s.v, s.u, s.w);
        ctx.synchronize();
    }

    /** Streams (vectors read or written once) per element of each benchmark, for GB/s. */
    public static double streams(String benchmark) {
        double perGroup = 1.0 / GROUP;
        switch (benchmark) {
            case "fill": case "sumSquares": case "maxAbs": case "sum": case "softSq": case "selectAbove": return 1;
            case "centreScale": return 4;
            case "copy": case "scale": case "dot": case "logisticLoss": return 2;
            case "triad": case "hadamard": return 3;
            case "gradSplit": return 5;
            case "sgdUpdate": case "sgdChain": case "sgdSplitChain": return 6;
            case "momentumUpdate": case "momentumChain": return 10;
            case "adamUpdate": return 14;
            case "groupHadamard": return 2 + perGroup;            // w, v; u per group
            case "groupGradSplit": return 3 + 2 * perGroup;       // g, w, dw; u, du per group
            case "groupSgdUpdate": return 4 + 2 * perGroup;       // w r/w, g, v; u r/w per group
            case "groupMomentumUpdate": return 6 + 4 * perGroup;  // + mw r/w; mu r/w per group
            case "groupAdamUpdate": return 8 + 6 * perGroup;      // + vw r/w; mu, vu r/w per group
            default: throw new IllegalArgumentException("unknown benchmark " + benchmark);
        }
    }

    /** Streams each unfused chain actually moves (its passes), for the stream-count model of the speed-up. */
    public static double chainStreams(String benchmark) {
        switch (benchmark) {
            case "sgdChain": return 21;
            case "sgdSplitChain": return 14;
            case "momentumChain": return 31;
            default: throw new IllegalArgumentException("not a chain: " + benchmark);
        }
    }
}
