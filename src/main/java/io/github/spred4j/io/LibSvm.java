package io.github.spred4j.io;

import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.Dataset;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Path;

/**
 * LibSVM / svmlight sparse text: one sample per line, {@code label index:value index:value ...}, indices
 * strictly increasing within a line and 1-based (LIBSVM, svmlight), or 0-based when any index is 0 or a comment
 * says "zero-based" (scikit-learn's {@code dump_svmlight_file} writes 0-based indices by default; this is its
 * {@code load_svmlight_file(zero_based="auto")} rule); {@code qid:N} tokens are skipped, {@code #} starts a comment,
 * blank lines are skipped. Column = 1-based token number in error messages.
 *
 * <p>Streamed straight into CSR: each line is scanned in place (no token arrays, no per-row objects) and its
 * entries appended to growable primitive arrays ({@link CsrBuilder}); X is never densified.
 */
public final class LibSvm {
    private LibSvm() {
    }

    /** A LibSVM file as read: X in CSR and one label per row. */
    public record Labeled(CsrMatrix x, double[] y) {
    }

    /**
     * Reads the file into a CSR {@link Dataset} with y = labels. The number of features is the largest index
     * seen, or {@code features} when that is positive (an index beyond it is then an error).
     */
    public static Dataset read(Path file, int features) throws IOException {
        Labeled l = readCsr(file, features);
        CsrMatrix x = l.x();
        return Dataset.sparse(x.rows(), x.cols(), x.intRowPtr(), x.colIdx(), x.values(), l.y(), null);
    }

    /** As {@link #read}, keeping the int64 row offsets of {@link CsrMatrix}. */
    public static Labeled readCsr(Path file, int features) throws IOException {
        CsrBuilder b = new CsrBuilder(file);
        int maxIdx = -1;
        boolean zeroBased = false;
        long maxLine = 0, maxTok = 0;
        long lineNo = 0;
        try (BufferedReader in = Utf8.open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                int end = line.indexOf('#');
                if (end < 0) end = line.length();
                else if (line.toLowerCase(java.util.Locale.ROOT).contains("zero-based")) zeroBased = true;
                int pos = 0, tok = 0, last = -1;
                double label = 0;
                while (true) {
                    while (pos < end && Character.isWhitespace(line.charAt(pos))) pos++;
                    if (pos >= end) break;
                    int start = pos;
                    int colon = -1;
                    while (pos < end && !Character.isWhitespace(line.charAt(pos))) {
                        if (colon < 0 && line.charAt(pos) == ':') colon = pos;
                        pos++;
                    }
                    tok++;
                    if (tok == 1) {
                        if (colon >= 0)
                            throw new InputFormatException(file, lineNo, 1, "line starts with '" + Numbers.abbreviate(line.substring(start, pos))
                                    + "', expected a label before the index:value pairs");
                        if (line.indexOf(',', start) >= 0 && line.indexOf(',', start) < pos)
                            throw new InputFormatException(file, lineNo, 1, "multilabel svmlight labels '" + Numbers.abbreviate(line.substring(start, pos))
                                    + "' (dump_svmlight_file(multilabel=True)): one response per row is supported; write one file per label");
                        label = Numbers.parse(line, start, pos, file, lineNo, 1, "the label");
                        continue;
                    }
                    if (colon <= start || colon == pos - 1)
                        throw new InputFormatException(file, lineNo, tok, "expected index:value, found '" + Numbers.abbreviate(line.substring(start, pos)) + "'");
                    if (colon - start == 3 && line.startsWith("qid", start)) continue;
                    int idx = index(line, start, colon, file, lineNo, tok);
                    if (idx < 0)
                        throw new InputFormatException(file, lineNo, tok, "negative feature index " + idx + " (indices are 1-based, or 0-based as scikit-learn writes them)");
                    if (idx == 0) zeroBased = true;
                    if (idx <= last)
                        throw new InputFormatException(file, lineNo, tok, "feature index " + idx + " after " + last + " (indices must be strictly increasing within a line)");
                    double v = Numbers.parse(line, colon + 1, pos, file, lineNo, tok, "feature " + idx);
                    last = idx;
                    b.add(idx, v, lineNo);    // the raw index; shifted to 0-based once the whole file is seen
                    if (idx > maxIdx) {
                        maxIdx = idx;
                        maxLine = lineNo;
                        maxTok = tok;
                    }
                }
                if (tok > 0) b.endRow(label, lineNo);
            }
        } catch (CharacterCodingException e) {
            throw Utf8.malformed(file, lineNo + 1, e);
        }
        if (b.rows == 0) throw InputFormatException.of(file, "empty file (no samples)");
        if (maxIdx < 0) throw InputFormatException.of(file, "no features: every line has a label only");
        if (!zeroBased) {
            for (int k = 0; k < b.nnz; k++) b.col[k]--;
        }
        int seen = zeroBased ? maxIdx + 1 : maxIdx;
        if (features > 0 && seen > features)
            throw new InputFormatException(file, maxLine, maxTok, "feature index " + maxIdx + " exceeds the " + features + " features expected"
                    + (zeroBased ? " (indices read as 0-based: the file has an index 0)" : " (indices read as 1-based)"));
        int p = features > 0 ? features : seen;
        return new Labeled(b.matrix(p), b.labels());
    }

    /** A feature index: optional sign and decimal digits that fit an int, else "not an integer". */
    private static int index(String s, int from, int to, Path file, long line, int tok) {
        int i = from;
        boolean neg = false;
        if (s.charAt(i) == '+' || s.charAt(i) == '-') neg = s.charAt(i++) == '-';
        long v = 0;
        boolean ok = i < to;
        for (; i < to && ok; i++) {
            char c = s.charAt(i);
            ok = c >= '0' && c <= '9';
            v = v * 10 + (c - '0');
            if (v > Integer.MAX_VALUE) ok = false;
        }
        if (!ok) throw new InputFormatException(file, line, tok, "feature index '" + Numbers.abbreviate(s.substring(from, to)) + "' is not an integer");
        return (int) (neg ? -v : v);
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
