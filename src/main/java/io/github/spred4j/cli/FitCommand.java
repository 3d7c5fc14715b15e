package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spred4j.api.Context;
import io.github.spred4j.io.CoefFile;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Spred;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit one penalised model at one lambda and save its coefficients.",
                "Several responses (--y an n x k .npy or a k-column CSV, or --target a,b,c) fit one model per response:",
                "--out then has one value column per target (header name,<target 1>,...), each target at --lambda or",
                "at --lambda-ratio times its own lambda_max, and --json lists the fits under \"targets\".",
                "Example: spred4j fit --x X.npy --y y.npy --loss squared --lambda 0.5 --out coef.csv --json"})
final class FitCommand extends BaseCommand {
    @Mixin
    ModelOptions m = new ModelOptions();

    @Option(names = "--lambda", paramLabel = "L", description = "Penalty weight (glmnet's scale). Default: --lambda-ratio times lambda_max.")
    Double lambda;

    @Option(names = "--lambda-ratio", paramLabel = "R", defaultValue = "0.01",
            description = "Without --lambda: lambda = R * lambda_max (the smallest lambda with beta = 0). Default: ${DEFAULT-VALUE}.")
    double lambdaRatio;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Coefficients as CSV: header name,value; (Intercept) first; one row per feature; exact zeros as 0.")
    Path out;

    @Option(names = "--json", description = "Print one JSON object on stdout (objective, certificate, nnz, iterations, seconds, backend, device, lambda, ...).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        refuseClobbering(5, "--x", m.x, "--y", m.y, "--groups", m.groups, "--weights", m.weights, "--penalty-factor", m.penaltyFactor, "--out", out);
        if (lambda != null && (!(lambda >= 0) || Double.isInfinite(lambda)))
            throw CliException.usage("--lambda must be finite and >= 0, got " + lambda);
        if (!(lambdaRatio > 0) || Double.isInfinite(lambdaRatio)) throw CliException.usage("--lambda-ratio must be > 0, got " + lambdaRatio);
        ModelOptions.Loaded in = m.loadTargets();
        Dataset d = in.data();
        FitOptions o = m.fitOptions(in.groups());
        if (in.targets().length > 1) return fitTargets(in, o);
        long t0 = System.nanoTime(); // "seconds": everything after loading (λ_max, upload, standardisation, fit)
        double lambdaMax = Spred.lambdaMax(d, o);
        double lam = lambda != null ? lambda : lambdaRatio * lambdaMax;
        o = o.withLambda(lam);
        FitResult r;
        try (Context ctx = m.open(); Progress p = progress()) {
            p.status(String.format(Locale.ROOT, "fit %s n=%d p=%d lambda=%.4g on %s", m.lossLabel(), d.n(), d.p(), lam, ctx.backendName()));
            r = Spred.fit(ctx, d, o);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        warnIfNegative(r);
        String[] names = new String[d.p()];
        for (int j = 0; j < d.p(); j++) names[j] = d.name(j);
        refuseNonFinite(r, out);
        CoefFile.write(out, r.intercept(), names, r.beta());
        boolean certified = r.certificate() <= io.github.spred4j.solver.Certificates.tolerance(o);
        if (json) {
            ObjectNode j = Json.fit(r);
            j.put("seconds", secs);
            j.put("loss", m.loss.name());
            j.put("alpha", o.alpha());
            j.put("lambda_max", lambdaMax);
            j.put("n", d.n());
            j.put("p", d.p());
            j.put("precision", o.precision().name().toLowerCase(Locale.ROOT));
            j.put("tol", o.tol());
            j.put("certified", certified);
            j.put("out", out.toString());
            out().println(Json.write(j));
        } else {
            out().println(String.format(Locale.ROOT, "%s: lambda=%.6g (%s), nnz=%d of %d, objective=%.10g, %s=%.2e, %d iterations, %.3f s on %s (%s)",
                    m.lossLabel(), r.lambda(), ofLambdaMax(r.lambda(), lambdaMax), r.nnz(), d.p(), r.objective(), r.certificateName(), r.certificate(),
                    r.iterations(), secs, r.backend(), r.device()));
            out().println("wrote " + out);
        }
        out().flush();
        if (!certified)
            throw new CliException(ExitCode.NOT_CERTIFIED, String.format(Locale.ROOT,
                    "not certified: %s=%.3e is above --tol %.1e after %d iterations (coefficients written to %s; %s)",
                    r.certificateName(), r.certificate(), io.github.spred4j.solver.Certificates.tolerance(o), r.iterations(), out,
                    r.iterations() >= o.maxIter() ? "raise --max-iter or loosen --tol"
                            : o.precision() == io.github.spred4j.api.Precision.FLOAT32 ? "float32 may not reach it: use --precision float64 or loosen --tol"
                            : "loosen --tol"));
        return ExitCode.OK;
    }

    /**
     * λ as a multiple of λ_max for the summary line; λ_max = 0 (constant y, or no column that varies) would print
     * "NaN x lambda_max" or "Infinity x lambda_max", so it is said in words.
     */
    static String ofLambdaMax(double lambda, double lambdaMax) {
        return lambdaMax > 0 ? String.format(Locale.ROOT, "%.3g x lambda_max", lambda / lambdaMax)
                : "lambda_max = 0: beta = 0 at every lambda";
    }

    /** A fit whose answer is not finite is a divergence, never an answer: nothing is written (exit 6). */
    static void refuseNonFinite(FitResult r, java.nio.file.Path out) {
        boolean ok = Double.isFinite(r.intercept()) && Double.isFinite(r.objective());
        for (double b : r.beta()) ok &= Double.isFinite(b);
        if (!ok)
            throw new CliException(ExitCode.DIVERGED, String.format(Locale.ROOT,
                    "diverged: the fit has non-finite coefficients or objective (objective=%s); nothing written%s (try --method lbfgs)",
                    r.objective(), out == null ? "" : " to " + out));
    }

    /** Every fit of a path must be finite before anything is written (exit 6 otherwise). */
    static void refuseNonFinite(io.github.spred4j.solver.PathResult path, java.nio.file.Path out) {
        for (FitResult f : path.fits()) refuseNonFinite(f, out);
    }

    /** One model per response column; the coefficient file has one value column per target. */
    private int fitTargets(ModelOptions.Loaded in, FitOptions o) throws java.io.IOException {
        Dataset d = in.data();
        String[] names = in.targetNames();
        int k = in.targets().length;
        double[] lambdaMax = Spred.lambdaMaxTargets(d, in.targets(), o), lams = new double[k]; // X prepared once for all k
        for (int t = 0; t < k; t++) lams[t] = lambda != null ? lambda : lambdaRatio * lambdaMax[t];
        FitResult[] r;
        long t0 = System.nanoTime();
        try (Context ctx = m.open(); Progress p = progress()) {
            p.status(String.format(Locale.ROOT, "fit %s n=%d p=%d, %d targets on %s", m.lossLabel(), d.n(), d.p(), k, ctx.backendName()));
            r = Spred.fitTargets(ctx, d, in.targets(), o, lams);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        for (FitResult t : r) refuseNonFinite(t, out);
        TargetOutput.writeCoef(out, names, r, d);
        int failed = 0, worst = 0;
        double tol = io.github.spred4j.solver.Certificates.tolerance(o); // float32: as a single fit's
        for (int t = 0; t < k; t++) {
            if (r[t].certificate() > tol) failed++;
            if (r[t].certificate() > r[worst].certificate()) worst = t;
        }
        if (json) {
            ObjectNode j = Json.object();
            j.put("loss", m.loss.name());
            j.put("alpha", o.alpha());
            j.put("n", d.n());
            j.put("p", d.p());
            j.put("k", k);
            j.put("precision", o.precision().name().toLowerCase(Locale.ROOT));
            j.put("tol", o.tol());
            j.put("certified", failed == 0);
            j.put("seconds", secs);
            j.put("backend", r[0].backend());
            j.put("device", r[0].device());
            j.put("out", out.toString());
            j.set("targets", TargetOutput.fits(names, r, lambdaMax, tol));
            out().println(Json.write(j));
        } else {
            for (int t = 0; t < k; t++)
                out().println(String.format(Locale.ROOT, "%s: %s lambda=%.6g (%s), nnz=%d of %d, objective=%.10g, %s=%.2e",
                        names[t], m.lossLabel(), r[t].lambda(), ofLambdaMax(r[t].lambda(), lambdaMax[t]), r[t].nnz(), d.p(), r[t].objective(),
                        r[t].certificateName(), r[t].certificate()));
            out().println(String.format(Locale.ROOT, "%d targets in %.3f s on %s (%s); wrote %s", k, secs, r[0].backend(), r[0].device(), out));
        }
        out().flush();
        if (failed > 0)
            throw new CliException(ExitCode.NOT_CERTIFIED, String.format(Locale.ROOT,
                    "not certified: %d of %d targets above --tol %.1e (worst %s: %s=%.3e); coefficients written to %s",
                    failed, k, tol, names[worst], r[worst].certificateName(), r[worst].certificate(), out));
        return ExitCode.OK;
    }
}
