package io.github.spred4j.cli;

import io.github.spred4j.io.AtomicFiles;
import io.github.spred4j.io.CoefFile;
import io.github.spred4j.io.Csv;
import io.github.spred4j.io.CsvReader;
import io.github.spred4j.io.DataLoader;
import io.github.spred4j.io.InputFormatException;
import io.github.spred4j.io.LibSvm;
import io.github.spred4j.io.Npy;
import io.github.spred4j.io.Numbers;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.Model;
import io.github.spred4j.solver.Spred;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Locale;

@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Apply saved coefficients (coef.csv from fit or cv --coef) to new data and write the predictions.",
                "CSV input: columns are matched to the coefficients by name (extra columns, e.g. the target, are ignored);",
                "otherwise the columns are taken in order and must number exactly as many as the coefficients.",
                "Example: spred4j predict --coef coef.csv --x new.csv --out pred.csv"})
final class PredictCommand extends BaseCommand {
    @Option(names = "--coef", required = true, paramLabel = "FILE", description = "Coefficients: header name,value; (Intercept) first. Several value columns (fit --out of several responses, header name,<target 1>,...) give one prediction column each.")
    Path coef;

    @Option(names = "--x", required = true, paramLabel = "FILE", description = "New data: .npy, CSV with a header, LibSVM, or sparse .npz / .mtx.")
    Path x;

    @Option(names = "--target", paramLabel = "COLUMN", description = "CSV: a response column to ignore (it is dropped before matching).")
    String target;

    @Option(names = "--drop", paramLabel = "COLUMNS", split = ",", description = "CSV: columns to leave out before matching (IDs, text); their cells are not read.")
    java.util.Set<String> drop = new java.util.LinkedHashSet<>();

    @Option(names = "--loss", defaultValue = "squared", paramLabel = "LOSS",
            description = "The model the coefficients belong to: squared, group (prediction = b0 + x.b), logistic (probability) or poisson (mean count exp(b0 + x.b)). Default: ${DEFAULT-VALUE}.")
    ModelOptions.LossName loss;

    @Option(names = "--type", defaultValue = "response", paramLabel = "TYPE",
            description = "response (probability for logistic), link (b0 + x.b), or class (logistic: 1 where b0 + x.b > 0, else 0, as glmnet's type=\"class\" picks its second level). Default: ${DEFAULT-VALUE}.")
    String type;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Predictions CSV: header 'prediction' (with several coefficient columns: their names), one row per input row.")
    Path out;

    @Override
    public Integer call() throws Exception {
        refuseClobbering(2, "--coef", coef, "--x", x, "--out", out);
        if (!type.equals("response") && !type.equals("link") && !type.equals("class"))
            throw CliException.usage("--type must be response, link or class, got '" + type + "'");
        if (type.equals("class") && loss != ModelOptions.LossName.logistic)
            throw CliException.usage("--type class applies to --loss logistic (the classes of a binomial model)");
        CoefFile.Columns c = CoefFile.readColumns(coef);
        int p = c.names().length;
        Dataset d = features(c);
        Model model = !type.equals("response") ? Model.SQUARED
                : loss == ModelOptions.LossName.logistic ? Model.LOGISTIC
                : loss == ModelOptions.LossName.poisson ? Model.POISSON : Model.SQUARED;
        int k = c.k();
        double[][] pred = new double[k][];
        for (int t = 0; t < k; t++) {
            pred[t] = Spred.predict(d, c.intercepts()[t], c.betas()[t], model);
            if (type.equals("class")) for (int i = 0; i < pred[t].length; i++) pred[t][i] = pred[t][i] > 0 ? 1 : 0;
        }
        AtomicFiles.writeText(out, w -> {
            if (k == 1) {
                w.write("prediction\n");
            } else {
                for (int t = 0; t < k; t++) w.write((t > 0 ? "," : "") + CsvReader.quote(c.columns()[t]));
                w.write("\n");
            }
            for (int i = 0; i < d.n(); i++) {
                for (int t = 0; t < k; t++) w.write((t > 0 ? "," : "") + Numbers.format(pred[t][i]));
                w.write("\n");
            }
        });
        if (!common.quiet) {
            if (k == 1)
                out().println(String.format(Locale.ROOT, "predicted %d rows from %d coefficients (%d nonzero); wrote %s", d.n(), p, nnz(c.betas()[0]), out));
            else
                out().println(String.format(Locale.ROOT, "predicted %d rows for %d models of %d coefficients; wrote %s", d.n(), k, p, out));
        }
        out().flush();
        return ExitCode.OK;
    }

    private static int nnz(double[] b) {
        int k = 0;
        for (double v : b) if (v != 0) k++;
        return k;
    }

    private Dataset features(CoefFile.Columns c) throws java.io.IOException {
        int p = c.names().length;
        DataLoader.Format f = DataLoader.detect(x);
        if (!drop.isEmpty() && f != DataLoader.Format.CSV)
            throw InputFormatException.of(x, "--drop applies to CSV input (named columns)");
        if (f == DataLoader.Format.LIBSVM) {
            Dataset d = LibSvm.read(x, p);
            return d;
        }
        if (f == DataLoader.Format.NPZ || f == DataLoader.Format.MTX) {
            // scipy.sparse.save_npz / Matrix::writeMM: X stays sparse, as in fit
            Dataset d = DataLoader.load(x, null, null);
            if (d.p() != p)
                throw InputFormatException.of(x, "X has " + d.n() + " x " + d.p() + " columns but " + coef + " has " + p + " coefficients (need " + p + " columns)");
            return d;
        }
        if (f == DataLoader.Format.NPY) {
            Npy.Array a = Npy.read(x);
            if (a.shape().length != 2 || a.cols() != p)
                throw InputFormatException.of(x, "X has shape " + a.shapeString() + " but " + coef + " has " + p + " coefficients (need " + p + " columns)");
            for (int k = 0; k < a.data().length; k++)
                if (!Double.isFinite(a.data()[k]))
                    throw InputFormatException.of(x, "non-finite value at row " + (k / p + 1) + ", column " + (k % p + 1));
            return Dataset.dense(a.rows(), p, a.data(), null, null);
        }
        // the response and, when every coefficient's column is there, the columns no coefficient uses are left
        // unread: whatever they hold (text labels, IDs, a factor) does not stop a prediction
        java.util.List<String> used = java.util.List.of(c.names());
        Csv.Table t = Csv.read(x, name -> false, new Csv.Skip() {
            @Override
            public boolean skip(String name, java.util.List<String> header) {
                return name.equals(target) || drop.contains(name) || !used.contains(name) && header.containsAll(used);
            }

            @Override
            public void header(java.util.List<String> header) {
                if (target != null && !header.contains(target)) throw new InputFormatException(x, 1, 0, "no column '" + target + "' in the header");
                for (String name : drop)
                    if (!header.contains(name)) throw new InputFormatException(x, 1, 0, "no column '" + name + "' to drop in the header");
            }
        });
        int[] idx = new int[p];
        boolean byName = true;
        for (int j = 0; j < p && byName; j++) {
            idx[j] = t.column(c.names()[j]);
            byName = idx[j] >= 0;
        }
        if (!byName) {
            int avail = t.cols();
            if (avail != p) {
                String missing = null;
                for (String nm : c.names()) if (t.column(nm) < 0) { missing = nm; break; }
                throw InputFormatException.of(x, t.rows() + " x " + avail + " feature columns, but " + coef + " has " + p
                        + " coefficients" + (missing != null ? " (no column named '" + missing + "')" : ""));
            }
            for (int j = 0; j < p; j++) idx[j] = j;
        }
        double[] xs = new double[t.rows() * p];
        for (int i = 0; i < t.rows(); i++)
            for (int j = 0; j < p; j++) xs[i * p + j] = t.data()[i * t.cols() + idx[j]];
        return Dataset.dense(t.rows(), p, xs, null, c.names());
    }
}
