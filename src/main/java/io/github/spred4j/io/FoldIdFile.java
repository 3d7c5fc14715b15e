package io.github.spred4j.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Fold-id files for cross-validation, as cv.glmnet's {@code foldid}: one fold number per row of X, in row
 * order, one per line (an optional header line such as {@code foldid} or R's {@code "foldid"} is skipped; a
 * {@code .npy} from {@code numpy.save} is read too); folds are numbered 1..K with every fold non-empty and K ≥ 2. Integer-valued decimals
 * ({@code 3.0}, {@code 3.000000000000000000e+00} as numpy.savetxt writes them) are accepted; blank lines and
 * {@code #} comments are skipped.
 */
public final class FoldIdFile {
    private FoldIdFile() {
    }

    /** The fold ids (1..K, as in the file) of exactly {@code rows} rows, validated. */
    public static int[] read(Path file, int rows) throws IOException {
        if (DataLoader.detect(file) == DataLoader.Format.NPY) return fromNpy(file, rows);
        int[] ids = new int[Math.max(1, Math.min(rows, 1 << 20))];
        int k = 0;
        try (Lines.Values in = new Lines.Values(file, "fold id", Lines::isHeader)) {
            for (String line; (line = in.next()) != null; ) {
                long lineNo = in.lineNo;
                double v;
                try {
                    v = Numbers.parse(line, file, lineNo, in.column, "the fold ids");
                } catch (InputFormatException e) {
                    throw new InputFormatException(file, lineNo, in.column, "fold id '" + Numbers.abbreviate(line) + "' is not a number (one positive integer per line)");
                }
                if (v != Math.rint(v) || v < 1)
                    throw new InputFormatException(file, lineNo, in.column, "fold id " + Numbers.abbreviate(line) + " is not a positive integer (folds are numbered 1..K)");
                if (k >= rows)
                    throw new InputFormatException(file, lineNo, in.column, "more fold ids than the " + rows + " rows of X (one fold id per row)");
                // a fold number above the row count leaves some fold 1..K empty; checking here also bounds memory
                if (v > rows)
                    throw new InputFormatException(file, lineNo, in.column, "fold id " + Numbers.abbreviate(line) + " exceeds the " + rows
                            + " rows of X, so some fold 1.." + Numbers.abbreviate(line) + " would be empty");
                if (k == ids.length) ids = Arrays.copyOf(ids, Math.min(rows, k * 2));
                ids[k++] = (int) v;
            }
        }
        return validate(file, ids, k, rows);
    }

    /** A 1-D (or one-column) integer or integral-float {@code .npy} of fold ids, as {@code numpy.save(foldid)}. */
    private static int[] fromNpy(Path file, int rows) throws IOException {
        Npy.Array a = Npy.read(file);
        if (a.shape().length == 2 && a.rows() != 1 && a.cols() != 1)
            throw InputFormatException.of(file, "fold ids must be 1-D, found shape " + a.shapeString());
        double[] v = a.data();
        if (v.length != rows) throw InputFormatException.of(file, v.length + " fold ids but X has " + rows + " rows (one fold id per row)");
        int[] ids = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] != Math.rint(v[i]) || v[i] < 1 || v[i] > rows)
                throw InputFormatException.of(file, "fold id " + v[i] + " at index " + i + " is not an integer in 1.." + rows + " (folds are numbered 1..K, as cv.glmnet's foldid)");
            ids[i] = (int) v[i];
        }
        return validate(file, ids, ids.length, rows);
    }

    private static int[] validate(Path file, int[] ids, int k, int rows) {
        if (k == 0) throw InputFormatException.of(file, "empty file (expected one fold id per row of X)");
        if (k != rows) throw InputFormatException.of(file, k + " fold ids but X has " + rows + " rows (one fold id per row)");
        int folds = 0;
        for (int i = 0; i < k; i++) folds = Math.max(folds, ids[i]);
        if (folds < 2) throw InputFormatException.of(file, "every row is in fold 1; cross-validation needs at least 2 folds");
        int[] count = new int[folds + 1];
        for (int i = 0; i < k; i++) count[ids[i]]++;
        for (int f = 1; f <= folds; f++)
            if (count[f] == 0)
                throw InputFormatException.of(file, "fold " + f + " has no rows (folds must be numbered 1.." + folds
                        + " without gaps, as cv.glmnet's foldid)");
        return ids.length == k ? ids : Arrays.copyOf(ids, k);
    }

    /** Writes one fold id per line. */
    public static void write(Path file, int[] ids) throws IOException {
        AtomicFiles.writeText(file, w -> {
            for (int id : ids) w.write(id + "\n");
        });
    }
}
