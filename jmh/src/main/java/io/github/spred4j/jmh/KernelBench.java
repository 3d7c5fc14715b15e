package io.github.spred4j.jmh;

import io.github.spred4j.api.AdamParams;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.DeviceBuffer;
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
 * Element-wise kernels and their ceilings on one backend. Each kernel's bytes per element follow spred-math.md
 * (each input read once, each output written once); {@link BenchReport} turns the times into GB/s and ratios to
 * the copy and triad (axpy: 2 reads + 1 write) ceilings measured in the same run. Every call synchronises the
 * device before returning, so the timed region covers the kernel. Sets of buffers rotate so that small sizes are
 * not timed from a cache warmed by the previous call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class KernelBench {
    @Param({"native"})
    public String backend;

    @Param({"FLOAT32"})
    public Precision precision;

    @Param({"65536", "1048576", "16777216"})
    public int size;

    /** Total bytes of buffers worth rotating through: several times a large last-level cache. */
    private static final long ROTATE_BYTES = 256L << 20;

    private Context ctx;
    private Set[] sets;
    private int next;

    private static final SgdParams SGD = SgdParams.of(1e-3, 1e-2);
    private static final MomentumParams MOM = MomentumParams.of(1e-3, 0.9, 1e-2);
    private static final AdamParams ADAM = AdamParams.of(1e-3, 1e-2);
    private long step;

    /** One set of operands: u, w, v, g and four state vectors. */
    static final class Set {
        DeviceBuffer u, w, v, g, mu, mw, vu, vw;
    }

    @Setup(Level.Trial)
    public void setup() {
        ctx = Backends.get(backend).open();
        long perSet = 8L * size * precision.bytes();
        int count = (int) Math.max(1, Math.min(16, ROTATE_BYTES / Math.max(perSet, 1)));
        sets = new Set[count];
        SplittableRandom r = new SplittableRandom(7);
        double[] data = new double[size];
        for (int s = 0; s < count; s++) {
            Set t = new Set();
            t.u = fill(data, r, 1);
            t.w = fill(data, r, 1);
            t.v = fill(data, r, 1);
            t.g = fill(data, r, 1e-2);
            t.mu = fill(data, r, 1e-3);
            t.mw = fill(data, r, 1e-3);
            t.vu = ctx.alloc(precision, size);
            t.vw = ctx.alloc(precision, size);
            ctx.fill(t.vu, 1e-4);
            ctx.fill(t.vw, 1e-4);
            sets[s] = t;
        }
        ctx.synchronize();
    }

    private DeviceBuffer fill(double[] data, SplittableRandom r, double scale) {
        for (int i = 0; i < data.length; i++) data[i] = scale * (r.nextDouble() * 2 - 1);
        return ctx.upload(precision, data);
    }

    private Set nextSet() {
        Set s = sets[next];
        next = (next + 1) % sets.length;
        return s;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ctx.close();
    }

    /** Ceiling: dst ← src, 2 streams. */
    @Benchmark
    public void copy() {
        Set s = nextSet();
        ctx.copy(s.v, s.u);
        ctx.synchronize();
    }

    /** Ceiling: STREAM triad shape (y ← y + a·x), 3 streams. */
    @Benchmark
    public void triad() {
        Set s = nextSet();
        ctx.axpy(s.v, 0.5, s.u);
        ctx.synchronize();
    }

    /** V = U ⊙ W: 3 streams. */
    @Benchmark
    public void hadamard() {
        Set s = nextSet();
        ctx.hadamard(s.v, s.u, s.w);
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

    /** Streams (vectors read or written once) per element of each benchmark, for GB/s. */
    public static int streams(String benchmark) {
        switch (benchmark) {
            case "copy": return 2;
            case "triad": case "hadamard": return 3;
            case "sgdUpdate": return 6;
            case "momentumUpdate": return 10;
            case "adamUpdate": return 14;
            default: throw new IllegalArgumentException("unknown benchmark " + benchmark);
        }
    }
}
