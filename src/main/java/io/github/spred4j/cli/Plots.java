package io.github.spred4j.cli;

import io.github.spred4j.solver.CvResult;
import io.github.spred4j.solver.FitResult;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.PathResult;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The two standard glmnet pictures: coefficient paths (plot(fit, xvar="lambda")) and the CV curve (plot(cv.glmnet)). */
final class Plots {
    /** Legend entries beyond this many are summarised as "+k more" (the lines are still drawn). */
    static final int MAX_LABELLED = 24;

    private Plots() {
    }

    static double[] logLambdas(double[] lambdas) {
        double[] x = new double[lambdas.length];
        for (int i = 0; i < x.length; i++) x[i] = Math.log(Math.max(lambdas[i], Double.MIN_NORMAL));
        return x;
    }

    static String[] nnzLabels(List<FitResult> fits) {
        String[] s = new String[fits.size()];
        for (int i = 0; i < s.length; i++) s[i] = Integer.toString(fits.get(i).nnz());
        return s;
    }

    /** One line per feature that is ever nonzero, against log(lambda); nnz along the top, as glmnet draws it. */
    static void path(Path file, PathResult path, String[] names, String title) throws IOException {
        double[] x = logLambdas(path.lambdas());
        int p = names.length, k = path.fits().size();
        Chart c = new Chart(title, "log(lambda)", "Coefficients").zeroLine().topAxis(x, nnzLabels(path.fits()));
        List<Integer> active = new ArrayList<>();
        double[] peak = new double[p];
        for (int j = 0; j < p; j++) {
            for (FitResult f : path.fits()) peak[j] = Math.max(peak[j], Math.abs(f.beta()[j]));
            if (peak[j] > 0) active.add(j);
        }
        // label the largest paths; colours follow that order so the legend is readable
        active.sort(Comparator.comparingDouble((Integer j) -> -peak[j]));
        for (int r = 0; r < active.size(); r++) {
            int j = active.get(r);
            double[] y = new double[k];
            for (int i = 0; i < k; i++) y[i] = path.fits().get(i).beta()[j];
            Color col = Chart.PALETTE[r % Chart.PALETTE.length];
            c.line(x, y, col, r < MAX_LABELLED ? names[j] : null);
        }
        write(c, file);
    }

    /** Mean CV loss with ±1 standard error bars, dashed lines at lambda_min and lambda_1se, nnz along the top. */
    static void cv(Path file, CvResult cv, Model model, int folds, String title) throws IOException {
        double[] x = logLambdas(cv.lambdas());
        int k = x.length;
        double[] lo = new double[k], hi = new double[k];
        for (int i = 0; i < k; i++) {
            lo[i] = cv.meanLoss()[i] - cv.stdErr()[i];
            hi[i] = cv.meanLoss()[i] + cv.stdErr()[i];
        }
        String yl = model == Model.LOGISTIC ? "Binomial deviance" : model == Model.POISSON ? "Poisson deviance" : "Mean-squared error";
        Chart c = new Chart(title, "log(lambda)", yl)
                .pointsWithBars(x, cv.meanLoss(), lo, hi, new Color(220, 20, 20), "mean \u00b1 1 s.e.")
                .vline(Math.log(cv.lambdaMin()), "lambda.min")
                .vline(Math.log(cv.lambda1se()), "lambda.1se");
        if (cv.path() != null && cv.path().fits().size() == k) c.topAxis(x, nnzLabels(cv.path().fits()));
        write(c, file);
    }

    private static void write(Chart c, Path file) throws IOException {
        try {
            c.write(file);
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            // headless AWT without fonts (fontconfig) fails here: say what to install
            throw new CliException(ExitCode.INTERNAL, "could not draw " + file + ": " + e + " (headless Java needs fontconfig and a TrueType font, e.g. fonts-dejavu-core)", e);
        }
    }
}
