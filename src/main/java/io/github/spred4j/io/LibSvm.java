package io.github.spred4j.io;

import io.github.spred4j.data.Dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * LibSVM / svmlight sparse text: one sample per line, {@code label index:value index:value ...}, indices
 * 1-based and strictly increasing within a line; {@code qid:N} tokens are skipped, {@code #} starts a comment,
 * blank lines are skipped. Column = 1-based token number in error messages.
 */
public final class LibSvm {
    private LibSvm() {
    }

    /**
     * Reads the file into a CSR {@link Dataset} with y = labels. The number of features is the largest index
     * seen, or {@code features} when that is positive (an index beyond it is then an error).
     */
    public static Dataset read(Path file, int features) throws IOException {
        int[] rowPtr = new int[1024];
        int[] col = new int[4096];
        double[] val = new double[4096];
        double[] y = new double[1024];
        int n = 0, nnz = 0, maxIdx = 0;
        long lineNo = 0;
        try (BufferedReader in = Utf8.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                int hash = line.indexOf('#');
                if (hash >= 0) line = line.substring(0, hash);
                line = line.strip();
                if (line.isEmpty()) continue;
                String[] tok = line.split("\\s+");
                if (n + 2 > rowPtr.length) {
                    rowPtr = Arrays.copyOf(rowPtr, rowPtr.length * 2);
                    y = Arrays.copyOf(y, y.length * 2);
                }
                String lab = tok[0];
                if (lab.indexOf(':') >= 0)
                    throw new InputFormatException(file, lineNo, 1, "line starts with '" + Numbers.abbreviate(lab) + "', expected a label before the index:value pairs");
                y[n] = Numbers.parse(lab, file, lineNo, 1, "the label");
                int last = 0;
                for (int t = 1; t < tok.length; t++) {
                    String s = tok[t];
                    int colon = s.indexOf(':');
                    if (colon <= 0 || colon == s.length() - 1)
                        throw new InputFormatException(file, lineNo, t + 1, "expected index:value, found '" + Numbers.abbreviate(s) + "'");
                    String is = s.substring(0, colon);
                    if (is.equals("qid")) continue;
                    int idx;
                    try {
                        idx = Integer.parseInt(is);
                    } catch (NumberFormatException e) {
                        throw new InputFormatException(file, lineNo, t + 1, "feature index '" + Numbers.abbreviate(is) + "' is not an integer");
                    }
                    if (idx <= 0)
                        throw new InputFormatException(file, lineNo, t + 1, "feature index " + idx + " (indices are 1-based: the first feature is 1)");
                    if (idx <= last)
                        throw new InputFormatException(file, lineNo, t + 1, "feature index " + idx + " after " + last + " (indices must be strictly increasing within a line)");
                    if (features > 0 && idx > features)
                        throw new InputFormatException(file, lineNo, t + 1, "feature index " + idx + " exceeds the " + features + " features expected");
                    double v = Numbers.parse(s.substring(colon + 1), file, lineNo, t + 1, "feature " + idx);
                    last = idx;
                    if (nnz == col.length) {
                        col = Arrays.copyOf(col, col.length * 2);
                        val = Arrays.copyOf(val, val.length * 2);
                    }
                    col[nnz] = idx - 1;
                    val[nnz] = v;
                    nnz++;
                    maxIdx = Math.max(maxIdx, idx);
                }
                n++;
                rowPtr[n] = nnz;
            }
        } catch (CharacterCodingException e) {
            throw Utf8.malformed(file, lineNo + 1, e);
        }
        if (n == 0) throw InputFormatException.of(file, "empty file (no samples)");
        int p = features > 0 ? features : maxIdx;
        if (p == 0) throw InputFormatException.of(file, "no features: every line has a label only");
        return Dataset.sparse(n, p, Arrays.copyOf(rowPtr, n + 1), Arrays.copyOf(col, nnz), Arrays.copyOf(val, nnz), Arrays.copyOf(y, n), null);
    }

    /** Writes a dense (row-major) or CSR data set with its labels, skipping exact zeros, atomically. */
    public static void write(Path file, Dataset d) throws IOException {
        if (d.y() == null || d.y().length != d.n()) throw new IllegalArgumentException("LibSVM needs one label per row");
        AtomicFiles.writeText(file, w -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < d.n(); i++) {
                sb.setLength(0);
                sb.append(Numbers.format(d.y()[i]));
                if (d.isSparse()) {
                    for (int k = d.rowPtr()[i]; k < d.rowPtr()[i + 1]; k++)
                        if (d.values()[k] != 0) sb.append(' ').append(d.colIdx()[k] + 1).append(':').append(Numbers.format(d.values()[k]));
                } else {
                    for (int j = 0; j < d.p(); j++) {
                        double v = d.x()[i * d.p() + j];
                        if (v != 0) sb.append(' ').append(j + 1).append(':').append(Numbers.format(v));
                    }
                }
                w.write(sb.append('\n').toString());
            }
        });
    }
}
