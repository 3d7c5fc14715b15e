package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spred4j.api.Context;
import io.github.spred4j.io.CoefFile;
import io.github.spred4j.io.Csv;
import io.github.spred4j.io.LambdaFile;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.PathResult;
import io.github.spred4j.solver.Spred;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

@Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit the whole regularisation path (warm starts) and write it as CSV, optionally plotted.",
                "Lambda runs from lambda_max down to lambda-min-ratio * lambda_max.",
                "Writes one row per lambda: lambda, nnz, objective, certificate, (Intercept), then the coefficients.",
                "--lambdas FILE gives the sequence instead (one value per line, positive, strictly decreasing).",
                "Several responses (--y an n x k .npy or a k-column CSV, or --target a,b,c) fit one path per response:",
                "the table then starts with a target column and holds one block of rows per target (each target's",
                "own lambda sequence unless --lambdas is given); --plot needs a single response.",
                "Example: spred4j path --x data.csv --target y --out path.csv --plot path.png"})
final class PathCommand extends BaseCommand {
    @Mixin
    ModelOptions m = new ModelOptions();

    @Option(names = "--nlambda", paramLabel = "K", description = "Number of lambda values. Default: 100.")
    Integer nLambda;

    @Option(names = "--lambda-min-ratio", paramLabel = "R",
            description = "Smallest lambda as a fraction of lambda_max. Default: glmnet's (1e-4 if n > p, else 0.01).")
    Double lambdaMinRatio;

    @Option(names = "--lambdas", paramLabel = "FILE",
            description = "The lambda sequence: one value per line, positive and strictly decreasing (instead of --nlambda / --lambda-min-ratio).")
    Path lambdas;

    @Option(names = "--out", defaultValue = "path.csv", paramLabel = "FILE", description = "Path table (CSV). Default: ${DEFAULT-VALUE}.")
    Path out;

    @Option(names = "--plot", paramLabel = "PNG", description = "Draw the coefficient paths against log(lambda), as glmnet's plot(fit, xvar=\"lambda\").")
    Path plot;

    @Option(names = "--json", description = "Print a JSON summary on stdout.")
    boolean json;

    private double seconds;

    /** Checks the sequence options; returns the number of λ (100 by default). */
    static int checkPathOptions(Integer nLambda, Double ratio, Path lambdas) {
        if (lambdas != null && (nLambda != null || ratio != null))
            throw CliException.usage("--lambdas gives the whole sequence; drop --nlambda / --lambda-min-ratio");
        int k = nLambda == null ? 100 : nLambda;
        if (k < 1) throw CliException.usage("--nlambda must be >= 1, got " + k);
        if (ratio != null && !(ratio > 0 && ratio < 1)) throw CliException.usage("--lambda-min-ratio must be in (0, 1), got " + ratio);
        return k;
    }

    @Override
    public Integer call() throws Exception {
        refuseClobbering(6, "--x", m.x, "--y", m.y, "--groups", m.groups, "--weights", m.weights, "--penalty-factor", m.penaltyFactor, "--lambdas", lambdas, "--out", out, "--plot", plot);
        int nLam = checkPathOptions(nLambda, lambdaMinRatio, lambdas);
        double[] lam = lambdas == null ? null : LambdaFile.read(lambdas);
        ModelOptions.Loaded in = m.loadTargets();
        if (lam != null) nLam = lam.length;
        if (in.targets().length > 1 && plot != null)
            throw CliException.usage("--plot draws one path, but there are " + in.targets().length + " responses; plot one with --target NAME");
        Dataset d = in.data();
        MemoryPlan.checkPath(m.x, d, nLam, in.targets().length);
        FitOptions o = m.fitOptions(in.groups());
        double ratio = lambdaMinRatio == null ? Double.NaN : lambdaMinRatio;
        if (in.targets().length > 1) {
            PathResult[] paths;
            long t0 = System.nanoTime();
            try (Context ctx = m.open(); Progress p = progress()) {
                p.status(String.format(Locale.ROOT, "path %s n=%d p=%d, %d targets x %d lambdas on %s", m.lossLabel(), d.n(), d.p(),
                        in.targets().length, nLam, ctx.backendName()));
                paths = lam != null ? Spred.pathTargets(ctx, d, in.targets(), o, lam, p.listener())
                        : Spred.pathTargets(ctx, d, in.targets(), o, nLam, ratio, p.listener());
            }
            for (PathResult pr : paths) FitCommand.refuseNonFinite(pr, out);
            TargetOutput.writePath(out, in.targetNames(), paths, d);
            return reportTargets(in.targetNames(), paths, o, d, (System.nanoTime() - t0) / 1e9);
        }
        PathResult path;
        long t0 = System.nanoTime();
        try (Context ctx = m.open(); Progress p = progress()) {
            p.status(String.format(Locale.ROOT, "path %s n=%d p=%d, %d lambdas on %s", m.lossLabel(), d.n(), d.p(), nLam, ctx.backendName()));
            path = lam != null ? Spred.path(ctx, d, o, lam, p.listener()) : Spred.path(ctx, d, o, nLam, ratio, p.listener());
        }
        seconds = (System.nanoTime() - t0) / 1e9; // the whole path after loading: upload, screening, every fit
        path.fits().forEach(this::warnIfNegative);
        FitCommand.refuseNonFinite(path, out);
        writePathCsv(out, path, d);
        if (plot != null) Plots.path(plot, path, names(d), "Coefficient paths, " + m.lossLabel() + " (" + d.n() + " x " + d.p() + ")");
        report(path, o, d);
        return ExitCode.OK;
    }

    static String[] names(Dataset d) {
        String[] s = new String[d.p()];
        for (int j = 0; j < s.length; j++) s[j] = d.name(j);
        return s;
    }

    static void writePathCsv(Path file, PathResult path, Dataset d) throws java.io.IOException {
        int p = d.p(), k = path.fits().size(), cols = 5 + p;
        String[] header = new String[cols];
        header[0] = "lambda";
        header[1] = "nnz";
        header[2] = "objective";
        header[3] = "certificate";
        header[4] = CoefFile.INTERCEPT;
        for (int j = 0; j < p; j++) header[5 + j] = d.name(j);
        double[] data = new double[k * cols];
        for (int i = 0; i < k; i++) {
            FitResult f = path.fits().get(i);
            int b = i * cols;
            data[b] = f.lambda();
            data[b + 1] = f.nnz();
            data[b + 2] = f.objective();
            data[b + 3] = f.certificate();
            data[b + 4] = f.intercept();
            System.arraycopy(f.beta(), 0, data, b + 5, p);
        }
        Csv.write(file, header, k, data);
    }

    /** Summary of k paths: per target the λ range, nnz range and worst certificate; exit 5 if any fit is uncertified. */
    private int reportTargets(String[] names, PathResult[] paths, FitOptions o, Dataset d, double secs) {
        int failed = 0, fits = 0;
        double tol = io.github.spred4j.solver.Certificates.tolerance(o); // float32: as a single path's
        FitResult worst = null;
        String worstName = null;
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (int t = 0; t < paths.length; t++) {
            FitResult w = null;
            int bad = 0;
            for (FitResult f : paths[t].fits()) {
                fits++;
                if (f.certificate() > tol) bad++;
                if (w == null || f.certificate() > w.certificate()) w = f;
            }
            failed += bad;
            if (worst == null || w.certificate() > worst.certificate()) {
                worst = w;
                worstName = names[t];
            }
            List<FitResult> fl = paths[t].fits();
            double[] lam = paths[t].lambdas();
            if (json) {
                ObjectNode j = Json.object();
                j.put("target", names[t]);
                j.put("nlambda", fl.size());
                j.put("lambda_max", lam[0]);
                j.put("lambda_min", lam[lam.length - 1]);
                j.put("worst_certificate", w.certificate());
                j.put("uncertified", bad);
                j.set("last", Json.fit(fl.get(fl.size() - 1)));
                arr.add(j);
            } else {
                out().println(String.format(Locale.ROOT, "%s: %s path, %d lambdas from %.4g to %.4g, nnz %d..%d of %d, worst %s=%.2e",
                        names[t], m.lossLabel(), fl.size(), lam[0], lam[lam.length - 1], fl.get(0).nnz(), fl.get(fl.size() - 1).nnz(), d.p(),
                        w.certificateName(), w.certificate()));
            }
        }
        if (json) {
            ObjectNode j = Json.object();
            j.put("loss", m.loss.name());
            j.put("n", d.n());
            j.put("p", d.p());
            j.put("k", paths.length);
            j.put("certificate_name", worst.certificateName());
            j.put("worst_certificate", worst.certificate());
            j.put("uncertified", failed);
            j.put("seconds", secs);
            j.put("backend", worst.backend());
            j.put("device", worst.device());
            j.put("out", out.toString());
            j.set("targets", arr);
            out().println(Json.write(j));
        } else {
            out().println(String.format(Locale.ROOT, "%d targets, %d fits in %.3f s on %s (%s); wrote %s", paths.length, fits, secs,
                    worst.backend(), worst.device(), out));
        }
        out().flush();
        if (failed > 0)
            throw new CliException(ExitCode.NOT_CERTIFIED, String.format(Locale.ROOT,
                    "not certified: %d of %d fits above --tol %.1e (worst %s=%.3e at lambda=%.4g of target %s); results written to %s",
                    failed, fits, tol, worst.certificateName(), worst.certificate(), worst.lambda(), worstName, out));
        return ExitCode.OK;
    }

    private void report(PathResult path, FitOptions o, Dataset d) {
        List<FitResult> fits = path.fits();
        int worst = 0, failed = 0;
        double secs = seconds;
        double tol = io.github.spred4j.solver.Certificates.tolerance(o);
        for (int i = 0; i < fits.size(); i++) {
            FitResult f = fits.get(i);
            if (f.certificate() > fits.get(worst).certificate()) worst = i;
            if (f.certificate() > tol) failed++;
        }
        FitResult w = fits.get(worst), last = fits.get(fits.size() - 1);
        if (json) {
            ObjectNode j = Json.object();
            j.put("loss", m.loss.name());
            j.put("n", d.n());
            j.put("p", d.p());
            j.put("nlambda", fits.size());
            j.put("lambda_max", path.lambdas()[0]);
            j.put("lambda_min", path.lambdas()[path.lambdas().length - 1]);
            j.put("certificate_name", w.certificateName());
            j.put("worst_certificate", w.certificate());
            j.put("uncertified", failed);
            j.put("seconds", secs);
            j.put("backend", last.backend());
            j.put("device", last.device());
            j.put("out", out.toString());
            if (plot != null) j.put("plot", plot.toString());
            j.set("last", Json.fit(last));
            out().println(Json.write(j));
        } else {
            out().println(String.format(Locale.ROOT, "%s path: %d lambdas from %.4g to %.4g, nnz %d..%d of %d, worst %s=%.2e, %.3f s on %s (%s)",
                    m.lossLabel(), fits.size(), path.lambdas()[0], path.lambdas()[path.lambdas().length - 1], fits.get(0).nnz(), last.nnz(), d.p(),
                    w.certificateName(), w.certificate(), secs, last.backend(), last.device()));
            out().println("wrote " + out + (plot != null ? " and " + plot : ""));
        }
        out().flush();
        if (failed > 0)
            throw new CliException(ExitCode.NOT_CERTIFIED, String.format(Locale.ROOT,
                    "not certified: %d of %d fits above --tol %.1e (worst %s=%.3e at lambda=%.4g); results written to %s",
                    failed, fits.size(), tol, w.certificateName(), w.certificate(), w.lambda(), out));
    }
}
