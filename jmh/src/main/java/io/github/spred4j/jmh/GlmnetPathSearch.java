package io.github.spred4j.jmh;

import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.solver.Certificates;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.PathResult;
import io.github.spred4j.solver.Spred;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The 100-λ path on the seeded synthetic against glmnet at the loosest thresh that reaches our certificate: our path
 * (one thread, CPU from ThreadMXBean) before and after; in between one glmnet call per thresh (1e-7 … 1e-20, each
 * timed once in R, {@code scripts/glmnet-path-search.R}) whose answers are certified here by our float64 relative
 * gap on the same problem (gaussian, intercept, no standardisation) as they arrive: per thresh the worst gap, at
 * which λ, and how many λ miss the tolerance. The SolverBench route times glmnet only after the whole search and
 * with a warm-up (three calls at the chosen thresh): at thresh ~1e-19 that did not fit in a session.
 *     java -cp benchmarks.jar io.github.spred4j.jmh.GlmnetPathSearch [--synthetic 10000x5000] [--backend native]
 *         [--tol 1e-6] [--thresh 1e-7,...] [--rscript scripts/glmnet-path-search.R] [--ours-repeats 1]
 *     ... GlmnetPathSearch --certify DIR   (certify the coef_path_*.f64 a separate run of the R script left in DIR)
 */
public final class GlmnetPathSearch {
    private GlmnetPathSearch() {
    }

    public static void main(String[] args) throws Exception {
        String shape = "10000x5000", backend = "native", rscript = "scripts/glmnet-path-search.R", certifyDir = null;
        double tol = 1e-6;
        int oursRepeats = 1;
        double[] thresh = SolverBench.THRESHOLDS;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--synthetic": shape = args[++i]; break;
                case "--backend": backend = args[++i]; break;
                case "--tol": tol = Double.parseDouble(args[++i]); break;
                case "--rscript": rscript = args[++i]; break;
                case "--ours-repeats": oursRepeats = Integer.parseInt(args[++i]); break;
                case "--certify": certifyDir = args[++i]; break;
                case "--thresh": thresh = Arrays.stream(args[++i].split(",")).mapToDouble(Double::parseDouble).toArray(); break;
                default: throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int[] np = MatrixBench.parseShape(shape);
        SolverBench.Problem pr = SolverBench.synthetic(np[0], np[1], 50, 0, 42);
        FitOptions o = FitOptions.defaults(Model.SQUARED).withTol(tol);
        if (certifyDir != null) { // answers a separate run of glmnet-path-search.R wrote into DIR: certify only
            Path dir = Path.of(certifyDir);
            if (!Arrays.equals(SolverBench.readF64(dir.resolve("y.f64")), pr.data().y()))
                throw new IllegalStateException(dir + "/y.f64 is not this synthetic's y");
            double[] lams = SolverBench.readF64(dir.resolve("path.f64"));
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("coef_path_")).sorted().toList())
                    certify(f, pr, o, lams, tol, f.getFileName().toString());
            }
            return;
        }
        System.out.printf("date %s; load %s; java %s; %s; tol %.1g; backend %s%n", java.time.Instant.now(),
                BenchReport.load(), System.getProperty("java.version"), pr.name(), tol, backend);
        double[] lams = null;
        List<Double> oursCpu = new ArrayList<>();
        try (Context ctx = Backends.get(backend).open()) {
            for (int k = 0; k < oursRepeats; k++) lams = ours(ctx, pr, o, oursCpu);
        }
        Path dir = Files.createTempDirectory("spred4j-glmnet-search");
        try {
            SolverBench.writeF64(dir.resolve("X.f64"), pr.data().x());
            SolverBench.writeF64(dir.resolve("y.f64"), pr.data().y());
            SolverBench.writeF64(dir.resolve("path.f64"), lams);
            StringBuilder th = new StringBuilder();
            for (double t : thresh) th.append(th.length() == 0 ? "" : ",").append(t);
            ProcessBuilder pb = new ProcessBuilder("Rscript", "--vanilla", rscript, dir.toString(),
                    Integer.toString(pr.data().n()), Integer.toString(pr.data().p()), th.toString());
            pb.redirectErrorStream(true);
            Process r = pb.start();
            double chosen = Double.NaN, chosenCpu = Double.NaN;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.getInputStream()))) {
                for (String line; (line = in.readLine()) != null; ) {
                    System.out.println("R: " + line);
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 7 || !f[0].equals("thresh")) continue;
                    int t = Integer.parseInt(f[1]);
                    double worst = certify(dir.resolve("coef_path_" + t + ".f64"), pr, o, lams, tol, f[2]);
                    if (worst <= tol && Double.isNaN(chosen)) {
                        chosen = Double.parseDouble(f[2]);
                        chosenCpu = Double.parseDouble(f[6]);
                    }
                }
            }
            if (r.waitFor() != 0) throw new IllegalStateException("Rscript failed (see the R: lines above)");
            System.out.printf("glmnet thresh chosen: %s (loosest of %s whose every λ reaches gap <= %.1g); its cpu %.3f s%n",
                    chosen, Arrays.toString(thresh), tol, chosenCpu);
            try (Context ctx = Backends.get(backend).open()) {
                for (int k = 0; k < oursRepeats; k++) ours(ctx, pr, o, oursCpu);
            }
            double[] oc = oursCpu.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("ours path cpu %s; ours ÷ glmnet(thresh %s) cpu: median %.3f [%.3f, %.3f]%n", Arrays.toString(oc),
                    chosen, oc[oc.length / 2] / chosenCpu, oc[0] / chosenCpu, oc[oc.length - 1] / chosenCpu);
            System.out.printf("load at end: %s%n", BenchReport.load());
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(f -> f.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Our 100-λ path, timed on this thread; returns its λ sequence. */
    static double[] ours(Context ctx, SolverBench.Problem pr, FitOptions o, List<Double> cpu) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long w0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
        PathResult res = Spred.path(ctx, pr.data(), o, 100, Double.NaN);
        double wall = (System.nanoTime() - w0) / 1e9, c = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        double worst = 0;
        long iters = 0;
        for (FitResult f : res.fits()) {
            worst = Math.max(worst, f.certificate());
            iters += f.iterations();
        }
        cpu.add(c);
        System.out.printf("ours path of %d λ: %.2f s wall, %.2f s cpu; worst certificate %.2g; sweeps+rounds %d; nnz at the end %d; load %s%n",
                res.lambdas().length, wall, c, worst, iters, res.fits().get(res.fits().size() - 1).nnz(), BenchReport.load());
        return res.lambdas();
    }

    /** Our relative gap for every λ of one glmnet answer; prints the worst, where, and the λ above tol. */
    static double certify(Path coefs, SolverBench.Problem pr, FitOptions o, double[] lams, double tol, String label)
            throws java.io.IOException {
        int p = pr.data().p();
        double[] c = SolverBench.readF64(coefs);
        if (c.length != lams.length * (p + 1))
            throw new IllegalStateException(coefs + ": " + c.length + " values, expected " + lams.length * (p + 1));
        double worst = Double.NEGATIVE_INFINITY;
        int at = -1, over = 0;
        StringBuilder tail = new StringBuilder(), all = new StringBuilder();
        for (int k = 0; k < lams.length; k++) {
            double[] beta = Arrays.copyOfRange(c, k * (p + 1) + 1, (k + 1) * (p + 1));
            Certificates.Certificate cert = Certificates.of(pr.data(), o.withLambda(lams[k]), lams[k], c[k * (p + 1)], beta);
            if (cert.negative()) System.out.printf("  NEGATIVE gap %.3g at λ #%d%n", cert.value(), k);
            if (cert.value() > worst) {
                worst = cert.value();
                at = k;
            }
            if (cert.value() > tol) over++;
            all.append(String.format(" %.1e", cert.value()));
            if (k % 10 == 9) tail.append(String.format(" #%d:%.1e", k, cert.value()));
        }
        System.out.printf("glmnet thresh %s: worst gap %.2e at λ #%d (%.3g·λmax); %d of %d λ above %.0e; every 10th:%s%n",
                label, worst, at, lams[at] / lams[0], over, lams.length, tol, tail);
        System.out.printf("  every λ (#0..#%d):%s%n", lams.length - 1, all);
        return worst;
    }
}
