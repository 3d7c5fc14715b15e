package io.github.spred4j.cli;

import io.github.spred4j.api.Backend;
import io.github.spred4j.api.Backends;
import io.github.spred4j.api.Context;
import io.github.spred4j.api.Precision;
import io.github.spred4j.io.DataLoader;
import io.github.spred4j.io.GroupFile;
import io.github.spred4j.io.ValuesFile;
import io.github.spred4j.io.InputFormatException;
import io.github.spred4j.io.Targets;
import io.github.spred4j.data.Dataset;
import io.github.spred4j.solver.FitOptions;
import io.github.spred4j.solver.Method;
import io.github.spred4j.solver.Model;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Data, model and backend options shared by fit, path and cv. */
final class ModelOptions {
    enum LossName { squared, logistic, group, poisson }

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;   // the command this mixin belongs to: its stderr for notes

    @Option(names = "--x", required = true, paramLabel = "FILE",
            description = "Features: .npy (float32/float64, integer or bool; C or Fortran order), CSV with a header, LibSVM (.svm/.libsvm/.svmlight; labels first; "
                    + "1-based indices, or 0-based when an index 0 occurs or a comment says zero-based, as scikit-learn writes), "
                    + "or sparse .npz (scipy.sparse.save_npz) / .mtx (MatrixMarket coordinate) with --y.")
    Path x;

    @Option(names = "--y", paramLabel = "FILE",
            description = {"Response: .npy, one-column CSV with a header, or one number per line. Not needed with --target or LibSVM input.",
                    "With --loss logistic it may hold two text labels instead (R's factor, np.save of strings): 0/1 in R's level order.",
                    "fit and path also take several responses (one model each): an n x k .npy, or a CSV with a header and k columns."})
    Path y;

    @Option(names = "--target", paramLabel = "COLUMN", description = {"CSV input: the column holding y; the other columns are the features.",
            "fit and path: several columns a,b,c fit one model per column."})
    String target;

    @Option(names = "--drop", paramLabel = "COLUMNS", split = ",", description = "CSV input: columns to leave out, e.g. --drop id,name (IDs, text, a factor not encoded as numbers); their cells are not read.")
    java.util.Set<String> drop = new java.util.LinkedHashSet<>();

    @Option(names = "--groups", paramLabel = "FILE", description = "Group lasso: one integer group id per feature, one per line.")
    Path groups;

    @Option(names = "--weights", paramLabel = "FILE", description = {"Observation weights, as glmnet's weights: one number >= 0 per row of X, one per line (not all zero).",
            "The loss becomes sum(w*loss)/sum(w); --standardize uses weighted means and variances."})
    Path weights;

    @Option(names = "--penalty-factor", paramLabel = "FILE", description = {"glmnet's penalty.factor: one number >= 0 per feature, one per line; 0 leaves a feature",
            "unpenalised, Inf excludes it. Rescaled to sum to the number of features, as glmnet does."})
    Path penaltyFactor;

    double[] weightValues, factorValues; // read by loadTargets once X's shape is known

    @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "squared",
            description = "squared (lasso / elastic net), logistic (y in {0,1}; -1/+1 labels are mapped to 0/1), poisson (counts y >= 0; non-integer values are allowed, as in glmnet) or group (group lasso, needs --groups). Default: ${DEFAULT-VALUE}.")
    LossName loss;

    @Option(names = "--alpha", defaultValue = "1", paramLabel = "A",
            description = "Elastic-net mix as glmnet's alpha: 1 = lasso, 0 < A < 1 adds (1-A)/2*||b||^2. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--no-intercept", description = "Fit without the (unpenalised) intercept.")
    boolean noIntercept;

    @Option(names = "--standardize", description = "Penalise standardised coefficients (glmnet's standardize=TRUE); results are reported on the original scale. Default: off.")
    boolean standardize;

    @Option(names = "--backend", defaultValue = "auto", paramLabel = "NAME",
            description = "auto, java, native, opencl (opencl-gpu, opencl-cpu) or cuda. auto picks the first available of cuda, opencl-gpu, native, opencl-cpu, java. Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--precision", defaultValue = "float64", paramLabel = "P",
            description = "float32 or float64 for the device arithmetic (certificates are always computed in float64). Default: ${DEFAULT-VALUE}.")
    String precision;

    @Option(names = "--tol", defaultValue = "1e-7", paramLabel = "TOL",
            description = "Certificate target: relative duality gap (squared, logistic) or KKT violation relative to lambda (group). Default: ${DEFAULT-VALUE}.")
    double tol;

    @Option(names = "--max-iter", defaultValue = "100000", paramLabel = "N", description = "Safety limit on iterations per fit (exit code 5 if reached before --tol). Default: ${DEFAULT-VALUE}.")
    int maxIter;

    @Option(names = "--method", paramLabel = "M",
            description = "cd (the working-set engine; default for squared, logistic and poisson), spred_ws (the same engine with a spred inner solve on the working set: L-BFGS on (u, w) with an exact line search), lbfgs (spred L-BFGS on all features; default for group), sgd, momentum or adam.")
    String method;

    Model model() {
        switch (loss) {
            case logistic: return Model.LOGISTIC;
            case group: return Model.GROUP;
            case poisson: return Model.POISSON;
            default: return Model.SQUARED;
        }
    }

    String lossLabel() {
        switch (loss) {
            case logistic: return alpha < 1 ? "elastic-net logistic" : "L1 logistic";
            case group: return "group lasso";
            case poisson: return alpha < 1 ? "elastic-net Poisson" : "L1 Poisson";
            default: return alpha < 1 ? "elastic net" : "lasso";
        }
    }

    /** Loads X, one y (and groups) with the shapes checked; -1/+1 labels become 0/1 for logistic. Options are checked first. */
    Loaded load() throws IOException {
        Loaded l = loadTargets();
        if (l.targets().length > 1)
            throw CliException.usage("this command fits one response, but " + (y != null ? "--y " + y : "--target " + target) + " gives "
                    + l.targets().length + " columns (fit and path take several)");
        return l;
    }

    /** As {@link #load}, with several response columns allowed (fit, path): one per model, logistic labels mapped per column. */
    Loaded loadTargets() throws IOException {
        fitOptions(null);
        checkBackendName(backend);
        if (y == null && target == null && DataLoader.detect(x) != DataLoader.Format.LIBSVM)
            throw CliException.usage("no response: give --y FILE, or --target COLUMN with CSV input, or LibSVM input");
        if (target != null)
            for (String t : target.split(",", -1))
                if (drop.contains(t.strip())) throw CliException.usage("--drop names the response column '" + t.strip() + "' (--target)");
        Targets t = Targets.load(x, y, target, loss == LossName.logistic, drop);
        for (int k = 0; k < t.count(); k++)
            if (t.levels()[k] != null && command != null)   // say which label is the modelled class, as glmnet's second level
                command.commandLine().getErr().println("note: column '" + t.names()[k] + "': '" + t.levels()[k][0] + "' is 0, '"
                        + t.levels()[k][1] + "' is 1 (the modelled class: R's factor levels in sorted order, as glmnet)");
        if (t.count() == 0) throw CliException.usage("no response: give --y FILE or --target COLUMN");
        Path yFile = y != null ? y : x;
        double[][] cols = t.columns().clone();
        if (loss == LossName.logistic)
            for (int k = 0; k < cols.length; k++)
                cols[k] = binaryLabels(t.column(k), yFile, cols.length > 1 ? " of column '" + t.names()[k] + "'" : "").y();
        Dataset d0 = t.data();
        Dataset d = new Dataset(d0.n(), d0.p(), d0.x(), d0.rowPtr(), d0.colIdx(), d0.values(), cols[0], d0.names());
        if (loss == LossName.poisson)
            for (int k = 0; k < cols.length; k++) counts(t.column(k), yFile);
        int[] g = null;
        if (loss == LossName.group) {
            if (groups == null) throw CliException.usage("--loss group needs --groups FILE (one group id per feature)");
            g = GroupFile.read(groups, d.p());
        } else if (groups != null) {
            throw CliException.usage("--groups applies to --loss group only");
        }
        if (weights != null) weightValues = ValuesFile.read(weights, d.n(), "weight", "rows of X", "row", false);
        if (penaltyFactor != null) factorValues = ValuesFile.read(penaltyFactor, d.p(), "penalty factor", "features", "feature", true);
        if ((weights != null || penaltyFactor != null) && loss == LossName.group)
            throw CliException.usage("--weights and --penalty-factor do not apply to --loss group");
        MemoryPlan.check(x, d, model(), backend, method == null || method.equalsIgnoreCase("cd")
                || method.equalsIgnoreCase("spred_ws") || method.equalsIgnoreCase("spred-ws"), // the sparse engine
                Precision.parse(precision)); // a float32 engine fit keeps a float64 copy of X
        return new Loaded(d, g, cols, t.names());
    }

    /** {@code data.y()} is the first of the {@code targets} (one or more responses, named {@code targetNames}). */
    record Loaded(Dataset data, int[] groups, double[][] targets, String[] targetNames) {}

    static Dataset binaryLabels(Dataset d, Path yFile) {
        return binaryLabels(d, yFile, "");
    }

    /** {@code where} names the response column in the error (empty for a single response). */
    static Dataset binaryLabels(Dataset d, Path yFile, String where) {
        double[] y = d.y();
        boolean pm = true, zeroOne = true;
        int firstBad = -1;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) zeroOne = false;
            if (y[i] != -1 && y[i] != 1) pm = false;
            if (y[i] != 0 && y[i] != 1 && y[i] != -1 && firstBad < 0) firstBad = i;
        }
        if (zeroOne) return d;
        if (pm) {
            double[] z = new double[y.length];
            for (int i = 0; i < y.length; i++) z[i] = y[i] > 0 ? 1 : 0;
            return new Dataset(d.n(), d.p(), d.x(), d.rowPtr(), d.colIdx(), d.values(), z, d.names());
        }
        if (firstBad < 0) firstBad = 0;
        throw InputFormatException.of(yFile, "logistic loss needs labels 0/1 (or -1/+1); value " + y[firstBad] + " at row " + (firstBad + 1) + where);
    }

    /** Poisson responses: finite counts y >= 0 (non-integers allowed, as glmnet allows them); else one line naming the row. */
    static void counts(Dataset d, Path yFile) {
        double[] y = d.y();
        for (int i = 0; i < y.length; i++)
            if (!(y[i] >= 0) || Double.isInfinite(y[i]))
                throw InputFormatException.of(yFile, "poisson loss needs counts y >= 0; value " + y[i] + " at row " + (i + 1));
    }

    /** Options validated here so that a bad value is a usage error (exit 2), not a solver error. */
    FitOptions fitOptions(int[] groupIds) {
        if (!(alpha > 0 && alpha <= 1)) throw CliException.usage("--alpha must be in (0, 1], got " + alpha);
        if (!(tol > 0) || Double.isInfinite(tol)) throw CliException.usage("--tol must be > 0, got " + tol);
        if (maxIter < 1) throw CliException.usage("--max-iter must be >= 1, got " + maxIter);
        Precision p;
        Method m;
        try {
            p = Precision.parse(precision);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--precision: " + e.getMessage());
        }
        FitOptions o = FitOptions.defaults(model());
        if (method != null) {
            try {
                m = Method.valueOf(method.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--method must be cd, spred_ws, lbfgs, sgd, momentum or adam, got '" + method + "'");
            }
            if (model() == Model.POISSON && m != Method.CD && m != Method.SPRED_WS)
                throw CliException.usage("--loss poisson is solved by --method cd or spred_ws only, got '" + method + "'");
            if (model() == Model.GROUP && (m == Method.CD || m == Method.SPRED_WS))
                throw CliException.usage("--loss group is solved by lbfgs, sgd, momentum or adam, not " + method);
            o = o.withMethod(m);
        }
        o = o.withAlpha(alpha).withIntercept(!noIntercept).withStandardize(standardize)
                .withTol(tol).withMaxIter(maxIter).withPrecision(p);
        o = o.withWeights(weightValues).withPenaltyFactor(factorValues);
        return groupIds == null ? o : o.withGroups(groupIds);
    }

    Context open() {
        return openBackend(backend);
    }

    static final List<String> BACKEND_NAMES = List.of("auto", "java", "native", "opencl", "opencl-gpu", "opencl-cpu", "cuda");

    /** Opens the named backend; unknown name: exit 2; unavailable or failing device: exit 4 with the reason. */
    static void checkBackendName(String name) {
        if (!BACKEND_NAMES.contains(name.toLowerCase(Locale.ROOT)))
            throw CliException.usage("--backend must be one of " + String.join(", ", BACKEND_NAMES) + "; got '" + name + "'");
    }

    static Context openBackend(String name) {
        checkBackendName(name);
        Backend b;
        try {
            b = Backends.get(name);
        } catch (IllegalStateException e) {
            throw new CliException(ExitCode.BACKEND, e.getMessage() + " (see 'spred4j devices')", e);
        }
        try {
            return b.open();
        } catch (RuntimeException | LinkageError e) {
            throw new CliException(ExitCode.BACKEND, "backend '" + b.name() + "' failed to open: " + e.getMessage(), e);
        }
    }
}
