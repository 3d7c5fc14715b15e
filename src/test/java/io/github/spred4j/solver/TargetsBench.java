package io.github.spred4j.solver;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.data.Dataset;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark (not a test; run by scripts/bench-targets.sh) of k problems on one X against a loop of single fits:
 * k λ on one target ({@link Spred#fitBatch}), k targets at one λ each ({@link Spred#fitTargets}) and k targets'
 * paths over a shared 20-λ sequence ({@link Spred#pathTargets}, the first 200 targets), diabetes_x2 (442×64), lasso, tol 1e-6.
 * <ul>
 *   <li>{@code cold NAME}: the first call of NAME in this (fresh) JVM, nothing run before it; NAME is one of
 *   fitBatch, loopBatch, fitTargets, loopTargets, pathTargets, loopPaths.</li>
 *   <li>{@code warm}: each loop route (native fit, java fit, the one-problem Gram route) timed per problem on a
 *   slice after a warm-up, the fastest taken as the loop; then WARMUP untimed rounds of everything and REPS
 *   interleaved timed rounds (batch, then loop), CPU time of this thread.</li>
 * </ul>
 * <pre>java -cp test-classes:classes io.github.spred4j.solver.TargetsBench cold|warm [NAME] [k] [reps] [warmup]</pre>
 * Each line counts the problems whose signed certificate lies in [−1e-12, tol] ("certified c/k").
 */
public final class TargetsBench {
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    static final int PATH_LAMBDAS = 20;
    static final int PATH_TARGETS_MAX = 200;

    private TargetsBench() {
    }

    /** The problems: X, k λ for one target, k targets each with its λ, and a shared λ sequence for the paths. */
    record Problems(Dataset d, FitOptions o, double[] lam, double[][] ys, double[] tl, double[] pathLam) {
        static Problems of(Dataset d, int k) {
            FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(1e-6);
            double lmax = Spred.lambdaMax(d, o);
            double[] lam = new double[k];
            for (int i = 0; i < k; i++) lam[i] = lmax * Math.pow(0.01, (i + 0.5) / k); // k distinct λ in (0.01, 1)·λ_max
            Random r = new Random(3);
            double[][] ys = new double[k][d.n()];
            for (int t = 0; t < k; t++) for (int i = 0; i < d.n(); i++) ys[t][i] = d.y()[i] + 40 * r.nextGaussian();
            double[] tl = new double[k];
            Arrays.fill(tl, 0.05 * lmax);
            double[] pl = new double[PATH_LAMBDAS];
            for (int i = 0; i < pl.length; i++) pl[i] = lmax * Math.pow(0.01, (double) i / (pl.length - 1));
            return new Problems(d, o, lam, ys, tl, pl);
        }

        Problems slice(int m) {
            return new Problems(d, o, Arrays.copyOf(lam, m), Arrays.copyOf(ys, m), Arrays.copyOf(tl, m), pathLam);
        }

        int k() {
            return lam.length;
        }

        /** The paths' targets: the first {@value #PATH_TARGETS_MAX} (k × 20 fits per call otherwise dominate a run). */
        double[][] pathYs() {
            return Arrays.copyOf(ys, Math.min(ys.length, PATH_TARGETS_MAX));
        }
    }

    /** One way to solve all problems of a kind; returns every fit (paths flattened). */
    interface Route {
        FitResult[] run(Context ctx, Problems q);
    }

    static final Route FIT_BATCH = (ctx, q) -> Spred.fitBatch(ctx, q.d, q.o, q.lam);
    static final Route LOOP_BATCH = (ctx, q) -> {
        FitResult[] f = new FitResult[q.k()];
        for (int i = 0; i < f.length; i++) f[i] = Spred.fit(ctx, q.d, q.o.withLambda(q.lam[i]));
        return f;
    };
    static final Route GRAM_LOOP_BATCH = (ctx, q) -> {
        FitResult[] f = new FitResult[q.k()];
        for (int i = 0; i < f.length; i++) f[i] = Spred.fitBatch(ctx, q.d, q.o, new double[]{q.lam[i]})[0];
        return f;
    };
    static final Route FIT_TARGETS = (ctx, q) -> Spred.fitTargets(ctx, q.d, q.ys, q.o, q.tl);
    static final Route LOOP_TARGETS = (ctx, q) -> {
        FitResult[] f = new FitResult[q.k()];
        for (int t = 0; t < f.length; t++) f[t] = Spred.fit(ctx, MultiTarget.column(q.d, q.ys[t]), q.o.withLambda(q.tl[t]));
        return f;
    };
    static final Route GRAM_LOOP_TARGETS = (ctx, q) -> {
        FitResult[] f = new FitResult[q.k()];
        for (int t = 0; t < f.length; t++) f[t] = Spred.fitBatch(ctx, MultiTarget.column(q.d, q.ys[t]), q.o, new double[]{q.tl[t]})[0];
        return f;
    };
    static final Route PATH_TARGETS = (ctx, q) -> flat(Spred.pathTargets(ctx, q.d, q.pathYs(), q.o, q.pathLam, PathListener.NONE));
    static final Route LOOP_PATHS = (ctx, q) -> {
        double[][] ys = q.pathYs();
        PathResult[] p = new PathResult[ys.length];
        for (int t = 0; t < p.length; t++) p[t] = Spred.path(ctx, MultiTarget.column(q.d, ys[t]), q.o, q.pathLam, PathListener.NONE);
        return flat(p);
    };

    static FitResult[] flat(PathResult[] p) {
        return Arrays.stream(p).flatMap(r -> r.fits().stream()).toArray(FitResult[]::new);
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        boolean cold = mode.equals("cold");
        String name = cold ? args[1] : null;
        int a = cold ? 2 : 1;
        int k = args.length > a ? Integer.parseInt(args[a]) : 1000;
        int reps = args.length > a + 1 ? Integer.parseInt(args[a + 1]) : 7;
        int warmup = args.length > a + 2 ? Integer.parseInt(args[a + 2]) : 5;
        Dataset d = TestData.dataset(TestData.dir("diabetes_x2") != null ? TestData.dir("diabetes_x2") : TestData.sharedDir(), "diabetes_x2");
        Problems q = Problems.of(d, k);
        try (Context ctx = Backends.get(System.getProperty("bench.backend", "native")).open()) {
            if (cold) cold(ctx, q, name);
            else warm(ctx, q, reps, warmup);
        }
    }

    static void cold(Context ctx, Problems q, String name) {
        Route r = switch (name) {
            case "fitBatch" -> FIT_BATCH;
            case "loopBatch" -> LOOP_BATCH;
            case "fitTargets" -> FIT_TARGETS;
            case "loopTargets" -> LOOP_TARGETS;
            case "pathTargets" -> PATH_TARGETS;
            case "loopPaths" -> LOOP_PATHS;
            default -> throw new IllegalArgumentException("unknown route " + name);
        };
        long t0 = System.nanoTime(), c0 = CPU.getCurrentThreadCpuTime();
        FitResult[] f = r.run(ctx, q);
        double wall = (System.nanoTime() - t0) / 1e9, cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf(Locale.ROOT, "cold %-11s k %d on %s: wall %.3f s cpu %.3f s; %s; worst gap %.2e%n",
                name, q.k(), ctx.backendName(), wall, cpu, certified(f, q.o), worst(f));
    }

    static void warm(Context ctx, Problems q, int reps, int warmup) {
        System.out.printf(Locale.ROOT, "backend %s (%s), k %d, %d warm-up rounds, %d timed rounds%n", ctx.backendName(), ctx.deviceName(), q.k(), warmup, reps);
        try (Context java = Backends.get("java").open()) {
            Route loopB = fastest("lambda", ctx, java, q, LOOP_BATCH, GRAM_LOOP_BATCH);
            Route loopT = fastest("targets", ctx, java, q, LOOP_TARGETS, GRAM_LOOP_TARGETS);
            Context loopBCtx = loopB == JAVA_MARK ? java : ctx, loopTCtx = loopT == JAVA_MARK ? java : ctx;
            Route lb = loopB == JAVA_MARK ? LOOP_BATCH : loopB, lt = loopT == JAVA_MARK ? LOOP_TARGETS : loopT;
            String[] names = {"fitBatch", "fitTargets", "pathTargets"};
            Route[] batch = {FIT_BATCH, FIT_TARGETS, PATH_TARGETS}, loop = {lb, lt, LOOP_PATHS};
            Context[] loopCtx = {loopBCtx, loopTCtx, ctx};
            for (int w = 0; w < warmup; w++)
                for (int i = 0; i < 3; i++) {
                    batch[i].run(ctx, q);
                    loop[i].run(loopCtx[i], q);
                }
            double[][] ratio = new double[3][reps];
            for (int rep = 0; rep < reps; rep++)
                for (int i = 0; i < 3; i++) {
                    long c0 = CPU.getCurrentThreadCpuTime();
                    FitResult[] b = batch[i].run(ctx, q);
                    double cb = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                    c0 = CPU.getCurrentThreadCpuTime();
                    FitResult[] l = loop[i].run(loopCtx[i], q);
                    double cl = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
                    ratio[i][rep] = cl / cb;
                    System.out.printf(Locale.ROOT, "warm %-11s round %d: batch cpu %.4f s, loop cpu %.4f s, loop/batch %.2fx; batch %s worst %.2e; loop %s worst %.2e%n",
                            names[i], rep, cb, cl, cl / cb, certified(b, q.o), worst(b), certified(l, q.o), worst(l));
                }
            for (int i = 0; i < 3; i++) {
                double[] s = ratio[i].clone();
                Arrays.sort(s);
                System.out.printf(Locale.ROOT, "warm %-11s k %d: loop / batch CPU over %d rounds: median %.2fx, range %.2f-%.2fx%n",
                        names[i], q.k(), reps, s[reps / 2], s[0], s[reps - 1]);
            }
        }
    }

    /** Marks the java backend's Spred.fit loop as the fastest route. */
    static final Route JAVA_MARK = (ctx, q) -> null;

    /**
     * The fairest loop: native Spred.fit, the java backend's Spred.fit, and the one-problem Gram route on a
     * 100-problem slice, 3 untimed and 5 timed rounds each, routes interleaved; returns the fastest per problem.
     */
    static Route fastest(String what, Context nat, Context java, Problems q, Route fit, Route gram) {
        Problems s = q.slice(Math.min(100, q.k()));
        Route[] routes = {fit, JAVA_MARK, gram};
        String[] names = {"native Spred.fit", "java Spred.fit", "native one-problem Gram route"};
        double best = Double.POSITIVE_INFINITY;
        Route pick = fit;
        double[][] t = new double[routes.length][5];
        for (int w = 0; w < 8; w++) // 3 warm-up rounds of every route, then 5 timed rounds, routes interleaved
            for (int r = 0; r < routes.length; r++) {
                Route run = routes[r] == JAVA_MARK ? fit : routes[r];
                Context c = routes[r] == JAVA_MARK ? java : nat;
                long c0 = CPU.getCurrentThreadCpuTime();
                run.run(c, s);
                if (w >= 3) t[r][w - 3] = (CPU.getCurrentThreadCpuTime() - c0) / 1e9 / s.k();
            }
        for (int r = 0; r < routes.length; r++) {
            Arrays.sort(t[r]);
            System.out.printf(Locale.ROOT, "loop route for %-7s %-30s %.1f us per problem (median of 5 rounds of %d, after 3)%n", what, names[r], 1e6 * t[r][2], s.k());
            if (t[r][2] < best) {
                best = t[r][2];
                pick = routes[r];
            }
        }
        return pick;
    }

    static double worst(FitResult[] f) {
        double w = 0;
        for (FitResult r : f) w = Math.max(w, r.certificate());
        return w;
    }

    /** How many problems carry a certificate within the tolerance (a negative gap beyond rounding counts as not). */
    static String certified(FitResult[] f, FitOptions o) {
        int c = 0;
        for (FitResult r : f) if (r.certificate() <= o.tol() && r.certificate() >= -1e-12) c++;
        return "certified " + c + "/" + f.length;
    }
}
