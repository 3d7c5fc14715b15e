package io.github.spred4j.io;

import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Loads a design matrix and response for the solvers from the formats the command line accepts:
 * <ul>
 *   <li>NumPy {@code .npy}: X 2-D, y 1-D (or one row / one column) in a separate file;</li>
 *   <li>CSV with a header: {@code target} names the response column, the other columns are the features
 *       (named from the header); or y in a separate file;</li>
 *   <li>LibSVM/svmlight ({@code .svm .libsvm .svmlight}): sparse X with the labels as y;</li>
 *   <li>SciPy sparse {@code .npz} ({@code scipy.sparse.save_npz}: csr, csc or coo) and MatrixMarket {@code .mtx}
 *       (coordinate; {@code Matrix::writeMM}, {@code scipy.io.mmwrite}): sparse X, y in a separate file.</li>
 * </ul>
 * Sparse inputs stay sparse (CSR); they are never densified here.
 * Other extensions are recognised from the content. A y file may be {@code .npy}, a CSV with a header (one
 * column, or the {@code target} column) or plain text with one number per line.
 */
public final class DataLoader {
    public enum Format { NPY, CSV, LIBSVM, NPZ, MTX }

    private DataLoader() {
    }

    /** The format from the extension, or from the first bytes when the extension says nothing. */
    public static Format detect(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) return Format.NPY;
        if (name.endsWith(".csv")) return Format.CSV;
        if (name.endsWith(".svm") || name.endsWith(".libsvm") || name.endsWith(".svmlight")) return Format.LIBSVM;
        if (name.endsWith(".npz")) return Format.NPZ;
        if (name.endsWith(".mtx")) return Format.MTX;
        byte[] head;
        InputFormatException.requireNotDirectory(file);
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(4096);
        } catch (NoSuchFileException e) {
            throw InputFormatException.of(file, "no such file");
        }
        if (head.length >= 6 && (head[0] & 0xff) == 0x93 && head[1] == 'N' && head[2] == 'U') return Format.NPY;
        if (Npz.looksLike(head)) return Format.NPZ;
        if (MatrixMarket.looksLike(head)) return Format.MTX;
        Utf8.requireUncompressed(file, head);   // X.csv.gz, train.svm.gz: one line saying so, not a CSV error
        String s = new String(head, StandardCharsets.UTF_8);
        String first = "";
        for (String l : s.split("\n")) {
            String t = l.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                first = t;
                break;
            }
        }
        // svmlight: a label (multilabel files: "0,2"), then index:value pairs; a CSV record has commas between them
        if (first.matches("\\s*\\S+(\\s+[^\\s,:]+:[^\\s,]+)+\\s*(#.*)?")) return Format.LIBSVM;
        return Format.CSV;
    }

    /**
     * X and y for fitting. {@code yFile} may be null when {@code target} names a CSV column or X is LibSVM.
     * Shapes are checked: y must have one value per row of X.
     */
    public static Dataset load(Path xFile, Path yFile, String target) throws IOException {
        return load(xFile, yFile, target, Set.of());
    }

    /** As {@link #load(Path, Path, String)}, leaving out the CSV columns named in {@code drop} (IDs, text, unwanted features). */
    public static Dataset load(Path xFile, Path yFile, String target, Set<String> drop) throws IOException {
        Format f = detect(xFile);
        if (!drop.isEmpty() && f != Format.CSV)
            throw InputFormatException.of(xFile, "--drop applies to CSV input (named columns); this file is " + f.name().toLowerCase(Locale.ROOT));
        switch (f) {
            case LIBSVM: {
                if (target != null) throw InputFormatException.of(xFile, "--target applies to CSV input; a LibSVM file carries its labels first on each line");
                Dataset d = LibSvm.read(xFile, 0);
                if (yFile != null) return withY(d, readY(yFile, null), xFile, yFile);
                return d;
            }
            case NPZ:
            case MTX: {
                if (target != null) throw InputFormatException.of(xFile, "--target applies to CSV input; with sparse X give y in its own file (--y)");
                CsrMatrix x = f == Format.NPZ ? Npz.read(xFile) : MatrixMarket.read(xFile);
                Dataset d = Dataset.sparse(x.rows(), x.cols(), x.intRowPtr(), x.colIdx(), x.values(), null, null);
                if (yFile == null) return d;
                return withY(d, readY(yFile, null), xFile, yFile);
            }
            case CSV: {
                Csv.Table t = Csv.read(xFile, name -> false, drop);
                if (target != null) {
                    int j = t.column(target);
                    if (j < 0)
                        throw new InputFormatException(xFile, 1, 0, "no column '" + target + "' in the header (columns: " + String.join(", ", abbreviated(t.names())) + ")");
                    if (t.cols() < 2) throw InputFormatException.of(xFile, "only the target column; no feature columns");
                    if (yFile != null) throw InputFormatException.of(xFile, "both --target and --y given: choose one source for y");
                    return Dataset.dense(t.rows(), t.cols() - 1, t.without(j), t.columnValues(j), t.namesWithout(j));
                }
                Dataset d = Dataset.dense(t.rows(), t.cols(), t.data(), null, t.names());
                if (yFile == null) return d;
                return withY(d, readY(yFile, null), xFile, yFile);
            }
            default: {
                if (target != null) throw InputFormatException.of(xFile, "--target applies to CSV input; with .npy give y in its own file (--y)");
                Npy.Array a = Npy.read(xFile);
                if (a.shape().length != 2)
                    throw InputFormatException.of(xFile, "X must be a 2-D array (rows = samples), found shape " + a.shapeString());
                checkFinite(xFile, a.data(), a.cols());
                Dataset d = Dataset.dense(a.rows(), a.cols(), a.data(), null, null);
                if (yFile == null) return d;
                return withY(d, readY(yFile, null), xFile, yFile);
            }
        }
    }

    private static String[] abbreviated(String[] names) {
        if (names.length <= 12) return names;
        String[] s = Arrays.copyOf(names, 13);
        s[12] = "... " + (names.length - 12) + " more";
        return s;
    }

    private static Dataset withY(Dataset d, double[] y, Path xFile, Path yFile) {
        if (y.length != d.n())
            throw InputFormatException.of(yFile, "y has " + y.length + " values but X (" + xFile + ") has " + d.n() + " rows");
        return new Dataset(d.n(), d.p(), d.x(), d.rowPtr(), d.colIdx(), d.values(), y, d.names());
    }

    /** A response vector from .npy, CSV (one column or the {@code target} column) or one number per line. */
    public static double[] readY(Path file, String target) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        Format f = name.endsWith(".npy") ? Format.NPY : name.endsWith(".csv") ? Format.CSV : null;
        if (f == null && detect(file) == Format.NPY) f = Format.NPY;
        if (f == Format.NPY) {
            Npy.Array a = Npy.read(file);
            if (a.shape().length == 2 && a.rows() != 1 && a.cols() != 1)
                throw InputFormatException.of(file, "y must be 1-D (or a single row/column), found shape " + a.shapeString());
            checkFinite(file, a.data(), 1);
            return a.data();
        }
        if (f == Format.CSV) {
            Csv.Table t = Csv.read(file);
            int j;
            if (target != null) {
                j = t.column(target);
                if (j < 0) throw new InputFormatException(file, 1, 0, "no column '" + target + "' in the header");
            } else if (t.cols() == 1) {
                j = 0;
            } else {
                throw InputFormatException.of(file, "y file has " + t.cols() + " columns; expected one (or name it with --target)");
            }
            return t.columnValues(j);
        }
        return readText(file, false).columnValues(0);
    }

    /**
     * One response value per line (the plain-text y file). With {@code labels} (a binomial response) the lines may
     * instead hold two text labels, as R writes a factor or character vector ({@code writeLines(as.character(f))},
     * {@code write.table(f)}): read as 0/1 in R's level order and recorded in the table's levels, as for a CSV column.
     */
    static Csv.Table readText(Path file, boolean labels) throws IOException {
        List<String> cells = new ArrayList<>();   // label files only: numbers are parsed as they come (long y files)
        List<long[]> at = new ArrayList<>();      // line, column of each cell
        double[] y = new double[1024];
        int k = 0;
        // one value per line; a header word (y, R's "x") and R's or pandas' row names (write.table(y, f)) skipped
        try (Lines.Values in = new Lines.Values(file, "response value", Lines::isHeader)) {
            for (String line; (line = in.next()) != null; ) {
                if (labels) {
                    cells.add(line);
                    at.add(new long[]{in.lineNo, in.column});
                } else {
                    if (k == y.length) y = Arrays.copyOf(y, k * 2);
                    y[k++] = number(line, file, in.lineNo, in.column);
                }
            }
            // writeLines(as.character(f)) has no header: a first "header" that is one of the labels was a label
            if (labels && in.skippedHeader != null && cells.contains(in.skippedHeader)) {
                cells.add(0, in.skippedHeader);
                at.add(0, new long[]{in.headerLine, 1});
            }
        }
        if (k == 0 && cells.isEmpty()) throw InputFormatException.of(file, "empty file (expected one number per line)");
        if (labels) return response(file, cells, at);
        return new Csv.Table(new String[]{"y"}, k, Arrays.copyOf(y, k));
    }

    /** A response value; a text cell says that text labels need the logistic loss. */
    private static double number(String c, Path file, long line, long column) {
        if (Labels.isText(c))
            throw new InputFormatException(file, line, column, "non-numeric cell \"" + Numbers.abbreviate(c.strip())
                    + "\": the response must be numbers (a response of two text labels needs --loss logistic)");
        return Numbers.parse(c, file, line, column, null);
    }

    /**
     * A binomial response from its cells (at: line and column of each, for errors): 0/1 (or -1/+1) numbers, or two
     * text labels read as 0/1 in R's level order (recorded in the table's levels).
     */
    static Csv.Table response(Path file, List<String> cells, List<long[]> at) {
        int n = cells.size();
        double[] y = new double[n];
        Labels text = new Labels("y");
        for (int i = 0; i < n; i++) {
            String c = cells.get(i);
            long[] w = at.get(i);
            y[i] = Labels.isText(c) ? text.add(c.strip(), i, w[0], w[1]) : Numbers.parse(c, file, w[0], w[1], null);
        }
        return new Csv.Table(new String[]{"y"}, n, y, new String[][]{text.toZeroOne(file, y, 1, 0, n)});
    }

    /** NaN/Inf in binary input: name the (row, column), 1-based. */
    static void checkFinite(Path file, double[] v, int cols) {
        for (int k = 0; k < v.length; k++)
            if (!Double.isFinite(v[k]))
                throw InputFormatException.of(file, "non-finite value " + v[k] + " at row " + (k / cols + 1) + ", column " + (k % cols + 1) + " (NaN/Inf are not allowed)");
    }
}
