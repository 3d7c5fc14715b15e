package io.github.spred4j.io;

import io.github.spred4j.data.Dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * X with one or several response columns (one model per column), for {@code fit} and {@code path}:
 * <ul>
 *   <li>{@code --y Y.npy} of shape n×k (k ≥ 1; names y1..yk, or y for one column);</li>
 *   <li>{@code --y Y.csv} with a header and k columns (named from the header);</li>
 *   <li>{@code --target a,b,c} with CSV X: those columns are the responses, the others the features.</li>
 * </ul>
 * Anything else is loaded as one response by {@link DataLoader#load}. {@code data.y()} is the first column.
 *
 * @param columns k responses, each of length n
 * @param names   k response names
 * @param levels  per response: null, or the two text labels read as 0 and 1 ({@link #load(Path, Path, String, boolean)})
 */
public record Targets(Dataset data, double[][] columns, String[] names, String[][] levels) {
    public Targets(Dataset data, double[][] columns, String[] names) {
        this(data, columns, names, new String[columns.length][]);
    }

    public int count() {
        return columns.length;
    }

    /** The data with response t. */
    public Dataset column(int t) {
        Dataset d = data;
        return new Dataset(d.n(), d.p(), d.x(), d.rowPtr(), d.colIdx(), d.values(), columns[t], d.names());
    }

    public static Targets load(Path xFile, Path yFile, String target) throws IOException {
        return load(xFile, yFile, target, false);
    }

    /**
     * As {@link #load(Path, Path, String)}; with {@code labels} (a binomial response) a {@code --target} column of CSV X
     * may hold two text labels (R's factor or character column), read as 0/1 in R's level order ({@link Csv#read(Path,
     * java.util.function.Predicate)}).
     */
    public static Targets load(Path xFile, Path yFile, String target, boolean labels) throws IOException {
        return load(xFile, yFile, target, labels, Set.of());
    }

    /** As {@link #load(Path, Path, String, boolean)}, leaving out the CSV columns named in {@code drop}. */
    public static Targets load(Path xFile, Path yFile, String target, boolean labels, Set<String> drop) throws IOException {
        if (target != null && (target.indexOf(',') >= 0 || labels && DataLoader.detect(xFile) == DataLoader.Format.CSV))
            return fromCsvColumns(xFile, yFile, target, labels, drop);
        if (yFile != null && target == null) {
            double[][] cols = null;
            String[] names = null;
            DataLoader.Format f = DataLoader.detect(yFile);
            if (f == DataLoader.Format.NPY) {
                Npy.Array a = Npy.read(yFile, labels);
                if (a.text() != null) {   // np.save(f, labels): numpy's '<U…' strings
                    List<long[]> at = new ArrayList<>();
                    for (int i = 0; i < a.text().length; i++) at.add(new long[]{0, 0});
                    Csv.Table t = DataLoader.response(yFile, List.of(a.text()), at);
                    Dataset x = DataLoader.load(xFile, null, null, drop);
                    if (t.rows() != x.n())
                        throw InputFormatException.of(yFile, "y has " + t.rows() + " values but X (" + xFile + ") has " + x.n() + " rows");
                    return new Targets(with(x, t.columnValues(0)), new double[][]{t.columnValues(0)}, t.names(), t.levels());
                }
                if (a.shape().length == 2 && a.rows() > 1 && a.cols() > 1) {
                    DataLoader.checkFinite(yFile, a.data(), a.cols());
                    cols = new double[a.cols()][a.rows()];
                    names = new String[a.cols()];
                    for (int t = 0; t < a.cols(); t++) {
                        names[t] = "y" + (t + 1);
                        for (int i = 0; i < a.rows(); i++) cols[t][i] = a.data()[i * a.cols() + t];
                    }
                }
            } else if (f == DataLoader.Format.CSV) {
                // write.csv(data.frame(y = factor)), writeLines(as.character(f)), write.table(f): two text labels
                Csv.Table t = yFile.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? Csv.read(yFile, name -> labels)
                        : labels ? DataLoader.readText(yFile, true) : null;
                if (t == null) {
                    // one number per line: DataLoader.load below
                } else if (t.cols() == 1 && t.levels()[0] != null) {
                    Dataset x = DataLoader.load(xFile, null, null, drop);
                    if (t.rows() != x.n())
                        throw InputFormatException.of(yFile, "y has " + t.rows() + " values but X (" + xFile + ") has " + x.n() + " rows");
                    double[] y0 = t.columnValues(0);
                    return new Targets(with(x, y0), new double[][]{y0}, t.names(), t.levels());
                } else if (t.cols() > 1) {
                    cols = new double[t.cols()][];
                    for (int j = 0; j < t.cols(); j++) cols[j] = t.columnValues(j);
                    names = t.names();
                }
            }
            if (cols != null) {
                Dataset x = DataLoader.load(xFile, null, null, drop);
                if (cols[0].length != x.n())
                    throw InputFormatException.of(yFile, "y has " + cols[0].length + " rows (" + cols.length + " columns) but X ("
                            + xFile + ") has " + x.n() + " rows");
                return new Targets(with(x, cols[0]), cols, names);
            }
        }
        Dataset d = DataLoader.load(xFile, yFile, target, drop);
        return new Targets(d, d.y() == null ? new double[0][] : new double[][]{d.y()}, new String[]{target != null ? target : "y"});
    }

    private static Targets fromCsvColumns(Path xFile, Path yFile, String spec, boolean labels, Set<String> drop) throws IOException {
        if (DataLoader.detect(xFile) != DataLoader.Format.CSV)
            throw InputFormatException.of(xFile, "--target with several columns applies to CSV input; with .npy give an n x k array with --y");
        if (yFile != null) throw InputFormatException.of(xFile, "both --target and --y given: choose one source for y");
        String[] want = spec.split(",", -1);
        Set<String> wanted = new HashSet<>();
        for (String w : want) wanted.add(w.strip());
        Csv.Table t = Csv.read(xFile, name -> labels && wanted.contains(name), drop);
        Set<String> seen = new HashSet<>();
        int[] idx = new int[want.length];
        boolean[] isTarget = new boolean[t.cols()];
        for (int a = 0; a < want.length; a++) {
            String w = want[a].strip();
            if (w.isEmpty()) throw InputFormatException.of(xFile, "--target '" + Numbers.abbreviate(spec) + "' has an empty column name");
            if (!seen.add(w)) throw InputFormatException.of(xFile, "--target names column '" + Numbers.abbreviate(w) + "' twice");
            idx[a] = t.column(w);
            if (idx[a] < 0)
                throw new InputFormatException(xFile, 1, 0, "no column '" + Numbers.abbreviate(w) + "' in the header (--target " + Numbers.abbreviate(spec) + ")");
            if (want.length == 1 && t.cols() < 2) throw InputFormatException.of(xFile, "only the target column; no feature columns");
            isTarget[idx[a]] = true;
            want[a] = w;
        }
        int p = t.cols() - want.length;
        if (p < 1) throw InputFormatException.of(xFile, "every column is a target; no feature columns left");
        int n = t.rows();
        double[] x = new double[n * p];
        String[] names = new String[p];
        int q = 0;
        for (int j = 0; j < t.cols(); j++) if (!isTarget[j]) names[q++] = t.names()[j];
        for (int i = 0; i < n; i++) {
            q = 0;
            for (int j = 0; j < t.cols(); j++) if (!isTarget[j]) x[i * p + q++] = t.data()[i * t.cols() + j];
        }
        double[][] cols = new double[want.length][];
        String[][] levels = new String[want.length][];
        for (int a = 0; a < want.length; a++) {
            cols[a] = t.columnValues(idx[a]);
            levels[a] = t.levels()[idx[a]];
        }
        return new Targets(Dataset.dense(n, p, x, cols[0], names), cols, want, levels);
    }

    private static Dataset with(Dataset d, double[] y) {
        return new Dataset(d.n(), d.p(), d.x(), d.rowPtr(), d.colIdx(), d.values(), y, d.names());
    }
}
