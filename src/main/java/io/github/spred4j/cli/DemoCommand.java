package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.spred4j.api.Context;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.PathResult;
import io.github.spred4j.solver.Spred;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Lasso path and 10-fold CV on a real data set shipped in the jar; writes path.png and cv.png.",
                "Data: diabetes (442 patients, 10 baseline variables in original units; Efron et al. 2004, via",
                "scikit-learn, BSD-3-Clause). Runs on the best available backend, prints a summary and writes the",
                "two plots to the current directory (or --dir)."})
final class DemoCommand extends BaseCommand {
    static final String RESOURCE = "/demo/diabetes_raw";

    @Option(names = "--dir", defaultValue = ".", paramLabel = "DIR", description = "Where to write path.png and cv.png. Default: the current directory.")
    Path dir;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME", description = "Backend (see 'spred4j devices'). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Override
    public Integer call() throws Exception {
        Dataset d = load();
        FitOptions o = FitOptions.defaults(Model.SQUARED);
        int folds = 10;
        long t0 = System.nanoTime();
        CvResult cv;
        PathResult path;
        try (Context ctx = ModelOptions.openBackend(backend); Progress p = progress()) {
            p.status("demo: lasso path + " + folds + "-fold CV on diabetes (442 x 10) on " + ctx.backendName());
            cv = Spred.cv(ctx, d, o, 100, Double.NaN, folds, 1L, p.listener());
            path = cv.path() != null ? cv.path() : Spred.path(ctx, d, o, 100, Double.NaN);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        CvCommand.refuseNonFinite(cv, dir);
        FitCommand.refuseNonFinite(path, dir);
        Path pathPng = dir.resolve("path.png"), cvPng = dir.resolve("cv.png");
        String[] names = PathCommand.names(d);
        Plots.path(pathPng, path, names, "Lasso coefficient paths, diabetes (442 x 10, raw units)");
        Plots.cv(cvPng, cv, Model.SQUARED, folds, folds + "-fold cross-validation, lasso, diabetes");

        PrintWriter w = out();
        FitResult last = path.fits().get(path.fits().size() - 1);
        FitResult worst = path.fits().get(0);
        for (FitResult f : path.fits()) if (f.certificate() > worst.certificate()) worst = f;
        w.println("spred4j demo: lasso on the diabetes data (Efron et al. 2004; 442 patients x 10 baseline variables in original units;");
        w.println("  shipped in the jar, from scikit-learn, BSD-3-Clause). No standardisation, intercept unpenalised (glmnet's standardize=FALSE).");
        w.println(String.format(Locale.ROOT, "backend: %s (%s)", last.backend(), last.device()));
        w.println(String.format(Locale.ROOT, "path: %d lambdas from %.4g down to %.4g, nnz %d..%d, worst %s %.1e",
                path.fits().size(), path.lambdas()[0], path.lambdas()[path.lambdas().length - 1], path.fits().get(0).nnz(), last.nnz(),
                worst.certificateName(), worst.certificate()));
        w.println(String.format(Locale.ROOT, "%d-fold CV (seed 1): lambda_min=%.4g (MSE %.1f), lambda_1se=%.4g (MSE %.1f)",
                folds, cv.lambdaMin(), cv.meanLoss()[cv.indexMin()], cv.lambda1se(), cv.meanLoss()[cv.index1se()]));
        if (cv.index1se() < path.fits().size()) {
            FitResult s = path.fits().get(cv.index1se());
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "coefficients at lambda_1se (%d nonzero): (Intercept) %.4g", s.nnz(), s.intercept()));
            for (int j = 0; j < names.length; j++) if (s.beta()[j] != 0) sb.append(String.format(Locale.ROOT, ", %s %.4g", names[j], s.beta()[j]));
            w.println(sb);
        }
        w.println(String.format(Locale.ROOT, "total %.2f s; wrote %s and %s", secs, pathPng, cvPng));
        w.flush();
        int failed = 0;
        double tol = io.github.spred4j.solver.Certificates.tolerance(o); // float32: as fit, path and cv
        for (FitResult f : path.fits()) if (f.certificate() > tol) failed++;
        if (failed > 0)
            throw new CliException(ExitCode.NOT_CERTIFIED, String.format(Locale.ROOT,
                    "not certified: %d of %d path fits above tol %.1e (worst %s=%.3e at lambda=%.4g); plots written",
                    failed, path.fits().size(), tol, worst.certificateName(), worst.certificate(), worst.lambda()));
        return ExitCode.OK;
    }

    /** The embedded data set, checked against the SHA-256 sums in its JSON description. */
    static Dataset load() throws IOException {
        JsonNode meta = Json.MAPPER.readTree(resource(".json"));
        int n = meta.get("n").asInt(), p = meta.get("p").asInt();
        byte[] xb = resource(".X.f64"), yb = resource(".y.f64");
        check(xb, meta.get("X_sha256").asText(), "X");
        check(yb, meta.get("y_sha256").asText(), "y");
        if (xb.length != 8L * n * p || yb.length != 8L * n)
            throw new IllegalStateException("embedded demo data has the wrong size for " + n + " x " + p);
        double[] x = new double[n * p], y = new double[n];
        ByteBuffer.wrap(xb).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(x);
        ByteBuffer.wrap(yb).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(y);
        String[] names = new String(resource(".colnames.txt"), StandardCharsets.UTF_8).strip().split("\\R");
        if (names.length != p) throw new IllegalStateException("embedded demo data: " + names.length + " names for " + p + " columns");
        return Dataset.dense(n, p, x, y, names);
    }

    private static byte[] resource(String suffix) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(RESOURCE + suffix)) {
            if (in == null) throw new IllegalStateException("the demo data " + RESOURCE + suffix + " is missing from the jar");
            return in.readAllBytes();
        }
    }

    private static void check(byte[] data, String sha, String what) {
        try {
            String got = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
            if (!got.equalsIgnoreCase(sha)) throw new IllegalStateException("embedded demo " + what + " fails its SHA-256 check");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
