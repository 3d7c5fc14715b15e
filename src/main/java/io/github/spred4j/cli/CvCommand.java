package io.github.spred4j.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.spred4j.api.Context;
import io.github.spred4j.io.CoefFile;
import io.github.spred4j.io.Csv;
import io.github.spred4j.io.FoldIdFile;
import io.github.spred4j.io.LambdaFile;
import io.github.spred4j.solver.Certificates;
import io.github.spred4j.solver.CvFitCounts;
import io.github.spred4j.solver.CvResult;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.PathListener;
import io.github.spred4j.solver.Spred;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"k-fold cross-validation over the lambda path, as cv.glmnet; reports lambda_min and lambda_1se.",
                "Mean loss and its standard error per lambda; lambda_min has the smallest mean loss, lambda_1se is the",
                "largest lambda within one standard error of it.",
                "Loss: mean-squared error (squared, group) or binomial deviance (logistic).",
                "--foldid FILE fixes the folds (one fold number 1..K per row, as cv.glmnet's foldid) and --lambdas FILE",
                "the sequence (one value per line, strictly decreasing), so a run can be compared with cv.glmnet's.",
                "--json reports lambda_min, lambda_1se, the CV curve, seconds (the whole computation after loading), --tol and",
                "how many fold and full-data fits missed it (any such fit: exit code 5, results still written).",
                "Example: spred4j cv --x X.npy --y y.npy --folds 10 --plot cv.png --coef coef.csv"})
final class CvCommand extends BaseCommand {
    @Mixin
    ModelOptions m = new ModelOptions();

    @Option(names = "--folds", paramLabel = "K", description = "Number of folds. Default: 10.")
    Integer folds;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the fold assignment. Default: 1.")
    Long seed;

    @Option(names = "--foldid", paramLabel = "FILE",
            description = "The folds: one fold number per row of X (1..K, every fold non-empty), as cv.glmnet's foldid. Replaces --folds/--seed.")
    Path foldid;

    @Option(names = "--nlambda", paramLabel = "K", description = "Number of lambda values. Default: 100.")
    Integer nLambda;

    @Option(names = "--lambda-min-ratio", paramLabel = "R", description = "Smallest lambda as a fraction of lambda_max. Default: glmnet's.")
    Double lambdaMinRatio;

    @Option(names = "--lambdas", paramLabel = "FILE",
            description = "The lambda sequence: one value per line, positive and strictly decreasing (instead of --nlambda / --lambda-min-ratio).")
    Path lambdas;

    @Option(names = "--out", paramLabel = "FILE", description = "CV table (CSV: lambda, nnz, mean, stderr). Without it the table is printed.")
    Path out;

    @Option(names = "--plot", paramLabel = "PNG", description = "Draw the CV curve with error bars and the lambda_min / lambda_1se lines, as plot(cv.glmnet).")
    Path plot;

    @Option(names = "--coef", paramLabel = "FILE", description = "Also save the coefficients (fitted on all data) at the selected lambda.")
    Path coef;

    @Option(names = "--select", defaultValue = "1se", paramLabel = "WHICH", description = "Which lambda --coef saves: 1se or min. Default: ${DEFAULT-VALUE}.")
    String select;

    @Option(names = "--json", description = "Print a JSON summary on stdout.")
    boolean json;

    /** The number of folds used (from --folds or the fold-id file). */
    private int foldCount;

    /** The certificates of every fold fit and full-data fit, as the CV reported them; null when not counted. */
    private CvFitCounts counts;

    @Override
    public Integer call() throws Exception {
        refuseClobbering(7, "--x", m.x, "--y", m.y, "--groups", m.groups, "--weights", m.weights, "--penalty-factor", m.penaltyFactor, "--foldid", foldid, "--lambdas", lambdas,
                "--out", out, "--plot", plot, "--coef", coef);
        int nLam = PathCommand.checkPathOptions(nLambda, lambdaMinRatio, lambdas);
        if (foldid != null && (folds != null || seed != null))
            throw CliException.usage("--foldid gives the folds; drop --folds / --seed");
        int k = folds == null ? 10 : folds;
        if (k < 2) throw CliException.usage("--folds must be >= 2, got " + k);
        if (!select.equals("1se") && !select.equals("min")) throw CliException.usage("--select must be 1se or min, got '" + select + "'");
        double[] lam = lambdas == null ? null : LambdaFile.read(lambdas);
        ModelOptions.Loaded in = m.load();
        Dataset d = in.data();
        MemoryPlan.checkPath(m.x, d, lam == null ? nLam : lam.length, 1); // each fold's path and the full one are kept whole
        int[] ids;
        if (foldid != null) ids = FoldIdFile.read(foldid, d.n());
        else if (k > d.n()) throw CliException.usage("--folds " + k + " exceeds the " + d.n() + " rows");
        else ids = Spred.foldIds(d.n(), k, seed == null ? 1 : seed);
        if (foldid != null) {
            k = 0;
            for (int f : ids) k = Math.max(k, f);
        }
        FitOptions o = m.fitOptions(in.groups());
        CvResult cv;
        long t0 = System.nanoTime();
        counts = new CvFitCounts(k, Certificates.tolerance(o)); // the fold fits' certificates: CvResult keeps only the full path
        try (Context ctx = m.open(); Progress p = progress()) {
            double[] seq = lam != null ? lam : Spred.lambdas(d, o, nLam, ratio(lambdaMinRatio));
            p.status(String.format(Locale.ROOT, "cv %s n=%d p=%d, %d folds x %d lambdas on %s", m.lossLabel(), d.n(), d.p(), k, seq.length, ctx.backendName()));
            PathListener shown = p.listener(), l = (i, total, f) -> {
                counts.fitted(i, total, f);
                shown.fitted(i, total, f);
            };
            // the seeded default runs as before (it also allows lambda_max = 0, a constant y)
            cv = lam == null && foldid == null ? Spred.cv(ctx, d, o, nLam, ratio(lambdaMinRatio), k,
                    seed == null ? 1 : seed, l) : Spred.cv(ctx, d, o, seq, ids, l);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        String title = k + "-fold cross-validation, " + m.lossLabel() + " (" + d.n() + " x " + d.p() + ")";
        foldCount = k;
        return finish(cv, d, o, m.model(), secs, title, m.loss.name());
    }

    /**
     * A CV curve or full-data path with a non-finite value is a divergence, never an answer: nothing is written
     * (exit 6). A held-out loss may be +Inf only where a fold's model predicts a probability of exactly 0 or 1 for
     * the wrong class; NaN never.
     */
    static void refuseNonFinite(CvResult cv, Path out) {
        for (int i = 0; i < cv.meanLoss().length; i++)
            if (Double.isNaN(cv.meanLoss()[i]) || Double.isNaN(cv.stdErr()[i]))
                throw new CliException(ExitCode.DIVERGED, String.format(Locale.ROOT,
                        "diverged: the cross-validated loss at lambda=%.6g is NaN; nothing written%s (try --method lbfgs)",
                        cv.lambdas()[i], out == null ? "" : " to " + out));
        if (cv.path() != null) FitCommand.refuseNonFinite(cv.path(), out);
    }

    private static double ratio(Double r) {
        return r == null ? Double.NaN : r;
    }

    int finish(CvResult cv, Dataset d, FitOptions o, Model model, double secs, String title, String lossName) throws java.io.IOException {
        refuseNonFinite(cv, out != null ? out : coef);
        if (out != null) writeCvCsv(out, cv);
        if (plot != null) Plots.cv(plot, cv, model, foldCount, title);
        int idx = select.equals("min") ? cv.indexMin() : cv.index1se();
        FitResult chosen = cv.path() != null && idx < cv.path().fits().size() ? cv.path().fits().get(idx) : null;
        if (coef != null) {
            if (chosen == null) throw new CliException(ExitCode.INTERNAL, "the CV result carries no full-data path to save coefficients from");
            CoefFile.write(coef, chosen.intercept(), PathCommand.names(d), chosen.beta());
        }
        PrintWriter w = out();
        if (json) {
            ObjectNode j = Json.object();
            j.put("loss", lossName);
            j.put("n", d.n());
            j.put("p", d.p());
            j.put("folds", foldCount);
            if (foldid != null) j.put("foldid", foldid.toString());
            else j.put("seed", seed == null ? 1 : seed);
            if (lambdas != null) j.put("lambdas", lambdas.toString());
            j.put("lambda_min", cv.lambdaMin());
            j.put("lambda_1se", cv.lambda1se());
            j.put("index_min", cv.indexMin());
            j.put("index_1se", cv.index1se());
            j.put("cv_loss_min", cv.meanLoss()[cv.indexMin()]);
            j.put("cv_loss_1se", cv.meanLoss()[cv.index1se()]);
            j.put("seconds", secs);
            j.put("tol", o.tol());
            if (counts != null) { // every fit the curve and the path are made of, and how many missed --tol
                j.put("fold_fits", counts.foldFits());
                j.put("uncertified_fold_fits", counts.foldUncertified());
            }
            j.put("full_fits", cv.path() == null ? 0 : cv.path().fits().size());
            j.put("uncertified_full_fits", uncertified(cv, o));
            j.set("lambda", Json.array(cv.lambdas()));
            j.set("cv_mean", Json.array(cv.meanLoss()));
            j.set("cv_stderr", Json.array(cv.stdErr()));
            if (chosen != null) {
                j.set("selected", Json.fit(chosen));
                j.put("backend", chosen.backend());
                j.put("device", chosen.device());
            }
            w.println(Json.write(j));
        } else {
            if (out == null) {
                w.println(String.format(Locale.ROOT, "%12s %6s %14s %12s", "lambda", "nnz", "mean", "stderr"));
                for (int i = 0; i < cv.lambdas().length; i++) {
                    String nnz = cv.path() != null && i < cv.path().fits().size() ? Integer.toString(cv.path().fits().get(i).nnz()) : "";
                    w.println(String.format(Locale.ROOT, "%12.5g %6s %14.6g %12.4g%s", cv.lambdas()[i], nnz, cv.meanLoss()[i], cv.stdErr()[i],
                            i == cv.indexMin() ? "  <- lambda_min" : i == cv.index1se() ? "  <- lambda_1se" : ""));
                }
            }
            w.println(String.format(Locale.ROOT, "lambda_min=%.6g (mean %.6g, nnz %s), lambda_1se=%.6g (mean %.6g, nnz %s); %d folds, %.2f s%s",
                    cv.lambdaMin(), cv.meanLoss()[cv.indexMin()], nnzAt(cv, cv.indexMin()), cv.lambda1se(), cv.meanLoss()[cv.index1se()],
                    nnzAt(cv, cv.index1se()), foldCount, secs, chosen != null ? " on " + chosen.backend() + " (" + chosen.device() + ")" : ""));
            StringBuilder wrote = new StringBuilder();
            for (Path f : new Path[]{out, plot, coef}) if (f != null) wrote.append(wrote.length() == 0 ? "wrote " : ", ").append(f);
            if (wrote.length() > 0) w.println(wrote);
        }
        w.flush();
        CliException notCertified = notCertified(cv, o, counts);
        if (notCertified != null) throw notCertified;
        return ExitCode.OK;
    }

    /**
     * Exit 5 (results already written) when a full-data fit or, as the curve is made of them, a fold fit is above
     * --tol; null when every fit is certified. {@code counts} null: the fold fits were not counted.
     */
    static CliException notCertified(CvResult cv, FitOptions o, CvFitCounts counts) {
        String folds = counts == null || counts.foldUncertified() == 0 ? ""
                : String.format(Locale.ROOT, "%d of %d fold fits", counts.foldUncertified(), counts.foldFits());
        int failed = uncertified(cv, o);
        if (failed > 0) {
            FitResult worst = null;
            for (FitResult f : cv.path().fits()) if (worst == null || !(f.certificate() <= worst.certificate()) && !Double.isNaN(worst.certificate())) worst = f;
            return new CliException(ExitCode.NOT_CERTIFIED, String.format(Locale.ROOT,
                    "not certified: %d of %d full-data fits above --tol %.1e (worst %s=%.3e at lambda=%.4g)%s; results written",
                    failed, cv.path().fits().size(), Certificates.tolerance(o), worst.certificateName(), worst.certificate(), worst.lambda(),
                    folds.isEmpty() ? "" : ", and " + folds));
        }
        if (!folds.isEmpty())
            return new CliException(ExitCode.NOT_CERTIFIED, String.format(Locale.ROOT,
                    "not certified: %s above --tol %.1e (worst certificate %.3e); results written", folds, Certificates.tolerance(o), counts.worst()));
        return null;
    }

    /** The full-data fits above --tol (a NaN certificate counts). */
    private static int uncertified(CvResult cv, FitOptions o) {
        int failed = 0;
        if (cv.path() != null) for (FitResult f : cv.path().fits()) if (!(f.certificate() <= Certificates.tolerance(o))) failed++;
        return failed;
    }

    private static String nnzAt(CvResult cv, int i) {
        return cv.path() != null && i < cv.path().fits().size() ? Integer.toString(cv.path().fits().get(i).nnz()) : "?";
    }

    static void writeCvCsv(Path file, CvResult cv) throws java.io.IOException {
        int k = cv.lambdas().length;
        boolean nnz = cv.path() != null && cv.path().fits().size() == k;
        String[] header = nnz ? new String[]{"lambda", "nnz", "mean", "stderr"} : new String[]{"lambda", "mean", "stderr"};
        int c = header.length;
        double[] data = new double[k * c];
        for (int i = 0; i < k; i++) {
            int b = i * c, q = 0;
            data[b + q++] = cv.lambdas()[i];
            if (nnz) data[b + q++] = cv.path().fits().get(i).nnz();
            data[b + q++] = cv.meanLoss()[i];
            data[b + q] = cv.stdErr()[i];
        }
        Csv.write(file, header, k, data);
    }
}
