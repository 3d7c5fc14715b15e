package io.github.spred4j.io;

import io.github.spred4j.data.Compressed;
import io.github.spred4j.data.CsrMatrix;
import io.github.spred4j.data.MemoryBudget;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * MatrixMarket coordinate files ({@code .mtx}), as R's {@code Matrix::writeMM} and {@code scipy.io.mmwrite} write
 * them: a banner {@code %%MatrixMarket matrix coordinate <real|integer|pattern> <general|symmetric|skew-symmetric>},
 * comment lines starting with {@code %}, a size line {@code rows cols entries}, then one {@code row col [value]}
 * line per entry, 1-based, in any order (pattern entries are 1). Symmetric files store one triangle; the other
 * is mirrored here. Read straight into coordinates, then sorted into CSR by two counting sorts: never dense.
 * Duplicate entries are an error naming both lines (the format does not define them; scipy would add them).
 */
public final class MatrixMarket {
    private MatrixMarket() {
    }

    /** Whether the file starts with the MatrixMarket banner. */
    static boolean looksLike(byte[] head) {
        String s = new String(head, 0, Math.min(head.length, 14), java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.regionMatches(true, 0, "%%MatrixMarket", 0, 14);
    }

    public static CsrMatrix read(Path file) throws IOException {
        long fileBytes = Files.size(file);
        try (BufferedReader in = Utf8.open(file)) {
            Reader r = new Reader(file, in);
            return r.read(fileBytes);
        }
    }

    private static final class Reader {
        final Path file;
        final BufferedReader in;
        long lineNo;
        final int[] span = new int[2];

        Reader(Path file, BufferedReader in) {
            this.file = file;
            this.in = in;
        }

        CsrMatrix read(long fileBytes) throws IOException {
            String banner = next();
            if (banner == null) throw InputFormatException.of(file, "empty file (expected a %%MatrixMarket banner)");
            String[] b = banner.strip().toLowerCase(Locale.ROOT).split("\\s+");
            if (b.length != 5 || !b[0].equals("%%matrixmarket") || !b[1].equals("matrix"))
                throw new InputFormatException(file, lineNo, 0, "expected '%%MatrixMarket matrix coordinate real general' (or integer/pattern, symmetric), found '"
                        + Numbers.abbreviate(banner) + "'");
            if (b[2].equals("array"))
                throw new InputFormatException(file, lineNo, 0, "dense 'array' MatrixMarket files are not read; give dense X as .npy or CSV, or write the matrix in coordinate form");
            if (!b[2].equals("coordinate")) throw new InputFormatException(file, lineNo, 0, "unknown MatrixMarket format '" + Numbers.abbreviate(b[2]) + "' (expected coordinate)");
            boolean pattern = b[3].equals("pattern");
            if (!pattern && !b[3].equals("real") && !b[3].equals("integer") && !b[3].equals("double"))
                throw new InputFormatException(file, lineNo, 0, "MatrixMarket field '" + Numbers.abbreviate(b[3]) + "' is not supported (real, integer or pattern)");
            int sym = switch (b[4]) {
                case "general" -> 0;
                case "symmetric" -> 1;
                case "skew-symmetric" -> -1;
                default -> throw new InputFormatException(file, lineNo, 0, "MatrixMarket symmetry '" + Numbers.abbreviate(b[4]) + "' is not supported (general, symmetric or skew-symmetric)");
            };
            String size;
            do {
                size = next();
            } while (size != null && (size.isBlank() || size.startsWith("%")));
            if (size == null) throw InputFormatException.of(file, "no size line (rows columns entries) after the banner");
            long[] dims = new long[3];
            int pos = 0;
            for (int t = 0; t < 3; t++) {
                pos = token(size, pos);
                if (pos < 0) throw new InputFormatException(file, lineNo, t + 1, "size line must be 'rows columns entries', found '" + Numbers.abbreviate(size) + "'");
                dims[t] = integer(size, t + 1, t < 2 ? Integer.MAX_VALUE : Long.MAX_VALUE, "the " + (t == 0 ? "row count" : t == 1 ? "column count" : "entry count"));
            }
            if (token(size, pos) >= 0) throw new InputFormatException(file, lineNo, 4, "size line has more than 3 numbers (a dense 'array' file?)");
            int rows = (int) dims[0], cols = (int) dims[1];
            long entries = dims[2];
            if (sym != 0 && rows != cols) throw new InputFormatException(file, lineNo, 0, "a " + b[4] + " matrix must be square, the size line says " + rows + "x" + cols);
            if (entries > (long) rows * cols) throw new InputFormatException(file, lineNo, 3, entries + " entries cannot fit a " + rows + "x" + cols + " matrix");
            // Each entry takes at least 4 bytes ("1 1\n"): a header that promises more than the file can hold lies.
            if (entries > fileBytes / 4) throw new InputFormatException(file, lineNo, 3, "the size line promises " + entries
                    + " entries but the file has only " + fileBytes + " bytes (truncated file or lying header)");
            long stored = sym == 0 ? entries : 2 * entries;
            if (stored > MemoryBudget.MAX_ARRAY)
                throw new InputFormatException(file, lineNo, 3, stored + " nonzeros: a host array holds at most 2^31-9 elements");
            String need = MemoryBudget.shortfall(2 * CsrMatrix.bytes(rows, stored), "reading " + rows + "x" + cols + " with " + stored + " nonzeros");
            if (need != null) throw InputFormatException.of(file, need);

            int[] ri = new int[(int) stored], ci = new int[(int) stored];
            double[] v = new double[(int) stored];
            int count = 0;
            long seen = 0;
            String line;
            while ((line = next()) != null) {
                if (line.startsWith("%")) continue;
                int p = token(line, 0);
                if (p < 0) continue; // blank
                if (seen == entries)
                    throw new InputFormatException(file, lineNo, 1, "more entries than the " + entries + " the size line promises");
                seen++;
                int i = (int) integer(line, 1, rows, "the row index");
                p = token(line, p);
                if (p < 0) throw new InputFormatException(file, lineNo, 2, "expected 'row column" + (pattern ? "'" : " value'") + ", found '" + Numbers.abbreviate(line) + "'");
                int j = (int) integer(line, 2, cols, "the column index");
                double x = 1;
                if (!pattern) {
                    p = token(line, p);
                    if (p < 0) throw new InputFormatException(file, lineNo, 3, "missing value (the banner says " + b[3] + ")");
                    x = Numbers.parse(line, span[0], span[1], file, lineNo, 3, "the value");
                }
                if (token(line, p) >= 0) throw new InputFormatException(file, lineNo, pattern ? 3 : 4, "extra field after the entry '" + Numbers.abbreviate(line) + "'");
                if (sym == -1 && i == j) throw new InputFormatException(file, lineNo, 1, "a skew-symmetric matrix has no diagonal entries, found (" + i + ", " + j + ")");
                ri[count] = i - 1;
                ci[count] = j - 1;
                v[count++] = x;
                if (sym != 0 && i != j) {
                    ri[count] = j - 1;
                    ci[count] = i - 1;
                    v[count++] = sym * x;
                }
            }
            if (seen < entries)
                throw InputFormatException.of(file, "truncated: the size line promises " + entries + " entries, the file has " + seen);
            long[] cp = new long[cols + 1];
            int[] rowOfCol = new int[count];
            double[] cv = new double[count];
            Compressed.scatter(cols, ri, ci, v, count, cp, rowOfCol, cv);
            ri = ci = null;
            v = null;
            long[] rp = new long[rows + 1];
            int[] colIdx = new int[count];
            double[] vals = new double[count];
            Compressed.transpose(cols, rows, cp, rowOfCol, cv, rp, colIdx, vals);
            long dup = Compressed.firstDuplicate(rows, rp, colIdx);
            if (dup >= 0) throw duplicate(Compressed.majorOf(rp, dup) + 1, colIdx[(int) dup] + 1, sym != 0);
            return new CsrMatrix(rows, cols, rp, colIdx, vals);
        }

        /** Reads the file again to name the lines of a duplicate entry (error path only). */
        private InputFormatException duplicate(int i, int j, boolean symmetric) throws IOException {
            long first = 0, second = 0, no = 0;
            try (BufferedReader again = Utf8.open(file)) {
                String line;
                boolean header = true;
                while ((line = again.readLine()) != null && second == 0) {
                    no++;
                    // Tokens as the first pass saw them (token() splits on Character.isWhitespace, which a regex \\s
                    // does not match in full): the entries already parsed there, so these parse too.
                    if (line.startsWith("%") || token(line, 0) < 0) continue;
                    if (header) {
                        header = false;
                        continue;
                    }
                    int p = token(line, 0);
                    long a = Long.parseLong(line.substring(span[0], span[1]));
                    token(line, p);
                    long c = Long.parseLong(line.substring(span[0], span[1]));
                    if ((a == i && c == j) || (symmetric && a == j && c == i)) {
                        if (first == 0) first = no;
                        else second = no;
                    }
                }
            }
            return new InputFormatException(file, second, 0, "duplicate entry (" + i + ", " + j + ")" + (first > 0 ? ", first on line " + first : "")
                    + (symmetric ? " (a symmetric file stores each off-diagonal pair once)" : ""));
        }

        private String next() throws IOException {
            try {
                String s = in.readLine();
                if (s != null) lineNo++;
                return s;
            } catch (CharacterCodingException e) {
                throw Utf8.malformed(file, lineNo + 1, e);
            }
        }

        /** Finds the next whitespace-separated token at or after {@code pos}: its bounds in span, returns its end, or -1. */
        private int token(String s, int pos) {
            int n = s.length();
            while (pos < n && Character.isWhitespace(s.charAt(pos))) pos++;
            if (pos >= n) return -1;
            int start = pos;
            while (pos < n && !Character.isWhitespace(s.charAt(pos))) pos++;
            span[0] = start;
            span[1] = pos;
            return pos;
        }

        /** The token in span as an integer in [1, max] (0 allowed for the counts). */
        private long integer(String s, int col, long max, String what) {
            String t = s.substring(span[0], span[1]);
            long v;
            try {
                v = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new InputFormatException(file, lineNo, col, what + " '" + Numbers.abbreviate(t) + "' is not an integer");
            }
            boolean count = what.endsWith("count");
            if (v < (count ? 0 : 1) || v > max)
                throw new InputFormatException(file, lineNo, col, what + " " + v + " is out of range [" + (count ? 0 : 1) + ", " + max + "]"
                        + (count ? "" : " (indices are 1-based)"));
            return v;
        }
    }
}
